// The manuscript's one document model is built here:
//   parse:   remark-parse + front matter + GFM + CJK-friendly emphasis + directives → mdast
//   shape:   figures, lead-ins, byline/credit directives, source lines (remark plugins)
//   typeset: remark-rehype → CJK punctuation, soft breaks, article structure (rehype plugins) → hast
// Writers (HTML, page PDF, proof, EPUB) all start from the hast this returns.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import remarkFrontMatter from './remark-front-matter.js';
import remarkNewsDirectives from './remark-news-directives.js';
import remarkFigure from './remark-figure.js';
import remarkLeadIn from './remark-lead-in.js';
import remarkSourceLines from './remark-source-lines.js';
import rehypeCjkPunctuation from '../typeset/rehype-cjk-punctuation.js';
import rehypeCjkSoftbreak from '../typeset/rehype-cjk-softbreak.js';
import rehypeArticle from '../typeset/rehype-article.js';

/** Parser only: the syntax the manuscript is written in. Checks that need the raw tree use this. */
export function markdownParser() {
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkCjkFriendly).use(remarkDirective);
}

/** Parse and shape a manuscript into mdast (front matter in file.data.matter). */
export async function parseManuscript(file: VFile): Promise<MdRoot> {
  const processor = markdownParser()
    .use(remarkFrontMatter)
    .use(remarkNewsDirectives)
    .use(remarkFigure)
    .use(remarkLeadIn)
    .use(remarkSourceLines);
  const tree = processor.parse(file);
  return (await processor.run(tree, file)) as MdRoot;
}

/** Typeset shaped mdast into the article's hast. Raw HTML in a manuscript is dropped, never run. */
export async function typesetArticle(tree: MdRoot, file: VFile): Promise<HastRoot> {
  const processor = unified()
    .use(remarkRehype, { allowDangerousHtml: false })
    .use(rehypeCjkSoftbreak)
    .use(rehypeCjkPunctuation)
    .use(rehypeArticle);
  return (await processor.run(structuredClone(tree) as never, file)) as HastRoot;
}

export function stringifyHast(tree: HastRoot): string {
  return unified()
    .use(rehypeStringify, { characterReferences: { useShortestReferences: true } })
    .stringify(tree);
}
