// An edition from its plan: every page laid out and printed, several pages at once (a pool of tabs
// in one browser, each showing one page after another), each story threaded through its own
// module's frames, the stories that jump threaded through both pages' frames in both documents
// (edition-html.ts), and every page through the same finishing stage as a single page (the
// press). Copy fit per story and the findings given to each manuscript: edition-findings.ts.
// Writes nothing: write-edition.ts does.
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { FontSlice } from '../config/font-coverage.js';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Article } from '../core/article.js';
import { hasClass, selectAll, stringifyHast } from '../core/hast.js';
import { readConfinedPrefix } from '../core/confine.js';
import { matterText } from '../core/matter.js';
import { fitTolerance, lineRules, type Layout, type PrintPlaces } from '../config/layout.js';
import type { EditionPlan } from '../config/plan.js';
import { SERVED_CSP } from '../browser/served.js';
import { printFonts } from '../fonts/print-fonts.js';
import { articleCss, htmlDocument, readTemplate } from '../output/html-document.js';
import { toFullWidthPunctuation } from '../core/cjk.js';
import type { LayoutInput, LayoutResult } from './engine/protocol.js';
import { runLayout } from './engine-script.js';
import { editionDocument, pageMatter, type StoryContent } from './edition-html.js';
import type { PageFinding } from './findings.js';
import { RUNNING_HEAD_FIT } from './running-head-check.js';
import { HEADLINE_OVERFLOW } from './headline-check.js';
import { SLOT_FIT, type SlotFit } from './slot-check.js';
import { type EditionStory, editionFindings, type HeadOverflow, type PageOutcome, planPlace, type StoryFit } from './edition-findings.js';
import { type Geometry, PX_PER_MM, pageGeometry } from './geometry.js';
import { type PhotoPlaces, type PlacedImage, preparePhotos } from './images.js';
import { composeEdition, type EditionPage, flowsByPage, type HeadlineTexts, type StoryModule, storyOf } from './modules.js';
import { layoutCss } from './page-css.js';
import { PAGE_PATH, PAGE_URL, pageTab } from './page-served.js';
import { figureSources, FONTS_READY, fontsLoaded, PRINT_VIEWPORT, printPage, SHOW_PAGE } from './render.js';
import { cutEarly, pageFontCss, WARM_BYTES, type WarmTab, warmTab } from './warm-tab.js';
import { type PageFinishing, pdfFinisher, pdfMetadata } from './write-page.js';
import { laps } from '../core/laps.js';

export type { EditionStory, HeadOverflow, StoryFit } from './edition-findings.js';

export interface EditionOptions {
  layout: Layout;
  /** dist/<plan name> */
  outDir: string;
  browser: Browser;
  /** pages laid out at once (tabs of the browser) */
  concurrency: number;
  preview?: boolean;
  /** the finishing stage of each page (build:pdf's press), made per page */
  finishing?: (page: number) => PageFinishing | undefined;
  /** told when a page starts and when it is done */
  progress?: (message: string) => void;
  /** given each page as soon as it is printed (the CLI stages its files while the others are laid out) */
  printed?: (page: Pick<BuiltEditionPage, 'page' | 'pdf' | 'png'>) => Promise<void>;
  /** tabs opened while the stories were typeset (warmEditionTabs), one per worker; a tab that failed is opened again */
  warm?: Promise<Array<WarmTab | undefined>>;
}

export interface BuiltEditionPage {
  page: number;
  section: string;
  pdf: Uint8Array;
  png?: Uint8Array;
  /** the layout result, this page's own lines, frames and heads only */
  result: LayoutResult;
  geometry: Geometry;
  blocked: string[];
  missingChars: number[];
  ms: Record<string, number>;
}

export interface BuiltEdition {
  pages: BuiltEditionPage[];
  /** every page's modules, as composed from the plan */
  modules: Map<number, EditionPage>;
  stories: StoryFit[];
  /** every story as typeset, in the plan's order (buildEdition waited for them all: its caller need not again) */
  typeset: EditionStory[];
  /** the page findings given to each manuscript */
  pageFindings: PageFinding[];
  /** every story's photos as prepared for the pages (a press build removes the copies of any other: removeUnusedCopiesUnder) */
  photos: PlacedImage[];
  ms: Record<string, number>;
}

