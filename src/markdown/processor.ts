// The manuscript's syntax tree is built here:
//   parse:   remark-parse + front matter + GFM + CJK-friendly emphasis + directives → mdast
//   shape:   figures, lead-ins, byline/credit directives, source lines (remark plugins)
// The checks read this mdast; src/typeset/typeset.ts turns it into the hast writers start from.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkDirective from 'remark-directive';
import type { Root as MdRoot } from 'mdast';
import type { VFile } from 'vfile';
import remarkFrontMatter from './remark-front-matter.js';
import remarkNewsDirectives from './remark-news-directives.js';
import remarkFigure from './remark-figure.js';
import remarkLeadIn from './remark-lead-in.js';
import remarkSourceLines from './remark-source-lines.js';

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
