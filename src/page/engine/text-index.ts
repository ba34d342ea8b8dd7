// Character positions in a block: its text nodes with their start offsets, so that a character
// offset in the block's text (textContent) maps to a node and back, and a character's box can be
// measured with a Range.
import { isHighSurrogate, isLowSurrogate, measuringRange, SPACE } from './dom.js';

/** A table's header row printed again at the head of its piece in the next frame (续表): split.ts adds it. */
export const REPEATED = 'repeated';

/**
 * Whether a text node is not the manuscript's text: a table's header row printed again (REPEATED)
 * is not its words. The one rule for the engine's index, the line map and the overset's words
 * (copy-fit.ts); the proof's page script (src/proof/proof-page.js) cannot import and says it again.
 */
export function notManuscript(node: Node): boolean {
  return !!node.parentElement?.closest(`thead.${REPEATED}`);
}

/**
 * Whether notManuscript may hold for a text node under `el`: only if `el` is in a repeated header
 * row or holds one. Most blocks are neither, and their text nodes need not be asked one by one.
 */
function mayHoldRepeated(el: Element): boolean {
  const repeated = `thead.${REPEATED}`;
  return !!(el.closest(repeated) || el.querySelector(repeated));
}

/** The text of an element as the manuscript has it (without what notManuscript skips). */
export function manuscriptText(el: Element): string {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const ask = mayHoldRepeated(el);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!ask || !notManuscript(n)) text += n.nodeValue;
  return text;
}

export class TextIndex {
  readonly nodes: Text[] = [];
  readonly starts: number[] = [];
  readonly total: number;

  constructor(readonly el: Element) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const ask = mayHoldRepeated(el);
    let total = 0;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (ask && notManuscript(n)) continue;
      this.nodes.push(n);
      this.starts.push(total);
      total += n.data.length;
    }
    this.total = total;
  }

  /** The offset of an element's first character in the index, or undefined when it holds none of its text. */
  offsetOf(el: Element): number | undefined {
    const first = this.nodes.findIndex((n) => el.contains(n));
    return first < 0 ? undefined : this.starts[first];
  }

  /** The text node holding offset i, and the offset within it. */
  locate(i: number): [Text, number] {
    let lo = 0;
    let hi = this.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return [this.nodes[lo], i - this.starts[lo]];
  }

  charAt(i: number): string {
    const [node, off] = this.locate(i);
    return node.data.charAt(off);
  }

  /** The box of character i, or null for characters that take no room (collapsed spaces, low surrogates). */
  rect(i: number): DOMRect | null {
    const [node, off] = this.locate(i);
    return charRect(node, off);
  }

  /**
   * The first character whose vertical middle lies below y (a character's box is taller than its
   * line: docs/layout-engine.md, “Character boxes are taller than lines”), by binary search.
   */
  firstCharBelow(y: number): number {
    let lo = 0;
    let hi = this.total;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      let j = mid;
      let r: DOMRect | null = null;
      while (j < hi && !(r = this.rect(j))) j++;
      if (!r || r.top + r.height / 2 > y) hi = mid;
      else lo = j + 1;
    }
    while (lo < this.total && isLowSurrogate(this.charAt(lo).charCodeAt(0))) lo++;
    return lo;
  }

  /** A range from offset `from` to the end of the block. */
  rangeFrom(from: number): Range {
    const [start, off] = this.locate(from);
    const r = document.createRange();
    let node: Node = start;
    if (off === 0) {
      // At the start of an element's text the whole element moves on: a range starting inside it
      // would leave an empty copy behind (an empty span.dash box, an empty <strong>).
      while (node.parentNode !== this.el && node.parentNode!.firstChild === node) node = node.parentNode!;
      r.setStartBefore(node);
    } else r.setStart(node, off);
    r.setEnd(this.el, this.el.childNodes.length);
    return r;
  }
}

/** The box of the character at `off` in a text node (a surrogate pair as one), or null if it takes no room. */
export function charRect(node: Text, off: number): DOMRect | null {
  const code = node.data.charCodeAt(off);
  if (isLowSurrogate(code)) return null;
  const range = measuringRange();
  range.setStart(node, off);
  range.setEnd(node, Math.min(off + (isHighSurrogate(code) ? 2 : 1), node.data.length));
  const rects = range.getClientRects();
  if (!rects.length) return null;
  const r = rects[0];
  return r.width > 0 || !SPACE.test(node.data.charAt(off)) ? r : null;
}
