// Where everything of an edition page sits: each story's module of the column grid, and in it the
// story's headline block, photo slots, jump lines and text frames; the rules between modules and
// the boxes around boxed modules. Pure geometry from the plan and the layout, in CSS px from the
// type area's top left; every vertical position is a whole number of grid lines, so the lines of
// every module share the page's baseline grid.
import { editionStyle, type EditionStyle, type Layout, toMm } from '../config/layout.js';
import type { BoxStyle, EditionPlan, GridBox, HeadlinePlan, PagePlan, StoryPlan } from '../config/plan.js';
import { type Base, type FrameBox, type Geometry, PX_PER_MM, type Rect, regionFrames, type SlotBox, slotBox } from './geometry.js';

/** The texts of a headline block, for estimating its height. */
export interface HeadlineTexts {
  kicker?: string;
  headline?: string;
  subheadline?: string;
  byline?: string;
}

/** Type sizes of a headline block, in CSS px. */
export interface HeadlineSizes {
  kicker: number;
  headline: number;
  subheadline: number;
  byline: number;
}

export interface HeadlineSlot extends SlotBox {
  sizes: HeadlineSizes;
}

/** One module of a story on a page: its own home module, or where it continues. */
export interface StoryModule {
  /** the story's flow: `p<page>s<n>`, the page it starts on and its place in that page's list */
  flow: string;
  /** the page the module is on */
  page: number;
  kind: 'story' | 'continuation';
  /** the module's grid box, gap included (0-based grid lines) */
  grid: { columns: [number, number]; top: number; lines: number; gap: number };
  /** the module on the page, px, gap included */
  box: Rect;
  headline?: HeadlineSlot;
  photos: SlotBox[];
  /** text frames in reading order */
  frames: FrameBox[];
  /** column rules inside the module */
  rules: Rect[];
  /** the jump line: （下转第N版） at the foot of a story that continues, （上接第N版） where it resumes */
  jump?: { box: Rect; text: string; kind: 'to' | 'from' };
  /** the border of a boxed module */
  boxStyle?: BoxStyle;
  border?: Rect;
}

export interface EditionPage {
  page: number;
  section: string;
  /** every module on the page */
  modules: StoryModule[];
  /** rules between modules */
  rules: Rect[];
}

/** A story's flow id. */
export const flowId = (page: number, index: number) => `p${page}s${index + 1}`;

/** Pixels of a length. */
const px = (length: string) => toMm(length) * PX_PER_MM;

/** The 主题 size for a headline block `columns` wide: the entry of the largest width not above it. */
export function headlineSize(style: EditionStyle, columns: number): string {
  const entries = Object.entries(style.headlineSizes)
    .map(([n, s]) => [Number(n), s] as const)
    .sort((a, b) => a[0] - b[0]);
  let size = entries[0]?.[1] ?? '22pt';
  for (const [n, s] of entries) if (n <= columns) size = s;
  return size;
}

/** Sizes of the block's parts: the 主题 as given; 引题, 副题 and byline scaled with it, never below the 小标题 size. */
export function headlineSizes(layout: Layout, headline: string): HeadlineSizes {
  const t = layout.type;
  const full = px(t.headlineSize ?? '42pt');
  const h = px(headline);
  const ratio = Math.min(1, h / full);
  const floor = px(t.headSize ?? t.bodySize);
  const scaled = (size: string | undefined, fallback: string) => Math.max(floor, px(size ?? fallback) * ratio);
  return {
    headline: h,
    kicker: Math.min(h, scaled(t.kickerSize, '16pt')),
    subheadline: Math.min(h, scaled(t.subheadlineSize, '18pt')),
    byline: Math.min(h, Math.max(floor, px(t.bylineSize ?? t.bodySize))),
  };
}

/**
 * Grid lines a headline block needs: each part's lines at its size in the block's width (as
 * page.css sets them: 引题 and 副题 1.4, 主题 1.25 with 0.1 em above and below and 0.04 em
 * tracking, byline 0.6 em above), plus one line of air. An estimate: the plan's `lines` wins.
 */