/** The headline block as the plan wants it: the plan's 引题 and 副题 replace the front matter's, false drops them. */
function storyHeader(article: Article, plan: EditionPlan, flow: string): Element | undefined {
  const { story } = storyOf(plan, flow);
  const articleEl = article.hast.children.find((n): n is Element => n.type === 'element' && n.tagName === 'article');
  const header = articleEl && selectAll(articleEl, (e) => e.tagName === 'header' && hasClass(e, 'headline-block'))[0];
  if (!header) return undefined;
  const copy = structuredClone(header);
  const replace = (cls: 'kicker' | 'subheadline', value: string | false | undefined) => {
    if (value === undefined) return;
    const at = copy.children.findIndex((c) => c.type === 'element' && hasClass(c, cls));
    const el = value === false ? null : h(`p.${cls}`, toFullWidthPunctuation(value));
    if (at >= 0) {
      if (el) copy.children[at] = el;
      else copy.children.splice(at, 1);
    } else if (el) copy.children.splice(cls === 'kicker' ? 0 : copy.children.length, 0, el);
  };
  replace('kicker', story.kicker);
  replace('subheadline', story.subheadline);
  return copy;
}

function headlineTexts(article: Article | undefined): HeadlineTexts {
  const m = article?.matter ?? {};
  const articleEl = article?.hast.children.find((n): n is Element => n.type === 'element' && n.tagName === 'article');
  const h1 = articleEl && selectAll(articleEl, (e) => e.tagName === 'h1' && hasClass(e, 'headline'))[0];
  const text = (e: Element | undefined) => (e ? toString(e) : '');
  return {
    kicker: matterText(m.kicker) || undefined,
    headline: text(h1) || matterText(m.headline) || undefined,
    subheadline: matterText(m.subheadline) || undefined,
    byline: matterText(m.byline) || undefined,
  };
}

/**
 * Run `work` over `items` with at most `n` at a time (worker 0 … n−1), results in the items' order.
 * After a failure no worker starts another item, and the first failure is thrown once the items
 * under way are done: nothing of the build is still writing (photos into the output folder) when
 * the caller cleans up.
 */
