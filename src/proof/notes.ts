// proof:notes — the marks a reviewer added to a proof PDF, as findings located in the manuscript.
// The proof carries its own map (data.ts): the manuscript text it was made from, every printed
// character's place and source offset. pdf.js reads the annotations (highlight, underline,
// strike-out, squiggly, caret, sticky note, free text, ink, shapes); each is placed on the printed
// lines under it and so at a manuscript line and column. When the manuscript has changed since
// the proof, positions are carried over to its current text (a character diff), and the finding
// says so.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { diffChars } from 'diff';
import { VFile } from 'vfile';
import { ConfinementError, readConfined, refusalDetail } from '../core/confine.js';
import { HARD_LIMITS } from '../config/limits.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { InputError } from '../core/input-error.js';
import { PROJECT_ROOT } from '../core/paths.js';
import { AUTHOR } from './annotations.js';
import { EMPTY_SLOT } from './findings.js';
import { type DataPage, loadUnits, NoProofDataError, readData, type ProofData } from './data.js';
import { sha256 } from './inputs.js';
import { type AnnotationExtras, readReturnedAnnotations, reviewerText } from './returned-annotations.js';
import { SourcePoints } from '../core/source-points.js';
import { TextMap, type Piece } from './text-map.js';

/** Review states a reply sets (/StateModel /Review), as the reviewer's reader names them. */
const REVIEW_STATES: Record<string, string> = {
  Accepted: '已接受',
  Rejected: '已拒绝',
  Cancelled: '已取消',
  Completed: '已完成',
  None: '无状态',
};

/**
 * A sticky note, a caret or a shape with no text under it is at the nearest line within this many
 * line heights above or below it; farther (a page's corner, the empty part of a page) it is at none.
 */
const NOTE_REACH_LINES = 3;

/** A mark on the findings sheet is about the row it is on, or beside within this many px (the sheet's margin). */
const SHEET_REACH_PX = 80;

/** Text markup over a finding's marker covers this share of it at least (the marker overlaps the top of the line it marks). */
const MARKER_SHARE = 1 / 3;

/** Acrobat's Replace Text: a caret (the new text) grouped with a strike-out (the text replaced). */
export const REPLACE = { kind: 'replace', label: '替换 replace' };

/** What kind of mark, by PDF annotation subtype; the rule id is proof-<kind>. */
export const MARK_KINDS: Record<string, { kind: string; label: string }> = {
  Highlight: { kind: 'highlight', label: '高亮 highlight' },
  Underline: { kind: 'underline', label: '下划线 underline' },
  Squiggly: { kind: 'squiggly', label: '波浪线 squiggly' },
  StrikeOut: { kind: 'strikeout', label: '删除线 strike-out' },
  Caret: { kind: 'caret', label: '插入 caret' },
  Text: { kind: 'note', label: '批注 note' },
  FreeText: { kind: 'freetext', label: '文字框 free text' },
  Ink: { kind: 'ink', label: '手写 ink' },
  Square: { kind: 'shape', label: '方框 box' },
  Circle: { kind: 'shape', label: '圆圈 circle' },
  Line: { kind: 'shape', label: '线 line' },
  Polygon: { kind: 'shape', label: '多边形 polygon' },
  PolyLine: { kind: 'shape', label: '折线 polyline' },
  Stamp: { kind: 'stamp', label: '图章 stamp' },
};

export interface Mark {
  kind: string;
  subtype: string;
  /** the reviewer's comment (with replies) */
  comment: string;
  author: string;
  date: string | null;
  /** the printed text under the mark ('' for a point such as a caret or a note beside a line) */
  text: string;
  /** 第N栏第M行, 报眉, 标题区 … ; '' when the mark is on no printed text */
  label: string;
  page: number;
  /** base column and line on the page (第N栏第M行) */
  pageColumn: number | null;
  columnLine: number | null;
  /** where it is in the proof's own manuscript text */
  proofLine: number | null;
  proofColumn: number | null;
  /** where it is in the manuscript now (the same when unchanged) */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** a reply to one of the proof's findings */
  finding?: number;
  /** a reply to one of the proof's marks of a change since the last round */
  change?: number;
  /** on the findings sheet, beside the row of that finding or change (not a reply to it) */
  sheet?: boolean;
  /** over the numbered marker of that finding or change on the page */
  marker?: boolean;
  /**
   * about the old place of a moved block (its 移N原处, or a reply to its caret there): located at that
   * place, and the block's line now, so that the comment can be found by its paragraph
   */
  movedFrom?: { line: number | null };
  /** drawn on a photo: at its figure's manuscript line */
  photo?: boolean;
  /** the review state the thread was last set to (/StateModel Review): Accepted, Rejected, Cancelled, Completed, None */
  state?: string;
  /**
   * why the mark is at no place in the text: it is in the margin or an empty part of the page,
   * on the findings sheet, or written with no /Rect
   */
  unplaced?: 'margin' | 'no-text' | 'sheet' | 'no-rect';
  /** the passage is gone from the current manuscript */
  gone?: boolean;
}

export interface Notes {
  proof: string;
  data: ProofData;
  manuscript: string;
  /** the same text as the proof's; changed since (positions carried over); changed past carrying over; not there */
  manuscriptState: 'same' | 'changed' | 'rewritten' | 'missing';
  marks: Mark[];
  file: VFile;
}

interface PdfjsAnnotation {
  id: string;
  subtype: string;
  rect: number[];
  quadPoints?: ArrayLike<number> | null;
  inkLists?: Array<ArrayLike<number>>;
  contentsObj?: { str: string };
  titleObj?: { str: string };
  modificationDate?: string | null;
  creationDate?: string | null;
  inReplyTo?: string;
  popupRef?: string | null;
  lineCoordinates?: number[];
  vertices?: number[];
  /** /RT: 'R' a reply, 'Group' one mark with its /IRT */
  replyType?: string;
  /** /State and /StateModel: text strings, or names as some writers give them */
  state?: unknown;
  stateModel?: unknown;
}

