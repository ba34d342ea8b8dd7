// A bare URL ends where Chinese text begins. GFM links a literal `https://…` or `www.…` up to the
// next white space, and Chinese puts none after an address: `详见https://example.com。下一句` made the
// rest of the sentence part of the link (its href and its text), and the marks in it were neither
// checked nor set full-width. The link is cut where core/cjk.ts's protectedRanges ends an address
// (at the first CJK character or mark), less a closing `)` it does not open and trailing ASCII
// punctuation, as GFM trims them. Autolinks in `<…>` are delimited by the author and left whole.
//
// The rest is markdown the parser never read as such (it took it for part of the address): it is
// parsed again, inline, with the document's footnote and link labels known, so that
// `详见https://a.cn/x，**重点**和[^1]` keeps its strong text and its footnote reference instead of
// printing the asterisks and brackets. Links found in it are cut in their turn.
import type { Link, Parent, PhrasingContent, Root } from 'mdast';
import type { Point, Position } from 'unist';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';
import { bareAddressLength } from '../core/cjk.js';
import { locator } from '../core/text-blocks.js';

export default function remarkCjkAutolink(this: Processor) {
  return (tree: Root, file: { value: unknown }) => {
    const source = String(file.value);
    placeFoundLinks(tree, source);
    let labels: string | undefined;
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
      const restText = only.value.slice(end);
      link.url = prefix + kept;
      link.position = { start: pos.start, end: at };
      only.value = kept;
      only.position = { start: only.position?.start ?? pos.start, end: at };
      // The rest is read again with what follows it on its line: the parser's reading of that was
      // cut by the address too (`https://a.cn/x和[链接](https://b.cn/y)` left `[链接` in the address).
      let last = index;
      while (last + 1 < parent.children.length && parent.children[last + 1].position?.end.line === at.line) last++;
      const to = last > index ? parent.children[last].position?.end.offset : pos.end.offset;
      // Only where the tree's text is the source's (no character reference in the address).
      const verbatim = source.slice(start, pos.end.offset) === kept + restText && to !== undefined;
      labels ??= definedLabels(tree);
      const read = verbatim ? reparse(this, source.slice(at.offset, to), labels, at) : undefined;
      if (read) parent.children.splice(index + 1, last - index, ...(read as never[]));
      else parent.children.splice(index + 1, 0, { type: 'text', value: restText, position: { start: at, end: pos.end } } as never);
      // Visit what was inserted: a second bare address in the rest is cut too.
      return index + 1;
    });
  };
}

/** Stand-in definitions for every footnote and link label of the document, so a reference in a re-read rest is one. */
function definedLabels(tree: Root): string {
  const lines: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') lines.push(`[^${node.label ?? node.identifier}]: -`);
    else if (node.type === 'definition') lines.push(`[${node.label ?? node.identifier}]: -`);
  });
  return lines.join('\n\n');
}

/** `text` parsed as the inline content of one paragraph, its positions moved to start at `at`; undefined if it is not one paragraph. */
function reparse(processor: Processor, text: string, labels: string, at: Point): PhrasingContent[] | undefined {
  if (/[\r\n]/.test(text)) return undefined;
  const root = processor.parse(labels ? `${text}\n\n${labels}\n` : text) as Root;
  const [first, ...others] = root.children;
  if (first?.type !== 'paragraph' || others.some((n) => n.type !== 'definition' && n.type !== 'footnoteDefinition')) return undefined;
  if (first.position?.start.offset !== 0 || first.position.end.offset !== text.length) return undefined;
  const shift = (p: Point): Point => ({ line: at.line, column: at.column + p.column - 1, offset: (at.offset ?? 0) + (p.offset ?? 0) });
  visit(first, (node) => {
    const p = node.position as Position | undefined;
    if (p) node.position = { start: shift(p.start), end: shift(p.end) };
  });
  return first.children;
}

/** How far past a character with no source of its own (an escape, an entity) the next is looked for. */
const LOOKAHEAD = 40;

/**
 * Positions for the nodes GFM's find-and-replace made. An address that follows a mark the parser's
 * autolink rule does not take (`网址：www.a.cn`, `（www.a.cn）`: only an ASCII space or `(*_~` may
 * come before `www.`) is found afterwards in the text, and the text node it was in is replaced by
 * a text, the link and a text, none of them with a position: the whole paragraph's characters had
 * no source, so the checks put every finding in it at its first character (and called its marks
 * escapes that --fix cannot change), the proof mapped none of its printed characters, and the link
 * ran on to the next space (its address and its text held the rest of the sentence). The run of
 * new nodes stands where the replaced text stood, between its neighbours: each node is given the
 * source its characters are found at there, one after another.
 */
function placeFoundLinks(tree: Root, source: string): void {
  const at = locator(source);
  const point = (offset: number): Point => {
    const p = at(offset);
    return { line: p.line, column: p.column, offset };
  };
  visit(tree, (node) => {
    const parent = node as Parent;
    if (!parent.children?.length || !parent.position) return;
    const kids = parent.children;
    for (let i = 0; i < kids.length; i++) {
      if (kids[i].position || (kids[i].type !== 'text' && kids[i].type !== 'link')) continue;
      let j = i;
      while (j + 1 < kids.length && !kids[j + 1].position) j++;
      let p = i > 0 ? kids[i - 1].position!.end.offset! : parent.position.start.offset!;
      const end = j + 1 < kids.length ? kids[j + 1].position!.start.offset! : parent.position.end.offset!;
      for (const kid of kids.slice(i, j + 1)) {
        const parts = kid.type === 'link' ? (kid as Link).children : [kid];
        let first = -1;
        for (const part of parts) {
          if (part.type !== 'text' || part.position) continue;
          const span = findText(part.value, source, p, end);
          if (!span) continue;
          part.position = { start: point(span[0]), end: point(span[1]) };
          if (first < 0) first = span[0];
          p = span[1];
        }
        if (first >= 0 && !kid.position) kid.position = { start: point(first), end: point(p) };
      }
      i = j;
    }
  });
}

/** Where a text's characters stand in source[from, to): its first and past its last; undefined if none is there. */
function findText(value: string, source: string, from: number, to: number): [number, number] | undefined {
  if (source.slice(from, to).startsWith(value)) return [from, from + value.length];
  let p = from;
  let first = -1;
  for (const ch of value) {
    const stop = Math.min(to, p + LOOKAHEAD);
    let q = p;
    while (q < stop && source.slice(q, q + ch.length) !== ch) q++;
    if (q >= stop) continue;
    if (first < 0) first = q;
    p = q + ch.length;
  }
  return first < 0 ? undefined : [first, p];
}
