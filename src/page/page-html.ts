// The page document before layout: sheets with the 报眉, the headline block, photo slots, empty
// text frames and column rules, all placed from the geometry; the article body waits in a hidden
// source column for the layout engine (engine/, docs/layout-engine.md) to thread it through the frames.
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { hasClass, selectAll } from '../core/hast.js';
import type { Article } from '../core/article.js';
import { matterText, type Matter } from '../core/matter.js';
import { RUNNING_HEAD_KEY, toMm, type Layout } from '../config/layout.js';
import { PX_PER_MM, type Geometry, type PageFrames, type Rect } from './geometry.js';
import type { PlacedImage } from './images.js';
import { browserTypeset } from '../typeset/browser-typeset.js';

export const px = (n: number) => `${Math.round(n * 1000) / 1000}px`;
export const box = (r: Rect) => `left:${px(r.left)};top:${px(r.top)};width:${px(r.width)};height:${px(r.height)}`;

/** 报眉 text: {{key}} replaced by the front matter value, printed as written (placeholders too). */
export function runningHeadText(template: string | undefined, matter: Matter): string {
  return (template ?? '').replace(RUNNING_HEAD_KEY, (_, key: string) => matterText(matter[key]));
}

export function runningHead(layout: Layout, g: Geometry, matter: Matter, folio?: string): Element | null {
  if (!layout.runningHead) return null;
  const t = layout.runningHead;
  const m = folio ? { ...matter, page: folio } : matter;
  // The 报眉's rule sits runningHeadGap above the type area.
  const bottom = g.trim.height - (g.typeArea.top - toMm(layout.runningHeadGap) * PX_PER_MM);
  return h('header.running-head', { style: `left:${px(g.typeArea.left)};width:${px(g.typeArea.width)};bottom:${px(bottom)}` }, [
    h('div.rh-left', runningHeadText(t.left, m)),
    h('div.rh-center', runningHeadText(t.center, m)),
    h('div.rh-right', runningHeadText(t.right, m)),
  ]);
}

export function figureInSlot(figure: Element | undefined, image: PlacedImage | undefined, index: number, r: Rect): Element {
  const props = {
    className: ['slot', 'photo'],
    'data-slot': index + 1,
    style: box(r),
    ...(figure ? { 'data-line': figure.properties['data-line'] } : {}),
  };
  if (!figure) return h('div', { ...props, className: ['slot', 'photo', 'empty'] });
  return h('figure', props, figureContent(figure, image));
}

export function figureContent(figure: Element, image: PlacedImage | undefined): ElementContent[] {
  return figure.children.map((child) => {
    if (child.type !== 'element' || child.tagName !== 'img') return child;
    if (!image?.url)
      return h('div.photo-missing', { role: 'img', 'aria-label': String(child.properties.alt ?? '') }, `图片缺失：${image?.src ?? ''}`);
    return h('img', { src: image.url, alt: child.properties.alt, width: image.width, height: image.height });
  });
}

function sheet(
  _layout: Layout,
  g: Geometry,
  frames: PageFrames,
  pageNo: number,
  content: { headline?: Element; slots: Element[]; head: Element | null },
  extra: Record<string, unknown> = {},
): Element {
  const ta = g.typeArea;
  return h('div.sheet', { 'data-page': pageNo, style: `width:${px(g.sheet.width)};height:${px(g.sheet.height)}`, ...extra }, [
    h('div.trim', { style: box(g.trim) }, [
      content.head,
      h('div.type-area', { style: box(ta) }, [
        frames.headline && content.headline ? h('div.slot.headline-area', { style: box(frames.headline) }, [content.headline]) : null,
        // Frames come first in the DOM, in reading order: the PDF's text comes back column by column.
        ...frames.frames.map((f) =>
          h('div.frame.article-body', { 'data-column': f.column, 'data-first-line': f.firstLine, 'data-lines': f.lines, style: box(f) }),
        ),
        ...content.slots,
        ...frames.rules.map((r) => h('div.column-rule', { 'aria-hidden': 'true', style: box(r) })),
      ]),
    ]),
  ]);
}

/**
 * The parts of the typeset article a page is made of: the headline block, the figures (the first
 * ones fill the photo slots), and the blocks that flow through the text frames, in order.
 */
export function pageParts(hast: Root, g: Geometry) {
  const articleEl = hast.children.find((n): n is Element => n.type === 'element' && n.tagName === 'article');
  const headline = articleEl && selectAll(articleEl, (e) => e.tagName === 'header' && hasClass(e, 'headline-block'))[0];
  const body = articleEl && selectAll(articleEl, (e) => hasClass(e, 'article-body'))[0];
  const blocks = (body?.children ?? []).filter((n): n is Element => n.type === 'element');
  const figures = blocks.filter((b) => b.tagName === 'figure');
  const flow = blocks.filter((b) => !(b.tagName === 'figure' && figures.indexOf(b) < g.first.photos.length));
  return { articleEl, headline, figures, flow };
}

export interface PageDocument {
  body: Root;
  /** Figures placed in photo slots, and those left in the text flow for want of a slot */
  slotted: number;
  inFlow: number;
  emptySlots: number;
  /** Text the page prints besides the article (报眉, labels), for font planning */
  extraText: string;
}

export function pageDocument(article: Article, layout: Layout, g: Geometry, images: PlacedImage[], autoPages = false): PageDocument {
  // “——” as one two-em unit that justification cannot stretch inside, 标点挤压, and the layout's 避头尾 (browser-typeset.ts).
  const { hast, fontText } = browserTypeset(article.hast, layout.lines);
  const { articleEl, headline, figures, flow: flowBlocks } = pageParts(hast, g);
  const slotCount = g.first.photos.length;
  const slots = g.first.photos.map((r, i) => figureInSlot(figures[i], images[i], i, r));
  const flow = flowBlocks.map((b) =>
    b.tagName === 'figure' ? h('figure', { ...b.properties }, figureContent(b, images[figures.indexOf(b)])) : b,
  );
  const head = runningHead(layout, g, article.matter);
  const sheets = [sheet(layout, g, g.first, 1, { headline, slots, head })];
  if (autoPages) {
    const folio = matterText(article.matter.page);
    sheets.push(
      sheet(
        layout,
        g,
        g.continuation,
        0,
        { slots: [], head: runningHead(layout, g, article.matter, folio) },
        { className: ['sheet', 'sheet-template'], hidden: true },
      ),
    );
  }
  const lang = String(articleEl?.properties.lang ?? 'zh-CN');
  const tree: Root = {
    type: 'root',
    children: [
      h('article.article.page-article', { lang }, [
        ...sheets,
        h('div.article-body.flow-source.flow-measure', { 'aria-hidden': 'true', style: `width:${px(g.columnWidth)}` }, flow),
      ]),
    ],
  };
  const extraText = [head ? toString(head) : '', '图片缺失：0123456789', images.map((i) => i.src).join(''), fontText].join('');
  return {
    body: tree,
    slotted: Math.min(figures.length, slotCount),
    inFlow: Math.max(0, figures.length - slotCount),
    emptySlots: Math.max(0, slotCount - figures.length),
    extraText,
  };
}
