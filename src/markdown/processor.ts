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
import remarkCjkAutolink from './remark-cjk-autolink.js';
import remarkLeadIn from './remark-lead-in.js';
import remarkSourceLines from './remark-source-lines.js';
import remarkHtmlDeclarations from './remark-html-declarations.js';
import { joinCommentLines, unjoinCommentLines } from './comment-lines.js';
import { tooDeep } from './nesting.js';
import remarkLinearIds from './micromark-ids.js';
import { limitsFor, type Limits } from '../config/limits.js';
import { guardManuscript, refuse } from '../manuscript/guard.js';
import { loneCrAsLf } from '../core/input-error.js';

/** Parser only: the syntax the manuscript is written in. Checks that need the raw tree use this. */
export function markdownParser() {
  return unified()
    .use(remarkParse)
    .use(remarkLinearIds)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkCjkFriendly)
    .use(remarkDirective);
}

/**
 * Parse and shape a manuscript into mdast (front matter in file.data.matter). A manuscript refused
 * while reading, or nested past the limit once parsed, is not worked on: an empty tree comes back
 * and the file carries the finding (file.data.manuscript.refused).
 */
export async function parseManuscript(file: VFile, limits?: Limits): Promise<MdRoot> {
  const empty: MdRoot = { type: 'root', children: [] };
  if (file.data.manuscript?.refused) return empty;
  const limit = limits ?? limitsFor(file.data.manuscript?.root ?? file.dirname ?? process.cwd());
  // Reading guards the files it reads and counts their lone CRs as line ends; text handed in
  // directly (checkText, --fix, tests) is treated so here.
  file.value = loneCrAsLf(String(file.value));
  if (guardManuscript(file, limit)) return empty;
  const processor = markdownParser()
    .use(remarkHtmlDeclarations)
    .use(remarkFrontMatter)
    .use(remarkNewsDirectives)
    .use(remarkCjkAutolink)
    .use(remarkFigure)
    .use(remarkLeadIn)
    .use(remarkSourceLines);
  // A long comment is parsed as one line (comment-lines.ts): the parser's memory goes by lines.
  const source = String(file.value);
  const joined = joinCommentLines(source);
  let tree = joined ? (processor.parse(joined.joined) as MdRoot) : undefined;
  if (tree && joined && !unjoinCommentLines(tree, source, joined.joined, joined.regions)) tree = undefined;
  tree ??= processor.parse(file) as MdRoot;
  const deep = tooDeep(tree, limit.maxNesting);
  if (deep) {
    refuse(file, 'nesting-too-deep', `Quotes, lists, emphasis or links are nested ${deep.depth} deep here`, deep.node.position, limit);
    return empty;
  }
  return (await processor.run(tree, file)) as MdRoot;
}
