// The document of one edition page before layout: the sheet with its 报眉, and for every module
// of the page its headline block, photo slots, jump line, empty text frames, column rules and box;
// the rules between modules; each story's body waiting in its own hidden source for the layout
// engine to thread through its own frames. A story that jumps to or from another page also gets
// its frames of that page, on a hidden sheet beside this one: the engine threads the whole story
// through all its frames in every document it is in, so each page is laid out on its own (pages
// in parallel) and still breaks exactly where the other page resumes. Hidden sheets are removed
// before printing.
import type { Element, ElementContent, Properties, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Article } from '../core/article.js';
import { hasClass, selectAll } from '../core/hast.js';
import type { Matter } from '../core/matter.js';
import type { Layout } from '../config/layout.js';
import type { EditionPlan } from '../config/plan.js';
import { browserTypeset } from '../typeset/browser-typeset.js';
import type { Geometry } from './geometry.js';
import type { PlacedImage } from './images.js';
import type { EditionPage, HeadlineSlot, StoryModule } from './modules.js';
import { box, figureContent, figureInSlot, px, runningHead } from './page-html.js';
import { longestMatterKey } from './running-head-check.js';

/** One manuscript of a story (a brief column has several). */
export interface StoryPart {
  article: Article;
  /** its photos, prepared: the first ones fill the story's slots (single-manuscript stories) */
  photos: PlacedImage[];
}

export interface StoryContent {
  flow: string;
  parts: StoryPart[];
  /** the headline block's texts as printed (plan overrides applied) */
  header?: Element;
  /** a brief column's head */
  title?: string;
  /** the continuation head */
  continuationHead?: string;
}

export interface EditionDocument {
  body: Root;
  /** text the page prints besides the stories' (报眉, labels, jump lines), for font planning */
  extraText: string;
  /** every story's typeset tree, for font planning */
  trees: Root[];
  /** figures per flow: in slots, in the text, slots left empty */
  figures: Map<string, { slotted: number; inFlow: number; emptySlots: number }>;
}

/** The page's 报眉 values: the plan's paper and date, the page's number, section and credits. */
export function pageMatter(plan: EditionPlan, page: number): Matter {
  const p = plan.pages.find((x) => x.page === page);
  return {
    paper: plan.paper,
    date: String(plan.date),
    page: String(page),
    section: p?.section ?? '',
    editor: p?.editor ?? plan.editor ?? '',
    designer: p?.designer ?? plan.designer ?? '',
  };
}

const sizeVars = (s: HeadlineSlot) =>
  `--headline-size:${px(s.sizes.headline)};--kicker-size:${px(s.sizes.kicker)};--subheadline-size:${px(s.sizes.subheadline)};--byline-size:${px(s.sizes.byline)}`;

/** A head with a space between its phrases (广聚共识增合力 团结奋进谱新篇) breaks at the space: page.css sets `.phrased` keep-all. */
const PHRASES = /\S\s+\S/;

/** The head's 主题 and 副题 marked .phrased when their text has phrases; other heads break as they always did. */
function phrased(e: Element): Element {
  const mark = (x: Element): Element =>
    (hasClass(x, 'headline') || hasClass(x, 'subheadline')) && PHRASES.test(toString(x))
      ? { ...x, properties: { ...x.properties, className: [...((x.properties.className as string[]) ?? []), 'phrased'] } }
      : x;
  return { ...e, children: e.children.map((c) => (c.type === 'element' ? mark(c) : c)) };
}

function headlineArea(m: StoryModule, content: StoryContent): Element | null {
  if (!m.headline) return null;
  const style = `${box(m.headline)};${sizeVars(m.headline)}`;
  let inner: Element;
  if (m.kind === 'continuation') inner = h('header.headline-block.continuation-head', [h('p.headline', content.continuationHead ?? '')]);
  else if (content.title !== undefined) inner = h('header.headline-block.column-title', [h('p.headline', content.title)]);
  else inner = content.header ?? h('header.headline-block');
  return h('div.slot.headline-area', { 'data-flow': m.flow, style }, [phrased(inner)]);
}

