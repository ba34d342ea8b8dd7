// What the in-page layout engine (flow-engine.js) returns: the laid-out page, measured.

export interface LineAt {
  page: number;
  column: number;
  /** manuscript line of the block */
  line: number | null;
  text: string;
}

export interface CopyFit {
  status: 'fits' | 'overset' | 'underset';
  /** lines and characters that did not fit (never printed, always reported) */
  oversetLines: number;
  oversetChars: number;
  firstWords: string;
  /** manuscript line of the first block that did not fit */
  firstLine: number | null;
  /** empty lines after the end of the text */
  undersetLines: number;
  /** empty lines left at column feet above a 小标题 that moved on */
  gapLines: number;
}

/** One printed line of text: where it sits on the sheet, its 第N栏第M行, and where it comes from. */
export interface PrintedLine {
  /** sheet, 1-based */
  page: number;
  /** base column of the frame, 1-based */
  column: number;
  /** 1-based line within its column on this page: the grid lines of that column's frames counted top to bottom
   * (lines under the headline block or a photo slot are not counted); the 第N栏第M行 reviewers use */
  columnLine: number;
  /** 0-based grid line from the top of the type area */
  gridLine: number;
  /** the line's ink box (union of its characters' boxes) on the sheet, CSS px from the sheet's top left */
  left: number;
  top: number;
  width: number;
  height: number;
  /** its visible characters, no white space */
  text: string;
  /** manuscript line of the block (data-line) */
  block: number | null;
  /** UTF-16 offsets of the line's text within the block's whole text (its textContent before it was split;
   * a continuation continues the count) */
  from: number;
  to: number;
}

/** A text frame: one rectangle of one base column, filled in reading order. */
export interface FrameReport {
  page: number;
  column: number;
  /** first grid line of the frame, 0-based from the top of the type area */
  firstLine: number;
  lines: number;
  usedLines: number;
  blocks: number;
  /** the 第M行 number of the frame's first grid line (see PrintedLine.columnLine) */
  columnLine: number;
  /** the frame's box on the sheet, CSS px from the sheet's top left */
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface LayoutResult {
  pages: number;
  frames: FrameReport[];
  fit: CopyFit;
  quality: {
    lines: number;
    badStarts: LineAt[];
    badEnds: LineAt[];
    orphans: LineAt[];
    loose: Array<LineAt & { loose: number }>;
    orphansFixed: number;
    maxLoose: number;
  };
  heads: Array<{ page: number; column: number; line: number | null; text: string; atFoot: boolean; lastLine: number }>;
  continued: Array<{ page: number; column: number; line: number | null; indent: number; text: string }>;
  offGrid: Array<{ page: number; column: number; line: number | null; offset: number }>;
  problems: Array<{ rule: string; line: number | null; text: string }>;
  /** Where each manuscript block landed (CSS px on the sheet), for proof marks */
  boxes: Array<{ line: number; page: number; left: number; top: number; width: number; height: number }>;
  /** Every printed line of text in the frames, in reading order (page, column, top to bottom) */
  lines: PrintedLine[];
  /** time inside the page: filling frames, copy fit, 孤字 fixes, line measurements */
  ms: { frames: number; copyFit: number; orphans: number; lineChecks: number };
}
