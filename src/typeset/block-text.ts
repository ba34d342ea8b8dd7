// Work on the text of one block (paragraph, heading, caption) as one string, even though it is
// split over several text nodes by bold, links and the like: context crosses node boundaries.
import type { Element, Root, Text } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

/** hast elements whose text is one block (a paragraph, heading, caption, cell …). */
const TEXT_BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'figcaption', 'td', 'th', 'blockquote', 'dt', 'dd']);
/** hast elements whose text is verbatim: never rewritten or wrapped by the typesetting. */
export const VERBATIM_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style']);

/**
 * Call `edit` once per block with its text nodes in order; nested blocks are handled on their own.
 * `gaps` holds the indices of the joined text where something of the block is left out of it (code,
 * an image, a nested block): the characters either side of a gap do not stand side by side.
 */
export function forEachBlockText(tree: Root, edit: (nodes: Text[], gaps: Set<number>) => void): void {
  visit(tree, 'element', (node: Element) => {
    if (VERBATIM_TAGS.has(node.tagName)) return SKIP;
    if (!TEXT_BLOCK_TAGS.has(node.tagName)) return;
    const nodes: Text[] = [];
    const gaps = new Set<number>();
    let length = 0;
    const collect = (parent: Element) => {
      for (const child of parent.children) {
        if (child.type === 'text') {
          nodes.push(child);
          length += child.value.length;
        } else if (child.type === 'element') {
          const at = length;
          if (!VERBATIM_TAGS.has(child.tagName) && !TEXT_BLOCK_TAGS.has(child.tagName)) collect(child);
          if (length === at) gaps.add(at);
        }
      }
    };
    collect(node);
    if (nodes.length) edit(nodes, gaps);
  });
}

/** Join text nodes, let `transform` return per-index replacements, and write them back. */
export function rewriteJoined(nodes: Text[], replacements: (joined: string) => Map<number, string>): void {
  const joined = nodes.map((n) => n.value).join('');
  const map = replacements(joined);
  if (map.size === 0) return;
  // The replaced indices in order, each node cut at those in it and joined again (not rebuilt
  // character by character); a node with none is left as it is.
  const at = [...map.keys()].sort((a, b) => a - b);
  let k = 0;
  let offset = 0;
  for (const node of nodes) {
    const start = offset;
    const end = start + node.value.length;
    offset = end;
    while (k < at.length && at[k] < start) k++;
    if (k === at.length || at[k] >= end) continue;
    const parts: string[] = [];
    let from = start;
    for (; k < at.length && at[k] < end; k++) {
      parts.push(node.value.slice(from - start, at[k] - start), map.get(at[k])!);
      from = at[k] + 1;
    }
    parts.push(node.value.slice(from - start));
    node.value = parts.join('');
  }
}