/** Blocks of a story's text: each part's body, a brief's headline before its text; the first figures in slots are left out. */
function flowBlocks(content: StoryContent, hasts: Root[], slots: number): { blocks: ElementContent[]; slotted: Element[] } {
  const blocks: ElementContent[] = [];
  const slotted: Element[] = [];
  const brief = content.parts.length > 1 || content.title !== undefined;
  content.parts.forEach((part, k) => {
    const hast = hasts[k];
    const articleEl = hast.children.find((n): n is Element => n.type === 'element' && n.tagName === 'article');
    const body = articleEl && selectAll(articleEl, (e) => hasClass(e, 'article-body'))[0];
    const own = (body?.children ?? []).filter((n): n is Element => n.type === 'element');
    const header = articleEl && selectAll(articleEl, (e) => e.tagName === 'header' && hasClass(e, 'headline-block'))[0];
    const headText = header ? toString(selectAll(header, (e) => hasClass(e, 'headline'))[0] ?? h('span')) : '';
    const mark = (e: Element): Element => ({ ...e, properties: { ...e.properties, 'data-part': k } });
    // A brief's head comes from its front matter's headline: (every block carries its manuscript
    // line, so an overset that begins at a brief names where its head is written).
    if (brief && headText)
      blocks.push(
        mark(
          h(
            PHRASES.test(headText) ? 'h3.brief-head.phrased' : 'h3.brief-head',
            { 'data-line': longestMatterKey(part.article, ['headline']).line },
            headText,
          ),
        ),
      );
    let figureIndex = 0;
    for (const b of own) {
      if (b.tagName === 'figure') {
        const i = figureIndex++;
        if (!brief && i < slots) {
          slotted.push(b);
          continue;
        }
        blocks.push(mark(h('figure', { ...b.properties }, figureContent(b, part.photos[i]))));
        continue;
      }
      blocks.push(mark(b));
    }
  });
  return { blocks, slotted };
}

/** One of a story's text frames: where its flow runs, for the engine to thread and measure. */
function frameDiv(m: StoryModule, f: StoryModule['frames'][number]): Element {
  return h('div.frame.article-body', {
    'data-flow': m.flow,
    'data-column': f.column,
    'data-first-line': f.firstLine,
    'data-lines': f.lines,
    style: box(f),
  });
}

function moduleParts(m: StoryModule, content: StoryContent, slotted: Element[], photos: PlacedImage[]): ElementContent[] {
  const out: ElementContent[] = [];
  // The box first, so that its shading lies under the module's text.
  if (m.border)
    out.push(h(`div.module-box.${m.boxStyle ?? 'ruled'}`, { 'aria-hidden': 'true', 'data-flow': m.flow, style: box(m.border) }));
  const area = headlineArea(m, content);
  if (area) out.push(area);
  // Frames come first in the DOM, in reading order: the PDF's text comes back column by column.
  for (const f of m.frames) out.push(frameDiv(m, f));
  if (m.kind === 'story')
    m.photos.forEach((r, i) => {
      const slot = figureInSlot(slotted[i], photos[i], i, r);
      slot.properties['data-flow'] = m.flow;
      out.push(slot);
    });
  if (m.jump) out.push(h(`p.jump.jump-${m.jump.kind}`, { 'data-flow': m.flow, style: box(m.jump.box) }, m.jump.text));
  for (const r of m.rules) out.push(h('div.column-rule', { 'aria-hidden': 'true', style: box(r) }));
  return out;
}

