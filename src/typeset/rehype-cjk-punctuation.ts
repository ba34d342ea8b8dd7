// Half-width , ; : ? ! ( ) in Chinese context become full-width in the output. The manuscript is
// not touched: the `half-width-punctuation` check reports the same marks, and `check --fix` rewrites them.
// A space typed after such a mark, English fashion (会议定于10:30, 地点), goes with it, as --fix
// drops it: a full-width mark carries its own space, and “， 地点” printed a gap of one and a half characters.
import type { Root, Element, Text } from 'hast';
import { visit } from 'unist-util-visit';
import { findHalfWidthPunctuation, isAddressText, spacesTypedAfter, toFullWidthPunctuation } from '../core/cjk.js';
import { forEachBlockText, rewriteJoined } from './block-text.js';

export default function rehypeCjkPunctuation() {
  return (tree: Root) => {
    // The text of an autolink is its address: context for its neighbours, never rewritten itself.
    const addresses = new Set<Text>();
    visit(tree, 'element', (node: Element) => {
      const [only] = node.children;
      if (
        node.tagName === 'a' &&
        node.children.length === 1 &&
        only.type === 'text' &&
        isAddressText(only.value, String(node.properties.href ?? ''))
      )
        addresses.add(only);
    });
    forEachBlockText(tree, (nodes) =>
      rewriteJoined(nodes, (joined) => {
        const kept: Array<[number, number]> = [];
        let at = 0;
        for (const n of nodes) {
          if (addresses.has(n)) kept.push([at, at + n.value.length]);
          at += n.value.length;
        }
        const changes = findHalfWidthPunctuation(joined).filter((c) => !kept.some(([a, b]) => c.index >= a && c.index < b));
        const map = new Map(changes.map((c) => [c.index, c.to]));
        for (const c of changes) for (let k = spacesTypedAfter(joined, c.index, c.from); k > 0; k--) map.set(c.index + k, '');
        return map;
      }),
    );
    // Alt text is read aloud and shown when images fail: it gets the same treatment.
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.alt === 'string') node.properties.alt = toFullWidthPunctuation(node.properties.alt);
    });
  };
}
