// The cover image: templates/epub/cover.html filled with the volume's text, rendered by the build's
// one browser in a confined page (no script, only the template's fonts), saved as a JPEG. Text the
// template marks `data-fit` (the title, the tagline) is set smaller until the whole text fits the
// cover: a long title is never cut off by it.
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { snapshotHtml } from '../browser/snapshot.js';
import { fontFaceCss, fontFolder, fontUrl, planFonts } from '../fonts/fontsource.js';
import { escapeHtml, readTemplate } from '../output/html-document.js';
import type { BookConfig } from '../config/book.js';
import { InputError } from '../core/input-error.js';
import { rasterFormat } from './images.js';

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
  const png = await snapshotHtml(browser, html, { width: config.width, height: config.height }, [fontFolder()], async (page) => {
    const fits = await page.evaluate(fitText, FIT_STEP, FIT_SMALLEST);
    if (!fits)
      throw new CoverTextError(
        `the cover text does not fit templates/epub/cover.html even with its [data-fit] text at ${FIT_SMALLEST * 100}% size ` +
          `(title "${text.title}"${text.tagline ? `, tagline "${text.tagline}"` : ''}); shorten the title or the tagline`,
      );
  });
  return sharp(png).jpeg({ quality: config.jpegQuality }).toBuffer();
}

/**
 * The designer's cover art (series.yaml `cover.image`) as the book's cover: turned upright (EXIF),
 * in sRGB (a CMYK file too), transparency laid on white, fitted within the cover size, JPEG. Throws
 * when the bytes are no raster image sharp can read.
 */
export async function coverFromImage(bytes: Buffer, config: BookConfig['cover']): Promise<CoverImage> {
  if (!rasterFormat(bytes)) throw new Error('it is not a JPEG, PNG, WebP, GIF, TIFF or AVIF image');
  const meta = await sharp(bytes, { failOn: 'error' }).metadata();
  const side = Math.min(meta.width ?? 0, meta.height ?? 0);
  // Distributors refuse small covers (Apple Books under 1400 px); the book would be built for nothing.
  if (side < config.minSide)
    throw new CoverTooSmall(
      `it is ${meta.width} × ${meta.height} px, under the ${config.minSide} px on its short side distributors require; ` +
        `give the original artwork, ${config.width} × ${config.height} px or larger (templates/epub/book.yaml cover.min-side)`,
    );
  const { data, info } = await sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize({ width: config.width, height: config.height, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .jpeg({ quality: config.jpegQuality })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface CoverImage {
  data: Buffer;
  width: number;
  height: number;
}

/** The designer's cover art is smaller than distributors accept; the message says by how much and what to give. */
export class CoverTooSmall extends Error {}

/** The cover's text cannot be set inside the cover, even made smaller (bad input: exit 2, one line). */
export class CoverTextError extends InputError {}

const FIT_STEP = 0.9;
const FIT_SMALLEST = 0.4;

/**
 * Runs in the cover page (by DevTools; the page itself runs no script): while the text overflows
 * the body (a long title or tagline pushes the publisher, or itself, off the cover, and the body
 * clips it), every element the template marks `data-fit` is set a step smaller, down to FIT_SMALLEST
 * of its size. True when everything fits.
 */
function fitText(step: number, smallest: number): boolean {
  const body = document.body;
  const overflows = () => body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1;
  const elements = Array.from(document.querySelectorAll<HTMLElement>('[data-fit]'));
  const sizes = elements.map((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  for (let scale = 1; overflows(); ) {
    scale *= step;
    if (scale < smallest - 1e-9) return false;
    elements.forEach((el, i) => {
      el.style.fontSize = `${sizes[i] * scale}px`;
    });
  }
  return true;
}
