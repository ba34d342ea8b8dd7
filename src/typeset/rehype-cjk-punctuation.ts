// Half-width , ; : ? ! ( ) in Chinese context become full-width in the output. The manuscript is
// not touched: the `half-width-punctuation` check reports the same marks, and `check --fix` rewrites them.
import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';
import { findHalfWidthPunctuation, toFullWidthPunctuation } from '../core/cjk.js';
import { forEachBlockText, rewriteJoined } from './block-text.js';

export default function rehypeCjkPunctuation() {
  return (tree: Root) => {
    forEachBlockText(tree, (nodes) =>
      rewriteJoined(nodes, (joined) => new Map(findHalfWidthPunctuation(joined).map((c) => [c.index, c.to]))),
    );
    // Alt text is read aloud and shown when images fail: it gets the same treatment.
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.alt === 'string') node.properties.alt = toFullWidthPunctuation(node.properties.alt);
    });
  };
}