/**
 * What one of the proof's own annotations stands for, by its name (/NM baoban-finding-3,
 * baoban-change-2, baoban-change-2-deleted); a tool that dropped the name leaves the finding's
 * number at the start of its comment (#3 …).
 */
function ownTarget(
  name: string | undefined,
  contents: string | undefined,
): { kind: 'finding' | 'change'; n: number; from?: true } | undefined {
  const m = /^baoban-(finding|change)-(\d+)(-from)?/.exec(name ?? '');
  if (m) return { kind: m[1] as 'finding' | 'change', n: Number(m[2]), ...(m[3] ? { from: true as const } : {}) };
  const c = OWN_COMMENT.exec(contents ?? '');
  return c ? (c[1] ? { kind: 'finding', n: Number(c[1]) } : { kind: 'change', n: Number(c[2]) }) : undefined;
}

/** How the proof's own annotations begin their comment (annotations.ts): "#3 warning …", "Inserted since the last round (change 2)". */
const OWN_COMMENT = /^(?:#(\d+) |\w+ since the last round \(change (\d+)\))/;

/**
 * The proof data of a returned copy whose reader dropped it (a tool that keeps no attached files):
 * taken from the proof as it was sent, once the copy's printed pages are that proof's (their text,
 * slug with build time and input hash included, is the same).
 */
async function sentData(returned: Uint8Array, returnedName: string, sentFile: string): Promise<ProofData> {
  let sent: Uint8Array;
  try {
    sent = new Uint8Array(await readNamedFile(path.resolve(sentFile), MAX_PROOF_BYTES));
  } catch (error) {
    const detail = error instanceof ConfinementError && error.reason === 'missing' ? 'no such file' : refusalDetail(error);
    throw new InputError(`--proof ${sentFile}: ${detail}; name the proof PDF as build:proof wrote it (dist/<name>/proof-r<N>.pdf)`);
  }
  const data = await readData(sent, sentFile);
  const pages = data.lines.reduce((last, l) => Math.max(last, l.page), 1);
  const [a, b] = await Promise.all([pageTexts(returned, pages), pageTexts(sent, pages)]);
  for (let p = 0; p < pages; p++) {
    if (a[p] !== b[p])
      throw new InputError(
        `${returnedName}: its page ${p + 1} is not page ${p + 1} of ${sentFile} (the printed text differs): name the proof of the round the reviewer was sent (its proof-r<N>.pdf)`,
      );
  }
  return data;
}

/** The printed text of the first pages of a PDF (white space left out), as pdf.js reads it. */
async function pageTexts(bytes: Uint8Array, pages: number): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, stopAtErrors: false, verbosity: 0 })
    .promise;
  try {
    const out: string[] = [];
    for (let p = 1; p <= Math.min(pages, pdf.numPages); p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      out.push(
        content.items
          .map((i) => ('str' in i ? i.str : ''))
          .join('')
          .replace(/\s+/g, ''),
      );
    }
    return out;
  } finally {
    await pdf.destroy();
  }
}

/** A /State or /StateModel as text, whether written as a string or as a name. */
function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const name = v && typeof v === 'object' ? (v as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : undefined;
}

type Box = { left: number; top: number; right: number; bottom: number };

/**
 * Most characters inserted and deleted between the proof's text and the current one for positions
 * to be carried over. The diff's work grows with the text times the edits: past this (a manuscript
 * rewritten, or another file named with --manuscript) it would run for minutes or hours.
 */
export const MAX_CARRIED_EDITS = 3_000;

/**
 * Offsets of the proof's manuscript text carried over to the current text (-1 where the character
 * is gone), or undefined when the texts differ by more than MAX_CARRIED_EDITS characters.
 */
function carryOver(before: string, after: string): ((offset: number) => number) | undefined {
  // At least the difference in length is edited: no diff needed to tell that it is too much.
  if (Math.abs(before.length - after.length) > MAX_CARRIED_EDITS) return undefined;
  const parts = diffChars(before, after, { maxEditLength: MAX_CARRIED_EDITS });
  if (!parts) return undefined;
  const map = new Int32Array(before.length + 1).fill(-1);
  let a = 0;
  let b = 0;
  for (const part of parts) {
    const n = part.value.length;
    if (part.added) b += n;
    else if (part.removed) a += n;
    else {
      for (let i = 0; i < n; i++) map[a + i] = b + i;
      a += n;
      b += n;
    }
  }
  map[before.length] = after.length;
  return (offset) => map[Math.max(0, Math.min(offset, before.length))];
}

