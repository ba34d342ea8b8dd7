// Small helpers over hast trees that every stage may use.
import type { Element, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** Elements of a hast tree that pass a test, in document order. */
export function selectAll(tree: Root | Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  visit(tree, 'element', (e: Element) => {
    if (test(e)) out.push(e);
  });
  return out;
}

/** True when the element's class list holds `name`. */
export function hasClass(node: Element, name: string): boolean {
  const c = node.properties?.className;
  return Array.isArray(c) && c.includes(name);
}

/** HTML of a hast tree, with the shortest character references. */
export function stringifyHast(tree: Root): string {
  return unified()
    .use(rehypeStringify, { characterReferences: { useShortestReferences: true } })
    .stringify(tree);
}
