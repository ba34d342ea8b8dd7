// A bare URL ends where Chinese text begins. GFM links a literal `https://…` or `www.…` up to the
// next white space, and Chinese puts none after an address: `详见https://example.com。下一句` made the
// rest of the sentence part of the link (its href and its text), and the marks in it were neither
// checked nor set full-width. The link is cut where core/cjk.ts's protectedRanges ends an address
// (at the first CJK character or mark), less a closing `)` it does not open and trailing ASCII
// punctuation, as GFM trims them; the rest goes back to the text. Autolinks in `<…>` are delimited
// by the author and left whole.
import type { Link, Parent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { bareAddressLength } from '../core/cjk.js';

export default function remarkCjkAutolink() {
  return (tree: Root, file: { value: unknown }) => {
    const source = String(file.value);
    visit(tree, 'link', (link: Link, index, parent: Parent | undefined) => {
      const [only] = link.children;
      const start = link.position?.start.offset;
      if (!parent || index === undefined || start === undefined || source[start] === '<') return;
      if (link.children.length !== 1 || only.type !== 'text') return;
      const prefix = link.url === only.value ? '' : link.url === `http://${only.value}` ? 'http://' : undefined;
      if (prefix === undefined) return;
      const end = bareAddressLength(only.value);
      if (end <= 0 || end >= only.value.length) return;
      const kept = only.value.slice(0, end);
      const pos = link.position!;
      const at = { line: pos.start.line, column: pos.start.column + end, offset: start + end };
      const rest: Text = { type: 'text', value: only.value.slice(end), position: { start: at, end: pos.end } };
      link.url = prefix + kept;
      link.position = { start: pos.start, end: at };
      only.value = kept;
      only.position = { start: only.position?.start ?? pos.start, end: at };
      parent.children.splice(index + 1, 0, rest as never);
      return index + 2;
    });
  };
}
