// The one map between the manuscript and the printed page: manuscript offset ⇄ printed text of a
// block ⇄ printed line (第N栏第M行) and the place of each character on the sheet.
//
// A printed unit is text with one origin: a body block (all its pieces across columns), or one
// element of the headline block, the 报眉 or a photo caption. Its printed text differs from the
// manuscript's (full-width punctuation, soft breaks dropped, markup gone), so each printed
// character gets its source offset by aligning the printed text with the manuscript text of the
// same block (the check's text blocks, which carry source offsets) with a character diff.
// Nothing here measures: the positions come from the page (proof-page.js) and the line map
// from the layout engine.
import { diffChars } from 'diff';
import { SourcePoints } from '../core/source-points.js';

export type Zone = 'body' | 'headline' | 'running-head' | 'caption';

/** Text and the source offset of each of its UTF-16 units (-1: no single source). */
export interface SourceText {
  text: string;
  offsets: number[];
}

export interface PrintedUnit {
  id: string;
  zone: Zone;
  /** manuscript line of the block (data-line) */
  block: number | null;
  page: number;
  /** the block's whole text: what is printed, then what did not fit (overset) */
  text: string;
  /** how much of `text` is printed (default: all) */
  printed?: number;
  /** a table: its text is its cells' one after another, a line end between cells and three between rows */
  table?: true;
  /** its footnote references (their printed numbers) or, in the footnotes' unit, its footnotes */
  notes?: NoteMark[];
  /** source offset of each UTF-16 unit of `text`; -1 where it has none */
  src: number[];
}

/**
 * A footnote in a unit's text: a reference's printed number in the text, or, in the footnotes' unit
 * (注释), a footnote's own text; offsets in the unit's text, and the footnote's label (the id its
 * reference and its text share in the page, the same within a round, as the manuscript names it).
 */
export type NoteMark = [from: number, to: number, label: string];

/** One printed line (or the part of a unit on one line), positioned in CSS px from the trim's top-left corner. */
export interface MapLine {
  unit: string;
  page: number;
  /** body lines: base column and line within it (第N栏第M行) */
  column?: number;
  columnLine?: number;
  /** the unit's text offsets this line holds */
  from: number;
  to: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** left edge of each UTF-16 unit from `from` to `to` - 1; null for one that takes no room */
  xs: Array<number | null>;
}

export interface Piece {
  line: MapLine;
  from: number;
  to: number;
}

export interface Box {
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

export const ZONE_LABELS: Record<Exclude<Zone, 'body'>, string> = { headline: '标题区', 'running-head': '报眉', caption: '图片说明' };

/**
 * For each UTF-16 unit of `printed`, its source offset: printed and manuscript text aligned by a
 * character diff. Replaced runs (a half-width mark printed full-width) map position by position;
 * printed characters the manuscript does not have get -1.
 */
export function alignToSource(printed: string, expected: SourceText): number[] {
  const out: number[] = [];
  if (printed === expected.text) return expected.offsets.slice();
  let e = 0;
  let removed: number[] = [];
  for (const part of diffChars(expected.text, printed)) {
    const n = part.value.length;
    if (part.removed) {
      removed = expected.offsets.slice(e, e + n);
      e += n;
    } else if (part.added) {
      for (let i = 0; i < n; i++) out.push(i < removed.length ? removed[i] : -1);
      removed = [];
    } else {
      removed = [];
      for (let i = 0; i < n; i++) out.push(expected.offsets[e + i]);
      e += n;
    }
  }
  return out;
}

interface Entry {
  offset: number;
  unit: number;
  index: number;
}

export class TextMap {
  readonly points: SourcePoints;
  private entries: Entry[] = [];
  private linesOf = new Map<string, MapLine[]>();
  private unitIndex = new Map<string, number>();
  /** source span [min, max] of each unit */
  private spans: Array<[number, number]>;
  /** lines on more than one page: a place names its page */
  private readonly severalPages: boolean;

  constructor(
    source: string,
    readonly units: PrintedUnit[],
    readonly lines: MapLine[],
  ) {
    this.points = new SourcePoints(source);
    this.severalPages = lines.some((l) => l.page !== lines[0].page);
    units.forEach((u, i) => {
      this.unitIndex.set(u.id, i);
      u.src.forEach((offset, index) => {
        if (offset >= 0) this.entries.push({ offset, unit: i, index });
      });
    });
    this.entries.sort((a, b) => a.offset - b.offset || a.unit - b.unit || a.index - b.index);
    this.spans = units.map((u) => {
      const valid = u.src.filter((o) => o >= 0);
      return valid.length ? [Math.min(...valid), Math.max(...valid)] : [-1, -1];
    });
    for (const l of lines) {
      const list = this.linesOf.get(l.unit) ?? [];
      list.push(l);
      this.linesOf.set(l.unit, list);
    }
    for (const list of this.linesOf.values()) list.sort((a, b) => a.from - b.from);
  }

