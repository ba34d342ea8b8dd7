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

export interface LayoutResult {
  pages: number;
  frames: Array<{ page: number; column: number; firstLine: number; lines: number; usedLines: number; blocks: number }>;
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
  /** time inside the page: filling frames, copy fit, 孤字 fixes, line measurements */
  ms: { frames: number; copyFit: number; orphans: number; lineChecks: number };
}
