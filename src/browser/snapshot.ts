// An HTML document drawn to a PNG by the build's browser (the EPUB cover, stand-in photos): served
// by Node (served.ts) with the font packages' files and nothing else, so a remote browser draws it
// the same; shot at width × height once its fonts have loaded. The page is closed whatever fails.
import type { Browser, Page } from 'puppeteer-core';
import { ORIGIN, type ServedFolder, servedPage } from './served.js';

export async function snapshotHtml(
  browser: Browser,
  html: string,
  size: { width: number; height: number },
  folders: ServedFolder[],
  /** Run on the laid-out page (fonts loaded) before the shot, e.g. to fit text to the frame */
  prepare?: (page: Page) => Promise<void>,
): Promise<Uint8Array> {
  let page: Page | undefined;
  try {
    ({ page } = await servedPage(browser, { documents: new Map([['/snapshot.html', html]]), folders }));
    await page.setViewport({ ...size, deviceScaleFactor: 1 });
    await page.goto(`${ORIGIN}/snapshot.html`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await prepare?.(page);
    return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...size } });
  } finally {
    await page?.close();
  }
}