  unit(id: string): PrintedUnit | undefined {
    const i = this.unitIndex.get(id);
    return i === undefined ? undefined : this.units[i];
  }

  /** The printed line holding character `index` of a unit. */
  lineAt(unit: string, index: number): MapLine | undefined {
    const list = this.linesOf.get(unit);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].from <= index) lo = mid;
      else hi = mid - 1;
    }
    const l = list[lo];
    return l && l.from <= index && index < l.to ? l : undefined;
  }

  /** Characters from..to of a unit, as pieces of its printed lines. */
  range(unitId: string, from: number, to: number): Piece[] {
    const out: Piece[] = [];
    for (const l of this.linesOf.get(unitId) ?? []) {
      const a = Math.max(from, l.from);
      const b = Math.min(to, l.to);
      if (a < b) out.push({ line: l, from: a, to: b });
    }
    return out;
  }

  /** The printed characters whose source lies in [start, end), as pieces of lines in reading order. */
  printed(start: number, end: number): Piece[] {
    const hits = this.entriesIn(start, end);
    return this.piecesOf(hits);
  }

  /**
   * The printed character at a source offset, or the next one printed from the same block (a
   * finding at `**` or at a space that is not printed); none when the offset is outside every
   * printed block.
   */
  near(offset: number): Piece[] {
    const lo = this.firstAtOrAfter(offset);
    for (const e of [this.entries[lo], this.entries[lo - 1]]) {
      if (!e) continue;
      const [min, max] = this.spans[e.unit];
      if (offset >= min && offset <= max) return this.piecesOf([e]);
    }
    return [];
  }

  /** Source range [start, end) of printed characters from..to of a line's unit; undefined when none has a source. */
  source(unitId: string, from: number, to: number): { start: number; end: number } | undefined {
    const u = this.unit(unitId);
    if (!u) return undefined;
    let start = Infinity;
    let end = -Infinity;
    for (let i = from; i < to; i++) {
      const o = u.src[i];
      if (o >= 0) {
        start = Math.min(start, o);
        end = Math.max(end, o + 1);
      }
    }
    if (start === Infinity) {
      // Nothing under the mark has a source of its own (e.g. a space): the next character that has.
      for (let i = to; i < u.src.length; i++) if (u.src[i] >= 0) return { start: u.src[i], end: u.src[i] };
      for (let i = from - 1; i >= 0; i--) if (u.src[i] >= 0) return { start: u.src[i] + 1, end: u.src[i] + 1 };
      return undefined;
    }
    return { start, end };
  }

  /** The rectangles of pieces (one per piece), trim px. */
  rects(pieces: Piece[]): Box[] {
    return pieces.map((p) => pieceBox(p));
  }

  /**
   * 第N栏第M行, or the zone of a line outside the body; on a proof of several pages (--pages auto)
   * with its page first, 第2页第1栏第5行: each page numbers its columns' lines from 1.
   */
  label(line: MapLine): string {
    const page = this.severalPages ? `第${line.page}页` : '';
    if (line.column !== undefined && line.columnLine !== undefined) return `${page}第${line.column}栏第${line.columnLine}行`;
    const zone = this.unit(line.unit)?.zone;
    return zone && zone !== 'body' ? `${page}${ZONE_LABELS[zone]}` : '';
  }

  /**
   * The characters under a box on a page: on each line whose vertical middle lies within the box
   * (text markup, drawn over whole lines), or, with `touch`, each line the box touches at all (a
   * pen stroke through a line), those whose middle lies within the box's left and right.
   */
  under(page: number, box: { left: number; top: number; right: number; bottom: number }, touch = false): Piece[] {
    const out: Piece[] = [];
    for (const l of this.lines) {
      if (l.page !== page) continue;
      const mid = l.top + l.height / 2;
      if (touch ? box.bottom < l.top || box.top > l.top + l.height : mid < box.top || mid > box.bottom) continue;
      let from = -1;
      let to = -1;
      for (let i = 0; i < l.xs.length; i++) {
        const x = l.xs[i];
        if (x === null) continue;
        // the character's own right edge: the last of a table cell is followed by the next cell's gap
        const right = rightOf(l, i);
        const c = (x + right) / 2;
        if (c >= box.left && c <= box.right) {
          if (from < 0) from = l.from + i;
          to = l.from + i + 1;
        }
      }
      if (from >= 0) out.push({ line: l, from, to });
    }
    return out.sort(this.readingOrder);
  }

  /** The character boundary nearest a point: the line nearest vertically (within a column's reach), then the nearest gap between characters. */
  nearest(page: number, x: number, y: number, reach = Infinity): Piece | undefined {
    let best: MapLine | undefined;
    let bestD = Infinity;
    for (const l of this.lines) {
      if (l.page !== page) continue;
      const dy = y < l.top ? l.top - y : y > l.top + l.height ? y - l.top - l.height : 0;
      const dx = x < l.left ? l.left - x : x > l.left + l.width ? x - l.left - l.width : 0;
      if (dx > reach) continue;
      const d = dy * 4 + dx; // a line beside the point beats one above or below it
      if (d < bestD) {
        bestD = d;
        best = l;
      }
    }
    if (!best) return undefined;
    let at = best.from;
    let atD = Infinity;
    for (let i = 0; i <= best.xs.length; i++) {
      const edge = i < best.xs.length ? best.xs[i] : best.left + best.width;
      if (edge === null) continue;
      const d = Math.abs(edge - x);
      if (d < atD) {
        atD = d;
        at = best.from + i;
      }
    }
    return { line: best, from: at, to: at };
  }

  /**
   * The text of a unit that the page lays out but does not print: characters of its printed part
   * (overset text aside) on no line of the map, the cells of a table cut at its frame's right edge
   * or the rows clipped at its foot. Each run of them trimmed, its white space one space, the runs
   * joined by “ … ”; empty when all of it prints.
   */
  unprinted(unitId: string): string {
    const u = this.unit(unitId);
    if (!u) return '';
    const runs: string[] = [];
    let run = '';
    const end = u.printed ?? u.text.length;
    for (let i = 0; i < end; i++) {
      if (this.lineAt(unitId, i)) {
        if (run.trim()) runs.push(run.replace(/\s+/g, ' ').trim());
        run = '';
      } else run += u.text[i];
    }
    if (run.trim()) runs.push(run.replace(/\s+/g, ' ').trim());
    return runs.join(' … ');
  }

  /**
   * Whether source [start, end) is laid out on the page but not printed: characters of it are in a
   * unit's printed part on no line (cut at a frame's edge), and none of it is on a line.
   */
  cut(start: number, end: number): boolean {
    const hits = this.entriesIn(start, end);
    let cut = false;
    for (const h of hits) {
      const u = this.units[h.unit];
      if (this.lineAt(u.id, h.index)) return false;
      if (h.index < (u.printed ?? u.text.length) && !/\s/.test(u.text[h.index])) cut = true;
    }
    return cut;
  }

  /** Printed text of pieces. */
  text(pieces: Piece[]): string {
    return pieces.map((p) => this.unit(p.line.unit)?.text.slice(p.from, p.to) ?? '').join('');
  }

  /** Pages first, then units in the page's order (columns in reading order), then position in the unit. */
  private readingOrder = (a: Piece, b: Piece): number =>
    a.line.page - b.line.page || (this.unitIndex.get(a.line.unit) ?? 0) - (this.unitIndex.get(b.line.unit) ?? 0) || a.from - b.from;

  /** Index of the first printed character whose source offset is `offset` or later. */
  private firstAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].offset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private entriesIn(start: number, end: number): Entry[] {
    const out: Entry[] = [];
    for (let i = this.firstAtOrAfter(start); i < this.entries.length && this.entries[i].offset < end; i++) out.push(this.entries[i]);
    return out;
  }

  private piecesOf(hits: Entry[]): Piece[] {
    const byLine = new Map<MapLine, Piece>();
    for (const h of hits) {
      const u = this.units[h.unit];
      const line = this.lineAt(u.id, h.index);
      if (!line) continue;
      const p = byLine.get(line);
      if (p) {
        p.from = Math.min(p.from, h.index);
        p.to = Math.max(p.to, h.index + 1);
      } else byLine.set(line, { line, from: h.index, to: h.index + 1 });
    }
    return [...byLine.values()].sort(this.readingOrder);
  }
}

