// Threading a flow through its frames. Every frame is filled by real layout in that frame: blocks
// move from the flow's hidden source into the frame; the first block that crosses the frame's foot
// is split at the first line below it, and the rest goes back to the source for the next frame. So
// frames of any width work, and every printed line is a line that was laid out where it prints.
// (docs/layout-engine.md, “How the engine fills frames”.)
import { all, isHead, isLowSurrogate, LETTER, where } from './dom.js';
import { padToGrid } from './grid.js';
import type { FlowInput, LayoutResult } from './protocol.js';
import { type Splitter, splittable } from './split.js';
import { TextIndex } from './text-index.js';

export interface FrameSlot {
  el: HTMLElement;
  /** sheet, 1-based */
  page: number;
}

export interface Flow {
  id: string;
  source: HTMLElement;
  frames: FrameSlot[];
}

export interface FillContext {
  grid: number;
  keepWithHead: number;
  /** each piece of a table cut between frames holds at least this many rows of its body */
  minTableRows: number;
  /** a paragraph's last line holds at least this many letters (孤字), also when a frame break carries it over */
  minLastLine: number;
  /** characters in a line of the last frame filled (to guess how many blocks to lay out at once) */
  perLine: number;
  splitter: Splitter;
  problems: LayoutResult['problems'];
}

/** The page's sheets, and continuation sheets made from the template on demand. */
export class Sheets {
  readonly sheets = all<HTMLElement>(document, '.sheet:not(.sheet-template)');
  readonly template = document.querySelector<HTMLElement>('.sheet-template');

  constructor(private readonly maxPages: number) {}

  canAdd(): boolean {
    return !!this.template && this.sheets.length < this.maxPages;
  }

