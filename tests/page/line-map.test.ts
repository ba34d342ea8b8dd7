// The line map (LayoutResult.lines): every printed line of the seed page with its 第N栏第M行, its
// box on the sheet and its place in its manuscript block. Checked against the manuscript's blocks
// and against the printed PDF read back: same lines, same order, same columns, same positions.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { ROOT } from '../helpers/cli.js';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadArticle } from '../../src/pipeline.js';
import { lineRules, loadLayout } from '../../src/config/layout.js';
import { buildPage } from '../../src/page/write-page.js';
import { browserTypeset } from '../../src/typeset/browser-typeset.js';
import { hasClass, selectAll } from '../../src/core/hast.js';
import type { LayoutResult, PrintedLine } from '../../src/page/engine/protocol.js';
import { openPdf, textItems, linesByColumn, type Line } from './helpers/pdf.js';

const SEED = path.join(ROOT, 'manuscript/ningju-gongshi');
const PT = 0.75; // pt per CSS px
const EM = 9; // body size, pt
let browser: Browser;
let out: string;
let result: LayoutResult;
let map: PrintedLine[];
/** the whole text of each body block (as the page sets it), by manuscript line */
const blockText = new Map<number, string>();
let pdfLines: Line[];
let mediaTop: number;
let opening: string;
let closing: string;

beforeAll(async () => {
  browser = await launchBrowser();
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-linemap-'));
  const layout = loadLayout();
  ({ noEnd: opening, noStart: closing } = lineRules(layout));
  const article = await loadArticle(path.join(SEED, 'article.md'));
  const built = await buildPage(article, { layout, outDir: out, browser, preview: false, lineMap: true });
  result = built.rendered.result;
  map = result.lines;
  const body = selectAll(browserTypeset(article.hast).hast, (e) => hasClass(e, 'article-body'))[0];
  for (const b of body.children.filter((c): c is Element => c.type === 'element' && c.tagName !== 'figure'))
    blockText.set(Number(b.properties['data-line']), toString(b));
  const file = path.join(out, 'page.pdf');
  await writeFile(file, built.pdf);
  const { doc, lib } = await openPdf(file);
  const g = built.rendered.geometry;
  const media = lib.getPage(0).getMediaBox();
  mediaTop = media.y + media.height;
  // Body and 小标题 lines in the frames: below the headline block, in the type area's columns.
  const typeLeft = (g.trim.left + g.typeArea.left) * PT;
  const headlineFoot = mediaTop - (g.trim.top + g.typeArea.top + (g.first.headline?.height ?? 0)) * PT;
  pdfLines = linesByColumn(
    (await textItems(doc)).filter((i) => (Math.abs(i.size - 9) < 0.05 || Math.abs(i.size - 10.5) < 0.05) && i.y < headlineFoot),
    typeLeft,
    (g.columnWidth + g.gutter) * PT,
    g.gutter * PT,
    layout.grid.columns,
  );
  await doc.destroy();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const visible = (s: string) => s.replace(/\s+/g, '');

describe('line map', () => {
  it('lists every block of the body once, in manuscript order, each line its block’s text at its offsets', () => {
    expect(map.length).toBe(result.quality.lines);
    const order = [...new Set(map.map((l) => l.block))];
    expect(order).toEqual([...blockText.keys()]);
    for (const [line, text] of blockText) {
      const own = map.filter((l) => l.block === line);
      expect(own.map((l) => l.text).join(''), `block at line ${line}`).toBe(visible(text));
      own.forEach((l, i) => {
        expect(visible(text.slice(l.from, l.to)), `line “${l.text}”`).toBe(l.text);
        // The line's text starts and ends with a visible character, and only white space lies between two lines.
        expect(text.slice(l.from, l.to)).toBe(text.slice(l.from, l.to).trim());
        if (i > 0) expect(visible(text.slice(own[i - 1].to, l.from))).toBe('');
      });
      expect(visible(text.slice(0, own[0].from))).toBe('');
      expect(visible(text.slice(own[own.length - 1].to))).toBe('');
    }
  });

  it('continues the offsets of a paragraph split across columns', () => {
    const split = [...blockText.keys()].filter((b) => new Set(map.filter((l) => l.block === b).map((l) => l.column)).size > 1);
    expect(split.length).toBeGreaterThanOrEqual(3);
    for (const b of split) {
      const own = map.filter((l) => l.block === b);
      const at = own.findIndex((l, i) => i > 0 && l.column !== own[i - 1].column);
      expect(own[at].from).toBeGreaterThan(0);
      expect(own[at].from).toBeGreaterThanOrEqual(own[at - 1].to);
      expect(own[at].columnLine).toBe(1);
    }
  });

  it('numbers lines within each column from the top of its frames (第N栏第M行) and on the grid', () => {
    for (const f of result.frames) {
      const own = map.filter(
        (l) => l.page === f.page && l.column === f.column && l.gridLine >= f.firstLine && l.gridLine < f.firstLine + f.lines,
      );
      expect(own.length, `column ${f.column}`).toBeGreaterThan(0);
      for (const l of own) expect(l.columnLine - f.columnLine).toBe(l.gridLine - f.firstLine);
      const numbers = own.map((l) => l.columnLine);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
    }
    // Columns 1–6 start under the lead photo, 7–8 under the headline: each column's first text line is its line 1.
    expect(result.frames.map((f) => f.columnLine)).toEqual(result.frames.map(() => 1));
    for (let c = 1; c <= 8; c++) expect(map.find((l) => l.column === c)?.columnLine).toBe(1);
  });

  it('matches the printed PDF: same lines in the same columns and order, each baseline inside its ink box', () => {
    expect(pdfLines.map((l) => `${l.column}:${l.text}`)).toEqual(map.map((l) => `${l.column}:${l.text}`));
    pdfLines.forEach((p, i) => {
      const l = map[i];
      const fromTop = mediaTop - p.y;
      expect(fromTop, `“${l.text}”`).toBeGreaterThan(l.top * PT);
      expect(fromTop, `“${l.text}”`).toBeLessThan((l.top + l.height) * PT);
      // A mark trimmed to half an em (text-spacing-trim) is drawn as a whole glyph from half an em outside its ink box.
      const trimStart = opening.includes(l.text[0]) ? EM / 2 : 0;
      const trimEnd = closing.includes(l.text[l.text.length - 1]) ? EM / 2 : 0;
      expect(p.x, `“${l.text}”`).toBeGreaterThanOrEqual(l.left * PT - trimStart - 0.5);
      expect(p.right, `“${l.text}”`).toBeLessThanOrEqual((l.left + l.width) * PT + trimEnd + 0.5);
    });
    // The frames' boxes, in the same sheet coordinates, hold their lines.
    for (const l of map) {
      const f = result.frames.find(
        (x) => x.page === l.page && x.column === l.column && l.gridLine >= x.firstLine && l.gridLine < x.firstLine + x.lines,
      )!;
      expect(l.left).toBeGreaterThanOrEqual(f.left - 9 * 0.75);
      expect(l.left + l.width).toBeLessThanOrEqual(f.left + f.width + 0.5);
    }
  });
});
