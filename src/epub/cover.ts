// The cover image: templates/epub/cover.html filled with the volume's text, rendered by the build's
// one browser in a confined page (no script, only the template's fonts), saved as a JPEG.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { confinedPage } from '../browser/launch.js';
import { fontFaceCss, planFonts } from '../fonts/fontsource.js';
import { escapeHtml, readTemplate } from '../html/document.js';
import { NODE_MODULES } from '../paths.js';
import type { BookConfig } from './book-config.js';

export interface CoverText {
  lang: string;
  series: string;
  number: string;
  title: string;
  tagline: string;
  publisher: string;
}

export async function renderCover(browser: Browser, text: CoverText, config: BookConfig['cover']): Promise<Buffer> {
  const template = await readTemplate('epub', 'cover.html');
  const { slices } = planFonts(Object.values(text).join('') + '第卷');
  const fields: Record<string, string> = {
    ...Object.fromEntries(Object.entries(text).map(([k, v]) => [k, escapeHtml(v)])),
    width: String(config.width),
    height: String(config.height),
    fontFaces: fontFaceCss(slices, (file) => pathToFileURL(file).href),
  };
  const html = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => fields[key] ?? '');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-cover-'));
  const { page } = await confinedPage(browser, [dir, path.join(NODE_MODULES, '@fontsource')]);
  try {
    const file = path.join(dir, 'cover.html');
    await writeFile(file, html);
    await page.setViewport({ width: config.width, height: config.height, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: config.width, height: config.height } });
    return await sharp(png).jpeg({ quality: config.jpegQuality }).toBuffer();
  } finally {
    await page.close();
    await rm(dir, { recursive: true, force: true });
  }
}
