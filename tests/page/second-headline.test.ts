// A second headline (a # heading in the body of a manuscript whose front matter has `headline:`) is
// an error the copy desk reports (headline-count), but the draft still prints it. It printed at the
// browser's 2 em on the body's line height: its two lines in one column overlapped (18 pt glyphs
// on baselines 12 pt apart). It is now set as a 小标题 (templates/newspaper/page.css).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-second-headline-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a second headline in the body', () => {
  it('is reported, and its lines do not print over each other', async () => {
    const r = runCli(['build:pdf', path.join(ROOT, 'tests/page/fixtures/second-headline'), '--out', out, '--no-preview']);
    expect(r.stderr).toMatch(/13:1-13:20\s+error\s+A second headline.*headline-count/);
    const { doc } = await openPdf(path.join(out, 'second-headline/page.pdf'));
    const items = (await textItems(doc)).filter((i) => i.str.trim());
    const heading = '第二个一级标题很长会在栏里折成两行';
    // the heading's characters, by baseline: it wraps in its column
    const head = items.filter((i) => [...i.str].every((c) => heading.includes(c)) && i.size > 9.5 && i.size < 40);
    const baselines = [...new Set(head.map((i) => i.y.toFixed(1)))].map(Number).sort((a, b) => b - a);
    expect(baselines.length).toBeGreaterThanOrEqual(2);
    expect(head.map((i) => i.str).join('')).toBe(heading);
    const size = Math.max(...head.map((i) => i.size));
    for (let k = 1; k < baselines.length; k++) expect(baselines[k - 1] - baselines[k]).toBeGreaterThanOrEqual(size);
    await doc.destroy();
  });
});
