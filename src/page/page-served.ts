// What a newspaper page's tab is served (src/browser/served.ts): its document from memory, the
// fonts cut for this build from memory (fonts/print-fonts.ts), the configured font packages' files
// under /fonts/, and the photos scaled for this build under
// /images/ (the output folder's images/). Nothing else: not the manuscript, not the project.
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { ORIGIN, type Served, type ServedPage, servedPage } from '../browser/served.js';
import { fontFolder } from '../fonts/fontsource.js';
import { cutFontFiles } from '../fonts/print-fonts.js';

export const PAGE_PATH = '/page.html';
export const PAGE_URL = `${ORIGIN}${PAGE_PATH}`;

/** What a page of the output folder `outDir` may load. Photo URLs in the document are `images/<file>`. */
export function pageServed(outDir: string, documents = new Map<string, string>()): Served {
  return {
    documents,
    files: cutFontFiles(),
    folders: [fontFolder(), { prefix: '/images/', dir: path.join(path.resolve(outDir), 'images') }],
  };
}

/** A tab for a page of `outDir`. */
export function pageTab(browser: Browser, outDir: string, documents?: Map<string, string>): Promise<ServedPage> {
  return servedPage(browser, pageServed(outDir, documents));
}