export function estimateHeadlineLines(texts: HeadlineTexts, width: number, sizes: HeadlineSizes, grid: number): number {
  const linesOf = (s: string | undefined, size: number, tracking = 0) => (s ? headLines(s, width / (size * (1 + tracking))) : 0);
  let h = 0;
  h += linesOf(texts.kicker, sizes.kicker) * sizes.kicker * 1.4;
  const hl = linesOf(texts.headline, sizes.headline, 0.04);
  if (hl) h += hl * sizes.headline * 1.25 + 0.2 * sizes.headline;
  h += linesOf(texts.subheadline, sizes.subheadline) * sizes.subheadline * 1.4;
  if (texts.byline) h += linesOf(texts.byline, sizes.byline) * sizes.byline * 1.4 + 0.6 * sizes.byline;
  return Math.ceil(h / grid - 0.01) + 1;
}

/**
 * Lines a head takes in a line of `room` ems: its phrases (split at spaces) kept whole on a line
 * where they fit, as page.css sets an edition's heads (word-break: keep-all), a phrase longer than
 * a line broken where it must; a space counted as a whole em (as the estimate always did: a line
 * too many leaves air, a line too few cuts the head).
 */
export function headLines(text: string, room: number): number {
  const phrases = text
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => Array.from(p).length);
  let lines = 0;
  let used = 0;
  for (const n of phrases) {
    if (lines && used + 1 + n <= room) {
      used += 1 + n;
      continue;
    }
    const taken = Math.max(1, Math.ceil(n / room - 1e-9));
    lines += taken;
    used = n - (taken - 1) * room;
  }
  return Math.max(1, lines);
}

export interface ComposeInput {
  layout: Layout;
  geometry: Geometry;
  plan: EditionPlan;
  /** the headline texts of a story (its front matter and the plan's kicker/subheadline), by flow id */
  headlineTexts: (flow: string) => HeadlineTexts;
}

/** The page's grid as a Base for frames. */
function pageBase(g: Geometry): Base {
  return { grid: g.grid, columnWidth: g.columnWidth, gutter: g.gutter };
}

/**
 * A boxed module's inner columns: one em less than the module's width on each side at least,
 * each column a whole number of ems (docs/layout-engine.md: columns that are not whole ems spread
 * every line), centred in the module.
 */
function boxedBase(g: Geometry, layout: Layout, columns: [number, number], box: Rect): Base {
  const n = columns[1] - columns[0] + 1;
  const em = g.em;
  const gutter = g.gutter;
  const ems = Math.floor((box.width - 2 * em - (n - 1) * gutter) / n / em);
  const columnWidth = Math.max(1, Math.min(ems, layout.grid.columnWidth)) * em;
  const used = n * columnWidth + (n - 1) * gutter;
  return { grid: g.grid, columnWidth, gutter, firstColumn: columns[0], x0: box.left + Math.round((box.width - used) / 2) };
}

interface ModuleSpec {
  flow: string;
  page: number;
  kind: 'story' | 'continuation';
  at: GridBox;
  headline: HeadlinePlan | false | undefined;
  headlineTexts: HeadlineTexts;
  headlineSize?: string;
  photos: GridBox[];
  boxStyle?: BoxStyle;
  jump?: { kind: 'to' | 'from'; text: string };
}

