// Every block carries its manuscript line as `data-line`, so later stages (proof marks, layout
// reports, overset text) can point back to the manuscript.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** mdast block nodes that carry their manuscript line. */
const LINED_BLOCK_TYPES = new Set(['paragraph', 'heading', 'figure', 'blockquote', 'list', 'listItem', 'table', 'code', 'thematicBreak']);

export default function remarkSourceLines() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (!LINED_BLOCK_TYPES.has(node.type) || !node.position) return;
      const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
      data.hProperties = { ...(data.hProperties ?? {}), 'data-line': node.position.start.line };
    });
  };
}
