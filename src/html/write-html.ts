// Writer: dist/<manuscript>/article.html, the typeset article as one self-contained web page.
import path from 'node:path';
import type { Article } from '../pipeline.js';
import { writeAtomic } from '../output/atomic.js';
import { copyFonts, copyImages } from './assets.js';
import { articleFonts, fontFaceCss, htmlDocument, readTemplate, stringifyHast } from './document.js';
import { wrapDashes } from '../typeset/rehype-cjk-dash.js';
import { compressPunctuation } from '../typeset/rehype-cjk-compress.js';

export async function writeArticleHtml(article: Article, outDir: string): Promise<{ file: string; fonts: number; images: number }> {
  const hast = structuredClone(article.hast);
  const images = await copyImages(hast, article.root, outDir);
  // “——” as one two-em unit that justification cannot pull apart (see rehype-cjk-dash.ts); the
  // stylesheet gives it a hidden 一 for script context, so that glyph's font slice is loaded too.
  const dashes = wrapDashes(hast);
  compressPunctuation(hast);
  const { slices } = articleFonts(hast, dashes ? '一' : '');
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
