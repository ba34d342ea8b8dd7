// Latin in a Chinese column (tests/page/fixtures/latin-spread). Justified character by character
// (text-justify: inter-character), a line holding English had its words letter-spaced, “T h e
// q u i c k”, and the line checks called such a line tight enough (0.22 em); clreq spreads a line
// between Han characters and at word spaces, never inside a Latin word. Now English keeps its
// words whole; a line that can only be spread at one Han character after a word's broken tail,
// “docious 与”, is a loose line at its paragraph (its text as read, the space typed before 与 kept), and that tail alone on a line is set flush left,
// not spread letter by letter, so it is not loose; it is said as a short line (most of its column
// left empty in the paragraph's middle, tests/page/short-line).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/latin-spread');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-latin-spread-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Latin words in a justified Chinese column', () => {
  it('keep their letters together; a line spread at one Han character is loose, and said so', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    // The PDF's text, as a reader or a search extracts it: the words, not letters spaced apart.
    const { doc } = await openPdf(path.join(tmp, 'latin-spread', 'page.pdf'));
    const items = await textItems(doc);
    await doc.destroy();
    // Spread letter by letter, a broken word's tail came back as seven glyphs apart (“d”, “o”, …)
    // and a word's head filled the whole column; set whole, each is one run at its own width,
    // narrower than a justified line of the column.
    const run = (str: string) => items.find((i) => i.str === str);
    expect(run('docious')).toBeDefined();
    const full = run('ism 在栏宽处断开，剩下的')!.width;
    expect(run('Supercalifragilisticexpiali')!.width).toBeLessThan(full - 2);
    for (const word of ['quick', 'brown', 'jumps']) expect(run(word), word).toBeDefined();

    const fit = JSON.parse(readFileSync(path.join(tmp, 'latin-spread', 'page.fit.json'), 'utf8'));
    type Loose = { text: string; line: number; short?: number };
    const loose = fit.lines.loose.filter((l: Loose) => l.short === undefined).map((l: Loose) => [l.line, l.text]);
    expect(loose).toContainEqual([10, 'docious 与']);
    expect(loose).not.toContainEqual([6, 'docious']);
    // not spread, but nine ems of its column left empty in the paragraph's middle: a short line
    const short = fit.lines.loose.filter((l: Loose) => l.short !== undefined).map((l: Loose) => [l.line, l.text]);
    expect(short).toEqual([[6, 'docious']]);
    const spread = fit.lines.loose.find((l: { text: string }) => l.text === 'docious 与');
    expect(spread.loose).toBeGreaterThan(0.5);
    expect(r.stdout + r.stderr).toMatch(/10:1\s+warning\s+Loose line: \d+\.\d+ em between characters in “docious 与”/);
  });
});
