// An HTML document drawn to a PNG by the build's browser (the EPUB cover, stand-in photos): written
// to a temporary folder, opened in a confined page that reads only that folder and the allowed
// ones (the fonts), shot at width × height once its fonts have loaded. The page is closed and the
// folder removed whatever fails.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { confinedPage } from './launch.js';

export async function snapshotHtml(
  browser: Browser,
  html: string,
  size: { width: number; height: number },
  allowedDirs: string[],
): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-snapshot-'));
  let page: Page | undefined;
  try {
    const file = path.join(dir, 'page.html');
    await writeFile(file, html);
    ({ page } = await confinedPage(browser, [dir, ...allowedDirs]));
    await page.setViewport({ ...size, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...size } });
  } finally {
    await page?.close();
    await rm(dir, { recursive: true, force: true });
  }
}
