// Typeset shaped mdast into the article's hast:
//   remark-rehype → CJK soft breaks, CJK punctuation, article structure, spaces beside CJK marks
//   left out, control characters left out (rehype plugins) → hast
// Writers (HTML, page PDF, proof, EPUB) all start from the hast this returns.
import type { Root as HastRoot } from 'hast';
import type { Root as MdRoot } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import rehypeArticle from './rehype-article.js';
import rehypeCjkPunctuation from './rehype-cjk-punctuation.js';
import rehypeCjkSpace from './rehype-cjk-space.js';
import rehypeCjkSoftbreak from './rehype-cjk-softbreak.js';
import rehypeStripControls from './rehype-strip-controls.js';

/** Typeset shaped mdast into the article's hast. Raw HTML in a manuscript is dropped, never run. */
export async function typesetArticle(tree: MdRoot, file: VFile): Promise<HastRoot> {
  const processor = unified()
    // The footnotes' heading and their links back to the text in Chinese (remark-rehype's defaults are
    // English); the link back is ↑, which the body face has (its default ↩ it lacks).
    .use(remarkRehype, { allowDangerousHtml: false, footnoteLabel: '注释', footnoteBackLabel: '返回正文', footnoteBackContent: '↑' })
    .use(rehypeCjkSoftbreak)
    .use(rehypeCjkPunctuation)
    .use(rehypeArticle)
    .use(rehypeCjkSpace)
    .use(rehypeStripControls);
  return (await processor.run(structuredClone(tree) as never, file)) as HastRoot;
}
