// A markup declaration with an internal subset, `<!DOCTYPE x [ <!ENTITY a "b"> ]>`, is one piece of
// raw HTML to its writer, but not to CommonMark: a declaration ends at its first `>`, so the parser
// takes `<!DOCTYPE x [ <!ENTITY a "b">` as the HTML and the rest, ` ]>`, as text, which printed
// (“第二段 ]>文字。”); written over several lines, the subset's last lines became a paragraph of
// their own. Here such a declaration takes in everything up to the `]>` that closes its subset:
// one html node (never printed, reported by raw-html), the text after it starting after `]>`.
import { SourcePoints } from '../core/source-points.js';
import type { Html, Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';

/** A declaration that opens an internal subset it does not close: `<!DOCTYPE name [` … with no `]>` yet. */
const OPEN_SUBSET = /^<!doctype[^>[]*\[/i;
const SUBSET_END = /\]\s*>/g;

export default function remarkHtmlDeclarations() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value ?? '');
    if (!/<!doctype/i.test(source)) return;
    const place = new SourcePoints(source);
    const walk = (path: Parent[]): void => {
      const parent = path.at(-1)!;
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i] as RootContent;
        if (node.type === 'html' || node.type === 'text') declaration(path, i, source, place);
        else if ('children' in node) walk([...path, node as Parent]);
      }
    };
    walk([tree]);
  };
}

/**
 * A declaration with an open subset that starts in parent.children[i] (an html node that is one,
 * or a text node holding one, which the parser left as text when its `>` was past the paragraph's
 * end): made one html node from its `<!` to the `]>` that closes the subset, which takes in what
 * the parser made of the rest (text, html, whole paragraphs), up the tree as far as it reaches.
 */
function declaration(path: Parent[], i: number, source: string, place: SourcePoints): void {
  const parent = path.at(-1)!;
  const node = parent.children[i] as RootContent;
  if ((node.type !== 'html' && node.type !== 'text') || !node.position) return;
  const nodeStart = node.position.start.offset;
  if (nodeStart === undefined) return;
  let at: number;
  let html: Html;
  if (node.type === 'html') {
    if (!OPEN_SUBSET.test(node.value) || /\]\s*>\s*$/.test(node.value)) return;
    at = nodeStart;
    html = node;
  } else {
    const m = /<!doctype[^>[]*\[/i.exec(node.value);
    // only where the text is its source as written (no escape or entity before it)
    if (!m || source.slice(nodeStart, nodeStart + m.index + m[0].length) !== node.value.slice(0, m.index + m[0].length)) return;
    at = nodeStart + m.index;
    html = { type: 'html', value: '', position: { start: place.at(at), end: node.position.end } };
    const rest: RootContent = {
      type: 'text',
      value: node.value.slice(m.index),
      position: { start: place.at(at), end: node.position.end },
    };
    node.value = node.value.slice(0, m.index);
    node.position = { start: node.position.start, end: place.at(at) };
    const keep = node.value ? [node] : [];
    parent.children.splice(i, 1, ...keep, html, rest);
    i = keep.length ? i + 1 : i;
  }
  const open = source.indexOf('[', at);
  SUBSET_END.lastIndex = open + 1;
  const m = SUBSET_END.exec(source);
  // Not closed at all: the rest of the manuscript is not taken for it.
  if (!m) {
    if (node.type === 'text') html.value = source.slice(at, html.position!.end.offset);
    return;
  }
  const end = m.index + m[0].length;
  // what follows, up to the end: siblings, then the siblings of each parent in turn
  let level = path.length - 1;
  let k = i + 1;
  let child: RootContent = html;
  while (level >= 0 && !take(path[level], k, end, source, place)) {
    const up = path[level - 1];
    if (!up) break;
    child = path[level] as RootContent;
    k = up.children.indexOf(child) + 1;
    level--;
  }
  html.value = source.slice(at, end);
  html.position = { start: place.at(at), end: place.at(end) };
}

/**
 * The nodes from parent.children[k] on that lie before `end`, taken out; one that begins before
 * `end` and runs past it loses its part before `end` (a text node its first characters, a
 * paragraph its first children). True when a node reaches past `end` (nothing further to take).
 */
function take(parent: Parent, k: number, end: number, source: string, place: SourcePoints): boolean {
  while (k < parent.children.length) {
    const next = parent.children[k] as RootContent;
    const s = next.position?.start.offset;
    const e = next.position?.end.offset;
    if (s === undefined || e === undefined) return true;
    if (s >= end) return true;
    if (e <= end) {
      parent.children.splice(k, 1);
      continue;
    }
    const endPoint = place.at(end);
    if (next.type === 'text') {
      // the text's source is its value here (`]>` and what stands beside it); else up to its first `]>`
      const lead = source.slice(s, end);
      next.value = next.value.startsWith(lead) ? next.value.slice(lead.length) : next.value.replace(/^[\s\S]*?\]\s*>/, '');
      next.position = { start: endPoint, end: next.position!.end };
      if (!next.value) parent.children.splice(k, 1);
    } else if ('children' in next) {
      take(next as Parent, 0, end, source, place);
      next.position = { start: endPoint, end: next.position!.end };
      if (!(next as Parent).children.length) parent.children.splice(k, 1);
    }
    return true;
  }
  return false;
}
