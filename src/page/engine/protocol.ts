// The protocol between Node and the in-page layout engine: what render.ts sends (LayoutInput) and
// what the engine sends back (LayoutResult), as plain JSON through the DevTools protocol. Both
// sides import these types, so tsc checks both ends.
//
// The page the engine runs in (page-html.ts) holds sheets (`.sheet`, `data-page`), optionally one
// hidden `.sheet-template` for continuation pages, and for each flow a hidden source column with
// the flow's blocks and the empty text frames (`data-column`, `data-first-line`, `data-lines`).

/** One story threaded through its own frames: a source of blocks and the frames it fills, in order. */
export interface FlowInput {
  /** names the flow in the result (a story of an edition; `article` for a single manuscript) */
  id: string;
  /** CSS selector of the flow's hidden source column */
  source: string;
  /** CSS selector of the flow's frames within a sheet; frames are filled sheet by sheet, in document order */
  frames: string;
  /**
   * Fit the flow automatically when it is overset or underset by at most `maxLines` lines: set
   * selected paragraphs tighter or looser by at most `tracking` of the em (0.02 for 2 %).
   */
  fit?: { tracking: number; maxLines: number };
}

export interface LayoutInput {
  /** the line grid, CSS px (rounded to 1/64 px: docs/layout-engine.md, “Line boxes are quantised to 1/64 px”) */
  grid: number;
  /** a 小标题 is followed by at least this many lines in its frame, or moves on with its text */
  keepWithHead: number;
  /** each piece of a table cut between frames holds at least this many rows of its body (or the table goes on whole) */
  minTableRows: number;
  /** a paragraph's last line holds at least this many letters (孤字) */
  minLastLine: number;
  /** em of extra space allowed between two characters of a justified line */
  maxLoose: number;
  /** characters that must not start a line (避头) */
  noStart: string;
  /** characters that must not end a line (避尾) */
  noEnd: string;
  flows: FlowInput[];
  /**
   * Send back the line map (LayoutResult.lines). It is made only when asked: on a 22-page document
   * sending it costs about as much as reading the lines did.
   */
  lineMap: boolean;
  /** add continuation sheets from `.sheet-template` while a flow has text and its frames are full */
  autoPages: boolean;
  maxPages: number;
}

/** Where a block sits, for a finding. */
export interface BlockAt {
  page: number;
  column: number;
  /** manuscript line of the block */
  line: number | null;
  /** on an edition page: the story (flow) and, in a brief column, which of its manuscripts */
  flow?: string;
  part?: number;
}

/** A line of the page, located for a finding. */
export interface LineAt extends BlockAt {
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
  /** in an edition's brief column: which of its manuscripts that block is from */
  firstPart?: number;
  /** empty lines after the end of the text */
  undersetLines: number;
  /** empty lines left at column feet above a 小标题 that moved on */
  gapLines: number;
}

/** A paragraph that automatic fitting set tighter or looser. */
export interface FittedParagraph {
  /** manuscript line of the paragraph */
  line: number | null;
  /** in a brief column: which of its manuscripts */
  part?: number;
  /** the letter spacing it was given, in em (−0.015 is 1.5 % of the em tighter) */
  tracking: number;
  /** its lines as set before and after */
  linesBefore: number;
  linesAfter: number;
  /** the widest extra space between two characters of its justified lines as printed, in em */
  spacing?: number;
  /** its first characters */
  text: string;
}

/** What automatic fitting of a flow did (FlowInput.fit). */
export interface AutoFit {
  direction: 'tighter' | 'looser';
  /** lines overset and empty before fitting, and after */
  before: { overset: number; underset: number };
  after: { overset: number; underset: number };
  /** true when the flow fits now; false when it could not be fitted within the limits (then nothing is changed, or looser as far as it goes) */
  fitted: boolean;
  /** the largest tracking allowed, in em */
  limit: number;
  /** the widest extra space between two characters a fitted paragraph may print with (the layout's lines.maxLoose), in em */
  maxLoose: number;
  paragraphs: FittedParagraph[];
  /**
   * When the flow could not be fitted: paragraphs whose line count the tracking changes, left as
   * they were because they would print a line looser than `maxLoose` (`loose`, `spacing` its
   * widest space) or end in a 孤字 (`orphan`).
   */
  refused?: Array<{ line: number | null; part?: number; text: string; tracking: number; why: 'loose' | 'orphan'; spacing: number }>;
}

/** One printed line of text: where it sits on the sheet, its 第N栏第M行, and where it comes from. */
export interface PrintedLine {
  /** the flow (story) the line belongs to */
  flow: string;
  /** sheet, 1-based */
  page: number;
  /** base column of the frame, 1-based */
  column: number;
  /** 1-based line within its column on this page: the grid lines of that column's frames counted top to bottom
   * (lines under the headline block or a photo slot are not counted); the 第N栏第M行 reviewers use */
  columnLine: number;
  /** 0-based grid line from the top of the type area */
  gridLine: number;
  /** the line's ink box (union of its visible characters' boxes) on the sheet, CSS px from the sheet's top left */
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
  /** in an edition's brief column: which of its manuscripts the block is from */
  part?: number;
}

/** A text frame: one rectangle of one base column, filled in reading order. */
export interface FrameReport {
  flow: string;
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

export interface LineQuality {
  /** lines measured (every line of every block in the frames, figures excepted) */
  lines: number;
  badStarts: LineAt[];
  badEnds: LineAt[];
  orphans: LineAt[];
  /**
   * lines spread too loose; and, with `short` (the em left empty at its end), a line of a
   * paragraph's middle that justification could not fill (a word too long for the rest of it went on)
   */
  loose: Array<LineAt & { loose: number; short?: number }>;
  orphansFixed: number;
  maxLoose: number;
}

export interface LayoutResult {
  pages: number;
  /** every flow's frames, flow by flow, each flow's in reading order */
  frames: FrameReport[];
  /** the page's copy fit: every flow's together (one flow: that flow's) */
  fit: CopyFit;
  /** each flow's own copy fit, and what automatic fitting did to it */
  flows: Array<{ id: string; fit: CopyFit; autoFit?: AutoFit }>;
  quality: LineQuality;
  heads: Array<BlockAt & { text: string; atFoot: boolean; lastLine: number }>;
  continued: Array<BlockAt & { indent: number; text: string }>;
  offGrid: Array<BlockAt & { offset: number }>;
  problems: Array<BlockAt & { rule: string; text: string }>;
  /** Where each manuscript block landed (CSS px in the page's viewport), for proof marks */
  boxes: Array<{ line: number; page: number; left: number; top: number; width: number; height: number }>;
  /** Every printed line of text in the frames, in reading order (page, column, top to bottom); empty unless asked for
   * (LayoutInput.lineMap) */
  lines: PrintedLine[];
  /** time inside the page: filling frames, copy fit, 孤字 fixes, line measurements */
  ms: { frames: number; copyFit: number; orphans: number; lineChecks: number };
}