function nextLeft(l: MapLine, i: number): number {
  for (let k = i + 1; k < l.xs.length; k++) {
    const x = l.xs[k];
    if (x !== null) return x;
  }
  return l.left + l.width;
}

/** A piece's box: from its first character's left edge to the next character's (or the line's end). */
export function pieceBox(p: Piece): Box {
  const l = p.line;
  let left: number | null = null;
  for (let i = p.from - l.from; i < p.to - l.from && left === null; i++) left = l.xs[i] ?? null;
  if (left === null) left = p.from - l.from < l.xs.length ? nextLeft(l, p.from - l.from) : l.left + l.width;
  const right = p.to > p.from ? rightOf(l, p.to - 1 - l.from) : left;
  return { page: l.page, left, top: l.top, width: Math.max(0, right - left), height: l.height };
}

/**
 * The right edge of character i of a line: the next character's left edge, or, past a gap wider
 * than an em (the next cell of a table row, the end of a short line), its left edge and the
 * advance of the character before it (at most an em: the line's height).
 */
function rightOf(l: MapLine, i: number): number {
  const next = nextLeft(l, i);
  const x = l.xs[i];
  if (x === null || next - x <= l.height) return next;
  let before: number | null = null;
  for (let k = i - 1; k >= 0 && before === null; k--) before = l.xs[k];
  return x + (before !== null && x - before > 0 && x - before <= l.height ? x - before : l.height);
}
