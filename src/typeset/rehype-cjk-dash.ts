// 破折号 “——” as one unbreakable two-em unit in justified columns.
//
// Why: Noto Serif SC / Noto Sans SC set “——” as ONE ligature glyph (2 em in Han context under the
// zh-Hans `locl`, 1.692 em otherwise), but Chromium justifies per character: the expansion
// opportunity between the two dashes is added after the ligature glyph. At the end of a justified
// line that space lands after the dash, so the dash stops one expansion short of the column edge
// (1.8 pt on the seed page); mid-line the space around the dash is lopsided.
//
// The fix wraps every “——” in <span class="dash">; the page stylesheet makes it an inline-block
// (no expansion inside it, never split across lines) and gives it a hidden Han character as
// script context, so the ligature keeps its two-em form (templates/newspaper/page.css). The text
// itself is untouched: the PDF gives back two U+2014 characters.
//
// Used by the page writer (src/page/page-html.ts) and article.html (src/html/write-html.ts); the
// rule that makes the span work is in templates/article.css. The EPUB keeps plain text: e-readers
// justify and shape on their own terms.
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

const OPAQUE = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style']);
const DASH = /\u2014\u2014/g;
export const DASH_CLASS = 'dash';

function isDash(node: Element): boolean {
  const c = node.properties?.className;
  return Array.isArray(c) && c.includes(DASH_CLASS);
}

/** Wrap each “——” of the tree in span.dash (in place); returns how many were wrapped. */
export function wrapDashes(tree: Root | Element): number {
  let count = 0;
  visit(tree, (node, index, parent) => {
    if (node.type === 'element' && (OPAQUE.has(node.tagName) || isDash(node))) return SKIP;
    if (node.type !== 'text' || !parent || index === undefined) return;
    const value = (node as Text).value;
    if (!value.includes('\u2014\u2014')) return;
    const parts: ElementContent[] = [];
    let last = 0;
    for (const m of value.matchAll(DASH)) {
      if (m.index! > last) parts.push({ type: 'text', value: value.slice(last, m.index) });
      parts.push({ type: 'element', tagName: 'span', properties: { className: [DASH_CLASS] }, children: [{ type: 'text', value: m[0] }] });
      last = m.index! + m[0].length;
      count++;
    }
    if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
    (parent.children as ElementContent[]).splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
  return count;
}

export default function rehypeCjkDash() {
  return (tree: Root) => {
    wrapDashes(tree);
  };
}
