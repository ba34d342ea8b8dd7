// Every finding of the build (the checks and the page's own), numbered and placed: the printed
// characters it is about (highlighted on the page), the photo it is about, or no place on the page
// (front matter that is not printed, overset text, a page-wide fact): then it is on the findings
// sheet only.
import type { VFileMessage } from 'vfile-message';
import type { Root } from 'mdast';
import type { Node } from 'unist';
import { severityOf, type Severity } from '../core/findings.js';
import { withoutControls } from '../core/controls.js';
import type { PageFinding } from '../page/findings.js';
import type { Box, MapLine, Piece, TextMap } from './text-map.js';

export interface Photo extends Box {
  /** manuscript line of the figure */
  block: number;
}

export interface Place {
  page: number;
  /** 第N栏第M行, 标题区, 报眉, 图片说明 or 图片 */
  label: string;
  column?: number;
  columnLine?: number;
}

export interface ProofFinding {
  n: number;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** where the finding is marked on the page; null: on the findings sheet only */
  place: Place | null;
  /** the printed text marked */
  text?: string;
  /**
   * The manuscript's text of a finding that is not on the page (a footnote defined twice or never
   * referred to): what prints nowhere is shown on the findings sheet (at most SOURCE_SHOWN characters).
   */
  source?: string;
  /**
   * The text of the block a finding is about that the page lays out and does not print (a table
   * cut at its frame's right edge or foot: page-block-too-wide, page-block-too-tall), at most
   * SOURCE_SHOWN characters: listed on the findings sheet, in its comment and in proof.json.
   */
  unprinted?: string;
  /** highlighted boxes (trim px): text pieces, or the photo */
  kind: 'text' | 'photo' | 'none';
  boxes: Box[];
}

/** Rules whose finding is about the whole printed line the page names (page, column, text). */
const LINE_RULES = new Set(['page-line-start', 'page-line-end', 'page-orphan', 'page-loose-line', 'page-head-at-foot']);
/** Overset text is not on the page: the sheet prints it instead. */
const OFF_PAGE = new Set(['page-overset']);
/** The place of a finding about an empty photo slot. */
export const EMPTY_SLOT = '空图片位';
/**
 * Rules about what the 报眉 lacks: marked on the 报眉 of the first page. Their manuscript place is
 * the front matter's first line, or line 1 of a manuscript without one: its headline, which the
 * proof marked as if the finding were about it.
 */
const RUNNING_HEAD_RULES = new Set(['page-running-head-missing']);

export function placeLabel(map: TextMap, line: MapLine): Place {
  return { page: line.page, label: map.label(line), column: line.column, columnLine: line.columnLine };
}

