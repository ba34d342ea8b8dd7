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

/** The page's text items column by column (13 em and a 1 em gutter of 9 pt in tabloid-5col), each column's text joined. */
async function columnTexts(pdf: string): Promise<string[]> {
  const { doc } = await openPdf(pdf);
  const items = await textItems(doc);
  const left = Math.min(...items.map((g) => g.x));
  const columns: string[] = [];
  for (const g of items) {
    const c = Math.floor((g.x - left + 9) / 126);
    columns[c] = (columns[c] ?? '') + g.str.replace(/\s+/g, '');
  }
  return Array.from(columns, (c) => c ?? '');
}

/** Each column's numbers of a table's rows (`pattern` with one group), in order, and the times its header (`head`) prints there. */
function pieces(columns: string[], pattern: RegExp, head: string): Array<{ rows: number[]; heads: number }> {
  return columns
    .map((text) => ({ rows: [...text.matchAll(pattern)].map((m) => Number(m[1])), heads: text.split(head).length - 1 }))
    .filter((p) => p.rows.length > 0 || p.heads > 0);
}

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

  it('in a quotation or a list item, is cut between its rows and its header row printed again, as one on its own', {
    timeout: 300_000,
  }, async () => {
    // tests/page/fixtures/table-in-quote: a table of 35 rows in a quotation, another in a list item.
    // Cut as the quotation's or the item's text, the table went on without its header row, and the
    // one in the list item was cut through a row: “阿拉善乙17号项目 41亿” at one column's foot, “元” at
    // the next one's head.
    const r = runCli([
      'build:pdf',
      path.join(ROOT, 'tests/page/fixtures/table-in-quote'),
      '--layout',
      'tabloid-5col',
      '--out',
      tmp,
      '--no-preview',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/block-too-tall|clipped/);
    const columns = await columnTexts(path.join(tmp, 'table-in-quote', 'page.pdf'));
    const all = Array.from({ length: 35 }, (_, i) => i + 1);
    for (const [mark, head] of [
      ['甲', '序号项目完成投资'],
      ['乙', '序号项目到位资金'],
    ]) {
      // every row whole in one column (its number, its name and its figure), once, in order
      const whole = new RegExp(`${mark}(\\d+)号项目\\d+亿元`, 'g');
      const table = pieces(columns, whole, head);
      expect(table.flatMap((p) => p.rows)).toEqual(all);
      // in more than one column, its header row at the head of each
      expect(table.length).toBeGreaterThan(1);
      expect(table.map((p) => p.heads)).toEqual(table.map(() => 1));
    }
  });

  it('keeps two rows at least in each piece: no header over one row at a column foot or head', { timeout: 300_000 }, async () => {
    // tests/page/fixtures/table-rows (tabloid-5col, rows of one line; the paragraphs are filler of
    // three lines each): table 甲 starts two lines above the first column's foot and has one row
    // more than its second piece holds; table 乙 has one row more than the fourth column holds.
    // Cut where the rows crossed the foot, 甲1 printed alone under its header at the first
    // column's foot, 甲41 alone under it in the third column, and 乙70 in the fifth.
    const r = runCli([
      'build:pdf',
      path.join(ROOT, 'tests/page/fixtures/table-rows'),
      '--layout',
      'tabloid-5col',
      '--out',
      tmp,
      '--no-preview',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/block-too-tall|clipped/);
    const columns = await columnTexts(path.join(tmp, 'table-rows', 'page.pdf'));
    for (const [mark, head, rows] of [
      ['甲', '编号盟市亿元', 41],
      ['乙', '编号地区万元', 70],
    ] as const) {
      const table = pieces(columns, new RegExp(`${mark}(\\d+)`, 'g'), head);
      expect(table.flatMap((p) => p.rows)).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
      expect(table.length).toBeGreaterThan(1);
      expect(table.map((p) => p.heads)).toEqual(table.map(() => 1));
      for (const p of table) expect(p.rows.length, `${mark}${p.rows[0]}…`).toBeGreaterThanOrEqual(2);
    }
  });
});
