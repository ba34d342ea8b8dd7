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

type Base = { grid: number; columnWidth: number; gutter: number };

function slotBox(b: Base, columns: [number, number], firstLine: number, lines: number): SlotBox {
  const left = (columns[0] - 1) * (b.columnWidth + b.gutter);
  const right = columns[1] * b.columnWidth + (columns[1] - 1) * b.gutter;
  return { columns, firstLine, lines, left, width: right - left, top: firstLine * b.grid, height: lines * b.grid };
}

/** Free grid-line intervals [from, to) of `total` after removing the occupied ones. */
function freeIntervals(total: number, occupied: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...occupied].sort((a, b) => a[0] - b[0]);
  const free: Array<[number, number]> = [];
  let at = 0;
  for (const [a, b] of sorted) {
    if (a > at) free.push([at, a]);
    at = Math.max(at, b);
  }
  if (at < total) free.push([at, total]);
  return free;
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
  const frames: FrameBox[] = [];
  // Reading order: column by column, top to bottom within a column.
  for (let c = 1; c <= layout.grid.columns; c++) {
    const occupied = blocks
      .filter((s) => s.columns[0] <= c && c <= s.columns[1])
      .map((s) => [s.firstLine, s.firstLine + s.lines] as [number, number]);
    for (const [from, to] of freeIntervals(layout.grid.lines, occupied)) {
      const box = slotBox(b, [c, c], from, to - from);
      frames.push({ ...box, column: c });
    }
  }
  const rules: Rect[] = [];
  if (layout.grid.columnRules) {
    for (let c = 1; c < layout.grid.columns; c++) {
      // A rule runs down the gutter except where a block spans across that gutter.
      const crossing = blocks
        .filter((s) => s.columns[0] <= c && c + 1 <= s.columns[1])
        .map((s) => [s.firstLine, s.firstLine + s.lines] as [number, number]);
      const x = c * b.columnWidth + (c - 1) * b.gutter + b.gutter / 2;
      for (const [from, to] of freeIntervals(layout.grid.lines, crossing)) {
        rules.push({ left: x, top: from * b.grid, width: 0, height: (to - from) * b.grid });
      }
    }
  }
  return { headline: headline ? blocks[0] : undefined, photos: blocks.slice(headline ? 1 : 0), frames, rules };
}