export function placeFindings(
  messages: VFileMessage[],
  pageFindings: PageFinding[],
  map: TextMap,
  photos: Photo[],
  tree: Root,
  /** the layout's photo slots no figure fills */
  emptySlots: Box[] = [],
): ProofFinding[] {
  const lineAt = new Map(pageFindings.filter((f) => f.at).map((f) => [f.message, f.at!]));
  const figureStarts = new Map<number, number>();
  // remark-figure makes top-level `figure` nodes (not an mdast type, hence the cast).
  for (const n of tree.children as Node[])
    if (n.type === 'figure' && n.position) figureStarts.set(n.position.start.offset!, n.position.start.line);
  const sorted = messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => (a.m.line ?? Infinity) - (b.m.line ?? Infinity) || (a.m.column ?? 0) - (b.m.column ?? 0) || a.i - b.i)
    .map((x) => x.m);
  return sorted.map((m, i) => {
    const place = m.place && 'start' in m.place ? m.place : undefined;
    const base: ProofFinding = {
      n: i + 1,
      ruleId: m.ruleId ?? '',
      severity: severityOf(m),
      message: m.reason,
      line: m.line ?? null,
      column: m.column ?? null,
      endLine: place?.end.line ?? null,
      endColumn: place?.end.column ?? null,
      place: null,
      kind: 'none',
      boxes: [],
    };
    // The empty slots are what page-photo-slot-empty is about: framed on the page, not only listed.
    if (base.ruleId === 'page-photo-slot-empty' && emptySlots.length)
      return { ...base, kind: 'photo', boxes: emptySlots, place: { page: emptySlots[0].page, label: EMPTY_SLOT } };
    if (OFF_PAGE.has(base.ruleId) || !m.line) return base;
    // A finding that a block is cut at its frame's edge lists the text cut off.
    const withCut = (f: ProofFinding): ProofFinding => {
      const cut = CUT_RULES.has(f.ruleId) ? shorten(map.unprinted(`block:${m.line}`)) : '';
      return cut ? { ...f, unprinted: cut } : f;
    };
    const off = NO_SOURCE.has(base.ruleId) ? base : { ...base, ...sourceOf(map, m.line, m.column ?? 1, place?.end) };
    let pieces: Piece[] = [];
    const at = lineAt.get(m);
    if (RUNNING_HEAD_RULES.has(base.ruleId)) pieces = runningHead(map);
    else if (at && LINE_RULES.has(base.ruleId)) pieces = printedLine(map, at);
    else {
      const start = map.points.offset(m.line, m.column ?? 1);
      const figureLine = figureStarts.get(start);
      const photo = figureLine !== undefined ? photos.find((p) => p.block === figureLine) : undefined;
      if (photo) {
        const { block: _, ...box } = photo;
        return { ...base, kind: 'photo', boxes: [box], place: { page: photo.page, label: '图片' } };
      }
      const end = place ? map.points.offset(place.end.line, place.end.column) : start + 1;
      pieces = map.printed(start, Math.max(end, start + 1));
      // Text cut off at a frame's edge is not printed: not marked at the printed text beside it.
      if (!pieces.length && map.cut(start, Math.max(end, start + 1))) return withCut(off);
      if (!pieces.length) pieces = map.near(start);
      // A finding at a front matter key (the headline block cut at its edge names the subheadline:
      // line): the value printed from that line.
      if (!pieces.length) pieces = map.printed(map.points.offset(m.line, 1), map.points.offset(m.line + 1, 1));
    }
    if (!pieces.length) return withCut(off);
    return withCut({ ...base, kind: 'text', boxes: map.rects(pieces), text: map.text(pieces), place: placeLabel(map, pieces[0].line) });
  });
}

/** Rules about a block the page cuts at its frame's edge: their finding lists the text cut off. */
const CUT_RULES = new Set(['page-block-too-wide', 'page-block-too-tall']);

/** At most SOURCE_SHOWN characters of a text, … after what is left out. */
function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > SOURCE_SHOWN ? `${chars.slice(0, SOURCE_SHOWN).join('')}…` : text;
}

/** Raw HTML is dropped and never shown, not even as text on the findings sheet (tests/proof/hostile.test.ts). */
const NO_SOURCE = new Set(['raw-html', 'html-image-missing', 'html-link-dropped']);

/** How much of the manuscript's text a finding off the page shows. */
const SOURCE_SHOWN = 160;

/** The manuscript text a finding's range covers, when it has one: { source } or nothing. */
function sourceOf(map: TextMap, line: number, column: number, end: { line: number; column: number } | undefined): { source?: string } {
  if (!end) return {};
  // without controls and invisible formatting characters (a right-to-left override would turn the sheet's row round)
  const raw = map.points.source.slice(map.points.offset(line, column), map.points.offset(end.line, end.column));
  const text = withoutControls(raw)
    .replace(/\p{Cf}/gu, '')
    .trim();
  return text ? { source: shorten(text) } : {};
}

/** The printed line a page finding names: same block, page and column, same text (spaces aside). */
function printedLine(map: TextMap, at: { page: number; column: number; line: number | null; text: string }): Piece[] {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const want = squeeze(at.text);
  const candidates = map.lines.filter((l) => l.unit === `block:${at.line}` && l.page === at.page && l.column === at.column);
  const text = (l: MapLine) => squeeze(map.unit(l.unit)?.text.slice(l.from, l.to) ?? '');
  const line = candidates.find((l) => text(l) === want) ?? candidates.find((l) => text(l).includes(want) || want.includes(text(l)));
  return line ? [{ line, from: line.from, to: line.to }] : [];
}

/** The 报眉 of the first page, as printed (nothing when the layout has none). */
function runningHead(map: TextMap): Piece[] {
  return map.lines
    .filter((l) => l.page === 1 && map.unit(l.unit)?.zone === 'running-head')
    .map((line) => ({ line, from: line.from, to: line.to }));
}