async function pool<T, R>(items: T[], n: number, work: (item: T, worker: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const runners = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async (_, worker) => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        out[i] = await work(items[i], worker);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(runners);
  if (failure) throw failure.error;
  return out;
}

/** A served tab that shows one edition page after another (page-served.ts: the document, fonts and photos come from Node). */
class PageTab {
  private readonly declared = new Set<string>();

  private constructor(
    readonly page: Page,
    readonly blocked: string[],
  ) {}

  /** A tab warmed while the stories were typeset: its fonts are declared and loading. */
  static async warmed(warm: WarmTab): Promise<PageTab> {
    try {
      await warm.ready;
      await warm.page.setViewport(PRINT_VIEWPORT);
    } catch (error) {
      await warm.close();
      throw error;
    }
    const tab = new PageTab(warm.page, warm.blocked);
    for (const face of warm.declared) tab.declared.add(face);
    return tab;
  }

  static async open(browser: Browser, outDir: string): Promise<PageTab> {
    const html = htmlDocument({ matter: {}, body: '', css: [], csp: SERVED_CSP });
    const served = await pageTab(browser, outDir, new Map([[PAGE_PATH, html]]));
    try {
      await served.page.setViewport(PRINT_VIEWPORT);
      await served.page.goto(PAGE_URL, { waitUntil: 'load' });
    } catch (error) {
      await served.page.close().catch(() => undefined);
      throw error;
    }
    return new PageTab(served.page, served.blocked);
  }

  /**
   * Show a page: its font slices (those not declared yet), styles and body; then wait for its fonts
   * (fontsReady), in the same call: a round trip less through Node, which may be busy with another
   * page's press.
   */
  async show(
    slices: FontSlice[],
    metrics: { ascent: string; descent: string },
    doc: { css: string; body: string; lang: string; title: string },
  ) {
    const fresh = slices.filter((f) => !this.declared.has(`${f.file}|${f.weight}`));
    for (const f of fresh) this.declared.add(`${f.file}|${f.weight}`);
    const fonts = fresh.length ? pageFontCss(fresh, metrics) : '';
    fontsLoaded(await this.page.evaluate(`(async () => { await (${SHOW_PAGE})(${JSON.stringify({ ...doc, fonts })}); ${FONTS_READY} })()`));
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}

/**
 * One tab per worker (`n`), opened while Node reads, checks and typesets the stories: each loads
 * the fonts the stories' raw text and the plan's (its paper, sections, heads: `files` names it
 * too) need (warm-tab.ts), so the first page of each tab does not wait for them. Failures show
 * when the tab is used (buildEdition then opens a tab of its own).
 */
export function warmEditionTabs(
  browser: Promise<Browser>,
  outDir: string,
  files: string[],
  n: number,
  metrics: { ascent: string; descent: string },
): Promise<Array<WarmTab | undefined>> {
  const warming = (async () => {
    // Read as every manuscript is (src/core/confine.ts: a regular file in its folder, no link out).
    const texts = await Promise.all(
      files.map(async (file) => {
        const abs = path.resolve(file);
        return (await readConfinedPrefix(path.dirname(abs), abs, WARM_BYTES)).bytes.toString('utf8');
      }),
    );
    const text = texts.join('\n');
    cutEarly(text);
    const b = await browser;
    return Promise.all(Array.from({ length: n }, () => warmTab(b, outDir, text, metrics).catch(() => undefined)));
  })();
  warming.catch(() => undefined);
  return warming;
}

/** Close warmed tabs that no build took (the build failed or stopped before its pages). */
export async function closeWarmTabs(warm: Promise<Array<WarmTab | undefined>> | undefined): Promise<void> {
  const tabs = await warm?.catch(() => undefined);
  await Promise.all((tabs ?? []).map((t) => t?.close()));
}

/**
 * The plan's stories by flow, each as it is read and typeset (the CLI typesets them one after
 * another in page order): a page starts as soon as the stories on it are ready.
 */
export type EditionStories = Map<string, Promise<EditionStory>>;

/** Lay out and print every page of the plan in memory. */
export async function buildEdition(plan: EditionPlan, stories: EditionStories, options: EditionOptions): Promise<BuiltEdition> {
  const started = performance.now();
  const { layout, outDir, browser } = options;
  const geometry = pageGeometry(layout);
  const flowsOn = flowsByPage(plan);
  const compose = (ready: EditionStory[]) => {
    const byFlow = new Map(ready.map((s) => [s.flow, s]));
    const texts = (flow: string) => headlineTexts(byFlow.get(flow)?.articles[0]);
    return composeEdition({ layout, geometry, plan, headlineTexts: texts }, new Set(byFlow.keys()));
  };
  // Each story's photos, scaled for its own slots (or its text column), into images/<flow>/: once,
  // by the first page that shows the story (its home module is the same in every composition).
  let photosMs = 0;
  const prepared = new Map<string, Promise<StoryContent>>();
  const content = (s: EditionStory, pages: Map<number, EditionPage>) => {
    let done = prepared.get(s.flow);
    if (!done) {
      done = storyContent(s, pages, plan, outDir, layout, geometry).then((c) => {
        photosMs = Math.max(photosMs, Math.round(performance.now() - started));
        return c;
      });
      prepared.set(s.flow, done);
    }
    return done;
  };
  // A page's modules and the contents of the stories on it, as soon as those stories are typeset.
  const pageInput = async (page: number) => {
    const ready = await Promise.all(flowsOn.get(page)!.map((flow) => stories.get(flow)!));
    const pages = compose(ready);
    const contents = new Map(await Promise.all(ready.map(async (s) => [s.flow, await content(s, pages)] as const)));
    return { pages, contents };
  };
  const styles = [await articleCss(), layoutCss(layout, geometry), await readTemplate('newspaper', 'page.css')];
  // One tab per worker, each laying out one page after another: its fonts stay loaded from page to
  // page (each page declares only the faces it adds), so no page pays for loading them all again.
  const tabs: PageTab[] = [];
  const warm = (await options.warm?.catch(() => undefined)) ?? [];
  const tabFor = async (worker: number) => {
    const w = warm[worker];
    warm[worker] = undefined;
    if (w) {
      const tab = await PageTab.warmed(w).catch(() => undefined);
      if (tab) return tab;
    }
    return PageTab.open(browser, outDir);
  };
  let built: PageRun[];
  try {
    built = await pool(
      [...flowsOn.keys()].sort((a, b) => a - b),
      options.concurrency,
      async (no, worker) => {
        // the page's stories and photos while its tab opens (the first page of each tab)
        const input = pageInput(no);
        input.catch(() => undefined);
        tabs[worker] ??= await tabFor(worker);
        const { pages, contents } = await input;
        const run = await buildOnePage(pages.get(no)!, pages, plan, contents, styles, geometry, options, tabs[worker]);
        await options.printed?.(run);
        return run;
      },
    );
  } finally {
    await Promise.all([...tabs.map((t) => t?.close()), ...warm.map((w) => w?.close())]);
  }
  // Every story is typeset by now (each is on a page): the whole edition's modules, for edition.fit.json.
  const all = await Promise.all(stories.values());
  const pages = compose(all);
  const contents = new Map(await Promise.all(all.map(async (s) => [s.flow, await content(s, pages)] as const)));
  const { stories: storyFits, pageFindings } = editionFindings({ plan, layout, pages, built, all, contents });
  return {
    pages: built.map(({ page, section, pdf, png, own, blocked, missingChars, ms }) => ({
      page,
      section,
      pdf,
      png,
      result: own,
      geometry,
      blocked,
      missingChars,
      ms,
    })),
    modules: pages,
    stories: storyFits,
    typeset: all,
    pageFindings,
    photos: [...contents.values()].flatMap((c) => c.parts.flatMap((p) => p.photos)),
    ms: { photos: photosMs, total: Math.round(performance.now() - started) },
  };
}

/** Where a story's figures go: figure N in its module's photo slot N, the rest in a column of its text (a brief column's all). */
function storyPlaces(home: StoryModule, brief: boolean, geometry: Geometry): PhotoPlaces {
  return { slots: brief ? [] : home.photos, columnWidth: home.frames[0]?.width ?? geometry.columnWidth };
}

/**
 * Where the figures of a story's manuscripts print, in mm, for the copy desk's image-resolution
 * (CheckOptions.photoPlaces), before the story is typeset: its module as the plan composes it (the
 * slots and columns do not depend on the headline's text), each place named in the plan.
 */
export function storyPrintPlaces(plan: EditionPlan, layout: Layout, flow: string): PrintPlaces {
  const geometry = pageGeometry(layout);
  const { page, story } = storyOf(plan, flow);
  const modules = composeEdition({ layout, geometry, plan, headlineTexts: () => ({}) }, new Set([flow])).get(page.page)!.modules;
  const home = modules.find((m) => m.kind === 'story')!;
  const brief = story.manuscripts !== undefined;
  const { slots, columnWidth } = storyPlaces(home, brief, geometry);
  const mm = (px: number) => px / PX_PER_MM;
  return {
    slots: slots.map((slot, n) => ({
      widthMm: mm(slot.width),
      heightMm: mm(slot.height),
      name: `photo slot ${n + 1} in the plan, ${planPlace(plan, flow, 'story', ['photos', n])}`,
    })),
    column: {
      widthMm: mm(columnWidth),
      name: `a text column of the story's module, no photo slot for it in the plan, ${planPlace(plan, flow, 'story')}`,
    },
  };
}

/** A story's parts with their photos scaled and placed (preparePhotos), its headline block and jump head. */
async function storyContent(
  s: EditionStory,
  pages: Map<number, EditionPage>,
  plan: EditionPlan,
  outDir: string,
  layout: Layout,
  geometry: Geometry,
): Promise<StoryContent> {
  const { story } = storyOf(plan, s.flow);
  const home = [...pages.values()].flatMap((p) => p.modules).find((m) => m.flow === s.flow && m.kind === 'story')!;
  const brief = s.articles.length > 1 || story.manuscripts !== undefined;
  const parts = await Promise.all(
    s.articles.map(async (article, k) => {
      const places = { ...storyPlaces(home, brief, geometry), dir: `images/${s.flow}${brief ? `-${k + 1}` : ''}` };
      const photos = await preparePhotos(figureSources(article), article.root, outDir, layout, places);
      return { article, photos };
    }),
  );
  return {
    flow: s.flow,
    parts,
    header: brief ? undefined : storyHeader(s.articles[0], plan, s.flow),
    title: brief ? (story.title ?? '') : undefined,
    continuationHead: story.continue ? (story.continue.head ?? headlineTexts(s.articles[0]).headline ?? '') : undefined,
  };
}

interface PageRun extends PageOutcome {
  section: string;
  pdf: Uint8Array;
  png?: Uint8Array;
  ms: Record<string, number>;
}

async function buildOnePage(
  page: EditionPage,
  pages: Map<number, EditionPage>,
  plan: EditionPlan,
  contents: Map<string, StoryContent>,
  styles: string[],
  geometry: Geometry,
  options: EditionOptions,
  tab: PageTab,
): Promise<PageRun> {
  const { ms, lap } = laps();
  const { layout } = options;
  options.progress?.(`page ${page.page} (${page.section}): laying out ${page.modules.length} module(s)`);
  const doc = editionDocument(layout, geometry, plan, pages, page.page, contents);
  const text = [...doc.trees.map((tree: Root) => toString(tree)), doc.extraText].join('');
  const { slices, missing } = await printFonts(text);
  const metrics = layout.fontMetrics;
  const matter = pageMatter(plan, page.page);
  const title = `${plan.paper} 第${page.page}版 ${page.section}`;
  const lang = 'zh-CN'; // a page's language: the plan names none, so htmlDocument's default
  const body = stringifyHast(doc.body);
  lap('html');
  const stage = options.finishing?.(page.page);
  // The photos printed on this page: its own stories' (a story that jumps here from another page
  // brings only text; its photos are that page's, and two pages never convert one photo at once).
  const home = new Set(page.modules.filter((m) => m.kind === 'story').map((m) => m.flow));
  const photos = [...home].flatMap((f) => contents.get(f)!.parts.flatMap((p) => p.photos));
  stage?.onPhotos?.(photos as PlacedImage[], geometry);
  const blockedBefore = tab.blocked.length;
  await tab.show(slices, metrics, { css: styles.join('\n'), body, lang, title });
  lap('load');
  const rules = lineRules(layout);
  const flows = [...doc.figures.keys()];
  const fit = fitTolerance(layout);
  const input: LayoutInput = {
    grid: geometry.grid,
    keepWithHead: layout.grid.keepWithHead ?? 2,
    minTableRows: layout.grid.minTableRows ?? 2,
    minLastLine: rules.minLastLine,
    maxLoose: rules.maxLoose,
    noStart: rules.noStart,
    noEnd: rules.noEnd,
    flows: flows.map((f) => ({ id: f, source: `.flow-source[data-flow="${f}"]`, frames: `.frame[data-flow="${f}"]`, fit })),
    autoPages: false,
    maxPages: 1 + pages.size,
    // Every printed line: each page's share of the line quality, and whether a jump's text reached its continuation.
    lineMap: true,
  };
  const full = await runLayout(tab.page, input);
  // The other pages' sheets were only there to thread the jumping stories: they are not printed.
  // Then, once the fonts are ready again, the running head's, the photo slots' and the headlines'
  // fit, in that order, in one call (each its own round trip through Node, busy with another page's press).
  const checked = (await tab.page.evaluate(`(async () => {
    document.querySelectorAll('.sheet-elsewhere').forEach(function (s) { s.remove(); });
    var status = await (async () => { ${FONTS_READY} })();
    if (status !== 'loaded') return { status: status };
    return { status: status, runningHead: ${RUNNING_HEAD_FIT}, slots: ${SLOT_FIT}, heads: ${HEADLINE_OVERFLOW}(${geometry.grid}) };
  })()`)) as { status: string; runningHead: PageRun['runningHead']; slots: SlotFit[]; heads: Array<Omit<HeadOverflow, 'page'>> };
  fontsLoaded(checked.status);
  const { runningHead, slots } = checked;
  const heads = checked.heads.map((o) => ({ ...o, page: page.page }));
  lap('layout');
  const meta = pdfMetadata({ ...matter, headline: title }, `page-${page.page}`);
  const printed = await printPage(
    tab.page,
    geometry,
    { area: geometry.trim, width: layout.preview?.width ?? 1200 },
    { preview: options.preview, finish: pdfFinisher(layout, meta, stage), beforePreview: stage?.beforePreview },
  );
  Object.assign(ms, printed.ms, stage?.ms?.() ?? {});
  options.progress?.(`page ${page.page}: printed`);
  return {
    page: page.page,
    section: page.section,
    pdf: printed.pdf,
    png: printed.png,
    full,
    own: pageShare(full, page.page),
    flows: new Set(flows),
    flowFits: new Map(full.flows.map((f) => [f.id, f.fit])),
    figures: doc.figures,
    blocked: tab.blocked.slice(blockedBefore),
    missingChars: missing,
    heads,
    runningHead,
    slots,
    ms,
  };
}

/** The part of a layout result on one page: its frames, lines and marks (the other pages' sheets are left out). */
function pageShare(r: LayoutResult, page: number): LayoutResult {
  const on = <T extends { page: number }>(xs: T[]) => xs.filter((x) => x.page === page);
  const q = r.quality;
  const quality = { ...q, badStarts: on(q.badStarts), badEnds: on(q.badEnds), orphans: on(q.orphans), loose: on(q.loose) };
  const lines = on(r.lines);
  return {
    ...r,
    pages: 1,
    frames: on(r.frames),
    quality: { ...quality, lines: lines.length },
    heads: on(r.heads),
    continued: on(r.continued),
    offGrid: on(r.offGrid),
    problems: on(r.problems),
    boxes: on(r.boxes),
    lines,
  };
}
