// Page geometry in CSS pixels, derived from the layout file: the sheet (trim + bleed + room for
// crop marks), the type area, the headline box, photo slots, the text frames left between them,
// and the column rules. Every vertical position is a whole number of grid lines, and the grid is
// rounded to 1/64 px because Chromium quantises line boxes to 1/64 px (docs/layout-engine.md, “Line boxes are quantised to 1/64 px”).
import { cropMarks, toMm, type Layout, type PhotoSlot } from '../config/layout.js';

export const PX_PER_MM = 96 / 25.4;
const q64 = (px: number) => Math.round(px * 64) / 64;
const mmToPx = (mm: number) => mm * PX_PER_MM;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A rectangle of text in one base column, filled in reading order. */
export interface FrameBox extends Rect {
  column: number;
  /** first grid line of the frame, from the top of the type area */
  firstLine: number;
  lines: number;
}

export interface SlotBox extends Rect {
  columns: [number, number];
  firstLine: number;
  lines: number;
}

export interface PageFrames {
  headline?: SlotBox;
  photos: SlotBox[];
  frames: FrameBox[];
  rules: Rect[];
}

export interface Geometry {
  /** mm from the sheet edge to the trim on every side (bleed, plus room for crop marks), a whole number of px */
  slugMm: number;
  bleedMm: number;
  trimMm: { width: number; height: number };
  sheet: { width: number; height: number };
  /** trim box within the sheet, px */
  trim: Rect;
  /** type area within the trim, px */
  typeArea: Rect;
  em: number;
  grid: number;
  columnWidth: number;
  gutter: number;
  first: PageFrames;
  continuation: PageFrames;
}

export function pageGeometry(layout: Layout): Geometry {
  const bleedMm = toMm(layout.page.bleed);
  const marks = cropMarks(layout);
  // Chromium draws text at whole-pixel origins: the trim and the type area start on whole pixels
  // so that columns, boxes and text agree exactly. The type area's top is 1/64 px lower, so that
  // grid lines (multiples of 1/32 px) never fall exactly half-way between two pixels, where the
  // PDF's baseline snapping could round one column up and the next down.
  const slugPx = Math.round(mmToPx(marks ? Math.max(bleedMm, toMm(marks.offset) + toMm(marks.length) + 1) : bleedMm));
  const slugMm = slugPx / PX_PER_MM;
  const trimMm = { width: toMm(layout.page.trim.width), height: toMm(layout.page.trim.height) };
  const em = mmToPx(toMm(layout.type.bodySize));
  const grid = q64(mmToPx(toMm(layout.type.lineHeight)));
  const columnWidth = q64(layout.grid.columnWidth * em);
  const gutter = q64(layout.grid.gutter * em);
  const n = layout.grid.columns;
  const typeWidth = n * columnWidth + (n - 1) * gutter;
  const typeHeight = layout.grid.lines * grid;
  const trim: Rect = { left: slugPx, top: slugPx, width: mmToPx(trimMm.width), height: mmToPx(trimMm.height) };
  const left = layout.page.margins?.left;
  const top = layout.page.margins?.top;
  const typeArea: Rect = {
    left: Math.round(left && left !== 'auto' ? mmToPx(toMm(left)) : (trim.width - typeWidth) / 2),
    top: Math.round(top && top !== 'auto' ? mmToPx(toMm(top)) : (trim.height - typeHeight) / 2) + 1 / 64,
    width: typeWidth,
    height: typeHeight,
  };
  const base = { em, grid, columnWidth, gutter };
  const first = pageFrames(layout, base, layout.headline?.lines ? layout.headline : undefined, layout.photos);
  const cont = layout.continuation;
  const continuation = pageFrames(layout, base, cont.headline?.lines ? cont.headline : undefined, cont.photos);
  return {
    slugMm,
    bleedMm,
    trimMm,
    sheet: { width: trim.width + 2 * slugPx, height: trim.height + 2 * slugPx },
    trim,
    typeArea,
    ...base,
    first,
    continuation,
  };
}

