// What a copy-desk rule is: a stable id, a default severity, a one-line summary, the reason it
// exists, options with defaults, and ok / not-ok examples. The examples are the documentation
// (RULES.md is generated from them) and the tests (tests/check/rules.test.ts runs every one).
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Node, Point, Position } from 'unist';
import { severityOf, type Severity } from '../core/findings.js';
import type { Matter } from '../core/matter.js';
import type { TextBlock } from '../core/text-blocks.js';
import type { OptionBound } from '../config/desk.js';
import type { Metadata } from 'sharp';
import type { Layout, PrintPlaces } from '../config/layout.js';

export interface Example {
  /** Markdown, run as a manuscript in tests/check/fixtures/media/ (so `images/…` resolve there). */
  markdown: string;
  /**
   * not-ok only: every finding the rule must make, in order, as its start and end
   * ("line:column-line:column", end exclusive) and a part of its message:
   * `'3:11-3:12 Heading ends with "。"'`.
   */
  expect?: string[];
  /** Rule options for this example (merged over the defaults). */
  options?: Record<string, unknown>;
  /** not-ok only, in a fixable rule: findings whose fix is not certain, which `--fix` leaves to the editor (it offers no edit). */
  unfixed?: boolean;
}

/** One replacement in the manuscript source, by UTF-16 offset: `from` must still be there. */
export interface Edit {
  offset: number;
  from: string;
  to: string;
}

/** What a finding may carry besides its message and place. */
export interface FindingExtras {
  /** A longer hint, printed by the JSON form and by vfile-reporter's verbose mode. */
  note?: string;
  /** Edits that fix this finding (the rule is then fixable). */
  fix?: Edit[];
}

export interface RuleContext<O> {
  tree: Root;
  file: VFile;
  /** The manuscript text, exactly as decoded (offsets index into it). */
  source: string;
  matter: Matter;
  /** Folder the manuscript may read from. */
  root: string;
  options: O;
  /** The page layout the build uses when it names one (build:pdf --layout); else see check/layout.ts. */
  layout?: Layout;
  /** Where the build prints the figures when it places them itself (an edition's plan slots); else the layout's. */
  photoPlaces?: PrintPlaces;
  /** Whether the build converts an image of this kind itself (build:epub); undefined: it takes JPEG and PNG only. */
  convertsImage?: (meta: Metadata) => boolean;
  /** The e-book's terms when the build is one (build:epub): photos are judged on a reader's screen, not on a page. */
  ebook?: EbookTerms;
  /** Text blocks (paragraphs, headings, captions, printed front matter) with source offsets. */
  blocks(): TextBlock[];
  /** The text block of a paragraph, heading, figure or table cell node. */
  blockOf(node: Node): TextBlock | undefined;
  /** Line and column of a source offset. */
  point(offset: number): Point;
  /** The source between two offsets (end exclusive). */
  range(start: number, end: number): Position;
  /**
   * Where characters [index, index + length) of a block stand in the source; the whole block when
   * either end has no single source offset (an entity, an escape).
   */
  rangeIn(block: TextBlock, index: number, length: number): Position | undefined;
  /** Flag a finding (add it to the file) at the rule's configured severity: every finding spans a range. */
  flag(reason: string, place: Position | undefined, extra?: FindingExtras): VFileMessage;
  /** Memo shared by the rules of one run (e.g. image metadata read once). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
}

/** What an e-book asks of a manuscript, from templates/epub/book.yaml (build:epub gives it to the checks). */
export interface EbookTerms {
  /** Least pixels on a photo's long side for a reader's screen (book.yaml images.min-side). */
  minPhotoSide: number;
}

export interface Rule<O extends object = Record<string, never>> {
  id: string;
  severity: Severity;
  fixable?: boolean;
  /** One line: what the rule reports. */
  summary: string;
  /** Why a newspaper cares, and how to fix or accept it. */
  why: string;
  options: O;
  /** Option name → what it means (documented in RULES.md). */
  optionDocs?: Partial<Record<keyof O, string>>;
  /** The range of each numeric option (a config outside it is refused) and which way is stricter. */
  optionBounds?: Partial<Record<keyof O, OptionBound>>;
  examples: { ok: Example[]; notOk: Example[] };
  check(ctx: RuleContext<O>): void | Promise<void>;
}

/** Identity helper that keeps each rule's option type. */
export function defineRule<O extends object>(rule: Rule<O>): Rule<O> {
  return rule;
}

export const FATAL: Record<Severity, boolean | undefined> = { error: true, warning: false, info: undefined };

export { severityOf };
