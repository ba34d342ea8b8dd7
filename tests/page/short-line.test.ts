// A line in a paragraph's middle that justification cannot fill (tests/page/fixtures/short-line):
// “……以及英文单词 Pneumonoultramicroscopicsilicovolcanoconiosis” set “词” alone on its line, twelve
// ems of the column empty after it, as the long word went on to the next line; with one character
// there is nothing to spread, so the line measured 0 em loose and nothing said so. Such a line is
// now reported at its paragraph (page-loose-line, 'Short line'); a line a <br> ends is not.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/short-line');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-short-line-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a line a long word leaves nearly empty', () => {
  it('is reported at its paragraph, and a line ended by a line break is not', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--layout', 'tabloid-5col', '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    // the page prints “词” alone on a line: the hole the finding names
    const { doc } = await openPdf(path.join(tmp, 'short-line', 'page.pdf'));
    const rows = new Map<number, string>();
    for (const g of await textItems(doc)) rows.set(Math.round(g.y), (rows.get(Math.round(g.y)) ?? '') + g.str.trim());
    expect([...rows.values()]).toContain('词');
    const findings = readFileSync(path.join(tmp, 'short-line', 'findings.txt'), 'utf8');
    const short = findings.split('\n').filter((l) => l.includes('Short line'));
    expect(short).toHaveLength(1);
    expect(short[0]).toMatch(/^8:1 .*Short line: “词” ends 1[12](\.\d)? em short .*page 1, column 1/);
  });
});
