// A space typed beside a Chinese mark printed a gap on the page: “人事事项 （免职） 。” was a quarter em
// wider on each side of the marks than the same line typed solid, a head 2.4 pt wider, a table cell's
// text pushed its column wider. The typesetter leaves it out (src/typeset/rehype-cjk-space.ts): in the
// page PDF (tests/fixtures/typeset/cjk-space, read back with pdfjs) each line with such spaces now prints
// as its twin typed without them, character for character and to the hundredth of a point; the spaces
// between two Han characters, beside Latin text and in code still print.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/fixtures/typeset/cjk-space');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-cjk-space-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Row {
  /** the items' text as pdfjs reads it, spaces included */
  text: string;
  size: number;
  /** from the first glyph's left edge to the last one's right, in ems of the row's size */
  ems: number;
}

it('prints no gap beside a Chinese mark: each spaced line is as its twin typed solid', { timeout: 300_000 }, async () => {
  const r = runCli(['build:pdf', FIX, '--out', out, '--no-preview']);
  expect(r.code, r.stderr).toBe(0);
  const { doc } = await openPdf(path.join(out, 'cjk-space', 'page.pdf'));
  const items = (await textItems(doc)).filter((i) => i.str !== '');
  await doc.destroy();
  // each printed line: its items on one baseline at one size, left to right (every case is one line)
  const byLine = new Map<string, typeof items>();
  for (const i of items)
    byLine.set(`${i.y.toFixed(1)}:${i.size.toFixed(1)}`, [...(byLine.get(`${i.y.toFixed(1)}:${i.size.toFixed(1)}`) ?? []), i]);
  const rows: Row[] = [...byLine.values()].map((line) => {
    line.sort((a, b) => a.x - b.x);
    const left = line[0].x;
    const right = Math.max(...line.map((i) => i.x + i.width));
    return { text: line.map((i) => i.str).join(''), size: line[0].size, ems: (right - left) / line[0].size };
  });
  const solid = (t: string) => t.replace(/\s+/g, '');
  const twins = (text: string) => rows.filter((row) => solid(row.text) === text).map((row) => `${row.text} | ${row.ems.toFixed(3)} em`);
  // in a paragraph, across bold and a link, after a tab, in a head, in a table cell: the spaced line first, its twin second
  for (const text of ['人事事项（免职）。', '他说：“好。”', '这是粗体，链接。', '他写道，好。', '小标题：空格', '甲内容（待定）。']) {
    const [spaced, typedSolid, ...more] = twins(text);
    expect(more, text).toEqual([]);
    expect(spaced, text).toBe(typedSolid);
    expect(spaced, text).not.toMatch(/\s[（）。，：“”]|[（）。，：“”]\s[^|]/);
  }
  // the headline (one of its kind): no space read back between its characters
  expect(rows.find((row) => row.size > 20)?.text).toBe('标点旁的空格：不印');
  // the caption, set smaller, is as wide in ems as the same words typed solid in a paragraph
  const caption = rows.find((row) => solid(row.text) === '会场，座谈会召开。' && row.size < 8.5);
  const paragraph = rows.find((row) => solid(row.text) === '会场，座谈会召开。' && Math.abs(row.size - 9) < 0.05);
  expect(caption?.text).toBe('会场，座谈会召开。');
  expect(caption?.ems.toFixed(3)).toBe(paragraph?.ems.toFixed(3));
  // what keeps its spaces: between two Han characters, beside Latin words and figures, in code and beside code
  const kept = rows.map((row) => row.text);
  for (const text of ['政协 委员照印。', '中文与 Python 之间。', '代码 a ， b 照印。', '代码旁 x 。照印。'])
    expect(kept, text).toContain(text);
  expect(kept.join('\n')).toContain('Hello, world');
});
