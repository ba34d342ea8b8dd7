// Reading a block's lines off the laid-out page. Measuring every character with a Range is what
// the line checks used to spend most of their time on, so lines are found with few measurements:
// a line's first character gives its vertical middle, and the first character of the next line
// is found by a search guided by the previous line's length (usually two measurements per line).
// Everything the engine says about lines (孤字, 避头尾, loose lines, the line map) comes from here.
// (docs/layout-engine.md, “Reading lines back”.)
import { HAN, isHighSurrogate, isLowSurrogate, LETTER, measuringRange, SPACE } from './dom.js';
import { TextIndex } from './text-index.js';

export interface LineBox {
  /** first character of the line that takes room (offset in the piece's text, its textContent) */
  from: number;
  /** where the next line starts (or the end of the text) */
  end: number;
  /** the visible characters (no white space) and their extent */
  text: string;
  textFrom: number;
  textTo: number;
  first: string;
  last: string;
  /** letters and digits on the line */
  letters: number;
  /** left of the line's first character box, in the viewport */
  left: number;
  /** box of the visible characters (first to last), in the viewport; null for a line of white space only */
  ink: { left: number; top: number; right: number; bottom: number } | null;
  /**
   * Extra space between two characters, in em: the median width of the line's Han characters over
   * the em (a line without Han: its spread, latinSpread). Known once measured (looseOf); until then
   * `looseAtMost` bounds it from above.
   */
  loose?: number;
  looseAtMost: number;
}

const SPACE_RUN = /\s+/g;

/** A block's text and its measured character boxes (each character measured at most once). */
export class BlockText {
  readonly index: TextIndex;
  readonly text: string;
  readonly em: number;
  /** Han characters are at least one em wide here (see hanAtLeastEm) */
  readonly hanFloor: boolean;
  private readonly boxes = new Map<number, DOMRect | null>();

  constructor(readonly el: Element) {
    this.index = new TextIndex(el);
    this.text = this.index.nodes.map((n) => n.data).join('');
    this.em = parseFloat(getComputedStyle(el).fontSize);
    this.hanFloor = hanAtLeastEm(el, this.em);
  }

  rect(i: number): DOMRect | null {
    let r = this.boxes.get(i);
    if (r === undefined) this.boxes.set(i, (r = this.index.rect(i)));
    return r;
  }

  /** The first character at or after i that takes room (the text's length if none). */
  next(i: number): number {
    while (i < this.text.length && !this.rect(i)) i++;
    return i;
  }

  /**
   * Whether a line whose foot is `foot` ends right before character i, told by measuring characters
   * i − 1 and i together: one measurement where two would do, and the one most lines need (the
   * guess is usually right). Null when it cannot be told this way (the two are in different text
   * nodes, or one may take no room); 'before' when both are on the line, 'after' when both are below.
   */
  endsBefore(i: number, foot: number): 'yes' | 'before' | 'after' | null {
    if (i < 1 || i >= this.text.length || this.boxes.has(i)) return null;
    const [node, off] = this.index.locate(i);
    const a = node.data.charCodeAt(off - 1);
    const b = node.data.charCodeAt(off);
    if (off < 1 || isHighSurrogate(a) || isLowSurrogate(a) || isHighSurrogate(b) || isLowSurrogate(b)) return null;
    if (SPACE.test(node.data.charAt(off - 1)) || SPACE.test(node.data.charAt(off))) return null;
    const range = measuringRange();
    range.setStart(node, off - 1);
    range.setEnd(node, off + 1);
    const rects = range.getClientRects();
    const below = (r: DOMRect) => r.top + r.height / 2 > foot;
    if (rects.length === 2) {
      this.boxes.set(i - 1, rects[0]);
      this.boxes.set(i, rects[1]);
      if (!below(rects[0]) && below(rects[1])) return 'yes';
      return below(rects[0]) ? 'after' : 'before';
    }
    if (rects.length === 1 && rects[0].width > 0) return below(rects[0]) ? 'after' : 'before';
    return null;
  }
}

/**
 * Han characters are never narrower than the em where nothing in the block changes the size,
 * spacing or glyph forms of text holding Han characters: justification and autospace only add
 * room. The bound on loose lines relies on it; a block where it may not hold is measured in full.
 */
