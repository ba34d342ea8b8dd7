// Bold lead-in phrases: a paragraph opening with bold text that starts with a dash
// (**——创新完善平台载体，**……) is a lead-in paragraph. The CSS sets the lead-in in the bold face.
import type { Root, Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';

export default function remarkLeadIn() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (node: Paragraph) => {
      const first = node.children[0];
      if (first?.type !== 'strong' || !/^\s*(——|—)/.test(toString(first))) return;
      first.data = { ...first.data, hProperties: { className: ['lead-in'] } };
      const props = (node.data?.hProperties ?? {}) as Record<string, unknown>;
      node.data = { ...node.data, hProperties: { ...props, className: [...((props.className as string[]) ?? []), 'has-lead-in'] } };
    });
  };
}
