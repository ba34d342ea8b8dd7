// The seed manuscript on the default broadsheet layout, built once through the CLI as a layout
// editor runs it, then read back from the PDF: boxes, fonts, metadata, bookmarks, text in reading
// order, and the layout rules measured on the printed page (not on the HTML).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, ROOT } from '../helpers/cli.js';
import { loadArticle } from '../../src/pipeline.js';
import { openPdf, textItems, linesByColumn, imageBoxes, fonts, strokedTextRuns, strokesOutside, MM, type Line } from './helpers/pdf.js';
import type { PageFit } from '../../src/page/write-page.js';

const SEED = path.join(ROOT, 'manuscript/ningju-gongshi');
const layout = parseYaml(await readFile(path.join(ROOT, 'templates/newspaper/layouts/feature-8col.yaml'), 'utf8'));
const PT = 72 / 96;
// Layout arithmetic, from the YAML: 9 pt body, 13-character columns, 1-character gutters.
const EM = 9;
const COL = layout.grid.columnWidth * EM;
const GUTTER = layout.grid.gutter * EM;
const PITCH = COL + GUTTER;
const TYPE_W = layout.grid.columns * COL + (layout.grid.columns - 1) * GUTTER;
// 11.6 pt, rounded to 1/64 CSS px as Chromium rounds line boxes (docs/layout-engine.md, “Line boxes are quantised to 1/64 px”).
const GRID = (Math.round((11.6 / PT) * 64) / 64) * PT;

let out: string;
let cli: ReturnType<typeof runCli>;
let doc: PDFDocumentProxy;
let lib: Awaited<ReturnType<typeof openPdf>>['lib'];
let pageFit: PageFit;
let trim: { x: number; y: number; width: number; height: number };
let typeLeft: number;
let typeTop: number;
let lines: Line[];
let body: string;
let blocks: Array<{ tag: string; className: string[]; start: number; end: number; text: string }>;
let lineOffsets: number[];

const colLeft = (c: number) => typeLeft + (c - 1) * PITCH;
const offGrid = (d: number) => Math.abs(d / GRID - Math.round(d / GRID)) * GRID;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-page-'));
  cli = runCli(['build:pdf', SEED, '--out', out]);
  const dir = path.join(out, 'ningju-gongshi');
  ({ doc, lib } = await openPdf(path.join(dir, 'page.pdf')));
  pageFit = JSON.parse(await readFile(path.join(dir, 'page.fit.json'), 'utf8'));
  const box = lib.getPage(0).getTrimBox();
  trim = box;
  typeLeft = trim.x + (trim.width - TYPE_W) / 2;
  typeTop = trim.y + trim.height - parseFloat(layout.page.margins.top) * MM;
  const items = await textItems(doc);
  // Body and 小标题 lines inside the type area (captions, headline and 报眉 have other sizes or places).
  lines = linesByColumn(
    items.filter((i) => i.y < typeTop && (Math.abs(i.size - 9) < 0.05 || Math.abs(i.size - 10.5) < 0.05)),
    typeLeft,
    PITCH,
    GUTTER,
    layout.grid.columns,
  ).filter((l) => l.y < typeTop - layout.headline.lines * GRID + 2);
  // The manuscript's body blocks in order (figures sit in their photo slot, outside the flow).
  const article = await loadArticle(path.join(SEED, 'article.md'));
  const bodyEl = (function find(n: Root | RootContent): Element | undefined {
    if (
      n.type === 'element' &&
      String(n.properties.className ?? '')
        .split(/[ ,]/)
        .includes('article-body')
    )
      return n;
    if (!('children' in n)) return undefined;
    for (const c of n.children) {
      const f = find(c);
      if (f) return f;
    }
  })(article.hast)!;
  body = '';
  blocks = [];
  for (const el of bodyEl.children) {
    if (el.type !== 'element' || el.tagName === 'figure') continue;
    const text = toString(el).replace(/\s+/g, '');
    blocks.push({
      tag: el.tagName,
      className: (el.properties.className as string[]) ?? [],
      start: body.length,
      end: body.length + text.length,
      text,
    });
    body += text;
  }
  let at = 0;
  lineOffsets = lines.map((l) => {
    const found = body.indexOf(l.text, at) === at ? at : -1;
    at += l.text.length;
    return found;
  });
}, 180_000);

