// Render an article onto newspaper pages in one confined Chromium page: build the page document,
// wait for the fonts, run the layout engine, let an optional `marks` hook draw over the laid-out
// page (the proof adds its watermark and findings this way: the same layout, never a second one),
// then print the PDF and take the PNG preview.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { Article } from '../pipeline.js';
import { confinedPage } from '../browser/launch.js';
import { articleFonts, fontFaceCss, htmlDocument, readTemplate, stringifyHast } from '../html/document.js';
import { loadFontConfig } from '../fonts/fontsource.js';
import { NODE_MODULES } from '../paths.js';
import { writeAtomic } from '../output/atomic.js';
import { lineRules, type Layout } from './layout-config.js';
import { pageGeometry, type Geometry } from './geometry.js';
import { layoutCss } from './page-css.js';
import { pageDocument } from './page-html.js';
import { preparePhotos, type PlacedImage } from './images.js';
import type { LayoutResult } from './layout-result.js';

const ENGINE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'flow-engine.js');

export interface MarksContext {
  page: Page;
  article: Article;
  layout: Layout;
  geometry: Geometry;
  result: LayoutResult;
}

export interface RenderOptions {
  layout: Layout;
  /** dist/<slug>: scaled photos go to images/ here */
  outDir: string;
  browser: Browser;
  /** Run onto as many continuation pages as the text needs (long documents) */
  autoPages?: boolean;
  maxPages?: number;
  /** Draw over the laid-out page before printing (proof marks) */
  marks?: (ctx: MarksContext) => Promise<void>;
  preview?: boolean;
  /** Save the laid-out document here (the benchmark prints it as its baseline) */
  saveHtml?: string;
  /** Work for Node while the browser prints (e.g. loading the modules needed afterwards) */
  whilePrinting?: () => void;
  /** Post-process the printed PDF; runs while the preview is taken */
  finish?: (pdf: Uint8Array, geometry: Geometry) => Promise<Uint8Array>;
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

function figureSources(article: Article): Array<{ src: string; line?: number }> {
  const out: Array<{ src: string; line?: number }> = [];
  visit(article.hast, 'element', (e: Element) => {
    if (e.tagName === 'figure') {
      const img = e.children.find((c): c is Element => c.type === 'element' && c.tagName === 'img');
      out.push({ src: String(img?.properties.src ?? ''), line: Number(e.properties['data-line']) || undefined });
    }
  });
  return out;
}

let engineSource: Promise<string> | undefined;

export async function renderPage(article: Article, options: RenderOptions): Promise<RenderedPage> {
  const ms: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    ms[name] = Math.round(now - t);
    t = now;
  };
  const { layout, outDir, browser } = options;
  const geometry = pageGeometry(layout);
  const photos = await preparePhotos(figureSources(article), article.root, outDir, layout, geometry);
  lap('photos');
  const doc = pageDocument(article, layout, geometry, photos, options.autoPages);
  const { slices, missing } = articleFonts(article.hast, doc.extraText);
  const css = [
    uniformMetrics(fontFaceCss(slices, (file) => pathToFileURL(file).href), layout),
    await readTemplate('article.css'),
    layoutCss(layout, geometry),
    await readTemplate('newspaper', 'page.css'),
  ];
  const html = htmlDocument({ matter: article.matter, body: stringifyHast(doc.body), css });
  // The document lives beside the scaled photos so that their relative URLs resolve; it is removed after printing.
  const htmlFile = path.join(outDir, `.page.${process.pid}.${Date.now()}.html`);
  await writeAtomic(htmlFile, html);
  const fontDirs = [...new Set(Object.values(loadFontConfig().faces).map((f) => path.join(NODE_MODULES, f.package)))];
  lap('html');
  const { page, blocked } = await confinedPage(browser, [outDir, ...fontDirs]);
  try {
    await page.setViewport({ width: Math.ceil(geometry.sheet.width), height: Math.ceil(geometry.sheet.height) });
    lap('tab');
    // Node stays free while the page loads: every font request passes through its interception handler.
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    lap('load');
    await fontsReady(page);
    lap('fonts');
    engineSource ??= readFile(ENGINE, 'utf8');
    const rules = lineRules(layout);
    const input = {
      grid: geometry.grid,
      keepWithHead: layout.grid.keepWithHead ?? 2,
      minLastLine: rules.minLastLine,
      maxLoose: rules.maxLoose,
      noStart: rules.noStart,
      noEnd: rules.noEnd,
      autoPages: Boolean(options.autoPages),
      maxPages: options.maxPages ?? 500,
    };
    const result = (await page.evaluate(`(${await engineSource})(${JSON.stringify(input)})`)) as LayoutResult;
    await fontsReady(page); // continuation pages may show characters not yet loaded (folios)
    lap('layout');
    if (options.marks) await options.marks({ page, article, layout, geometry, result });
    if (options.saveHtml) await writeAtomic(options.saveHtml, await page.content());
    const printing = page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 300_000 });
    options.whilePrinting?.();
    const printed = await printing;
    lap('pdf');
    // Node post-processes the PDF while the browser takes the preview. (Requesting the preview
    // together with the PDF gains nothing: the browser does one after the other.)
    const finishing = options.finish ? options.finish(printed, geometry) : Promise.resolve(printed);
    finishing.catch(() => undefined);
    let png: Uint8Array | undefined;
    if (options.preview !== false) {
      const width = layout.preview?.width ?? 1200;
      const tr = geometry.trim;
      png = await page.screenshot({
        type: 'png',
        clip: { x: tr.left, y: tr.top, width: tr.width, height: tr.height, scale: width / tr.width },
        captureBeyondViewport: true,
        optimizeForSpeed: true,
      });
      lap('png');
    }
    const pdf = await finishing;
    lap('finish');
    return { pdf, png, result, geometry, photos, figures: { slotted: doc.slotted, inFlow: doc.inFlow, emptySlots: doc.emptySlots }, missingChars: missing, blocked, ms };
  } finally {
    await page.close().catch(() => undefined);
    await rm(htmlFile, { force: true });
  }
}

/** Force a layout, wait for every font face in use, and insist they all loaded (pitfall 7). */
async function fontsReady(page: Page): Promise<void> {
  const status = await page.evaluate(`(async () => { document.body.offsetHeight; await document.fonts.ready; return document.fonts.status; })()`);
  if (status !== 'loaded') throw new Error(`fonts did not finish loading (document.fonts.status = ${String(status)})`);
}

/**
 * Fontsource slices of one face do not all carry the same vertical metrics, so a line holding a
 * character from another slice (digits, Latin) sits a fraction of a pixel lower, and the PDF's
 * whole-pixel baselines then break the alignment across columns. Every slice gets the same
 * ascent and descent: the ideographic em box (layout file: fontMetrics).
 */
function uniformMetrics(css: string, layout: Layout): string {
  const m = layout.fontMetrics ?? { ascent: '88%', descent: '12%' };
  return css.replace(/unicode-range:/g, `ascent-override:${m.ascent};descent-override:${m.descent};line-gap-override:0%;unicode-range:`);
}
