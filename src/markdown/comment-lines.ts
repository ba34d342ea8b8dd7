// The parser (micromark) holds some 3.5 KB for every line while it works, whatever the line holds:
// a 3 MB HTML comment of short lines (230,000 of them, under limits.maxMarkup) took 880 MB to
// 1.3 GB to parse, for a block that prints nothing. A comment that is a block of its own at the top
// level is one html node whatever its lines are, so it is parsed with its line ends made spaces
// (the same length: every offset stays), one line to the parser; the tree's line and column are
// then counted from the offsets in the manuscript as written, and each such node's value is its
// text as written. The tree is the one the manuscript's own lines give: when the parser made
// anything else of such a comment (it stood in a fenced code block, a list item…), the manuscript
// is parsed as written instead.
import { SourcePoints } from '../core/source-points.js';
import type { Html, Root } from 'mdast';
import type { Node, Point } from 'unist';
import { visit } from 'unist-util-visit';

/** Fewer comment lines than this are parsed as they are (what they cost is small). */
export const COMMENT_LINES_WORTH_JOINING = 2_000;

interface Region {
  /** the line's start, where `<!--` is after at most three spaces */
  start: number;
  /** the end of the line holding the `-->` that closes it (before its line end) */
  end: number;
}

/**
 * The comments that open a line (after at most three spaces) and close on a later one, and the
 * source with the line ends inside them made spaces; undefined when they hold fewer than
 * COMMENT_LINES_WORTH_JOINING lines in all. One pass over the source.
 */
export function joinCommentLines(source: string): { joined: string; regions: Region[] } | undefined {
  const regions: Region[] = [];
  let lines = 0;
  let ls = 0;
  while (ls < source.length) {
    let i = ls;
    while (i < ls + 3 && source[i] === ' ') i++;
    const nl = source.indexOf('\n', ls);
    const lineEnd = nl < 0 ? source.length : nl;
    if (source.startsWith('<!--', i)) {
      const close = source.indexOf('-->', i + 4);
      const end = close < 0 ? source.length : lineEndAt(source, close + 3);
      if (end > lineEnd) {
        regions.push({ start: ls, end });
        for (let k = source.indexOf('\n', ls); k >= 0 && k < end; k = source.indexOf('\n', k + 1)) lines++;
        ls = end + 1;
        continue;
      }
    }
    ls = lineEnd + 1;
  }
  if (lines < COMMENT_LINES_WORTH_JOINING) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (const r of regions) {
    parts.push(source.slice(at, r.start), source.slice(r.start, r.end).replace(/[\r\n]/g, ' '));
    at = r.end;
  }
  parts.push(source.slice(at));
  return { joined: parts.join(''), regions };
}

function lineEndAt(source: string, from: number): number {
  const nl = source.indexOf('\n', from);
  return nl < 0 ? source.length : nl;
}

/**
 * The tree parsed from the joined source, made the tree of the source as written: each joined
 * comment is a top-level html node from its line's start (or its `<`) to its region's end, its
 * value the text as written, and every position counted again from its offset. False (and the
 * tree left as it is) when a joined comment is not such a node: the caller parses the source as written.
 */
export function unjoinCommentLines(tree: Root, source: string, joined: string, regions: Region[]): boolean {
  const byEnd = new Map<number, Html>();
  for (const n of tree.children) if (n.type === 'html' && n.position?.end.offset !== undefined) byEnd.set(n.position.end.offset, n);
  for (const r of regions) {
    const node = byEnd.get(r.end);
    const s = node?.position?.start.offset;
    if (!node || s === undefined || s < r.start || s > r.start + 3 || node.value !== joined.slice(s, r.end)) return false;
  }
  for (const r of regions) {
    const node = byEnd.get(r.end)!;
    node.value = source.slice(node.position!.start.offset!, r.end);
  }
  const points = new SourcePoints(source);
  visit(tree as Node, (n: Node) => {
    if (!n.position) return;
    const at = (p: Point) => (p.offset === undefined ? p : points.at(p.offset));
    n.position = { start: at(n.position.start), end: at(n.position.end) };
  });
  return true;
}
