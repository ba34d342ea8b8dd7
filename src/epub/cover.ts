// The cover image: templates/epub/cover.html filled with the volume's text, rendered by the build's
// one browser in a confined page (no script, only the template's fonts), saved as a JPEG.
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { snapshotHtml } from '../browser/snapshot.js';
import { fontFaceCss, fontFolder, fontUrl, planFonts } from '../fonts/fontsource.js';
import { escapeHtml, readTemplate } from '../output/html-document.js';
import type { BookConfig } from '../config/book.js';

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
    fontFaces: fontFaceCss(slices, fontUrl),
  };
  const html = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => fields[key] ?? '');
  const png = await snapshotHtml(browser, html, { width: config.width, height: config.height }, [fontFolder()]);
  return sharp(png).jpeg({ quality: config.jpegQuality }).toBuffer();
}
