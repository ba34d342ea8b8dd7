// Writer: dist/<manuscript>/article.html, the typeset article as one self-contained web page.
import path from 'node:path';
import type { Article } from '../core/article.js';
import { writeAtomic } from '../core/atomic.js';
import { copyFonts, copyImages } from './assets.js';
import { stringifyHast } from '../core/hast.js';
import { fontFaceCss } from '../fonts/fontsource.js';
import { articleFonts, htmlDocument, readTemplate } from '../output/html-document.js';
import { browserTypeset } from '../typeset/browser-typeset.js';

export async function writeArticleHtml(article: Article, outDir: string): Promise<{ file: string; fonts: number; images: number }> {
  // “——” as one two-em unit and 标点挤压 (browser-typeset.ts); the fonts cover what the stylesheet adds.
  const { hast, fontText } = browserTypeset(article.hast);
  const images = await copyImages(hast, article.root, outDir);
  const { slices } = articleFonts(hast, fontText);
  const url = await copyFonts(slices, outDir);
  const html = htmlDocument({
    matter: article.matter,
    body: stringifyHast(hast),
    css: [fontFaceCss(slices, url), await readTemplate('article.css'), await readTemplate('html.css')],
  });
  const file = path.join(outDir, 'article.html');
  await writeAtomic(file, html);
  return { file, fonts: new Set(slices.map((s) => s.file)).size, images };
}
