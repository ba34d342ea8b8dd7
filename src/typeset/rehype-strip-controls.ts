// Control characters (src/core/controls.ts) are left out of every text and attribute of the
// article's hast: the control-characters check has reported them, and no writer may carry one
// (an XHTML chapter with U+0001 is not well-formed XML).
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { withoutControls } from '../core/controls.js';

export default function rehypeStripControls() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === 'text') node.value = withoutControls(node.value);
      else if (node.type === 'element') {
        for (const [name, value] of Object.entries(node.properties)) {
          if (typeof value === 'string') node.properties[name] = withoutControls(value);
          else if (Array.isArray(value)) node.properties[name] = value.map((v) => (typeof v === 'string' ? withoutControls(v) : v));
        }
      }
    });
  };
}
