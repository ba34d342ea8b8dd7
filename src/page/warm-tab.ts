// A tab opened while the manuscript is still being parsed and checked. It loads the font slices
// the manuscript's characters need (read from the raw file), so that when the page document
// arrives the fonts are already in memory: the browser's font work overlaps Node's. The page
// document is then put into this same tab (render.ts), never loaded twice.
import path from 'node:path';
import { readConfinedPrefix } from '../core/confine.js';
import type { Browser, Page } from 'puppeteer-core';
import { SERVED_CSP } from '../browser/served.js';
import type { FontSlice } from '../config/font-coverage.js';
import { DEFAULT_FONT_METRICS } from '../config/layout.js';
import { loadFontConfig } from '../config/fonts.js';
import { fontFaceCss, fontUrl } from '../fonts/fontsource.js';
import { printFonts } from '../fonts/print-fonts.js';
import { FULL_WIDTH } from '../core/cjk.js';
import { escapeHtml } from '../output/html-document.js';
import { PAGE_PATH, PAGE_URL, pageTab } from './page-served.js';

export interface WarmTab {
  page: Page;
  blocked: string[];
  /** folder the tab's document lives in (relative photo URLs resolve against it) */
  dir: string;
  /** slice files already declared in the tab, and the metrics they were declared with */
  declared: Set<string>;
  metrics: { ascent: string; descent: string };
  /** resolves when the tab has loaded its fonts */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Characters the page adds to the manuscript's: the 报眉's words, the missing-photo label, the jump lines and the ideographic space. */
const PAGE_LABELS = '第版责任编辑美术：〔〕图片缺失（下转上接）\u3000';

/** Font CSS (with one ascent/descent for every slice) for the page's stylesheet. */
export function pageFontCss(slices: FontSlice[], metrics = DEFAULT_FONT_METRICS): string {
  // Fontsource slices of one face do not all carry the same vertical metrics: a line holding a
  // character from another slice (digits, Latin) would sit a fraction lower. Every slice gets the
  // ideographic em box (layout file: fontMetrics).
  return fontFaceCss(slices, fontUrl).replace(
    /unicode-range:/g,
    `ascent-override:${metrics.ascent};descent-override:${metrics.descent};line-gap-override:0%;unicode-range:`,
  );
}

/**
 * A build's first manuscript warmed while Node parses and checks it: once the browser is up, a tab
 * in its output folder loads the fonts its raw text needs. Failures show when the tab is used.
 */
/** How much of the manuscript the warm tab reads to guess its fonts. */
export const WARM_BYTES = 4 * 1024 * 1024;

export function warmFirst(browser: Promise<Browser>, file: string, dir: Promise<string>): Promise<WarmTab> {
  const warming = (async () => {
    // Read as every manuscript is (src/core/confine.ts: a regular file, no link out); its first
    // megabytes tell which fonts it needs.
    const abs = path.resolve(file);
    const raw = readConfinedPrefix(path.dirname(abs), abs, WARM_BYTES).then((r) => r.bytes.toString('utf8'));
    // The fonts are cut while Chromium starts (warmTab finds them made).
    raw.then(
      (text) => cutEarly(text),
      () => undefined,
    );
    const [b, text, folder] = await Promise.all([browser, raw, dir]);
    return warmTab(b, folder, text);
  })();
  warming.catch(() => undefined);
  return warming;
}

/** The characters a page of `rawText` will show, as near as the raw text tells: half-width marks become full-width in the output; the 报眉 and labels add a few. */
function pageText(rawText: string): string {
  return rawText + Object.values(FULL_WIDTH).join('') + PAGE_LABELS;
}

/** Cut the fonts for a warm tab of `rawText` now (while Chromium starts): the tab then finds them made. Failures show when the tab is opened. */
export function cutEarly(rawText: string): void {
  printFonts(pageText(rawText)).catch(() => undefined);
}

export async function warmTab(browser: Browser, dir: string, rawText: string, metrics = DEFAULT_FONT_METRICS): Promise<WarmTab> {
  const text = pageText(rawText);
  const { slices } = await printFonts(text);
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SERVED_CSP}">
<style>${pageFontCss(slices, metrics)}</style></head>
<body>${samples(rawText, text)
    .map(
      ({ family, weight, chars }) =>
        `<div aria-hidden="true" style="position:absolute;visibility:hidden;font-family:'${family}';font-weight:${weight}">${escapeHtml(chars)}</div>`,
    )
    .join('\n')}</body></html>
`;
  const { page, blocked } = await pageTab(browser, dir, new Map([[PAGE_PATH, html]]));
  // No navigation timeout: the document is small, and while it loads Node reads, parses and checks
  // the manuscript without yielding (and Node serves the page's requests); on a manuscript of
  // megabytes that takes longer than puppeteer's 30 s, which would fail a load that is only waiting.
  const ready = page.goto(PAGE_URL, { waitUntil: 'load', timeout: 0 }).then(() => undefined);
  ready.catch(() => undefined);
  return {
    page,
    blocked,
    dir,
    declared: new Set(slices.map((s) => `${s.file}|${s.weight}`)),
    metrics,
    ready,
    async close() {
      // A tab closed while its document was still loading (its fonts served by Node) left
      // page.close() waiting for ever: a build that stopped on bad input just after the tab opened
      // (build:proof --against a missing file, one run in twenty) never ended. The load is let
      // finish first; both waits are bounded, and the browser's own close ends whatever is left.
      await within(ready, 10_000);
      await within(page.close(), 5_000);
    },
  };
}

/** Whether `promise` settled (either way) within `ms`; the timer never holds the process open. */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}

/**
 * A guess, from the raw markdown, at which characters each face and weight will show: the body
 * face's regular weight shows everything, its bold the **bold** runs; the heading face's heaviest
 * weight the headline, 700 the # headings, its lightest captions and front matter (报眉, 引题, 副题).
 * A wrong guess only costs time: the page still waits for every font it uses.
 */
function samples(raw: string, all: string): Array<{ family: string; weight: number; chars: string }> {
  const faces = loadFontConfig().faces;
  const uniq = (s: string) => [...new Set(s.replace(/\s+/g, ''))].join('');
  const matter = /^---\n([\s\S]*?)\n---/.exec(raw)?.[1] ?? '';
  const headline = (/^headline:\s*(.*)$/m.exec(matter)?.[1] ?? '') + (/^#\s+(.*)$/m.exec(raw)?.[1] ?? '');
  const headings = [...raw.matchAll(/^#{2,6}\s+(.*)$/gm)].map((m) => m[1]).join('');
  const bold = [...raw.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]).join('');
  const small = [...raw.matchAll(/!\[([^\]]*)\]/g)].map((m) => m[1]).join('') + matter + PAGE_LABELS;
  const out: Array<{ family: string; weight: number; chars: string }> = [];
  const body = faces.body;
  const heading = faces.heading;
  if (body) {
    const [regular, ...heavier] = [...body.weights].sort((a, b) => a - b);
    out.push({ family: body.family, weight: regular, chars: uniq(all) });
    for (const w of heavier) out.push({ family: body.family, weight: w, chars: uniq(bold) });
  }
  if (heading) {
    const ws = [...heading.weights].sort((a, b) => a - b);
    ws.forEach((w, i) => {
      const chars = i === ws.length - 1 ? headline : w === 700 ? headings : small;
      out.push({ family: heading.family, weight: w, chars: uniq(chars) });
    });
  }
  return out.filter((x) => x.chars);
}