function pdfDate(d: string | null | undefined): string | null {
  const m = d && /D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?/.exec(d);
  if (!m) return null;
  return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}${m[4] ? ` ${m[4]}:${m[5] ?? '00'}` : ''}`;
}

export interface NotesOptions {
  /** where the manuscript is now (default: the path the proof names, from the project root) */
  manuscript?: string;
  /** the proof as build:proof wrote it, for a returned copy whose reader dropped the data inside */
  proof?: string;
}

/** Largest proof PDF read: a page with its photos at screen size is a few MB. */
const MAX_PROOF_BYTES = 256 * 1024 * 1024;
/** Largest manuscript compared with the proof's text (the largest any config may allow). */
const MAX_MANUSCRIPT_BYTES = HARD_LIMITS.maxInputBytes;

/**
 * A file the user named (the proof, the manuscript; or the manuscript the proof names): a regular
 * file of at most maxBytes, read without blocking (src/core/confine.ts), so a named pipe or a
 * device given by mistake, or named by a hostile PDF, is refused instead of waited on or read
 * forever. A link is followed (the user chose the path); the file it leads to is held to the rule.
 */
async function readNamedFile(file: string, maxBytes: number, followLink = true): Promise<Buffer> {
  // The manuscript the proof's data names was chosen by whoever wrote the PDF, not by the user: a
  // link there that leads out of its folder is refused, as every file a manuscript names is.
  if (!followLink) return readConfined(path.dirname(file), file, { maxBytes, shown: path.basename(file) });
  const real = await realpath(file).catch((error: NodeJS.ErrnoException) => {
    const missing = error.code === 'ENOENT' || error.code === 'ENOTDIR';
    throw new ConfinementError(missing ? 'missing' : 'unreadable', file, file, refusalDetail(error));
  });
  return readConfined(path.dirname(real), real, { maxBytes, shown: path.basename(file), hardLinks: true });
}

export async function readNotes(proofFile: string, options: NotesOptions = {}): Promise<Notes> {
  const bytes = await readProof(proofFile);
  const data = await readData(bytes, proofFile).catch((error: unknown) => {
    if (!(error instanceof NoProofDataError)) throw error;
    if (!options.proof)
      throw new InputError(`${error.message}; or name the proof as it was sent out with --proof dist/<name>/proof-r<N>.pdf`);
    return sentData(bytes, proofFile, options.proof);
  });
  const map = new TextMap(data.manuscript.text, loadUnits(data.units), data.lines);
  const { own, extras } = await readReturnedAnnotations(bytes);
  const now = await manuscriptNow(data, map, proofFile, options);
  const all = await pdfAnnotations(bytes);
  const reading: Reading = {
    data,
    map,
    own,
    extras,
    byId: new Map(all.map((x) => [x.a.id, x])),
    order: new Map(all.map((x, i) => [x.a, i])),
    // The pages the manuscript is printed on; the findings sheet follows them.
    lastLaidOut: data.lines.reduce((last, l) => Math.max(last, l.page), 0),
    heads: new Map(),
  };
  const thread = threads(reading, all);
  const marks = all
    .filter(({ a }) => !ignored(reading, a) && headOf(reading, a) === a)
    .map((x) => markOf(reading, thread, now, x))
    .sort((x, y) => (x.line ?? Infinity) - (y.line ?? Infinity) || (x.column ?? 0) - (y.column ?? 0));
  const vfile = notesFile(now.manuscript, now.current, data, now.state, marks, proofFile);
  return { proof: path.resolve(proofFile), data, manuscript: now.manuscript, manuscriptState: now.state, marks, file: vfile };
}

/** The returned proof's bytes (a regular file of bounded size). */
async function readProof(proofFile: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readNamedFile(path.resolve(proofFile), MAX_PROOF_BYTES));
  } catch (error) {
    const detail = error instanceof ConfinementError && error.reason === 'missing' ? 'no such file' : refusalDetail(error);
    throw new InputError(`${proofFile}: ${detail}; name the proof PDF as the reviewer returned it`);
  }
}

/** The manuscript as it is now, and how the proof's offsets are carried over to it. */
interface ManuscriptNow {
  manuscript: string;
  current: string | undefined;
  state: Notes['manuscriptState'];
  /** a proof's offset → the current text's (-1: gone) */
  carry: (offset: number) => number;
  /** line:column in the text positions are given in */
  points: SourcePoints;
}

/** The manuscript as it is now: unchanged, changed since the proof, or not there. */
async function manuscriptNow(data: ProofData, map: TextMap, proofFile: string, options: NotesOptions): Promise<ManuscriptNow> {
  const manuscript = path.resolve(
    options.manuscript ?? (path.isAbsolute(data.manuscript.path) ? data.manuscript.path : path.join(PROJECT_ROOT, data.manuscript.path)),
  );
  let current: string | undefined;
  try {
    current = (await readNamedFile(manuscript, MAX_MANUSCRIPT_BYTES, options.manuscript !== undefined)).toString('utf8');
  } catch (error) {
    if (!(error instanceof ConfinementError && error.reason === 'missing')) {
      const given = options.manuscript ? `--manuscript ${options.manuscript}` : `${proofFile}: the manuscript it names, ${manuscript},`;
      throw new InputError(`${given} cannot be read: ${refusalDetail(error)}; name the manuscript file with --manuscript FILE`);
    }
  }
  const same = current !== undefined && sha256(current) === data.manuscript.sha256;
  const carried = current !== undefined && !same ? carryOver(data.manuscript.text, current) : undefined;
  const state: Notes['manuscriptState'] = current === undefined ? 'missing' : same ? 'same' : carried ? 'changed' : 'rewritten';
  return {
    manuscript,
    current,
    state,
    carry: carried ?? ((o: number) => o),
    points: state === 'changed' ? new SourcePoints(current!) : map.points,
  };
}

/** An annotation as pdf.js reads it, with its page. */
interface Annotated {
  a: PdfjsAnnotation;
  page: number;
}

/** Every annotation of every page, as pdf.js reads them. */
async function pdfAnnotations(bytes: Uint8Array): Promise<Annotated[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // verbosity 0: pdf.js's warnings about what it cannot draw in Node are not the user's concern here.
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, stopAtErrors: false, verbosity: 0 })
    .promise;
  try {
    const all: Annotated[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      // Every annotation the page holds (intent 'any'): for display, pdf.js leaves out a text markup
      // whose /QuadPoints it cannot read and one flagged Invisible or NoView, and with it the reviewer's
      // comment, unsaid. Such a mark is placed by its /Rect (or said to have no place).
      for (const a of (await (await pdf.getPage(p)).getAnnotations({ intent: 'any' })) as PdfjsAnnotation[]) all.push({ a, page: p });
    }
    return all;
  } finally {
    await pdf.destroy();
  }
}

/** What is known of a returned proof while its marks are read. */
interface Reading {
  data: ProofData;
  map: TextMap;
  /** the proof's own annotations: pdf.js id → /NM */
  own: Map<string, string>;
  extras: Map<string, AnnotationExtras>;
  byId: Map<string, Annotated>;
  /** each annotation's place in the file's order */
  order: Map<PdfjsAnnotation, number>;
  /** the last page of the laid-out text; the findings sheet follows */
  lastLaidOut: number;
  /** each annotation's thread head, once found (headOf) */
  heads: Map<PdfjsAnnotation, PdfjsAnnotation>;
}

/** One of the proof's own annotations, by name; in a copy whose reader dropped the names, by author and comment. */
const isOwn = (r: Reading, a: PdfjsAnnotation) =>
  r.own.has(a.id) || (a.titleObj?.str === AUTHOR && OWN_COMMENT.test(a.contentsObj?.str ?? ''));

/** Not a reviewer's mark: the proof's own, a pop-up window, a link or a form field. */
const ignored = (r: Reading, a: PdfjsAnnotation) => isOwn(r, a) || a.subtype === 'Popup' || a.subtype === 'Link' || a.subtype === 'Widget';

/** A comment as the reviewer wrote it: /Contents, or the rich text (/RC) when only that was written. */
const commentOf = (r: Reading, a: PdfjsAnnotation) => reviewerText(a.contentsObj?.str) || reviewerText(r.extras.get(a.id)?.richText);

/** The reviewer's annotation a reply answers (none for a reply to one of the proof's own). */
function parentOf(r: Reading, a: PdfjsAnnotation): PdfjsAnnotation | undefined {
  const parent = a.inReplyTo ? r.byId.get(a.inReplyTo)?.a : undefined;
  return parent && !isOwn(r, parent) ? parent : undefined;
}

/** The annotation a thread of replies starts from (found once for every annotation on the way). */
function headOf(r: Reading, a: PdfjsAnnotation): PdfjsAnnotation {
  const known = r.heads.get(a);
  if (known) return known;
  const chain = [a];
  const onChain = new Map([[a, 0]]);
  let head: PdfjsAnnotation | undefined;
  for (let up = parentOf(r, a); up; up = parentOf(r, up)) {
    head = r.heads.get(up);
    if (head) break;
    const at = onChain.get(up);
    if (at !== undefined) {
      // Replies that answer each other in a loop (a damaged or hostile file): the loop's first annotation heads it.
      head = chain.slice(at).reduce((h, x) => ((r.order.get(x) ?? 0) < (r.order.get(h) ?? 0) ? x : h));
      break;
    }
    onChain.set(up, chain.length);
    chain.push(up);
  }
  head ??= chain[chain.length - 1];
  // A reply chain thousands deep is walked once, not once for each of its replies.
  for (const x of chain) r.heads.set(x, head);
  return head;
}

/** The replies, grouped marks and review states of each thread, by its head's id. */
interface Threads {
  replies: Map<string, string[]>;
  grouped: Map<string, Annotated[]>;
  states: Map<string, string>;
}

/**
 * Threads: a reply (/IRT), a reply to that reply and so on join the comment of the mark the
 * thread starts from (its head); a mark grouped with another (/RT /Group: Acrobat's Replace Text is
 * a caret grouped with a strike-out) is one mark with it. A thread started by a reply to one of the
 * proof's findings is a mark at that finding's place.
 */
function threads(r: Reading, all: Annotated[]): Threads {
  const out: Threads = { replies: new Map(), grouped: new Map(), states: new Map() };
  // Each list grows in place: a thread of 60,000 replies took 27 s when each reply copied the list.
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const x of all) {
    const { a } = x;
    if (ignored(r, a)) continue;
    const head = headOf(r, a);
    const said = nameOf(a.state);
    const state = reviewState(a);
    if (state) out.states.set(head.id, state);
    if (head === a) continue;
    if (a.replyType === 'Group') {
      add(out.grouped, head.id, x);
      continue;
    }
    // A reply that sets a state and says nothing (some readers write no text with it) says its state.
    const text = commentOf(r, a) || (state ? `${state} (${REVIEW_STATES[state]})` : reviewerText(said));
    const author = reviewerText(a.titleObj?.str);
    if (text) add(out.replies, head.id, `${author ? `${author}: ` : ''}${text}`);
  }
  return out;
}

/** The review state an annotation sets (/State in /StateModel Review), if it sets one. */
function reviewState(a: PdfjsAnnotation): string | undefined {
  const said = nameOf(a.state);
  return said && Object.hasOwn(REVIEW_STATES, said) && (nameOf(a.stateModel) ?? 'Review') === 'Review' ? said : undefined;
}

/** Turns a page's PDF user space into the map's trim px. */
function pageBoxes(dataPage: DataPage) {
  const toPx = (x: number, y: number) => ({
    x: (x - dataPage.trimLeft) / dataPage.ptPerPx,
    y: (dataPage.trimTop - y) / dataPage.ptPerPx,
  });
  // The box of any number of points, read one by one: an ink stroke may hold hundreds of thousands
  // (Math.min(...xs) overflowed the stack on a returned proof with 200,000).
  const boxOf = (pts: number[]): Box => {
    const box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    for (let i = 0; i + 1 < pts.length; i += 2) {
      const p = toPx(pts[i], pts[i + 1]);
      box.left = Math.min(box.left, p.x);
      box.right = Math.max(box.right, p.x);
      box.top = Math.min(box.top, p.y);
      box.bottom = Math.max(box.bottom, p.y);
    }
    return box;
  };
  return { toPx, boxOf };
}

/**
 * A point beside a line or on it; one far above or below every line (a note in the page's corner,
 * in the empty part of a page) is at no line, and is reported so.
 */
function pointAt(map: TextMap, page: number, x: number, y: number): Piece[] {
  const at = map.nearest(page, x, y);
  if (!at) return [];
  const { top, height } = at.line;
  const dy = y < top ? top - y : y > top + height ? y - top - height : 0;
  return dy <= height * NOTE_REACH_LINES ? [at] : [];
}

/**
 * The box of what an ink mark draws, from its strokes' points; undefined when they hold no point
 * (an empty /InkList: the mark is where its /Rect is, not at the page's corner).
 */
function inkShape(a: PdfjsAnnotation, boxOf: (pts: number[]) => Box): Box | undefined {
  const points: number[] = [];
  for (const stroke of a.inkLists ?? []) for (let i = 0; i + 1 < stroke.length; i += 2) points.push(stroke[i], stroke[i + 1]);
  return points.length ? boxOf(points) : undefined;
}

/** The printed lines under an annotation (its quad points, its box, its point). */
function placeOf(r: Reading, a: PdfjsAnnotation, page: number): Piece[] {
  const dataPage = r.data.pages.find((d) => d.page === page);
  const extra: AnnotationExtras = r.extras.get(a.id) ?? {};
  if (!dataPage || page > r.lastLaidOut || extra.noRect) return [];
  const { toPx, boxOf } = pageBoxes(dataPage);
  const [x1, y1, x2, y2] = a.rect;
  const rect = boxOf([x1, y1, x2, y2]);
  if (a.quadPoints && a.quadPoints.length >= 8) {
    // Text markup: each group of four points is one marked piece of a line; their order varies by writer, so take each group's box.
    const q = Array.from(a.quadPoints);
    const pieces: Piece[] = [];
    for (let i = 0; i + 7 < q.length; i += 8) pieces.push(...r.map.under(page, boxOf(q.slice(i, i + 8))));
    return pieces;
  }
  if (extra.calloutTip) {
    // A callout text box stands in the margin; its arrow points at the place it is about.
    const tip = toPx(...extra.calloutTip);
    return pointAt(r.map, page, tip.x, tip.y);
  }
  if (a.subtype === 'Caret') return pointAt(r.map, page, (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2);
  // A sticky note is an icon whose top-left corner is where the reviewer clicked: beside a line, or on it.
  if (a.subtype === 'Text') return pointAt(r.map, page, rect.left, rect.top + 2);
  const shape = inkShape(a, boxOf) ?? rect;
  const pieces = r.map.under(page, shape, true);
  return pieces.length ? pieces : pointAt(r.map, page, shape.left, (shape.top + shape.bottom) / 2);
}

/** The row of the findings sheet a mark there stands beside or on (rows in trim px, as the page's lines). */
function sheetRowAt(r: Reading, a: PdfjsAnnotation, page: number): { kind: 'finding' | 'change'; n: number } | undefined {
  const dataPage = r.data.pages.find((d) => d.page === page);
  if (!dataPage || r.extras.get(a.id)?.noRect) return undefined;
  const [x1, y1, x2, y2] = a.rect;
  const x = ((a.subtype === 'Text' ? x1 : (x1 + x2) / 2) - dataPage.trimLeft) / dataPage.ptPerPx;
  const y = (dataPage.trimTop - (a.subtype === 'Text' ? y2 : (y1 + y2) / 2)) / dataPage.ptPerPx;
  let best: NonNullable<ProofData['sheet']>[number] | undefined;
  let bestD = Infinity;
  for (const row of r.data.sheet ?? []) {
    if (row.page !== page) continue;
    const dy = y < row.top ? row.top - y : y > row.top + row.height ? y - row.top - row.height : 0;
    const dx = x < row.left ? row.left - x : x > row.left + row.width ? x - row.left - row.width : 0;
    if (dy > row.height || dx > SHEET_REACH_PX) continue;
    if (dy * 4 + dx < bestD) {
      bestD = dy * 4 + dx;
      best = row;
    }
  }
  return best ? { kind: best.kind, n: best.n } : undefined;
}

/**
 * The finding or change a mark is about, when it says so by where it is: a reply to one of the
 * proof's own annotations, a mark on the findings sheet beside one of its rows, or a mark over its
 * numbered marker on the page.
 */
function targetOf(r: Reading, a: PdfjsAnnotation, page: number): Target | undefined {
  const parent = a.inReplyTo ? r.byId.get(a.inReplyTo)?.a : undefined;
  if (parent && isOwn(r, parent)) return ownTarget(r.own.get(parent.id), parent.contentsObj?.str);
  const row = page > r.lastLaidOut ? sheetRowAt(r, a, page) : undefined;
  return row ? { ...row, sheet: true } : undefined;
}

/** One of the proof's findings or changes, and how a mark says it is about it. */
type Target = { kind: 'finding' | 'change'; n: number; sheet?: true; marker?: true; from?: true };

/** The finding or change of the proof's data a target names. */
const targeted = (data: ProofData, t: Target | undefined) =>
  t?.kind === 'finding' ? data.findings.find((y) => y.n === t.n) : t ? data.changes.find((y) => y.n === t.n) : undefined;

/**
 * The finding or change whose numbered marker a mark is over: a mark over the marker alone, or
 * over the marker and the text it marks (a mark of the line above that grazes the marker is not).
 */
function markerTarget(r: Reading, a: PdfjsAnnotation, page: number, pieces: Piece[]): Target | undefined {
  const marker = markerAt(r, a, page);
  if (!marker) return undefined;
  const t: Target = { ...marker, marker: true };
  if (!pieces.some((p) => p.to > p.from)) return t;
  const range = sourceRange(r.map, pieces);
  const place = placeOfTarget(r.data, t);
  const at = place?.line ? r.map.points.offset(place.line, place.column ?? 1) : -1;
  return at >= range.start && at <= range.end ? t : undefined;
}

/**
 * The numbered marker of a finding or a change (删N, 移N) on the page that a mark is over: the one
 * its marked pieces (quad points) overlap most, or that holds the point of a note or a caret, or
 * the middle of a pen stroke or a shape drawn round it.
 */
function markerAt(r: Reading, a: PdfjsAnnotation, page: number): { kind: 'finding' | 'change'; n: number; from?: true } | undefined {
  const dataPage = r.data.pages.find((d) => d.page === page);
  const markers = (r.data.markers ?? []).filter((m) => m.page === page);
  if (!dataPage || !markers.length || r.extras.get(a.id)?.noRect) return undefined;
  const { boxOf } = pageBoxes(dataPage);
  const q = a.quadPoints && a.quadPoints.length >= 8 ? Array.from(a.quadPoints) : undefined;
  const boxes: Box[] = [];
  if (q) for (let i = 0; i + 7 < q.length; i += 8) boxes.push(boxOf(q.slice(i, i + 8)));
  else {
    const [x1, y1, x2, y2] = a.rect;
    const rect = boxOf([x1, y1, x2, y2]);
    const shape = inkShape(a, boxOf) ?? rect;
    // A sticky note's point is its icon's top-left corner; anything else, the middle of what was drawn.
    const [x, y] = a.subtype === 'Text' ? [rect.left, rect.top + 2] : [(shape.left + shape.right) / 2, (shape.top + shape.bottom) / 2];
    boxes.push({ left: x, right: x, top: y, bottom: y });
  }
  let best: (typeof markers)[number] | undefined;
  let bestShare = -1;
  for (const m of markers) {
    for (const b of boxes) {
      const w = Math.min(b.right, m.left + m.width) - Math.max(b.left, m.left);
      const h = Math.min(b.bottom, m.top + m.height) - Math.max(b.top, m.top);
      if (w < 0 || h < 0) continue;
      // Marked text overlaps a marker by a third of it at least (a highlight of the line beside
      // the marker grazes its foot); a point lies in it.
      const share = q ? (w * h) / Math.max(m.width * m.height, 1e-6) : 1;
      if (share > bestShare && (!q || share >= MARKER_SHARE)) {
        bestShare = share;
        best = m;
      }
    }
  }
  if (!best) return undefined;
  // An empty photo slot where the last round's photo stood (its figure deleted): a mark drawn in it
  // is about that photo, the deletion marked at its edge (删N, at the figure's place in the
  // manuscript), not about the slot's being empty.
  const slot = best;
  const finding = slot.kind === 'finding' ? r.data.findings.find((f) => f.n === slot.n) : undefined;
  if (finding?.place?.label === EMPTY_SLOT) {
    const photo = markers.find((m) => {
      if (m.kind !== 'change') return false;
      const c = r.data.changes.find((x) => x.n === m.n);
      if (c?.kind !== 'delete' || c.place?.label !== PHOTO_LABEL) return false;
      return (
        m.left < slot.left + slot.width && m.left + m.width > slot.left && m.top < slot.top + slot.height && m.top + m.height > slot.top
      );
    });
    if (photo) return { kind: 'change', n: photo.n };
  }
  return { kind: best.kind, n: best.n, ...(best.from ? { from: true as const } : {}) };
}

/**
 * Where a target is in the proof's manuscript: its finding's or change's place, or, for the old
 * place of a moved block (移N原处), that place (before the block that followed it there, or after
 * the one before it), when the proof kept it.
 */
function placeOfTarget(
  data: ProofData,
  t: Target | undefined,
): { line: number | null; column: number | null; place?: { label: string } | null } | undefined {
  const f = targeted(data, t);
  if (!f || !t?.from || !('fromLine' in f) || !f.fromLine) return f;
  return { line: f.fromLine, column: f.fromColumn ?? 1, place: f.from ?? null };
}

/** How a place on a photo is named (as the proof's findings name it). */
const PHOTO_LABEL = '图片';

/**
 * The photo a mark is drawn on: a box, circle, pen stroke, note or caret whose middle lies on a
 * photo (a box round a photo may touch its caption's lines: it is about the photo), or text
 * markup with no text under it over a photo.
 */
function photoAt(r: Reading, a: PdfjsAnnotation, page: number, pieces: Piece[]): NonNullable<ProofData['photos']>[number] | undefined {
  const dataPage = r.data.pages.find((d) => d.page === page);
  const photos = (r.data.photos ?? []).filter((p) => p.page === page);
  const markup = Boolean(a.quadPoints && a.quadPoints.length >= 8);
  if (!dataPage || !photos.length || page > r.lastLaidOut || r.extras.get(a.id)?.noRect) return undefined;
  if (r.extras.get(a.id)?.calloutTip || (markup && pieces.some((p) => p.to > p.from))) return undefined;
  const { boxOf } = pageBoxes(dataPage);
  const [x1, y1, x2, y2] = a.rect;
  const rect = boxOf([x1, y1, x2, y2]);
  const shape = inkShape(a, boxOf) ?? rect;
  const [x, y] = a.subtype === 'Text' ? [rect.left, rect.top + 2] : [(shape.left + shape.right) / 2, (shape.top + shape.bottom) / 2];
  return photos.find((p) => x >= p.left && x <= p.left + p.width && y >= p.top && y <= p.top + p.height);
}

/** The printed text a mark (with the marks grouped with it) covers, and what kind of mark it is. */
function markedPieces(r: Reading, x: Annotated, members: Annotated[]): { pieces: Piece[]; kind?: typeof REPLACE } {
  const marked = members.flatMap((m) => (m.a.quadPoints ? placeOf(r, m.a, m.page) : []));
  // Replace Text: the struck-out text is what is replaced; the caret after it holds the new text.
  if (x.a.subtype === 'Caret' && marked.some((p) => p.to > p.from)) return { pieces: mergePieces(marked), kind: REPLACE };
  return { pieces: mergePieces([...placeOf(r, x.a, x.page), ...marked]) };
}

type Point = { line: number; column: number };

/** The manuscript text under printed pieces: from the first character's offset to the last's end (start Infinity when none). */
function sourceRange(map: TextMap, pieces: Piece[]): { start: number; end: number } {
  return pieces
    .map((p) => map.source(p.line.unit, p.from, Math.max(p.to, p.from)))
    .filter((s): s is { start: number; end: number } => Boolean(s))
    .reduce((u, s) => ({ start: Math.min(u.start, s.start), end: Math.max(u.end, s.end) }), { start: Infinity, end: -Infinity });
}

/**
 * Where marked pieces (or, with none, the finding or change a mark is about) are in the proof's
 * manuscript text and in the manuscript now: its start there, and its end when the whole passage
 * is still there. Marked text deleted since the proof stands where it was, after the last
 * character before it that is still there (the proof's line may no longer exist, or hold other
 * text now).
 */
function locate(
  r: Reading,
  now: ManuscriptNow,
  pieces: Piece[],
  f: { line: number | null; column: number | null } | undefined,
): { proof?: Point; now?: Point; end?: Point; gone?: true } {
  const { map } = r;
  const range = sourceRange(map, pieces);
  const located = range.start !== Infinity ? range : f?.line ? { start: map.points.offset(f.line, f.column ?? 1), end: -1 } : undefined;
  if (!located) return {};
  const proof = map.points.point(located.start);
  const startNow = now.carry(located.start);
  if (startNow < 0) return { proof, now: now.points.point(survivorBefore(now.carry, located.start, r.data.manuscript.text)), gone: true };
  const endNow = located.end > located.start ? now.carry(located.end) : -1;
  return { proof, now: now.points.point(startNow), ...(endNow >= 0 ? { end: now.points.point(endNow) } : {}) };
}

/** The head of a thread as a mark located in the manuscript. */
function markOf(r: Reading, thread: Threads, now: ManuscriptNow, x: Annotated): Mark {
  const { a, page } = x;
  const { map, data } = r;
  // A reply about a finding or a change stands at its place; any other mark at the text under it
  // (over a finding's marker: the text the finding is about, or else the finding's place), or at
  // the photo it is drawn on.
  const replied = targetOf(r, a, page);
  const marked = targeted(data, replied) ? { pieces: [] } : markedPieces(r, x, thread.grouped.get(a.id) ?? []);
  const target = replied ?? markerTarget(r, a, page, marked.pieces);
  const finding = target?.kind === 'finding' ? target.n : undefined;
  const change = target?.kind === 'change' ? target.n : undefined;
  const f = targeted(data, target);
  const photo = f ? undefined : photoAt(r, a, page, marked.pieces);
  const moved = target?.from && target.kind === 'change' && f && 'kind' in f && f.kind === 'move' ? f : undefined;
  const kind = marked.kind ?? MARK_KINDS[a.subtype] ?? { kind: 'mark', label: a.subtype };
  // A mark on 移N原处 is at that place, and a note, caret or shape on a change's marker (删N…) at the
  // change's place: a label stands over the line of text by it (a 删N over the end of the line
  // above the point where the text went), which is not what the mark is about.
  const onChangeMarker = target?.kind === 'change' && target.marker && !(a.quadPoints && a.quadPoints.length >= 8);
  const pieces = photo || moved || onChangeMarker ? [] : marked.pieces;
  const first = pieces[0];
  const about = placeOfTarget(data, target) ?? (photo ? { line: photo.block, column: 1, place: { label: PHOTO_LABEL } } : undefined);
  const at = locate(r, now, pieces, about);
  // the moved block's line now, for a mark about where it stood
  const movedTo = moved ? (locate(r, now, [], moved).now?.line ?? moved.line) : undefined;
  const state = thread.states.get(a.id);
  const said = commentOf(r, a) || (state && nameOf(a.state) === state ? `${state} (${REVIEW_STATES[state]})` : '');
  return {
    kind: kind.kind,
    subtype: a.subtype,
    comment: [said, ...(thread.replies.get(a.id) ?? [])].filter((s) => s.trim()).join(' / '),
    author: reviewerText(a.titleObj?.str),
    date: pdfDate(a.modificationDate ?? a.creationDate),
    text: first && first.to > first.from ? map.text(pieces) : '',
    label: first ? map.label(first.line) : (about?.place?.label ?? ''),
    page,
    pageColumn: first?.line.column ?? null,
    columnLine: first?.line.columnLine ?? null,
    proofLine: at.proof?.line ?? null,
    proofColumn: at.proof?.column ?? null,
    line: at.now?.line ?? null,
    column: at.now?.column ?? null,
    endLine: at.end?.line ?? null,
    endColumn: at.end?.column ?? null,
    ...(finding ? { finding } : {}),
    ...(change ? { change } : {}),
    ...(target?.sheet ? { sheet: true } : {}),
    ...(target?.marker ? { marker: true } : {}),
    ...(moved ? { movedFrom: { line: movedTo ?? null } } : {}),
    ...(photo ? { photo: true } : {}),
    ...(state ? { state } : {}),
    // a mark about a finding or a change is at its place, though that has no line (an empty photo slot, a row of the sheet)
    ...(at.proof || f ? {} : { unplaced: unplacedWhy(r.extras.get(a.id)?.noRect, page > r.lastLaidOut, Boolean(a.quadPoints?.length)) }),
    ...(at.gone ? { gone: true } : {}),
  };
}

/**
 * The current offset just after the last character before `offset` (in the proof's text, `before`)
 * that the edits kept, line breaks passed over so that it stands on a line of text (0: none kept).
 */
function survivorBefore(carry: (offset: number) => number, offset: number, before: string): number {
  for (let o = offset - 1; o >= 0; o--) {
    const now = carry(o);
    if (now >= 0 && before[o] !== '\n') return now + 1;
  }
  return 0;
}

/** Pieces of one line next to each other (several quads over one line) as one. */
function mergePieces(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const same = out.find((q) => q.line === p.line && p.from <= q.to && p.to >= q.from);
    if (same) {
      same.from = Math.min(same.from, p.from);
      same.to = Math.max(same.to, p.to);
    } else out.push({ ...p });
  }
  return out;
}

/** Why a mark is at no place in the text. */
function unplacedWhy(noRect: boolean | undefined, onSheet: boolean, markup: boolean): NonNullable<Mark['unplaced']> {
  return noRect ? 'no-rect' : onSheet ? 'sheet' : markup ? 'no-text' : 'margin';
}

/** Where a mark stands that is at no place in the text. */
const UNPLACED: Record<NonNullable<Mark['unplaced']>, (page: number) => string> = {
  margin: (page) => `in the margin of page ${page}, near no line of the text`,
  'no-text': (page) => `over no text of the manuscript on page ${page} (a line number, a marker, the slug, the sign-off box or a photo)`,
  sheet: (page) => `on the findings sheet (page ${page}), not on the page's text`,
  'no-rect': (page) => `on page ${page} with no place of its own (the annotation has no /Rect)`,
};

