// The benchmarks' baseline document: the text of articles as plain A4 HTML, headings and
// paragraphs in the body face and nothing else, for the browser to print (print-baseline.ts). Its
// fonts are the font packages' web slices, as they are published; or, for comparison, the files a
// build cuts from the whole faces (fonts/print-fonts.ts), written beside it (writeCutFonts).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Article } from '../core/article.js';
import { hasClass, selectAll } from '../core/hast.js';
import { SERVED_CSP } from '../browser/served.js';
import type { FontSlice } from '../config/font-coverage.js';
import { CUT_PREFIX, cutFontFiles, printFonts } from '../fonts/print-fonts.js';
import { articleFonts, escapeHtml, htmlDocument } from '../output/html-document.js';
import { pageFontCss } from '../page/warm-tab.js';

/** The text of articles as a plain A4 document: their headings and paragraphs in the body face, nothing else. */
export function plainA4(
  articles: Article[],
  fonts: FontSlice[] = articleFonts(articles[0].hast, allText(articles.slice(1))).slices,
): string {
  const body = articles
    .flatMap((article) => {
      const head = selectAll(article.hast, (e) => e.tagName === 'h1')[0];
      const blocks = selectAll(article.hast, (e) => hasClass(e, 'article-body'))[0]?.children ?? [];
      return [
        ...(head ? [`<h1>${escapeHtml(toString(head))}</h1>`] : []),
        ...blocks
          .filter((b): b is Element => b.type === 'element' && b.tagName !== 'figure')
          .map((b) => (/^h\d$/.test(b.tagName) ? `<h2>${escapeHtml(toString(b))}</h2>` : `<p>${escapeHtml(toString(b))}</p>`)),
      ];
    })
    .join('\n');
  const css = `@page { size: A4; margin: 20mm; }
body { margin: 0; font-family: 'Noto Serif SC', serif; font-size: 10.5pt; line-height: 1.6; text-align: justify; }
p { margin: 0; text-indent: 2em; } h1, h2 { font-family: 'Noto Sans SC', sans-serif; font-size: 12pt; }`;
  // Served like a build's pages (print-baseline.ts): the fonts come from the origin the CSP allows.
  return htmlDocument({ matter: articles[0].matter, body, css: [pageFontCss(fonts), css], csp: SERVED_CSP });
}

const allText = (articles: Article[]) => articles.map((a) => toString(a.hast)).join('');

/** The plain A4 document in the fonts a build cuts for its text, written to `file` with those fonts beside it. */
export async function writePlainA4Cut(articles: Article[], file: string): Promise<void> {
  const { slices } = await printFonts(allText(articles));
  await writeCutFonts(path.dirname(file));
  await writeFile(file, plainA4(articles, slices));
}

/** The fonts this process cut, written to <dir>/fonts/cut/ for print-baseline.ts to serve. */
export async function writeCutFonts(dir: string): Promise<void> {
  const out = path.join(dir, 'fonts', 'cut');
  await mkdir(out, { recursive: true });
  for (const [url, bytes] of cutFontFiles()) await writeFile(path.join(out, url.slice(CUT_PREFIX.length)), bytes);
}
