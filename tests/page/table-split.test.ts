// A table taller than a column (tests/page/fixtures/table-split: 90 rows in a tabloid column). A
// table could not be split: it went on whole to the next column, leaving the column it was in
// half empty, and was clipped at that column's foot, rows 40–90 never printed. A table is now cut
// between its rows at a column's foot and goes on in the next column, its columns as wide in
// every piece, and its header row printed again at the head of each (without it, rows of figures
// in the next column). Read back from the PDF: every row once, in reading order, each inside the page's
// text area, and nothing reported too tall.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/table-split');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-table-split-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a table taller than a column', () => {
  it('goes on in the next columns, cut between its rows, every row printed once', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--layout', 'tabloid-5col', '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/block-too-tall|clipped/);
    const { doc } = await openPdf(path.join(tmp, 'table-split', 'page.pdf'));
    const items = await textItems(doc);
    // the closing paragraph is printed, and sets the lowest line any text may stand on
    const text = items.map((g) => g.str.replace(/\s+/g, '')).join('');
    expect(text).toContain('早见效');
    const numbers = [...text.matchAll(/第(\d+)号/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    // the table starts in the first column and ends in the last, its header row at the head of
    // every piece (续表), and the header's text not taken for the manuscript's
    const left = Math.min(...items.map((g) => g.x));
    const columnOf = (x: number) => Math.floor((x - left + 9) / 126); // 13 em and a 1 em gutter of 9 pt
    const rowColumns = new Set(items.filter((g) => /号项/.test(g.str)).map((g) => columnOf(g.x)));
    expect([...rowColumns].sort()).toEqual([0, 1, 2, 3, 4]);
    const heads = items.filter((g) => g.str.includes('完成投'));
    expect(heads.map((g) => columnOf(g.x)).sort()).toEqual([0, 1, 2, 3, 4]);
    const fit = JSON.parse(readFileSync(path.join(tmp, 'table-split', 'page.fit.json'), 'utf8'));
    expect(fit.lines.loose).toEqual([]);
  });

  it('says the lines its rows leave at a column foot as left there, not above a head', { timeout: 300_000 }, async () => {
    // tests/page/fixtures/table-gap: rows of two lines under a one-line paragraph leave a line
    // empty at each column's foot; the summary said them 'left above moved heads', and there is none
    const r = runCli([
      'build:pdf',
      path.join(ROOT, 'tests/page/fixtures/table-gap'),
      '--layout',
      'tabloid-5col',
      '--out',
      tmp,
      '--no-preview',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const fit = JSON.parse(readFileSync(path.join(tmp, 'table-gap', 'page.fit.json'), 'utf8'));
    expect(fit.fit.gapLines).toBeGreaterThan(0);
    expect(r.stdout).toContain(`(+${fit.fit.gapLines} left empty at column feet)`);
    expect(r.stdout).not.toMatch(/moved heads/);
  });
});
