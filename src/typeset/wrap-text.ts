// Wrap the parts of text nodes that match a pattern in <span class="…">, leaving the text itself
// as it was (extraction, search and the EPUB's text checks see the same characters). Code and
// spans already wrapped with the class are left alone.
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { hasClass } from '../core/hast.js';
import { VERBATIM_TAGS } from './block-text.js';

/** Wrap every match of `pattern` (a global regex) in span.className, in place; returns the count. */
export function wrapMatches(tree: Root | Element, pattern: RegExp, className: string): number {
  let count = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'element' && (VERBATIM_TAGS.has(node.tagName) || hasClass(node, className))) return SKIP;
    if (node.type !== 'text' || !parent || index === undefined) return;
    const value = (node as Text).value;
    const parts: ElementContent[] = [];
    let last = 0;
    for (const m of value.matchAll(pattern)) {
      if (!m[0]) continue;
      if (m.index! > last) parts.push({ type: 'text', value: value.slice(last, m.index) });
      parts.push({ type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value: m[0] }] });
      last = m.index! + m[0].length;
      count++;
    }
    if (!parts.length) return;
    if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
    (parent.children as ElementContent[]).splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
  return count;
}
