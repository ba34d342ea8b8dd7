// Reading an edition's page PDFs back against its plan: where each module of the plan lies on the
// page (computed here from the plan and layout YAML, not by the code under test), which of the
// page's text falls in it, and the text each story should print (from its manuscripts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { loadArticle } from '../../../src/pipeline.js';
import { type Glyphs, groupLines, type Line, MM, openPdf, textItems } from './pdf.js';

const PT = 72 / 96;

export interface PlanStory {
  manuscript?: string;
  manuscripts?: string[];
  title?: string;
  columns: [number, number];
  top: number;
  lines: number;
  kicker?: string | false;
  subheadline?: string | false;
  box?: string | false;
  photos?: Array<{ columns: [number, number]; top: number; lines: number }>;
  continue?: { page: number; columns: [number, number]; top: number; lines: number; head?: string };
}

export interface Plan {
  paper: string;
  date: string;
  layout: string;
  pages: Array<{ page: number; section: string; stories: PlanStory[] }>;
}

/** The page grid in PDF points, from the layout YAML: 9 pt body, whole-em columns, the grid rounded to 1/64 px as Chromium does. */
export interface Grid {
  em: number;
  col: number;
  gutter: number;
  pitch: number;
  grid: number;
  columns: number;
  lines: number;
  typeWidth: number;
  marginTop: number;
  noStart: string;
  noEnd: string;
  minLastLine: number;
}

/** The keys of a layout YAML these tests read. */
interface LayoutYaml {
  type: { bodySize: string; lineHeight: string };
  grid: { columns: number; columnWidth: number; gutter: number; lines: number };
  page: { margins: { top: string } };
  lines?: { noStart?: string; noEnd?: string; minLastLine?: number };
}

export async function readPlan(file: string): Promise<{ plan: Plan; layout: LayoutYaml; grid: Grid }> {
  const plan = parseYaml(await readFile(file, 'utf8')) as Plan;
  const layoutFile = /\.ya?ml$/.test(plan.layout)
    ? path.resolve(path.dirname(file), plan.layout)
    : path.join(import.meta.dirname, '../../../templates/newspaper/layouts', `${plan.layout}.yaml`);
  const layout = parseYaml(await readFile(layoutFile, 'utf8')) as LayoutYaml;
  const em = parseFloat(layout.type.bodySize);
  const col = layout.grid.columnWidth * em;
  const gutter = layout.grid.gutter * em;
  const lines = layout.lines ?? {};
  return {
    plan,
    layout,
    grid: {
      em,
      col,
      gutter,
      pitch: col + gutter,
      grid: (Math.round((parseFloat(layout.type.lineHeight) / PT) * 64) / 64) * PT,
      columns: layout.grid.columns,
      lines: layout.grid.lines,
      typeWidth: layout.grid.columns * col + (layout.grid.columns - 1) * gutter,
      marginTop: parseFloat(layout.page.margins.top) * MM,
      noStart: lines.noStart ?? '、。，．：；？！）］｝〕〉》」』】〗〙”’…‥·～',
      noEnd: lines.noEnd ?? '（［｛〔〈《「『【〖〘“‘',
      minLastLine: lines.minLastLine ?? 2,
    },
  };
}

