// Where the manuscript's autolinks stand (`<http://…>`, a bare URL or e-mail address that GFM makes
// a link): their text is the address, which markdown has already delimited (Chinese inside it
// too: <http://a.cn/新.闻>), so the punctuation rules leave their marks alone, as the typesetting does.
import type { Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { isAddressText } from '../core/cjk.js';

/** Whether a source offset lies inside an autolink of `tree`. */
export function autolinkLookup(tree: Root): (offset: number) => boolean {
  const addresses: Array<[number, number]> = [];
  visit(tree, 'link', (link: Link) => {
    const [only] = link.children;
    const [start, end] = [link.position?.start.offset, link.position?.end.offset];
    if (
      link.children.length === 1 &&
      only.type === 'text' &&
      isAddressText(only.value, link.url) &&
      start !== undefined &&
      end !== undefined
    )
      addresses.push([start, end]);
  });
  // In document order and disjoint: the last one starting at or before an offset is the only candidate.
  return (offset: number) => {
    let lo = 0;
    let hi = addresses.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (addresses[mid][0] <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && offset < addresses[hi][1];
  };
}