export function editionDocument(
  layout: Layout,
  g: Geometry,
  plan: EditionPlan,
  pages: Map<number, EditionPage>,
  pageNo: number,
  stories: Map<string, StoryContent>,
): EditionDocument {
  const page = pages.get(pageNo)!;
  const flows = [...new Set(page.modules.map((m) => m.flow))];
  const typeset = new Map<string, { hasts: Root[]; fontText: string }>();
  for (const flow of flows) {
    const content = stories.get(flow)!;
    const sets = content.parts.map((p) => browserTypeset(p.article.hast, layout.lines));
    typeset.set(flow, { hasts: sets.map((s) => s.hast), fontText: sets.map((s) => s.fontText).join('') });
  }
  const figures = new Map<string, { slotted: number; inFlow: number; emptySlots: number }>();
  const sources: Element[] = [];
  const slottedOf = new Map<string, Element[]>();
  for (const flow of flows) {
    const content = stories.get(flow)!;
    const home = [...pages.values()].flatMap((p) => p.modules).find((m) => m.flow === flow && m.kind === 'story')!;
    const slots = home.photos.length;
    const { blocks, slotted } = flowBlocks(content, typeset.get(flow)!.hasts, slots);
    slottedOf.set(flow, slotted);
    const all = content.parts.flatMap((p) => p.photos).length;
    figures.set(flow, { slotted: slotted.length, inFlow: all - slotted.length, emptySlots: Math.max(0, slots - slotted.length) });
    const width = home.frames[0]?.width ?? g.columnWidth;
    sources.push(
      h('div.article-body.flow-source.flow-measure', { 'data-flow': flow, 'aria-hidden': 'true', style: `width:${px(width)}` }, blocks),
    );
  }
  const ta = g.typeArea;
  const sheet = (no: number, elsewhere: boolean): Element => {
    const p = pages.get(no)!;
    const mods = p.modules.filter((m) => !elsewhere || flows.includes(m.flow));
    const children: ElementContent[] = [];
    for (const m of mods) {
      const content = stories.get(m.flow)!;
      if (elsewhere) {
        // Only the story's frames: where its text goes on that page, for the engine to measure.
        for (const f of m.frames) children.push(frameDiv(m, f));
        continue;
      }
      children.push(...moduleParts(m, content, slottedOf.get(m.flow) ?? [], content.parts[0]?.photos ?? []));
    }
    if (!elsewhere)
      for (const r of p.rules) children.push(h(`div.module-rule.${r.width ? 'h' : 'v'}`, { 'aria-hidden': 'true', style: box(r) }));
    const head = elsewhere ? null : runningHead(layout, g, pageMatter(plan, no));
    const props: Properties = {
      'data-page': no,
      style: `width:${px(g.sheet.width)};height:${px(g.sheet.height)}${elsewhere ? `;position:absolute;top:0;left:${px(g.sheet.width + 100)};visibility:hidden` : ''}`,
    };
    if (elsewhere) props.className = ['sheet', 'sheet-elsewhere'];
    return h('div.sheet', props, [h('div.trim', { style: box(g.trim) }, [head, h('div.type-area', { style: box(ta) }, children)])]);
  };
  const other = new Set<number>();
  for (const p of pages.values()) if (p.page !== pageNo && p.modules.some((m) => flows.includes(m.flow))) other.add(p.page);
  // Sheets in page order, so that each story's frames are met in reading order (the engine fills a flow's frames in document order).
  const order = [...other, pageNo].sort((a, b) => a - b);
  const lang = String(stories.get(flows[0])?.parts[0]?.article.matter.lang ?? 'zh-CN');
  const body: Root = {
    type: 'root',
    children: [h('article.article.page-article.edition-page', { lang }, [...order.map((no) => sheet(no, no !== pageNo)), ...sources])],
  };
  const head = runningHead(layout, g, pageMatter(plan, pageNo));
  const extraText = [
    head ? toString(head) : '',
    '图片缺失：0123456789',
    ...page.modules.map((m) => m.jump?.text ?? ''),
    ...flows.map((f) => `${stories.get(f)?.title ?? ''}${stories.get(f)?.continuationHead ?? ''}`),
    ...flows.map((f) => typeset.get(f)!.fontText),
    ...flows.flatMap((f) => stories.get(f)!.parts.flatMap((p) => p.photos.map((i) => i.src))),
  ].join('');
  return { body, extraText, trees: flows.flatMap((f) => typeset.get(f)!.hasts), figures };
}