function hanAtLeastEm(el: Element, em: number): boolean {
  const plain = (cs: CSSStyleDeclaration) =>
    parseFloat(cs.fontSize) === em &&
    (cs.letterSpacing === 'normal' || parseFloat(cs.letterSpacing) >= 0) &&
    cs.fontFeatureSettings === 'normal' &&
    cs.fontVariantEastAsian === 'normal';
  if (!plain(getComputedStyle(el))) return false;
  for (const e of el.querySelectorAll('*')) if (HAN.test(e.textContent ?? '') && !plain(getComputedStyle(e))) return false;
  return true;
}

/** The smallest i in [lo, hi] for which below(i) holds (below is monotone, below(hi) holds), searched from a guess. */
function search(lo: number, hi: number, guess: number, below: (i: number) => boolean): number {
  const g = Math.max(lo, Math.min(hi, guess));
  if (below(g)) {
    hi = g;
    for (let step = 1; ; step *= 2) {
      const p = hi - step;
      if (p < lo) break;
      if (!below(p)) {
        lo = p + 1;
        break;
      }
      hi = p;
    }
  } else {
    lo = g + 1;
    for (let step = 1; ; step *= 2) {
      const p = g + step;
      if (p >= hi) break;
      if (below(p)) {
        hi = p;
        break;
      }
      lo = p + 1;
    }
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The lines of a block, top to bottom, from the line holding character `from` on. */
export function readLines(block: BlockText, from = 0): LineBox[] {
  const { text } = block;
  const total = text.length;
  const lines: LineBox[] = [];
  let guess = Math.max(1, Math.round(block.el.getBoundingClientRect().width / block.em));
  for (let start = block.next(from); start < total; ) {
    const first = block.rect(start)!;
    // A character's box is taller than its line: a character belongs to a later line when its
    // middle lies below the line's first character (docs/layout-engine.md, “Character boxes are taller than lines”).
    const foot = first.bottom;
    const below = (i: number) => {
      const j = block.next(i);
      if (j >= total) return true;
      const r = block.rect(j)!;
      return r.top + r.height / 2 > foot;
    };
    const at = start + guess;
    const told = at > start + 1 ? block.endsBefore(at, foot) : null;
    let end: number;
    if (told === 'yes') end = at;
    else if (told === 'before') end = search(at + 1, total, at + 1, below);
    else if (told === 'after') end = search(start + 1, at - 1, at - 1, below);
    else end = search(start + 1, total, at, below);
    if (end < total && isLowSurrogate(text.charCodeAt(end))) end++;
    lines.push(lineBox(block, start, end, first));
    guess = end - start;
    start = block.next(end);
  }
  return lines;
}

function lineBox(block: BlockText, from: number, end: number, first: DOMRect): LineBox {
  const { text } = block;
  const seg = text.slice(from, end);
  const visible = seg.replace(SPACE_RUN, '');
  const chars = Array.from(visible);
  const lead = seg.search(/\S/);
  const textFrom = lead < 0 ? -1 : from + lead;
  const textTo = lead < 0 ? -1 : from + seg.trimEnd().length;
  let ink: LineBox['ink'] = null;
  if (lead >= 0) {
    const a = block.rect(textFrom) ?? first;
    const b = block.rect(isLowSurrogate(text.charCodeAt(textTo - 1)) ? textTo - 2 : textTo - 1) ?? a;
    ink = { left: a.left, top: Math.min(a.top, b.top), right: b.right, bottom: Math.max(a.bottom, b.bottom) };
  }
  const line: LineBox = {
    from,
    end,
    text: visible,
    textFrom,
    textTo,
    first: chars[0] ?? '',
    last: chars[chars.length - 1] ?? '',
    letters: chars.filter((c) => LETTER.test(c)).length,
    left: first.left,
    ink,
    looseAtMost: Number.POSITIVE_INFINITY,
  };
  const han = chars.filter((c) => HAN.test(c)).length;
  // A Han character that ends the line has no space after it to show the spread: “d o c i o u s 与”
  // spreads between its letters, its one Han character an em wide. Such a line is measured as a
  // line without Han is.
  if (han === 0 || (han === 1 && HAN.test(line.last))) line.loose = line.looseAtMost = latinSpread(block, line);
  else if (block.hanFloor) line.looseAtMost = looseBound(block, line, han);
  return line;
}

/**
 * The line as a reader reads it in a finding: its words apart (“据 Bloomberg New Energy”), a run of
 * white space as one space (`text` has none). Made only for the few lines a finding names, not for
 * every line read.
 */
export function shownText(block: BlockText, line: LineBox): string {
  return block.text.slice(line.from, line.end).replace(SPACE_RUN, ' ').trim();
}

/**
 * The looseness of a line with no Han character but its last (the rest of a long word or an address
 * broken at the column's edge: “d o c i o u s” spread across the column): the line's width beyond the text's
 * own, shared among the gaps between its characters. Its own width is measured in the block's
 * font on a canvas, once per such line; these lines are few.
 */
function latinSpread(block: BlockText, line: LineBox): number {
  const own = block.text.slice(line.from, line.end).trim();
  const gaps = [...own].length - 1;
  if (gaps < 1 || !line.ink) return 0;
  const ctx = canvasContext();
  if (!ctx) return 0;
  ctx.font = getComputedStyle(block.el).font;
  const extra = line.ink.right - line.ink.left - ctx.measureText(own).width;
  return Math.max(0, extra / gaps / block.em);
}

let canvas: CanvasRenderingContext2D | null | undefined;
function canvasContext(): CanvasRenderingContext2D | null {
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  return canvas;
}

/**
 * An upper bound of a line's looseness from a few measurements. The line's characters sit side by
 * side, so its Han characters together are at most as wide as the line less its other characters;
 * a character's box reaches past its advance by up to 1/64 px (its edge is rounded outward), which
 * is allowed for. With n Han characters, each at least an em wide, of which n − ⌊n/2⌋ are at least
 * as wide as the median, the median is at most (that width − ⌊n/2⌋ em) / (n − ⌊n/2⌋).
 */
function looseBound(block: BlockText, line: LineBox, han: number): number {
  const { text, em } = block;
  let last = line.end - 1;
  while (last > line.from && !block.rect(last)) last--;
  let width = block.rect(last)!.right - block.rect(line.from)!.left + (line.end - line.from + 1) / 64;
  for (let i = line.from; i < line.end; i++) {
    const code = text.charCodeAt(i);
    if (isLowSurrogate(code)) continue;
    const ch = isHighSurrogate(code) ? text.slice(i, i + 2) : text.charAt(i);
    if (HAN.test(ch)) continue;
    width -= block.rect(i)?.width ?? 0;
  }
  const k = han >> 1;
  return Math.max(0, ((width - k * em) / (han - k) - em) / em);
}

/** The line's looseness, measured: every Han character's width. */
export function looseOf(block: BlockText, line: LineBox): number {
  if (line.loose === undefined) {
    const { text } = block;
    const widths: number[] = [];
    for (let i = line.from; i < line.end; i++) {
      const code = text.charCodeAt(i);
      if (isLowSurrogate(code)) continue;
      if (!HAN.test(isHighSurrogate(code) ? text.slice(i, i + 2) : text.charAt(i))) continue;
      const r = block.rect(i);
      if (r) widths.push(r.width);
    }
    widths.sort((a, b) => a - b);
    const median = widths.length ? widths[widths.length >> 1] : block.em;
    line.loose = Math.max(0, (median - block.em) / block.em);
  }
  return line.loose;
}

/** Lines of blocks, read once and kept until a block changes. */
export class LineCache {
  private readonly blocks = new Map<Element, { text: BlockText; lines: LineBox[] }>();

  get(el: Element): LineBox[] {
    return this.entry(el).lines;
  }

  text(el: Element): BlockText {
    return this.entry(el).text;
  }

  private entry(el: Element) {
    let e = this.blocks.get(el);
    if (!e) {
      const text = new BlockText(el);
      this.blocks.set(el, (e = { text, lines: readLines(text) }));
    }
    return e;
  }

  /** Lines of `el` known otherwise (read from `text`, or of a block laid out the same). */
  set(el: Element, lines: LineBox[], text = new BlockText(el)): void {
    this.blocks.set(el, { text, lines });
  }

  /** Forget `el` and every block that holds it (their lines changed with it). */
  forget(el: Element): void {
    for (let e: Element | null = el; e && !e.classList.contains('frame'); e = e.parentElement) this.blocks.delete(e);
  }
}
