// Render an article onto newspaper pages in one confined Chromium page: build the page document,
// wait for the fonts, run the layout engine, let an optional `overlay` hook draw over the laid-out
// page (the proof adds its watermark and findings this way: the same layout, never a second one),
// then print the PDF and take the PNG preview.
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { Article } from '../core/article.js';
import { SERVED_CSP } from '../browser/served.js';
import { stringifyHast } from '../core/hast.js';
import { toString } from 'hast-util-to-string';
import { articleCss, htmlDocument, readTemplate } from '../output/html-document.js';
import { printFonts } from '../fonts/print-fonts.js';
import { writeAtomic } from '../core/atomic.js';
import { lineRules, type Layout } from '../config/layout.js';
import { pageGeometry, type Geometry, type Rect } from './geometry.js';
import { layoutCss } from './page-css.js';
import { pageDocument } from './page-html.js';
import { pageFontCss, type WarmTab } from './warm-tab.js';
import { PAGE_PATH, PAGE_URL, pageTab } from './page-served.js';
import { pagePlaces, preparePhotos, type PlacedImage } from './images.js';
import type { LayoutInput, LayoutResult } from './engine/protocol.js';
import { runLayout } from './engine-script.js';
import { laps } from '../core/laps.js';

/** What the overlay hook sees: the laid-out page and everything known about it before printing. */
export interface OverlayContext {
  page: Page;
  article: Article;
  layout: Layout;
  geometry: Geometry;
  result: LayoutResult;
  photos: PlacedImage[];
  figures: RenderedPage['figures'];
  missingChars: number[];
  blocked: string[];
  /** font slices the page has declared (`file|weight`): an overlay declares only the others, never the page's again */
  fonts: ReadonlySet<string>;
}

/**
 * What an overlay may change about the printed sheet: a larger sheet around the same trim (the
 * proof's slug and sign-off box), given as the geometry that is printed, and the preview's area.
 */
export interface OverlayResult {
  geometry?: Geometry;
  /** area of the sheet the PNG preview shows and its width in pixels (default: the trim, at the layout's preview width) */
  preview?: { area: Rect; width: number };
}

export interface RenderOptions {
  layout: Layout;
  /** dist/<outputName>: scaled photos go to images/ here */
  outDir: string;
  browser: Browser;
  /** Run onto as many continuation pages as the text needs (long documents) */
  autoPages?: boolean;
  maxPages?: number;
  /** Draw over the laid-out page before printing (proof marks); never moves the page's text */
  overlay?: (ctx: OverlayContext) => Promise<OverlayResult>;
  /** Make the line map (result.lines); by default only for an overlay, which numbers and marks lines */
  lineMap?: boolean;
  preview?: boolean;
  /** A tab that has been loading the manuscript's fonts meanwhile (warm-tab.ts); closed after use */
  tab?: WarmTab;
  /** Save the laid-out document here (the benchmark prints it as its baseline) */
  saveHtml?: string;
  /** Work for Node while the browser prints (e.g. loading the modules needed afterwards) */
  whilePrinting?: () => void;
  /** Post-process the printed PDF; runs while the preview is taken */
  finish?: (pdf: Uint8Array, geometry: Geometry) => Promise<Uint8Array>;
  /** Told the photos as soon as they are scaled (the press starts converting them meanwhile) */
  onPhotos?: (photos: PlacedImage[], geometry: Geometry) => void;
  /** Change the laid-out page just before the preview is taken (after printing the PDF) */
  beforePreview?: (page: Page) => Promise<void>;
}

export interface RenderedPage {
  pdf: Uint8Array;
  png?: Uint8Array;
  result: LayoutResult;
  geometry: Geometry;
  photos: PlacedImage[];
  figures: { slotted: number; inFlow: number; emptySlots: number };
  /** characters the body face cannot show */
  missingChars: number[];
  blocked: string[];
  ms: Record<string, number>;
}

export function figureSources(article: Article): Array<{ src: string; line?: number }> {
  const out: Array<{ src: string; line?: number }> = [];
  visit(article.hast, 'element', (e: Element) => {
    if (e.tagName === 'figure') {
      const img = e.children.find((c): c is Element => c.type === 'element' && c.tagName === 'img');
      out.push({ src: String(img?.properties.src ?? ''), line: Number(e.properties['data-line']) || undefined });
    }
  });
  return out;
}

/**
 * The viewport of the tabs that lay out and print pages (a manuscript's, a proof's, an edition's).
 * Nothing looks at their screen: the PDF is printed at the sheet's @page size and the preview is
 * captured beyond the viewport at its own scale (printPage). But headless Chromium keeps what the
 * viewport shows rastered: with a viewport the size of the sheet it rastered the whole page after
 * each page was shown, after the layout, and again after each preview capture (~1.5 s of CPU over
 * the 16 pages of the bench edition, measured with the browser's processes' CPU time); a viewport
 * of a few pixels rasters next to nothing. The layout does not depend on the viewport: sheets,
 * frames and flow sources have sizes of their own (page-html.ts, edition-html.ts); the bench
 * edition and the seed's page and proof print the same text at the same places and the same
 * preview pixels either way.
 */