/**
 * The column grid frames are cut from: the page's base columns, or a boxed module's narrower ones.
 * Column `c` starts at x0 + (c − firstColumn) × (columnWidth + gutter), px from the type area's left.
 */
export interface Base {
  grid: number;
  columnWidth: number;
  gutter: number;
  firstColumn?: number;
  x0?: number;
}

/** A rectangle of the grid in px: columns [first, last] of `b`, from grid line `firstLine` (0-based), `lines` high. */
export function slotBox(b: Base, columns: [number, number], firstLine: number, lines: number): SlotBox {
  const at = (c: number) => (b.x0 ?? 0) + (c - (b.firstColumn ?? 1)) * (b.columnWidth + b.gutter);
  const left = at(columns[0]);
  const right = at(columns[1]) + b.columnWidth;
  return { columns, firstLine, lines, left, width: right - left, top: firstLine * b.grid, height: lines * b.grid };
}

/** Free grid-line intervals [from, to) within [start, end) after removing the occupied ones. */
function freeIntervals(start: number, end: number, occupied: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...occupied].sort((a, b) => a[0] - b[0]);
  const free: Array<[number, number]> = [];
  let at = start;
  for (const [a, b] of sorted) {
    if (a > at) free.push([at, Math.min(a, end)]);
    at = Math.max(at, b);
  }
  if (at < end) free.push([at, end]);
  return free.filter(([a, b]) => b > a);
}

/** A region of the grid: base columns [first, last] and grid lines [from, to), 0-based. */
export interface Region {
  columns: [number, number];
  from: number;
  to: number;
}

/**
 * The text frames of a region once its blocks (headline, photo slots) are taken out, in reading
 * order (column by column, top to bottom within a column), and the column rules between its
 * columns, broken where a block spans the gutter.
 */
export function regionFrames(b: Base, region: Region, blocks: SlotBox[], columnRules: boolean): { frames: FrameBox[]; rules: Rect[] } {
  const frames: FrameBox[] = [];
  const [first, last] = region.columns;
  for (let c = first; c <= last; c++) {
    const occupied = blocks
      .filter((s) => s.columns[0] <= c && c <= s.columns[1])
      .map((s) => [s.firstLine, s.firstLine + s.lines] as [number, number]);
    for (const [from, to] of freeIntervals(region.from, region.to, occupied)) {
      const box = slotBox(b, [c, c], from, to - from);
      frames.push({ ...box, column: c });
    }
  }
  const rules: Rect[] = [];
  if (columnRules) {
    for (let c = first; c < last; c++) {
      // A rule runs down the gutter except where a block spans across that gutter.
      const crossing = blocks
        .filter((s) => s.columns[0] <= c && c + 1 <= s.columns[1])
        .map((s) => [s.firstLine, s.firstLine + s.lines] as [number, number]);
      const x = slotBox(b, [c, c], 0, 0).left + b.columnWidth + b.gutter / 2;
      for (const [from, to] of freeIntervals(region.from, region.to, crossing)) {
        rules.push({ left: x, top: from * b.grid, width: 0, height: (to - from) * b.grid });
      }
    }
  }
  return { frames, rules };
}

function pageFrames(
  layout: Layout,
  b: Base,
  headline: { columns: [number, number]; lines: number } | undefined,
  photos: PhotoSlot[],
): PageFrames {
  const blocks = [
    ...(headline ? [slotBox(b, headline.columns, 0, headline.lines)] : []),
    ...photos.map((p) => slotBox(b, p.columns, p.top, p.lines)),
  ];
  const region: Region = { columns: [1, layout.grid.columns], from: 0, to: layout.grid.lines };
  const { frames, rules } = regionFrames(b, region, blocks, layout.grid.columnRules);
  return { headline: headline ? blocks[0] : undefined, photos: blocks.slice(headline ? 1 : 0), frames, rules };
}