/** How a mark is about one of the proof's findings or changes. */
const relation = (m: Mark) => (m.sheet ? 'on the findings sheet at' : m.marker ? 'over the marker of' : 'reply to');

const quote = (s: string, max = 60) => `“${s.length > max ? `${s.slice(0, max)}…` : s}”`;

/** What a change of the proof did, for a mark about it: “, which deleted “羔羊 | 150 | 980”” (a table's cells apart). */
function changeWords(c: ProofData['changes'][number] | undefined): string {
  if (!c) return '';
  // one line, as the comments are: a change's own line ends (a deleted list's items) as ↵
  const q = (s: string) => quote(s.replace(/\s*\n\s*/g, ' ↵ '));
  if (c.kind === 'photo') return `, which put in a new picture of ${c.text}`;
  if (c.kind === 'replace') return `, which replaced ${q(c.deleted ?? '')} with ${q(c.text)}`;
  if (c.kind === 'delete') return `, which deleted ${q(c.deleted ?? '')}`;
  return `, which ${c.kind === 'move' ? 'moved' : 'inserted'} ${q(c.text)}`;
}

/** The marks as vfile messages on the manuscript, printed like `npm run check`. */
function notesFile(
  manuscript: string,
  current: string | undefined,
  data: ProofData,
  state: Notes['manuscriptState'],
  marks: Mark[],
  proofFile: string,
): VFile {
  // Positions are in the current text when it is the proof's or was carried over, else in the proof's.
  const value = state === 'same' || state === 'changed' ? current! : data.manuscript.text;
  const file = new VFile({ path: manuscript, value, cwd: process.cwd() });
  const round = `round ${data.round}`;
  for (const m of marks) {
    const kind = [...Object.values(MARK_KINDS), REPLACE].find((k) => k.kind === m.kind)?.label ?? m.subtype;
    // One finding, one line: a comment's own line ends are shown as ↵.
    const comment = m.comment.replace(/\s*\n\s*/g, ' ↵ ');
    const parts = [
      `${kind}${m.text ? ` on ${quote(m.text)}` : ''}${m.label ? ` at ${m.label}` : ''}`,
      m.unplaced ? ` ${UNPLACED[m.unplaced](m.page)}` : '',
      comment ? `: ${m.kind === REPLACE.kind ? 'with ' : ''}${quote(comment, 200)}` : ': (no comment)',
      m.state ? ` [${m.state}]` : '',
      m.finding ? ` (${relation(m)} the proof's finding #${m.finding})` : '',
      m.change && m.movedFrom
        ? ` (${relation(m)} the old place of the proof's change ${m.change}, 移${m.change}原处: the paragraph${m.movedFrom.line ? ` moved to line ${m.movedFrom.line}` : ' moved away'} stood here in the last round)${changeWords(data.changes.find((c) => c.n === m.change))}`
        : m.change
          ? ` (${relation(m)} the proof's change ${m.change})${changeWords(data.changes.find((c) => c.n === m.change))}`
          : '',
      m.gone
        ? ` (the marked text is no longer in the manuscript; it stood here, at ${m.proofLine}:${m.proofColumn} of the proof's text)`
        : '',
      m.author ? ` — ${m.author}` : '',
    ];
    const place =
      m.line !== null
        ? m.endLine !== null
          ? { start: { line: m.line, column: m.column ?? 1 }, end: { line: m.endLine, column: m.endColumn ?? 1 } }
          : { line: m.line, column: m.column ?? 1 }
        : undefined;
    const msg = file.message(parts.join(''), { place, ruleId: `proof-${m.kind}`, source: FINDINGS_SOURCE });
    msg.fatal = false;
    const notes = [`from ${path.basename(proofFile)} (${round}, page ${m.page}${m.date ? `, ${m.date}` : ''})`];
    if (state === 'changed')
      notes.push(
        m.gone
          ? `the manuscript has changed since this proof and this passage is gone; in the proof's text it was at ${m.proofLine}:${m.proofColumn}`
          : `the manuscript has changed since this proof; in the proof's text this was at ${m.proofLine}:${m.proofColumn}`,
      );
    if (state === 'missing') notes.push(`the manuscript is not at ${manuscript}; positions are in the proof's own text (${round})`);
    if (state === 'rewritten')
      notes.push(
        `the manuscript has changed too much since this proof to carry positions over (more than ${MAX_CARRIED_EDITS} characters); ` +
          `positions are in the proof's own text (${round})`,
      );
    msg.note = notes.join('; ');
  }
  return file;
}
