// Find elements in a hast tree by a predicate (document order).
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export function selectAll(tree: Root | Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (e: Element) => {
    if (test(e)) out.push(e);
  });
  return out;
}