/** Lay out one module: its blocks, the frames left between them, its column rules, its jump line. */
function composeModule(spec: ModuleSpec, input: ComposeInput, gridLines: number, style: EditionStyle): StoryModule {
  const { geometry: g, layout } = input;
  const base = pageBase(g);
  const top = spec.at.top - 1;
  const bottom = top + spec.at.lines;
  const gap = bottom < gridLines ? Math.min(style.moduleGap, spec.at.lines - 1) : 0;
  const outer = slotBox(base, spec.at.columns, top, spec.at.lines);
  const box: Rect = { left: outer.left, top: outer.top, width: outer.width, height: outer.height };
  const boxed = Boolean(spec.boxStyle);
  // A boxed module keeps a line of air inside its border at the top and the foot.
  const from = top + (boxed ? 1 : 0);
  const to = bottom - gap - (boxed ? 1 : 0);
  const inner = boxed ? boxedBase(g, layout, spec.at.columns, box) : base;
  const blocks: SlotBox[] = [];
  let headline: HeadlineSlot | undefined;
  if (spec.headline !== false && (spec.headlineTexts.headline || spec.headlineTexts.kicker || spec.headline)) {
    const h = spec.headline || {};
    const columns = h.columns ?? spec.at.columns;
    const width = slotBox(inner, columns, 0, 0).width;
    const size = h.size ?? spec.headlineSize ?? headlineSize(style, columns[1] - columns[0] + 1);
    const sizes = headlineSizes(layout, size);
    // Never below 0 lines: a module smaller than its box's air leaves none (a negative height would let the block grow to its text).
    const lines = Math.max(0, Math.min(to - from, h.lines ?? estimateHeadlineLines(spec.headlineTexts, width, sizes, g.grid)));
    headline = { ...slotBox(inner, columns, from, lines), sizes };
    blocks.push(headline);
  }
  const photos = spec.photos.map((p) => slotBox(inner, p.columns, p.top - 1, p.lines));
  blocks.push(...photos);
  const region = { columns: spec.at.columns, from, to };
  const { frames, rules } = regionFrames(inner, region, blocks, layout.grid.columnRules);
  let jump: StoryModule['jump'];
  if (spec.jump && frames.length) {
    // （下转…） takes the last line of the last frame in reading order; （上接…） the first line of the first.
    const f = spec.jump.kind === 'to' ? frames[frames.length - 1] : frames[0];
    const line = spec.jump.kind === 'to' ? f.firstLine + f.lines - 1 : f.firstLine;
    jump = { kind: spec.jump.kind, text: spec.jump.text, box: { left: f.left, top: line * g.grid, width: f.width, height: g.grid } };
    f.lines -= 1;
    f.height -= g.grid;
    if (spec.jump.kind === 'from') {
      f.firstLine += 1;
      f.top += g.grid;
    }
    if (f.lines === 0) frames.splice(frames.indexOf(f), 1);
  }
  const border = boxed ? { left: box.left, top: box.top, width: box.width, height: (spec.at.lines - gap) * g.grid } : undefined;
  return {
    flow: spec.flow,
    page: spec.page,
    kind: spec.kind,
    grid: { columns: spec.at.columns, top, lines: spec.at.lines, gap },
    box,
    headline,
    photos,
    frames,
    rules,
    jump,
    boxStyle: spec.boxStyle,
    border,
  };
}

const fill = (template: string, page: number) => template.replace(/\{\{\s*page\s*\}\}/g, String(page));

/** The flows with a module on each page of the plan: the page's own stories and those that continue on it. */
export function flowsByPage(plan: EditionPlan): Map<number, string[]> {
  const on = new Map<number, string[]>(plan.pages.map((p) => [p.page, []]));
  for (const pg of plan.pages)
    pg.stories.forEach((s, i) => {
      on.get(pg.page)!.push(flowId(pg.page, i));
      if (s.continue && on.has(s.continue.page)) on.get(s.continue.page)!.push(flowId(pg.page, i));
    });
  return on;
}

/**
 * Every module of every page of the plan, by page number; with `flows`, only those flows' modules
 * (a module is made of its own story's headline texts alone, so a page whose flows are all given
 * has all its modules and rules, each as the whole edition's composition has it).
 */
export function composeEdition(input: ComposeInput, flows?: ReadonlySet<string>): Map<number, EditionPage> {
  const { layout, plan } = input;
  const style = editionStyle(layout);
  const gridLines = layout.grid.lines;
  const pages = new Map<number, EditionPage>(plan.pages.map((p) => [p.page, { page: p.page, section: p.section, modules: [], rules: [] }]));
  for (const pg of plan.pages) {
    pg.stories.forEach((s, i) => {
      const flow = flowId(pg.page, i);
      if (flows && !flows.has(flow)) return;
      const texts = storyHeadline(s, input.headlineTexts(flow));
      const home: ModuleSpec = {
        flow,
        page: pg.page,
        kind: 'story',
        at: s,
        headline: s.headline,
        headlineTexts: texts,
        photos: s.photos ?? [],
        boxStyle: s.box || undefined,
        jump: s.continue ? { kind: 'to', text: fill(style.jumpTo, s.continue.page) } : undefined,
      };
      pages.get(pg.page)!.modules.push(composeModule(home, input, gridLines, style));
      const c = s.continue;
      if (c && pages.has(c.page)) {
        const cont: ModuleSpec = {
          flow,
          page: c.page,
          kind: 'continuation',
          at: c,
          headline: c.headline,
          headlineTexts: { headline: c.head ?? texts.headline },
          headlineSize: style.continuationHeadSize,
          photos: [],
          boxStyle: s.box || undefined,
          jump: { kind: 'from', text: fill(style.jumpFrom, pg.page) },
        };
        pages.get(c.page)!.modules.push(composeModule(cont, input, gridLines, style));
      }
    });
  }
  for (const p of pages.values()) p.rules = style.moduleRules ? moduleRules(p.modules, input.geometry, layout) : [];
  return pages;
}