  add(): HTMLElement {
    const sheet = this.template!.cloneNode(true) as HTMLElement;
    sheet.classList.remove('sheet-template');
    sheet.removeAttribute('hidden');
    sheet.dataset.page = String(this.sheets.length + 1);
    this.template!.before(sheet);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The template is never printed. */
  finish(): void {
    this.template?.remove();
  }
}

const framesIn = (sheet: HTMLElement, page: number, selector: string): FrameSlot[] =>
  all<HTMLElement>(sheet, selector).map((el) => ({ el, page }));

/**
 * Where threading starts and who watches it: automatic fit threads a flow again from the frame
 * where a change can first show, in frames of its own (rethread.ts), and notes where it stood at
 * each frame. Without it, every frame of the flow's sheets is filled from the first.
 */
export interface Resume {
  /** the flow's frames (those before `from` are filled already) */
  frames?: FrameSlot[];
  from?: number;
  before?: (frame: number) => void;
  after?: (frame: number, el: HTMLElement) => void;
}

/** Fill the flow's frames in order, adding continuation sheets while text remains (when asked to). */
export function threadFlow(input: FlowInput, sheets: Sheets, ctx: FillContext, autoPages: boolean, resume: Resume = {}): Flow {
  const source = document.querySelector<HTMLElement>(input.source);
  if (!source) throw new Error(`layout engine: flow “${input.id}” has no source (${input.source})`);
  // The source is not laid out while its blocks move out one by one: every move would lay out
  // everything left in it again.
  source.style.display = 'none';
  // A sheet's page is its data-page (an edition page's number), else its place.
  const frames = resume.frames
    ? [...resume.frames]
    : sheets.sheets.flatMap((s, i) => framesIn(s, Number(s.dataset.page) || i + 1, input.frames));
  for (let i = resume.from ?? 0; i < frames.length && source.firstElementChild; i++) {
    resume.before?.(i);
    fillFrame(frames[i].el, source, ctx, i < frames.length - 1 || (autoPages && sheets.canAdd()));
    resume.after?.(i, frames[i].el);
    if (i === frames.length - 1 && source.firstElementChild && autoPages && sheets.canAdd()) {
      const sheet = sheets.add();
      frames.push(...framesIn(sheet, sheets.sheets.length, input.frames));
    }
  }
  return { id: input.id, source, frames };
}

/** Lines a block will take, roughly: only to decide how many blocks to lay out at once. */
function guessLines(el: Element, perLine: number): number {
  if (isHead(el)) return 2;
  if (el.tagName === 'FIGURE' || el.tagName === 'TABLE') return 8;
  return Math.ceil((el.textContent ?? '').length / perLine) + (el.tagName === 'P' ? 0 : 1);
}

/**
 * Fill one frame from the source. Blocks are laid out in batches, each about as much as the
 * frame has room for, so the page is laid out a few times per frame rather than for every block;
 * each block is then judged in order exactly as if it had been added alone. `more`: another frame
 * follows this one (a 小标题 that would head this frame with too little of its text under it goes there).
 */
export function fillFrame(frame: HTMLElement, source: HTMLElement, ctx: FillContext, more = false): void {
  const G = ctx.grid;
  const lines = Number(frame.dataset.lines);
  // The frame's box is read once its first batch is in: one layout for both.
  let box: DOMRect | undefined;
  let bottom = 0;
  let reached = 0;
  while (source.firstElementChild) {
    const batch: HTMLElement[] = [];
    let room = box ? (bottom - reached) / G : lines;
    do {
      const b = source.firstElementChild as HTMLElement;
      frame.appendChild(b);
      batch.push(b);
      room -= guessLines(b, ctx.perLine);
    } while (source.firstElementChild && room >= 0);
    if (!box) {
      box = frame.getBoundingClientRect();
      bottom = box.top + lines * G;
      reached = box.top;
      ctx.perLine = Math.max(1, Math.floor(box.width / parseFloat(getComputedStyle(frame).fontSize)));
    }
    padToGrid(batch, G);
    for (let i = 0; i < batch.length; i++) {
      const b = batch[i];
      const r = b.getBoundingClientRect();
      reached = r.bottom;
      if (r.bottom <= bottom + 0.5) continue;
      let at = 0;
      let fitLines = 0;
      let index: TextIndex | undefined;
      let row: Element | undefined;
      if (splittable(b)) {
        index = new TextIndex(b);
        at = index.firstCharBelow(bottom);
        if (at >= index.total) continue; // only padding crosses the foot
        // A head inside the block (the footnotes' 注释) goes on with its text too; at the block's
        // start, the whole block goes on, unless the frame holds nothing else.
        const head = headBefore(index, b, at);
        if (head !== undefined && (head > 0 || frame.firstElementChild !== b)) at = head;
        const cs = getComputedStyle(b);
        const lh = parseFloat(cs.lineHeight) || G;
        const top = r.top + parseFloat(cs.paddingTop);
        fitLines = Math.max(0, Math.round((bottom - top) / lh));
        // A table in the block (in a quotation, a list item) is cut between its rows as one on its
        // own is, or goes on whole: the cut never runs through a row.
        const table = tableAt(index, b, at);
        if (table) {
          const start = index.offsetOf(table) ?? at;
          const foot = rowAtFoot(table, bottom, ctx.minTableRows, start === 0 && frame.firstElementChild === b);
          row = foot?.row ?? table;
          at = (foot && index.offsetOf(foot.row)) ?? start;
          fitLines = Math.max(0, Math.round((row.getBoundingClientRect().top - top) / lh));
        }
      } else if (b.tagName === 'TABLE') {
        // A table is cut between its rows: the rows that fit stay, the rest go on.
        const foot = rowAtFoot(b as HTMLTableElement, bottom, ctx.minTableRows, frame.firstElementChild === b);
        if (foot) {
          index = new TextIndex(b);
          row = foot.row;
          at = (foot.row.textContent ? index.offsetOf(foot.row) : undefined) ?? index.total;
          fitLines = foot.fit;
        }
      }
      // The blocks after this one go back to the source, in order.
      source.prepend(...batch.slice(i + 1));
      const prev = b.previousElementSibling;
      // A 小标题 never sits at the foot of a column: it moves on with the text it heads. So does one
      // that is all a short frame holds (a column's lines above a photo slot), while frames follow:
      // that frame stays empty rather than print the head with its text below the photo.
      if (isHead(prev) && (at === 0 || fitLines < ctx.keepWithHead) && (prev!.previousElementSibling || more)) {
        source.prepend(prev!, b);
        return;
      }
      if (at === 0) {
        if (frame.firstElementChild === b) {
          // Taller than a whole frame and cannot be split: it stays, clipped, and is reported.
          ctx.problems.push({ rule: 'block-too-tall', ...where(b), text: (b.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 20) });
          return;
        }
        source.prepend(b);
        return;
      }
      if (row) {
        source.prepend(ctx.splitter.splitBefore(b, row, at));
        padToGrid([b], G);
        return;
      }
      source.prepend(ctx.splitter.split(b, b.tagName === 'P' ? withLastLine(index!, at, ctx.minLastLine) : at, index));
      return;
    }
  }
}

/**
 * The row of a table's body to cut the table before at a frame's foot at `bottom`, and how many
 * rows of its body stand above it; undefined when the table ends above the foot or goes on whole.
 * Each piece keeps at least `minRows` rows of the body (a layout's grid.minTableRows: no piece of a
 * header and one row), so the cut comes earlier when too few would go on, and the table goes on
 * whole when too few would stay. A table that heads its frame (`alone`) is cut where its rows
 * cross the foot whatever the count: moved on, it would be cut there again, or clipped.
 */
export function rowAtFoot(
  table: HTMLTableElement,
  bottom: number,
  minRows = 1,
  alone = false,
): { row: HTMLTableRowElement; fit: number } | undefined {
  const rows = Array.from(table.tBodies).flatMap((body) => Array.from(body.rows));
  const fit = rows.findIndex((row) => row.getBoundingClientRect().bottom > bottom + 0.5);
  if (fit < 0) return undefined;
  const keep = Math.min(fit, rows.length - minRows);
  if (keep >= Math.max(1, minRows)) return { row: rows[keep], fit: keep };
  return alone && fit > 0 ? { row: rows[fit], fit } : undefined;
}

/** The table inside a block (not the block itself) that character `at` of its text is in, if any. */
function tableAt(index: TextIndex, block: Element, at: number): HTMLTableElement | undefined {
  if (at >= index.total) return undefined;
  const table = index.locate(at)[0].parentElement?.closest('table');
  return table && table !== block && block.contains(table) ? table : undefined;
}

/**
 * The start of a head inside a block (h1–h6 in a section or a quotation) that the cut at `at`
 * would leave at the frame's foot, or inside which it falls: a head is never cut and never ends a
 * frame without its text. undefined when the cut leaves no head behind.
 */
export function headBefore(index: TextIndex, block: Element, at: number): number | undefined {
  let found: number | undefined;
  for (const h of block.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const start = index.offsetOf(h);
    if (start === undefined) continue;
    if (start >= at) break;
    const end = start + (h.textContent ?? '').length;
    let letters = false;
    for (let i = end; i < at && !letters; i++) letters = LETTER.test(index.charAt(i));
    if (!letters) found = start;
  }
  return found;
}

/**
 * Where to cut a paragraph at a frame's foot so that what goes on holds minLastLine letters: when
 * all that would go on is fewer (one line of them, a 孤字 at the head of the next frame), the line
 * above gives it letters, as orphans.ts does within a frame; that line is then justified a
 * character or two short. `at` as it was when nothing goes on that short, or the line cannot give.
 */
export function withLastLine(index: TextIndex, at: number, min: number): number {
  let tail = 0;
  for (let i = at; i < index.total && tail < min; i++) if (LETTER.test(index.charAt(i))) tail++;
  if (tail === 0 || tail >= min) return at;
  let need = min - tail;
  let t = at;
  // back over letters (a surrogate pair as one), never to the block's first character
  while (need > 0 && t > 1) {
    t--;
    let c = index.charAt(t);
    if (isLowSurrogate(c.charCodeAt(0)) && t > 1) {
      t--;
      c = index.charAt(t) + c;
    }
    if (LETTER.test(c)) need--;
  }
  return need > 0 ? at : t;
}