/** A module's rectangle on the page, PDF points: its columns (half a gutter either side) and its grid lines. */
export interface Box {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

export class PageFrame {
  readonly typeLeft: number;
  readonly typeTop: number;
  constructor(
    readonly g: Grid,
    trim: { x: number; y: number; width: number; height: number },
  ) {
    this.typeLeft = trim.x + (trim.width - g.typeWidth) / 2;
    this.typeTop = trim.y + trim.height - g.marginTop;
  }
  colLeft(c: number): number {
    return this.typeLeft + (c - 1) * this.g.pitch;
  }
  colRight(c: number): number {
    return this.colLeft(c) + this.g.col;
  }
  /** The box of columns [a, b], grid lines from `top` (1-based), `lines` high. */
  box(columns: [number, number], top: number, lines: number): Box {
    return {
      left: this.colLeft(columns[0]) - this.g.gutter / 2,
      right: this.colRight(columns[1]) + this.g.gutter / 2,
      top: this.typeTop - (top - 1) * this.g.grid,
      bottom: this.typeTop - (top - 1 + lines) * this.g.grid,
    };
  }
  /** The base column an x lies in (a trimmed opening mark may start half an em left of it). */
  column(x: number): number {
    return Math.floor((x - this.typeLeft + 0.75 * this.g.gutter) / this.g.pitch) + 1;
  }
}

/** Is the item inside the box: its start and end within the columns, its baseline within the lines. */
export const inside = (i: Glyphs, b: Box) => i.x >= b.left - 0.5 && i.x + i.width <= b.right + 0.5 && i.y < b.top && i.y > b.bottom;

/** A line as groupLines gives it. */
export type TextLine = Line;

/** Items grouped into lines: one base column, one baseline, one size; in reading order (column by column, top to bottom). */
export function readingLines(items: Glyphs[], frame: PageFrame): TextLine[] {
  return groupLines(items, (x) => frame.column(x));
}

/** A paragraph or head of a story's text, and where it starts and ends in the story's whole text. */
export interface Block {
  tag: string;
  className: string[];
  text: string;
  start: number;
  end: number;
}

export interface StoryText {
  /** the headline block's texts as printed */
  head: string[];
  /** the text frames' blocks in order: brief heads, paragraphs, 小标题, byline, credit */
  blocks: Block[];
  body: string;
  /** captions of the story's figures */
  captions: string[];
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

function find(n: Root | RootContent, test: (e: Element) => boolean): Element | undefined {
  if (n.type === 'element' && test(n)) return n;
  if (!('children' in n)) return undefined;
  for (const c of n.children) {
    const f = find(c, test);
    if (f) return f;
  }
}

const classes = (e: Element) => (e.properties.className as string[] | undefined) ?? [];

/** What a story of the plan prints: its headline block, its text and its captions, from its manuscripts. */
export async function storyText(planFile: string, s: PlanStory): Promise<StoryText> {
  const names = s.manuscript ? [s.manuscript] : (s.manuscripts ?? []);
  const brief = Boolean(s.manuscripts);
  const head: string[] = [];
  const blocks: Block[] = [];
  const captions: string[] = [];
  let body = '';
  const push = (tag: string, className: string[], text: string) => {
    blocks.push({ tag, className, text, start: body.length, end: body.length + text.length });
    body += text;
  };
  if (brief && s.title) head.push(squeeze(s.title));
  for (const name of names) {
    const article = await loadArticle(path.join(path.resolve(path.dirname(planFile), name), 'article.md'));
    const header = find(article.hast, (e) => e.tagName === 'header' && classes(e).includes('headline-block'))!;
    const part = (cls: string) => {
      const e = find(header, (x) => classes(x).includes(cls));
      return e ? squeeze(toString(e)) : undefined;
    };
    if (brief) push('h3', ['brief-head'], part('headline') ?? '');
    else {
      const kicker = s.kicker === false ? undefined : s.kicker ? squeeze(s.kicker) : part('kicker');
      const sub = s.subheadline === false ? undefined : s.subheadline ? squeeze(s.subheadline) : part('subheadline');
      for (const t of [kicker, part('headline'), sub, part('byline-head')]) if (t) head.push(t);
    }
    const bodyEl = find(article.hast, (e) => classes(e).includes('article-body'))!;
    for (const el of bodyEl.children) {
      if (el.type !== 'element') continue;
      if (el.tagName === 'figure') {
        const cap = find(el, (e) => e.tagName === 'figcaption');
        if (cap) captions.push(squeeze(toString(cap)));
        continue;
      }
      push(el.tagName, classes(el), squeeze(toString(el)));
    }
  }
  return { head, blocks, body, captions };
}

/** Every text run of a page PDF with its place and size. */
async function textOf(file: string): Promise<string[]> {
  const { doc } = await openPdf(file);
  const items = (await textItems(doc)).map((i) => `${i.str}@${i.x.toFixed(2)},${i.y.toFixed(2)},${i.size.toFixed(2)}`);
  await doc.destroy();
  return items;
}

const pixels = async (file: string) => sharp(file).raw().toBuffer();

/** edition.fit.json without its timings. */
async function report(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'), (key, value) => (key === 'ms' ? undefined : value));
}

/**
 * Two builds of one edition (output folders `a` and `b`) gave the same: every page's text at the
 * same places in the same sizes, the same pixels in every preview, the same report (timings aside).
 */
export async function expectSameEdition(a: string, b: string, pages: number[]): Promise<void> {
  for (const n of pages) {
    expect(await textOf(path.join(b, `page-${n}.pdf`)), `page-${n}.pdf`).toEqual(await textOf(path.join(a, `page-${n}.pdf`)));
    expect((await pixels(path.join(b, `page-${n}.png`))).equals(await pixels(path.join(a, `page-${n}.png`))), `page-${n}.png`).toBe(true);
  }
  expect(await report(path.join(b, 'edition.fit.json'))).toEqual(await report(path.join(a, 'edition.fit.json')));
}