export const PRINT_VIEWPORT = { width: 16, height: 16 };

/**
 * How long the page document may take to load: loading grows with the document (some seconds per
 * megabyte of HTML on two busy cores), so puppeteer's fixed 30 s failed an 8 MB manuscript that
 * was loading fine. The limits (src/config/limits.ts) bound the document.
 */
function loadTimeout(chars: number): number {
  return 30_000 + Math.ceil(chars / 1_000_000) * 30_000;
}

export async function renderPage(article: Article, options: RenderOptions): Promise<RenderedPage> {
  const { ms, lap } = laps();
  const { layout, outDir, browser } = options;
  // The printed sheet's geometry: the layout's, or the larger sheet an overlay prints around it.
  let geometry = pageGeometry(layout);
  const photos = await preparePhotos(figureSources(article), article.root, outDir, layout, pagePlaces(geometry));
  options.onPhotos?.(photos, geometry);
  lap('photos');
  const doc = pageDocument(article, layout, geometry, photos, options.autoPages);
  const { slices, missing } = await printFonts(toString(article.hast) + doc.extraText);
  const styles = [await articleCss(), layoutCss(layout, geometry), await readTemplate('newspaper', 'page.css')];
  const body = stringifyHast(doc.body);
  // The warm tab serves only if its document sits in this output folder and declared its fonts
  // with this layout's metrics; otherwise the page loads in a tab of its own.
  const metrics = layout.fontMetrics;
  const usable = (t: WarmTab) =>
    t.dir === path.resolve(outDir) && t.metrics.ascent === metrics.ascent && t.metrics.descent === metrics.descent;
  const tab = options.tab && usable(options.tab) ? options.tab : undefined;
  if (options.tab && !tab) await options.tab.close();
  let page: Page | undefined;
  let blocked: string[] = [];
  try {
    if (tab) {
      // The warm tab has the fonts; the page document replaces its body (no navigation, no reload).
      ({ page, blocked } = tab);
      await tab.ready;
      const missingFaces = slices.filter((s) => !tab.declared.has(`${s.file}|${s.weight}`));
      lap('html');
      await page.setViewport(PRINT_VIEWPORT);
      await page.evaluate(
        `(${SHOW_PAGE})(${JSON.stringify({ fonts: pageFontCss(missingFaces, metrics), css: styles.join('\n'), body, lang: String(article.matter.lang ?? 'zh-CN'), title: String(article.matter.headline ?? '') })})`,
      );
      lap('load');
    } else {
      const html = htmlDocument({ matter: article.matter, body, css: [pageFontCss(slices, metrics), ...styles], csp: SERVED_CSP });
      lap('html');
      // Node serves the document, its fonts and its photos (page-served.ts): the browser reads no file.
      ({ page, blocked } = await pageTab(browser, outDir, new Map([[PAGE_PATH, html]])));
      await page.setViewport(PRINT_VIEWPORT);
      await page.goto(PAGE_URL, { waitUntil: 'load', timeout: loadTimeout(html.length) });
      lap('load');
    }
    await fontsReady(page);
    lap('fonts');
    const rules = lineRules(layout);
    const input: LayoutInput = {
      grid: geometry.grid,
      keepWithHead: layout.grid.keepWithHead,
      minTableRows: layout.grid.minTableRows,
      minLastLine: rules.minLastLine,
      maxLoose: rules.maxLoose,
      noStart: rules.noStart,
      noEnd: rules.noEnd,
      // One flow: the article's body, from its source column through every frame (page-html.ts).
      flows: [{ id: 'article', source: '.flow-source', frames: '.frame' }],
      lineMap: options.lineMap ?? Boolean(options.overlay),
      autoPages: Boolean(options.autoPages),
      maxPages: options.maxPages ?? 500,
    };
    const result = await runLayout(page, input);
    await fontsReady(page); // continuation pages may show characters not yet loaded (folios)
    lap('layout');
    const figures = { slotted: doc.slotted, inFlow: doc.inFlow, emptySlots: doc.emptySlots };
    let preview = { area: geometry.trim, width: layout.preview.width };
    if (options.overlay) {
      const fonts = new Set([...slices.map((f) => `${f.file}|${f.weight}`), ...(tab?.declared ?? [])]);
      const drawn = await options.overlay({
        page,
        article,
        layout,
        geometry,
        result,
        photos,
        figures,
        missingChars: missing,
        blocked,
        fonts,
      });
      if (drawn?.geometry) geometry = drawn.geometry;
      preview = drawn?.preview ?? { ...preview, area: geometry.trim };
      lap('overlay');
    }
    if (options.saveHtml) await writeAtomic(options.saveHtml, await page.content());
    const printed = await printPage(page, geometry, preview, options);
    Object.assign(ms, printed.ms);
    return {
      pdf: printed.pdf,
      png: printed.png,
      result,
      geometry,
      photos,
      figures,
      missingChars: missing,
      blocked,
      ms,
    };
  } finally {
    if (tab) await tab.close();
    else await page?.close().catch(() => undefined);
  }
}

