// The tree's nesting, measured exactly once it is parsed and before any plugin, check or writer
// walks it (most tree utilities recurse, one stack frame or more per level). The guard before the
// parser (src/manuscript/guard.ts) only estimates, and refuses at twice the limit; this refuses at
// the limit itself, at the node that passes it.
import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';

/** Nodes that make a level of nesting as a writer sees it: quotes, lists, emphasis, links, directives. */
const NESTING = new Set([
  'blockquote',
  'list',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'footnoteDefinition',
  'containerDirective',
  'leafDirective',
  'textDirective',
]);

/** The first node nested deeper than `max`, with its depth; undefined when none is. Iterative: no recursion. */
export function tooDeep(tree: Root, max: number): { node: Node; depth: number } | undefined {
  const stack: Array<[Node, number]> = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    const here = NESTING.has(node.type) ? depth + 1 : depth;
    if (here > max) return { node, depth: here };
    const children = (node as Parent).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], here]);
  }
  return undefined;
}