/** The block's texts: the plan's kicker and subheadline replace the front matter's; false drops them. */
function storyHeadline(s: StoryPlan, matter: HeadlineTexts): HeadlineTexts {
  if (s.manuscripts) return { headline: s.title };
  return {
    kicker: s.kicker === false ? undefined : (s.kicker ?? matter.kicker),
    headline: matter.headline,
    subheadline: s.subheadline === false ? undefined : (s.subheadline ?? matter.subheadline),
    byline: matter.byline,
  };
}

/**
 * Rules between modules: along every edge two modules share, in the middle of the gutter between
 * them (vertical) or of the upper module's gap (horizontal), meeting at T-junctions. Edges of a
 * boxed module are left to its border.
 */
export function moduleRules(modules: StoryModule[], g: Geometry, layout: Layout): Rect[] {
  const G = g.grid;
  const pitch = g.columnWidth + g.gutter;
  const colLeft = (c: number) => (c - 1) * pitch;
  const colRight = (c: number) => colLeft(c) + g.columnWidth;
  const n = layout.grid.columns;
  const lines = layout.grid.lines;
  const rules: Rect[] = [];
  const span = (m: StoryModule) => ({ a: m.grid.columns[0], b: m.grid.columns[1], top: m.grid.top, bottom: m.grid.top + m.grid.lines });
  for (const m of modules) {
    const ms = span(m);
    for (const o of modules) {
      if (o === m || m.boxStyle || o.boxStyle) continue;
      const os = span(o);
      // o to the right of m: a vertical rule in the gutter between them.
      if (os.a === ms.b + 1) {
        const from = Math.max(ms.top, os.top);
        const to = Math.min(ms.bottom, os.bottom);
        if (to > from) {
          const y0 = from > 0 ? (from - gapAt(modules, from, ms.b, os.a) / 2) * G : 0;
          const y1 = to < lines ? (to - gapAt(modules, to, ms.b, os.a) / 2) * G : to * G;
          rules.push({ left: colRight(ms.b) + g.gutter / 2, top: y0, width: 0, height: y1 - y0 });
        }
      }
      // o below m: a horizontal rule in m's gap.
      if (os.top === ms.bottom) {
        const a = Math.max(ms.a, os.a);
        const b = Math.min(ms.b, os.b);
        if (b >= a) {
          const y = (ms.bottom - m.grid.gap / 2) * G;
          const x0 = a > 1 ? colLeft(a) - g.gutter / 2 : colLeft(a);
          const x1 = b < n ? colRight(b) + g.gutter / 2 : colRight(b);
          rules.push({ left: x0, top: y, width: x1 - x0, height: 0 });
        }
      }
    }
  }
  return rules;
}

/** The gap of the module ending at grid line `at` just left or right of the gutter between columns `left` and `right`. */
function gapAt(modules: StoryModule[], at: number, left: number, right: number): number {
  const ending = modules.filter(
    (m) => m.grid.top + m.grid.lines === at && (m.grid.columns[1] === left || m.grid.columns[0] === right) && !m.boxStyle,
  );
  return ending.length ? Math.max(...ending.map((m) => m.grid.gap)) : 0;
}

/** Flow ids of the stories with a module on `page`, and the pages each of them has modules on. */
export function flowsOn(pages: Map<number, EditionPage>, page: number): Map<string, number[]> {
  const flows = new Map<string, number[]>();
  for (const m of pages.get(page)?.modules ?? []) flows.set(m.flow, []);
  for (const p of pages.values()) for (const m of p.modules) if (flows.has(m.flow)) flows.get(m.flow)!.push(p.page);
  return flows;
}

/** The plan page of a flow id. */
export function storyOf(plan: EditionPlan, flow: string): { page: PagePlan; story: StoryPlan; index: number } {
  const m = /^p(\d+)s(\d+)$/.exec(flow);
  const page = plan.pages.find((p) => p.page === Number(m?.[1]));
  const index = Number(m?.[2]) - 1;
  if (!page?.stories[index]) throw new Error(`no story ${flow} in the plan`);
  return { page, story: page.stories[index], index };
}