/** How a laid-out page is printed: the finishing of its PDF, and its preview. */
export type PrintOptions = Pick<RenderOptions, 'preview' | 'whilePrinting' | 'finish' | 'beforePreview'>;

/**
 * Print the laid-out page to PDF, finish it (Node post-processes the PDF while the browser takes
 * the preview: requesting the preview together with the PDF gains nothing, the browser does one
 * after the other), and take the PNG preview of `preview.area`.
 * The preview comes after the PDF on purpose: taken first, it costs the browser the same CPU
 * (a Chromium trace of an edition page shows no screen relayout after printing; the preview's
 * longer wall time after the PDF is Node's finishing running beside it), and the finishing would
 * then wait for both instead of overlapping the preview.
 * The page is changed for the preview (beforePreview: the press swaps the photos for their soft
 * proofs, which the browser asks Node for) and the capture is asked for before the finishing
 * starts: a Node busy finishing answered those requests only once it was done, and the seed's
 * preview waited for the whole press and preflight before it began.
 */
export async function printPage(
  page: Page,
  geometry: Geometry,
  preview: { area: Rect; width: number },
  options: PrintOptions,
): Promise<{ pdf: Uint8Array; png?: Uint8Array; ms: Record<string, number> }> {
  const { ms, lap } = laps();
  const printing = page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 300_000 });
  options.whilePrinting?.();
  const printed = await printing;
  lap('pdf');
  let shooting: Promise<Uint8Array> | undefined;
  if (options.preview !== false) {
    // The photos are swapped for their soft proofs before Node starts finishing the PDF: the
    // browser asks Node for them, and a Node busy with the press would answer only after it.
    await options.beforePreview?.(page);
    const tr = preview.area;
    // captureBeyondViewport stays true: the clip lies beyond the tab's tiny viewport
    // (PRINT_VIEWPORT), and without it puppeteer drops the clip's scale even for a clip inside the
    // viewport (a trim-sized PNG, not preview.width wide). The scaled capture rasters the page again
    // at the preview's scale; that is what the preview's pixels are.
    shooting = page.screenshot({
      type: 'png',
      clip: { x: tr.left, y: tr.top, width: tr.width, height: tr.height, scale: preview.width / tr.width },
      captureBeyondViewport: true,
      optimizeForSpeed: true,
    });
    shooting.catch(() => undefined);
  }
  const finishing = options.finish ? options.finish(printed, geometry) : Promise.resolve(printed);
  finishing.catch(() => undefined);
  const png = await shooting;
  if (shooting) lap('png');
  const pdf = await finishing;
  lap('finish');
  return { pdf, png, ms };
}

// Runs in a warm tab or an edition's page tab (through the DevTools protocol, not as a document
// script): the previous page's styles and body go, the faces this page adds are declared (those
// declared before stay, loaded), the page's styles, language, title and body come in; then its
// images are decoded.
export const SHOW_PAGE = `async function (doc) {
  document.querySelectorAll('style[data-page]').forEach(function (s) { s.remove(); });
  if (doc.fonts) {
    var fonts = document.createElement('style');
    fonts.textContent = doc.fonts;
    document.head.appendChild(fonts);
  }
  var style = document.createElement('style');
  style.setAttribute('data-page', '');
  style.textContent = doc.css;
  document.head.appendChild(style);
  document.documentElement.lang = doc.lang;
  document.title = doc.title;
  document.body.innerHTML = doc.body;
  await Promise.all(Array.prototype.map.call(document.images, function (img) { return img.decode().catch(function () {}); }));
}`;

/**
 * Force a layout, wait for every font face in use, and insist they all loaded
 * (docs/layout-engine.md, “Fonts must be loaded before measuring”).
 */
export async function fontsReady(page: Page): Promise<void> {
  fontsLoaded(await page.evaluate(`(async () => { ${FONTS_READY} })()`));
}

/** fontsReady's statements, for a script that does more in the same call: they return document.fonts.status. */
export const FONTS_READY = 'document.body.offsetHeight; await document.fonts.ready; return document.fonts.status;';

/** Insist on the status FONTS_READY returned. */
export function fontsLoaded(status: unknown): void {
  if (status !== 'loaded') throw new Error(`fonts did not finish loading (document.fonts.status = ${String(status)})`);
}
