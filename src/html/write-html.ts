// Writer: dist/<manuscript>/article.html, the typeset article as one self-contained web page. It
// names only what lies beside it (images/, fonts/) under a policy without file: (CSP).
import path from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Article } from '../core/article.js';
import { stageOutputs } from '../output/staging.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { copyFonts, copyImages } from './assets.js';
import { stringifyHast } from '../core/hast.js';
import { fontFaceCss } from '../fonts/fontsource.js';
import { articleCss, articleFonts, htmlDocument, readTemplate } from '../output/html-document.js';
import { browserTypeset } from '../typeset/browser-typeset.js';

export interface HtmlOptions {
  /** Files written together with article.html, all or none (the CLI's findings report), by name in outDir */
  alongside?: () => Record<string, string>;
}

export async function writeArticleHtml(
  article: Article,
  outDir: string,
  options: HtmlOptions = {},
): Promise<{ file: string; files: string[]; fonts: number; images: number }> {
  // “——” as one two-em unit and 标点挤压 (browser-typeset.ts); the fonts cover what the stylesheet adds.
  const { hast, fontText } = browserTypeset(article.hast);
  unlinkLocalFiles(hast, article.file);
  const images = await copyImages(hast, article.root, outDir, article.file);
  const { slices } = articleFonts(hast, fontText);
  const url = await copyFonts(slices, outDir);
  const html = htmlDocument({
    matter: article.matter,
    body: stringifyHast(hast),
    css: [fontFaceCss(slices, url), await articleCss(), await readTemplate('html.css')],
  });
  // The images and fonts it names are in place; the document and its companions go in together.
  const stage = await stageOutputs(outDir);
  let files: string[];
  try {
    await stage.write('article.html', html);
    for (const [name, text] of Object.entries(options.alongside?.() ?? {})) await stage.write(name, text);
    files = await stage.commit();
  } catch (error) {
    await stage.abort();
    throw error;
  }
  return { file: path.join(outDir, 'article.html'), files, fonts: new Set(slices.map((s) => s.file)).size, images };
}

/**
 * A link to a file (`../notes.txt`, `file:///etc/hostname`) would open something outside the
 * output folder, or nothing: its text is kept without the link and reported (html-link-dropped).
 * Web, mail and in-page links stay.
 */
function unlinkLocalFiles(tree: Root, file: VFile): void {
  const links: Array<{ node: Element; parent: Element | Root }> = [];
  visit(tree, 'element', (node: Element, _i, parent) => {
    if (node.tagName === 'a' && parent) links.push({ node, parent: parent as Element | Root });
  });
  for (const { node, parent } of links) {
    const href = String(node.properties.href ?? '');
    if (/^(https?:|mailto:|#)/i.test(href)) continue;
    const msg = file.message(
      `link to "${href}" is not kept in article.html (it would open a file outside the page); its text stays. Use a web address, or drop the link`,
      { place: node.position, ruleId: 'html-link-dropped', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
    const at = parent.children.indexOf(node as never);
    if (at >= 0) parent.children.splice(at, 1, ...(node.children as never[]));
  }
}