afterAll(async () => {
  await doc?.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('build:pdf on the seed manuscript', () => {
  it('writes page.pdf, page.png and page.fit.json and prints a summary', async () => {
    expect(cli.code, cli.stderr).toBe(0);
    const dir = path.join(out, 'ningju-gongshi');
    for (const f of ['page.pdf', 'page.png', 'page.fit.json']) expect(existsSync(path.join(dir, f))).toBe(true);
    expect(cli.stdout).toMatch(/page\.pdf/);
    expect(cli.stdout).toMatch(/390 × 550 mm \+ 3 mm bleed, 1 page, 8 frames/);
    expect(cli.stdout).toMatch(/fit: underset: \d+ empty lines remain/);
    expect(cli.stdout).toMatch(/written in \d+\.\d\d s/);
    expect(cli.stderr).toMatch(/laying out on feature-8col/);
    const png = await readFile(path.join(dir, 'page.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(layout.preview.width);
    expect(
      existsSync(dir) && (await import('node:fs')).readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.startsWith('.page')).length,
    ).toBe(0);
  });

  it('has the configured trim, bleed and room for crop marks', () => {
    const page = lib.getPage(0);
    const bleed = parseFloat(layout.page.bleed) * MM;
    expect(trim.width).toBeCloseTo(390 * MM, 2);
    expect(trim.height).toBeCloseTo(550 * MM, 2);
    const b = page.getBleedBox();
    expect(b.width).toBeCloseTo(390 * MM + 2 * bleed, 2);
    expect(b.height).toBeCloseTo(550 * MM + 2 * bleed, 2);
    expect(b.x).toBeCloseTo(trim.x - bleed, 2);
    const media = page.getMediaBox();
    const reach = (parseFloat(layout.page.cropMarks.offset) + parseFloat(layout.page.cropMarks.length)) * MM;
    expect(trim.x - media.x).toBeGreaterThanOrEqual(reach);
    expect(media.y + media.height - (trim.y + trim.height)).toBeGreaterThanOrEqual(reach);
  });

  it('draws crop marks outside the bleed, level with the trim edges', async () => {
    const marks = await strokesOutside(doc, lib.getPage(0).getBleedBox());
    expect(marks).toHaveLength(8);
    const edgesX = [trim.x, trim.x + trim.width];
    const edgesY = [trim.y, trim.y + trim.height];
    for (const m of marks) {
      const vertical = m.right - m.left < 0.01;
      if (vertical) expect(edgesX.some((x) => Math.abs(x - m.left) < 0.01)).toBe(true);
      else expect(edgesY.some((y) => Math.abs(y - m.bottom) < 0.01)).toBe(true);
    }
  });

  it('embeds every font as a subset, none of them Type 3, and fakes no bold', async () => {
    const list = fonts(lib);
    expect(list.length).toBeGreaterThan(3);
    expect(list.filter((f) => f.subtype === '/Type3')).toEqual([]);
    expect(list.filter((f) => !f.embedded)).toEqual([]);
    expect(list.filter((f) => !f.subset)).toEqual([]);
    expect(await strokedTextRuns(doc)).toBe(0);
  });

  it('carries title, author, subject, language, tags and bookmarks from the headings', async () => {
    const info = (await doc.getMetadata()).info as Record<string, string>;
    expect(info.Title).toBe('广聚共识增合力 团结奋进谱新篇');
    expect(info.Author).toBe('张悦');
    expect(info.Subject).toContain('第〔版次〕版');
    expect(info.Language).toBe('zh-CN');
    expect((await doc.getMarkInfo())?.Marked).toBe(true);
    expect(await (await doc.getPage(1)).getStructTree()).toBeTruthy();
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['广聚共识增合力 团结奋进谱新篇']);
    expect(outline[0].items.map((o) => o.title)).toEqual(blocks.filter((b) => b.tag === 'h2').map((b) => b.text));
  });

  it('gives back the whole text in reading order, column by column, with no literal **', async () => {
    const all = (await textItems(doc)).map((i) => i.str).join('');
    expect(all).not.toContain('**');
    expect(all.replace(/\s+/g, '')).toContain('广聚共识增合力团结奋进谱新篇');
    expect(lines.map((l) => l.text).join('')).toBe(body);
    expect(lineOffsets.every((o) => o >= 0)).toBe(true);
    // 报眉 prints the front matter as it is, placeholders included.
    expect(all).toContain('〔报名〕');
    expect(all.replace(/\s+/g, '')).toContain('责任编辑：〔责任编辑〕');
  });

  it('sets every body line on one line grid, so lines align across columns', () => {
    const bodyLines = lines.filter((l) => Math.abs(l.size - 9) < 0.05);
    expect(bodyLines.length).toBeGreaterThan(400);
    const y0 = bodyLines[0].y;
    // Chromium draws text at whole-pixel baselines (0.75 pt), so two lines' distance is a whole
    // number of grid lines within one pixel (never half a line off, which an unpadded head causes)…
    expect(Math.max(...bodyLines.map((l) => offGrid(y0 - l.y)))).toBeLessThanOrEqual(0.76);
    // …and the lines of one grid line sit at the same height in every column. The PDF snaps
    // baselines to whole pixels, so a line exactly half-way may round the other way.
    const byIndex = new Map<number, number[]>();
    for (const l of bodyLines) {
      const k = Math.round((y0 - l.y) / GRID);
      byIndex.set(k, [...(byIndex.get(k) ?? []), l.y]);
    }
    const spread = [...byIndex.values()].map((ys) => Math.max(...ys) - Math.min(...ys));
    expect(Math.max(...spread)).toBeLessThanOrEqual(0.76);
    // Exactly level in all but the odd grid line (measured: 1 of ~110 on the seed page).
    expect(spread.filter((d) => d > 0.01).length).toBeLessThanOrEqual(Math.ceil(spread.length * 0.02));
    // A column that no photo covers runs from under the headline to the foot: most of it is body
    // lines (the column is taken from the layout, so the check follows the photos around).
    const covered = (c: number) => layout.photos.some((p: { columns: [number, number] }) => c >= p.columns[0] && c <= p.columns[1]);
    const free = Array.from({ length: layout.grid.columns }, (_, i) => i + 1).find((c) => !covered(c));
    expect(free, 'a column without a photo').toBeDefined();
    const [h0, h1] = layout.headline.columns;
    const freeLines = layout.grid.lines - (free! >= h0 && free! <= h1 ? layout.headline.lines : 0);
    expect(bodyLines.filter((l) => l.column === free).length).toBeGreaterThan(freeLines / 2);
    // No line is cut by the foot of the type area: the lowest baseline has a line's depth below it.
    const foot = typeTop - layout.grid.lines * GRID;
    expect(Math.min(...lines.map((l) => l.y)) - foot).toBeGreaterThan(0.1 * EM);
  });

  it('sets the headline block across the columns and lines it is given', async () => {
    const items = await textItems(doc);
    const head = items.filter((i) => Math.abs(i.size - parseFloat(layout.type.headlineSize)) < 0.1 && i.str.trim());
    expect(
      head
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, ''),
    ).toBe('广聚共识增合力团结奋进谱新篇');
    const [a, b] = layout.headline.columns;
    const left = Math.min(...head.map((i) => i.x));
    const right = Math.max(...head.map((i) => i.x + i.width));
    expect(left).toBeGreaterThan(colLeft(a));
    expect(right).toBeLessThan(colLeft(b) + COL);
    expect((left + right) / 2).toBeCloseTo((colLeft(a) + colLeft(b) + COL) / 2, -1);
    for (const i of head) {
      expect(i.y).toBeLessThan(typeTop);
      expect(i.y).toBeGreaterThan(typeTop - layout.headline.lines * GRID);
    }
  });

  it('never ends a column with a 小标题', () => {
    const heads = lines.filter((l) => Math.abs(l.size - 10.5) < 0.05);
    expect(heads.length).toBeGreaterThan(4);
    for (let c = 1; c <= layout.grid.columns; c++) {
      const column = lines.filter((l) => l.column === c);
      if (column.length)
        expect(Math.abs(column[column.length - 1].size - 9), `column ${c} ends with “${column[column.length - 1].text}”`).toBeLessThan(
          0.05,
        );
    }
  });

  it('continues a paragraph in the next column without an indent; new paragraphs indent 2 characters', () => {
    const starts = new Set(
      blocks.filter((b) => b.tag === 'p' && !b.className.includes('byline') && !b.className.includes('credit')).map((b) => b.start),
    );
    let continued = 0;
    for (let c = 1; c <= layout.grid.columns; c++) {
      const i = lines.findIndex((l) => l.column === c);
      if (i < 0) continue;
      const offset = lineOffsets[i];
      const blockStart = blocks.some((b) => b.start === offset);
      if (!blockStart) {
        continued++;
        // …and the part left behind stays justified to the column's right edge.
        const before = lines[i - 1];
        expect(before.right - (colLeft(before.column) + COL), `column ${before.column} ends “${before.text}”`).toBeGreaterThan(-0.6);
        expect(before.right - (colLeft(before.column) + COL)).toBeLessThan(0.6);
        expect(lines[i].x - colLeft(c), `column ${c} “${lines[i].text}”`).toBeGreaterThan(-EM / 2 - 0.2);
        expect(lines[i].x - colLeft(c), `column ${c} “${lines[i].text}”`).toBeLessThan(0.2);
      }
    }
    expect(continued).toBeGreaterThanOrEqual(3);
    lines.forEach((l, i) => {
      if (starts.has(lineOffsets[i])) expect(l.x - colLeft(l.column), `“${l.text}”`).toBeCloseTo(2 * EM, 0);
    });
  });

  it('sets every 破折号 “——” as one two-em unit: never split, flush at the end of a justified line', async () => {
    const dashes = (await textItems(doc)).filter((i) => Math.abs(i.size - EM) < 0.05 && i.str.includes('\u2014'));
    expect(dashes.length).toBe([...body.matchAll(/\u2014\u2014/g)].length);
    expect(dashes.length).toBeGreaterThan(5);
    // The PDF gives back two U+2014, drawn two body characters wide (not the 1.69 em of the font's Latin form).
    for (const d of dashes) {
      expect(d.str).toBe('\u2014\u2014');
      expect(d.width).toBeCloseTo(2 * EM, 1);
    }
    // No line holds half a 破折号.
    expect(lines.filter((l) => (l.text.match(/\u2014+/g) ?? []).some((run) => run.length % 2 === 1)).map((l) => l.text)).toEqual([]);
    // A justified line that ends with the dash reaches the column's right edge like any other.
    const ends = new Set(blocks.map((b) => b.end));
    const atEnd = lines.filter(
      (l, i) => l.text.endsWith('\u2014\u2014') && Math.abs(l.size - EM) < 0.05 && !ends.has(lineOffsets[i] + l.text.length),
    );
    expect(atEnd.length).toBeGreaterThan(0);
    for (const l of atEnd) expect(Math.abs(l.right - (colLeft(l.column) + COL)), `“${l.text}”`).toBeLessThan(0.1);
  });

  it('has no 孤字 and no line that starts or ends with a forbidden mark', () => {
    const noStart: string = layout.lines.noStart;
    const noEnd: string = layout.lines.noEnd;
    expect(lines.filter((l) => noStart.includes(l.text[0])).map((l) => l.text)).toEqual([]);
    expect(lines.filter((l) => noEnd.includes(l.text[l.text.length - 1])).map((l) => l.text)).toEqual([]);
    const letters = (s: string) => [...s].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
    const ends = blocks.filter((b) => b.tag === 'p');
    const lastLines = ends.map((b) => lines.findIndex((l, i) => lineOffsets[i] < b.end && lineOffsets[i] + l.text.length >= b.end));
    expect(lastLines.every((i) => i >= 0)).toBe(true);
    const orphans = lastLines.filter((i, k) => lineOffsets[i] > ends[k].start && letters(lines[i].text) < layout.lines.minLastLine);
    expect(orphans.map((i) => lines[i].text)).toEqual([]);
  });

  it('puts the photo in the columns and lines its slot names', async () => {
    const boxes = await imageBoxes(doc);
    expect(boxes).toHaveLength(1);
    const slot = layout.photos[0];
    const [a, b] = slot.columns;
    expect(boxes[0].left).toBeCloseTo(colLeft(a), 0);
    expect(boxes[0].right).toBeCloseTo(colLeft(b) + COL, 0);
    expect(boxes[0].top).toBeCloseTo(typeTop - slot.top * GRID, 0);
    expect(boxes[0].bottom).toBeGreaterThan(typeTop - (slot.top + slot.lines) * GRID);
    // Scaled and cropped before rendering to the slot's printed size at the layout's resolution
    // (not the 3000 × 2000 original): the embedded image is the slot's width × height in pixels.
    const widthMm = ((b - a + 1) * COL + (b - a) * GUTTER) / MM;
    const heightMm = (slot.lines * GRID) / MM;
    expect(boxes[0].pixels![0]).toBe(Math.round((widthMm / 25.4) * layout.photoPpi));
    expect(Math.abs(boxes[0].pixels![1] - (heightMm / 25.4) * layout.photoPpi)).toBeLessThanOrEqual(1);
    // The image printed at no less than the layout's resolution in either dimension.
    const shownMm = { w: (boxes[0].right - boxes[0].left) / MM, h: (boxes[0].top - boxes[0].bottom) / MM };
    expect(Math.min(boxes[0].pixels![0] / shownMm.w, boxes[0].pixels![1] / shownMm.h) * 25.4).toBeGreaterThanOrEqual(layout.photoPpi - 1);
    // No body line of the slot's columns crosses the slot.
    const inSlot = lines.filter(
      (l) => l.column >= a && l.column <= b && l.y < boxes[0].top && l.y > typeTop - (slot.top + slot.lines) * GRID,
    );
    expect(inSlot).toEqual([]);
  });

  it('reports a copy fit that matches the lines on the page', () => {
    const first = lines.find((l) => l.column === pageFit.frames.each[0].column)!;
    const line0 = first.y + pageFit.frames.each[0].firstLine * GRID; // baseline of grid line 0
    let empty = 0;
    for (const f of pageFit.frames.each) {
      const column = lines.filter((l) => l.column === f.column && Math.abs(l.size - 9) < 0.05);
      const used = column.length ? Math.round((line0 - column[column.length - 1].y) / GRID) + 1 - f.firstLine : 0;
      expect(used, `column ${f.column}`).toBe(f.usedLines);
      empty += f.lines - used;
    }
    expect(pageFit.fit.status).toBe('underset');
    expect(empty).toBe(pageFit.fit.undersetLines + pageFit.fit.gapLines);
    expect(pageFit.fit.oversetLines).toBe(0);
  });
});
