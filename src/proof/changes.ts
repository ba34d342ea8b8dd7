// Changes since the last round: the previous proof's text (embedded in its PDF) against this
// round's, block by block. Blocks are matched by their text (diff of the block sequence, jsdiff);
// a block replaced by a similar one is compared word by word (Intl.Segmenter's Chinese words), so
// a changed sentence is one change, not a scatter of characters; a block that left one place and
// reappears at another is a move. Each change is placed on this round's page when it can be.
// Photos are compared by their files' bytes: a photo whose picture no photo of the last round had
// (replaced under the same name, or a new file) is a change of its own, framed on the page.
import { diffArrays, diffChars } from 'diff';
import type { Box, NoteMark, Piece, TextMap, Zone } from './text-map.js';
import { placeLabel, type Place } from './findings.js';
import { FOOTNOTES } from './printed-units.js';

/** A block's whole text (printed and overset) as a round keeps it. */
export interface RoundBlock {
  id: string;
  text: string;
  /** where it is printed (body, headline, caption, 报眉); default body */
  zone?: Zone;
  /** a table: its changes' text is given cell by cell (cellText) */
  table?: boolean;
  /** its footnote references or, the footnotes' section (注释), its footnotes (a footnote added is one change) */
  notes?: NoteMark[];
}

export interface Change {
  n: number;
  kind: 'insert' | 'delete' | 'replace' | 'move' | 'photo';
  /** text in this round (inserted, replacing, or the moved block; a photo's file as the manuscript names it) */
  text: string;
  /** text of the previous round that is gone (a photo replaced under the same name: that name) */
  deleted?: string;
  /** manuscript line:column in this round */
  line: number | null;
  column: number | null;
  place: Place | null;
  /** inserted text or moved lines (trim px) */
  boxes: Box[];
  /** where deleted text stood, or where a moved block stood in the last round (a zero-width point on the line) */
  at?: Box;
  /** a footnote removed: where its text stood in the footnotes (注释), marked too (`at` is where its reference was) */
  noteAt?: Box;
  /**
   * a moved block: the place it stood in the last round (第N栏第M行 of this round's page), or null
   * when that place is not on the page (in the overset text) or cannot be told
   */
  from?: Place | null;
  /** a moved block: where it stood in the last round, as a point in this round's manuscript */
  fromLine?: number | null;
  fromColumn?: number | null;
  /** a whole block deleted: its id in the last round (not kept in the proof's data) */
  was?: string;
  /**
   * a footnote added or removed (its reference and its text, one change): its printed number; the
   * change's text (or deleted text) is the footnote's, named: 脚注2：…
   */
  footnote?: string;
}

/** A change in terms of the current round's blocks, before it is placed. */
export interface RawChange {
  kind: Exclude<Change['kind'], 'photo'>;
  /** current block and range in its text; for a deletion, the point where the text was */
  block: string;
  from: number;
  to: number;
  text: string;
  deleted?: string;
  /**
   * a move: where the block stood in the last round, as points in this round's blocks (as a
   * deletion's), the same place each: before the block that followed it, after the one before it
   */
  origins?: Array<{ block: string; at: number }>;
  /** a whole block deleted: its id in the last round */
  was?: string;
  /** a deletion: where its text began in the last round's block */
  prevFrom?: number;
  /** a footnote reference added (or removed): the label of its footnote in this round (the last) */
  note?: string;
  /** a footnote added or removed: its printed number (the change's text is the footnote's) */
  footnote?: string;
  /** a footnote added: its text in the footnotes (注释), marked as the reference is; removed: the point where its text was */
  also?: { block: string; from: number; to: number };
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const words = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);

/** Share of characters two texts have in common (0–1). */
export function similarity(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  let same = 0;
  for (const p of diffChars(a, b)) if (!p.added && !p.removed) same += p.value.length;
  return (2 * same) / (a.length + b.length);
}

/**
 * A table's text as a change gives it: its cells joined by “ | ”, its rows by “ / ”. A table prints
 * its cells one after another, with a line end between two cells of a row and three between rows
 * (the page's text of the table); a deleted row was given as its cells run together.
 */
export function cellText(text: string): string {
  return text
    .trim()
    .replace(/[ \t]*\n(?:[ \t]*\n)+[ \t]*/g, ' / ')
    .replace(/[ \t]*\n[ \t]*/g, ' | ');
}

/** A raw change's texts as cells, when it is in a table. */
function asCells(c: RawChange, table: boolean | undefined): RawChange {
  if (!table) return c;
  return { ...c, text: cellText(c.text), ...(c.deleted !== undefined ? { deleted: cellText(c.deleted) } : {}) };
}

/** A word of a block's text, or a footnote reference's printed number (never part of a word). */
interface Token {
  text: string;
  /** a footnote reference: the footnote's label */
  note?: string;
}

/** A block's text as words (Intl.Segmenter's Chinese words), each footnote reference a token of its own. */
function tokens(text: string, notes: NoteMark[] = []): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const [from, to, label] of notes) {
    if (from < at) continue;
    out.push(...words(text.slice(at, from)).map((w) => ({ text: w })));
    out.push({ text: text.slice(from, to), note: label });
    at = to;
  }
  out.push(...words(text.slice(at)).map((w) => ({ text: w })));
  return out;
}

const joined = (ts: Token[]) => ts.map((t) => t.text).join('');

/**
 * The smallest true change for words replaced, as a proofreader marks it on paper. The rule: when
 * the old text is the new one with one run of characters taken out (年 → 年度, 发展 → 高质量发展,
 * 12日 → 12日上午), the change is the insertion of that run alone, where it stands; when the new
 * text is the old one with one run taken out (审议 → 审, 呼和和浩特 → 呼和浩特), the deletion of that
 * run. Anything else stays one replacement of the words: nothing kept in common (会议 → 座谈), the
 * same characters in another order (展开 → 开展), or characters added or taken out at two places
 * or more (人大 → 人民代表大会), which as marks would be a scatter of single characters.
 * Characters are code points (a name's character beyond U+FFFF is never cut in two).
 */
function smallest(c: RawChange, prevFrom: number): RawChange[] {
  if (c.kind !== 'replace' || c.deleted === undefined) return [c];
  const before = Array.from(c.deleted);
  const after = Array.from(c.text);
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  if (head + tail < shorter) return [c];
  const at = c.from + after.slice(0, head).join('').length;
  if (before.length < after.length) {
    const text = after.slice(head, after.length - tail).join('');
    return [{ kind: 'insert', block: c.block, from: at, to: at + text.length, text }];
  }
  const deleted = before.slice(head, before.length - tail).join('');
  return [
    {
      kind: 'delete',
      block: c.block,
      from: at,
      to: at,
      text: '',
      deleted,
      prevFrom: prevFrom + before.slice(0, head).join('').length,
    },
  ];
}

/**
 * The changes of one run of words removed and added at `pos` of the current text (`prev` of the
 * previous one): a footnote reference among them is a change of its own (a footnote added or
 * removed, named as one by footnoteChanges), the rest their smallest true change.
 */
function runChanges(block: string, pos: number, prev: number, removed: Token[], added: Token[]): RawChange[] {
  const out: RawChange[] = [];
  let p = prev;
  const gone: Token[] = [];
  let goneAt = prev;
  for (const t of removed) {
    if (t.note !== undefined) out.push({ kind: 'delete', block, from: pos, to: pos, text: '', deleted: t.text, note: t.note, prevFrom: p });
    else {
      if (!gone.length) goneAt = p;
      gone.push(t);
    }
    p += t.text.length;
  }
  let deleted = gone.length ? joined(gone) : undefined;
  let at = pos;
  let run: Token[] = [];
  let runAt = pos;
  const flush = () => {
    if (!run.length) return;
    const text = joined(run);
    const c: RawChange =
      deleted !== undefined
        ? { kind: 'replace', block, from: runAt, to: runAt + text.length, text, deleted }
        : { kind: 'insert', block, from: runAt, to: runAt + text.length, text };
    out.push(...smallest(c, goneAt));
    deleted = undefined;
    run = [];
  };
  for (const t of added) {
    if (t.note !== undefined) {
      flush();
      // the same footnote's reference numbered again (a footnote before it added or removed): 脚注3 → 脚注2
      const was = out.findIndex((c) => c.kind === 'delete' && c.note === t.note);
      if (was >= 0) {
        const [old] = out.splice(was, 1);
        out.push({ kind: 'replace', block, from: at, to: at + t.text.length, text: `脚注${t.text}`, deleted: `脚注${old.deleted}` });
      } else out.push({ kind: 'insert', block, from: at, to: at + t.text.length, text: t.text, note: t.note });
    } else {
      if (!run.length) runAt = at;
      run.push(t);
    }
    at += t.text.length;
  }
  flush();
  if (deleted !== undefined) out.push({ kind: 'delete', block, from: pos, to: pos, text: '', deleted, prevFrom: goneAt });
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Changes inside one block (previous text → current text), word by word; with the footnote
 * references of each (`notes`: never part of a word, so a footnote added is a change of its own).
 */
export function blockChanges(
  block: string,
  before: string,
  after: string,
  notes: { before?: NoteMark[]; after?: NoteMark[] } = {},
): RawChange[] {
  const out: RawChange[] = [];
  let pos = 0;
  let prev = 0;
  const parts = diffArrays(tokens(before, notes.before), tokens(after, notes.after), {
    comparator: (a, b) => a.text === b.text && (a.note === undefined) === (b.note === undefined),
  });
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (!part.added && !part.removed) {
      // the current round's tokens (equal text, so equal lengths in both rounds)
      const length = joined(part.value).length;
      pos += length;
      prev += length;
      continue;
    }
    const removed = part.removed ? part.value : [];
    const next = part.removed && parts[k + 1]?.added ? parts[++k] : part.added ? part : undefined;
    const added = next?.value ?? [];
    out.push(...runChanges(block, pos, prev, removed, added));
    pos += joined(added).length;
    prev += joined(removed).length;
  }
  return out;
}

/** Everything that changed from the previous round's blocks to this round's. */
export function roundChanges(previous: RoundBlock[], current: RoundBlock[]): RawChange[] {
  const out: RawChange[] = [];
  /**
   * Blocks deleted, the blocks they stood before (the first that is not a move first), and the
   * block they stood after (its id and length), when none of those is left: all of the same zone.
   */
  const goneBlocks: Array<{
    text: string;
    table?: boolean;
    before: string[];
    after?: { id: string; end: number };
    /** its id and index in the previous round's blocks */
    id: string;
    index: number;
  }> = [];
  const zoneOf = (b: RoundBlock | undefined) => (b ? (b.zone ?? 'body') : undefined);
  const newBlocks: RoundBlock[] = [];
  let ci = 0;
  let pi = 0;
  const parts = diffArrays(
    previous.map((b) => b.text),
    current.map((b) => b.text),
  );
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (!part.added && !part.removed) {
      ci += part.count!;
      pi += part.count!;
      continue;
    }
    // A run of removed blocks followed by added ones: pair similar blocks in order (edited), the rest are whole insertions and deletions.
    const removed = part.removed ? previous.slice(pi, pi + part.count!) : [];
    if (part.removed) pi += part.count!;
    const next = part.removed && parts[k + 1]?.added ? parts[++k] : part.added ? part : undefined;
    const added = next ? current.slice(ci, ci + next.count!) : [];
    if (next) ci += next.count!;
    let r = 0;
    for (const a of added) {
      let match = -1;
      for (let j = r; j < removed.length; j++) {
        // the footnotes (注释) are the same section however many were added or removed
        if ((removed[j].id === FOOTNOTES && a.id === FOOTNOTES) || similarity(removed[j].text, a.text) >= 0.5) {
          match = j;
          break;
        }
      }
      if (match < 0) {
        newBlocks.push(a);
        continue;
      }
      for (; r < match; r++)
        goneBlocks.push({
          text: removed[r].text,
          table: removed[r].table,
          before: [a.id],
          id: removed[r].id,
          index: pi - removed.length + r,
        });
      const table = a.table || removed[match].table;
      // a block's footnote references are tokens of their own (the footnotes' section holds none)
      const refs = (b: RoundBlock) => (b.id === FOOTNOTES ? undefined : b.notes);
      out.push(
        ...blockChanges(a.id, removed[match].text, a.text, { before: refs(removed[match]), after: refs(a) }).map((c) => asCells(c, table)),
      );
      r = match + 1;
    }
    // The rest stood where the blocks added in their place stand now: deleted at the first of
    // those that did not move here from elsewhere (a heading rewritten), else before the block
    // that follows, else after the block before; in the same zone (the story's last paragraph
    // deleted was marked at the 报眉, the next unit in the page's order).
    for (; r < removed.length; r++) {
      const zone = zoneOf(removed[r]);
      const where = added.filter((a) => newBlocks.includes(a) && zoneOf(a) === zone).map((a) => a.id);
      if (zoneOf(current[ci]) === zone) where.push(current[ci].id);
      let after: RoundBlock | undefined;
      for (let k = ci - 1; k >= 0 && !after; k--) if (zoneOf(current[k]) === zone) after = current[k];
      goneBlocks.push({
        text: removed[r].text,
        table: removed[r].table,
        before: where,
        id: removed[r].id,
        index: pi - removed.length + r,
        ...(after ? { after: { id: after.id, end: after.text.length } } : {}),
      });
    }
  }
  // A block that disappeared at one place and appeared at another moved.
  const moved = new Set<string>();
  const moves: Array<{ change: RawChange; gone: (typeof goneBlocks)[number] }> = [];
  for (const b of newBlocks) {
    const g = goneBlocks.findIndex((x) => x.text === b.text);
    if (g >= 0) {
      const [gone] = goneBlocks.splice(g, 1);
      moved.add(b.id);
      const change = asCells({ kind: 'move', block: b.id, from: 0, to: b.text.length, text: b.text }, b.table);
      moves.push({ change, gone });
      out.push(change);
    } else out.push(asCells({ kind: 'insert', block: b.id, from: 0, to: b.text.length, text: b.text }, b.table));
  }
  // Where each moved block stood, as a deletion's place: before the block it stood before (one that
  // did not move itself), and just after the block it followed; when its neighbours moved too, the
  // nearest blocks of the last round on either side that are still here, unmoved. The page marks
  // the first of these that is printed (the block after it may be overset, or a rule with no text).
  const stayed = new Map<string, RoundBlock>();
  for (const b of current) if (!newBlocks.includes(b)) stayed.set(b.text, b);
  for (const { change, gone } of moves) {
    const origins: NonNullable<RawChange['origins']> = [];
    const before = gone.before.find((id) => !moved.has(id));
    if (before) origins.push({ block: before, at: 0 });
    if (gone.after && !moved.has(gone.after.id)) origins.push({ block: gone.after.id, at: gone.after.end });
    if (!origins.length) {
      const same = (k: number) => (previous[k] ? stayed.get(previous[k].text) : undefined);
      for (let k = gone.index + 1; k < previous.length; k++) {
        const b = same(k);
        if (b) {
          origins.push({ block: b.id, at: 0 });
          break;
        }
      }
      for (let k = gone.index - 1; k >= 0; k--) {
        const b = same(k);
        if (b) {
          origins.push({ block: b.id, at: b.text.length });
          break;
        }
      }
    }
    if (origins.length) change.origins = origins;
  }
  for (const g of goneBlocks) {
    const before = g.before.find((id) => !moved.has(id));
    const deleted = g.table ? cellText(g.text) : g.text;
    if (before || !g.after) out.push({ kind: 'delete', block: before ?? '', from: 0, to: 0, text: '', deleted, was: g.id, prevFrom: 0 });
    else out.push({ kind: 'delete', block: g.after.id, from: g.after.end, to: g.after.end, text: '', deleted, was: g.id, prevFrom: 0 });
  }
  footnoteChanges(out, previous, current);
  const order = new Map(current.map((b, i) => [b.id, i]));
  return out.sort((a, b) => (order.get(a.block) ?? Infinity) - (order.get(b.block) ?? Infinity) || a.from - b.from);
}

/**
 * A footnote added (or removed) is one change, named as a footnote: the reference's printed number
 * was an insertion (增 2, the number alone) and the footnote's text another, in the footnotes (注释).
 * The reference's change takes the footnote's number and text (脚注2：…), its text marked too; the
 * footnotes' change of that text is taken out of the list (what else changed there stays). A
 * footnote whose text came (or went) with its paragraph, not as a reference of its own, is named
 * so in the footnotes. Changes of the footnotes' text are in this round's text for insertions and
 * the last round's (prevFrom) for deletions. `out` is changed in place.
 */
function footnoteChanges(out: RawChange[], previous: RoundBlock[], current: RoundBlock[]): void {
  const sides = [
    { kind: 'insert' as const, notes: current.find((b) => b.id === FOOTNOTES) },
    { kind: 'delete' as const, notes: previous.find((b) => b.id === FOOTNOTES) },
  ];
  for (const { kind, notes } of sides) {
    const items = notes?.notes ?? [];
    /** the footnotes' changes of this side, and the range of the footnotes' text each covers */
    const range = (c: RawChange): [number, number] | undefined => {
      if (c.block !== FOOTNOTES && !(kind === 'delete' && c.was === FOOTNOTES)) return undefined;
      if (c.kind !== kind || c.note !== undefined) return undefined;
      if (kind === 'insert') return [c.from, c.to];
      return c.prevFrom === undefined ? undefined : [c.prevFrom, c.prevFrom + (c.deleted ?? '').length];
    };
    /** a footnote is new (gone) when the footnotes' changes cover every character of it but white space */
    const whole = (from: number, to: number) => {
      const text = notes!.text;
      for (let k = from; k < to; k++) {
        if (!text[k].trim()) continue;
        if (!out.some((c) => ((r) => r && r[0] <= k && k < r[1])(range(c)))) return false;
      }
      return true;
    };
    /** the footnotes' changes without the footnote's text (what is left of each beside it, if anything but white space) */
    const cut = (from: number, to: number) => {
      for (let i = out.length - 1; i >= 0; i--) {
        const c = out[i];
        const r = range(c);
        if (!r || r[1] <= from || r[0] >= to) continue;
        const text = kind === 'insert' ? c.text : (c.deleted ?? '');
        const head = text.slice(0, Math.max(0, from - r[0]));
        const tail = text.slice(Math.max(0, to - r[0]));
        const rest: RawChange[] = [];
        if (kind === 'insert') {
          if (head.trim()) rest.push({ ...c, to: c.from + head.length, text: head });
          if (tail.trim()) rest.push({ ...c, from: c.to - tail.length, text: tail });
        } else {
          // both where the footnote's text was deleted, each from its own place in the last round's text
          if (head.trim()) rest.push({ ...c, deleted: head });
          if (tail.trim()) rest.push({ ...c, deleted: tail, prevFrom: r[1] - tail.length });
        }
        out.splice(i, 1, ...rest);
      }
    };
    for (const [i, [from, to, label]] of items.entries()) {
      if (!whole(from, to)) continue;
      const text = notes!.text.slice(from, to);
      const ref = out.find((c) => c.kind === kind && c.note === label);
      // where the footnote's own text was deleted (a point of this round's text)
      const stood = out.find((c) => ((r) => r && r[0] < to && r[1] > from)(range(c)));
      cut(from, to);
      if (ref) {
        // the reference's change, named: its printed number, the footnote's text, marked where it is (was) too
        ref.footnote = kind === 'insert' ? ref.text : ref.deleted;
        if (kind === 'insert') Object.assign(ref, { text, also: { block: FOOTNOTES, from, to } });
        else Object.assign(ref, { deleted: text, ...(stood ? { also: { block: stood.block, from: stood.from, to: stood.from } } : {}) });
        continue;
      }
      // its reference came or went with its paragraph: the footnote's text alone, named
      const number = String(i + 1);
      if (kind === 'insert') out.push({ kind, block: FOOTNOTES, from, to, text, footnote: number });
      else if (stood)
        out.push({ kind, block: stood.block, from: stood.from, to: stood.from, text: '', deleted: text, footnote: number, prevFrom: from });
    }
  }
  // a reference added to (or taken from) a footnote that stays, another reference to it: 脚注1, not 1
  for (const c of out) {
    if (c.note === undefined || c.footnote !== undefined) continue;
    if (c.kind === 'insert') c.text = `脚注${c.text}`;
    else if (c.deleted !== undefined) c.deleted = `脚注${c.deleted}`;
  }
}

/**
 * A change's text as the sheet, its comment and proof.json give it: without the white space round
 * it (the line breaks between a deleted footnote or list item and the next), unless it is all white space.
 */
const shown = (text: string): string => text.trim() || text;

/** Changes placed on this round's page (printed characters, or the point of a deletion) and in the manuscript. */
export function placeChanges(raw: RawChange[], map: TextMap): Change[] {
  return raw.map((c, i) => {
    const unit = map.unit(c.block);
    const printedLength = unit?.text.length ?? 0;
    const pieces: Piece[] = c.to > c.from ? map.range(c.block, c.from, Math.min(c.to, printedLength)) : [];
    // a footnote added: its text in the footnotes (注释) is marked as its reference is; removed:
    // where its text stood is marked as where the reference was
    const noteAt = c.also && c.kind === 'delete' ? pointAt(map, c.also.block, c.also.from).at : undefined;
    if (c.also && c.kind === 'insert') {
      const printed = map.unit(c.also.block)?.text.length ?? 0;
      if (c.also.to > c.also.from) pieces.push(...map.range(c.also.block, c.also.from, Math.min(c.also.to, printed)));
    }
    // a footnote is named with its number: 脚注2：its text
    const named = (text: string) => (c.footnote !== undefined ? `脚注${c.footnote}：${shown(text)}` : shown(text));
    let at: Box | undefined;
    let atLine: Piece['line'] | undefined;
    let after: number | undefined;
    if (c.kind === 'delete' || c.kind === 'replace') ({ at, line: atLine, after } = pointAt(map, c.block, c.from));
    // a moved block: marked where it stood too (its place in this round's page), as a deletion is,
    // at the first of its old neighbours printed there; not on the page when none is
    const origin = c.kind === 'move' ? originOf(map, c.origins ?? []) : undefined;
    // a deletion marked after the character before it is at that character's end in the manuscript too
    const end = c.kind === 'delete' && after !== undefined && after < c.from ? map.source(c.block, after - 1, after) : undefined;
    const src = unit ? map.source(c.block, c.from, Math.max(c.to, c.from + 1)) : undefined;
    const point = end ? map.points.point(end.end) : src ? map.points.point(src.start) : undefined;
    const first = pieces[0]?.line ?? atLine;
    return {
      n: i + 1,
      kind: c.kind,
      text: c.text ? named(c.text) : shown(c.text),
      ...(c.deleted !== undefined ? { deleted: named(c.deleted) } : {}),
      ...(c.footnote !== undefined ? { footnote: c.footnote } : {}),
      ...(c.was ? { was: c.was } : {}),
      line: point?.line ?? null,
      column: point?.column ?? null,
      place: first ? placeLabel(map, first) : null,
      boxes: map.rects(pieces),
      ...(at ? { at } : {}),
      ...(noteAt ? { noteAt } : {}),
      ...(c.kind === 'move'
        ? {
            from: origin?.at && origin.line ? placeLabel(map, origin.line) : null,
            ...(origin?.at ? { at: origin.at } : {}),
            fromLine: origin?.point?.line ?? null,
            fromColumn: origin?.point?.column ?? null,
          }
        : {}),
    };
  });
}

/**
 * Where a moved block stood in the last round: the first of its old places (the same place, told by
 * each neighbour) that is printed, as a point on its line, and that place in this round's
 * manuscript (the neighbour's first character, or just after its last), printed or not.
 */
function originOf(
  map: TextMap,
  origins: NonNullable<RawChange['origins']>,
): ReturnType<typeof pointAt> & { point?: { line: number; column: number } } {
  let point: { line: number; column: number } | undefined;
  for (const o of origins) {
    const unit = map.unit(o.block);
    if (!point && unit) {
      const src = o.at > 0 ? map.source(o.block, o.at - 1, o.at) : map.source(o.block, 0, 1);
      if (src) point = map.points.point(o.at > 0 ? src.end : src.start);
    }
    const p = pointAt(map, o.block, o.at);
    if (p.at && p.line) return { ...p, point: point ?? undefined };
  }
  return point ? { point } : {};
}

/**
 * The point in this round's page where text of a block stood, as a zero-width box on its line: at
 * character `from` of the block, or, at the end of its block (a headline's or a caption's last
 * words, a list's last item), just after its last character, when that is printed (not in overset text).
 */
function pointAt(map: TextMap, block: string, from: number): { at?: Box; line?: Piece['line']; after?: number } {
  const unit = map.unit(block);
  const printedLength = unit?.text.length ?? 0;
  const p = from < printedLength ? map.range(block, from, from + 1)[0] : undefined;
  if (p) return { at: { ...map.rects([p])[0], width: 0 }, line: p.line };
  // A point among white space that prints nothing (the line breaks between a table's cells: a
  // cell emptied) or at the block's end: just after the last character printed before it. A cell
  // emptied was put at the next row's first cell, not on the page.
  if (unit) {
    const last = map.range(block, 0, from).at(-1);
    if (last && !unit.text.slice(last.to, from).trim()) {
      const box = map.rects([last])[0];
      return { at: { ...box, left: box.left + box.width, width: 0 }, line: last.line, after: last.to };
    }
  }
  return {};
}

/** A photo as a round keeps it: where its figure is in the manuscript and on the page, and its file's bytes' hash. */
export interface RoundPhoto extends Box {
  /** manuscript line of its figure */
  block: number;
  src?: string;
  sha256?: string;
}

/**
 * Photos of the last round that this round does not print (their figure deleted, no photo of this
 * round in the same file or with the same picture), each a deletion marked where the photo stood (a
 * red bar down its left edge, 删N: the page's geometry is the same from round to round): with its
 * caption, which was otherwise a deleted text with no place on the page, listed on the findings
 * sheet only, and a photo without a caption was not said at all. `changes` are the text changes:
 * the caption deletions these stand for are taken out of them, and all are numbered again.
 */
export function photoDeletions(
  before: RoundPhoto[] | undefined,
  after: RoundPhoto[],
  captions: Map<number, string>,
  changes: Change[],
  /** where the figure of the last round's manuscript line `block` stood in this round's manuscript, when that can be told */
  stood: (block: number) => { line: number; column: number } | undefined = () => undefined,
): Change[] {
  const out = [...changes];
  for (const p of before ?? []) {
    if (!p.src) continue; // a proof that kept no photo's file: nothing to tell it by
    const still = after.find((a) => a.src === p.src || (p.sha256 && a.sha256 === p.sha256));
    if (still) {
      // A figure of the text's flow that stands elsewhere now (its caption changed, or none): its
      // block went from one place, and the photo is still printed, at another. It was an empty
      // deletion (删N with no text) where it stood; it is a move of the photo, 移N on it, 移N原处 there.
      const left = out.findIndex((c) => c.kind === 'delete' && c.was === `block:${p.block}`);
      if (left < 0) continue;
      const [gone] = out.splice(left, 1);
      const caption = gone.deleted?.trim();
      out.push({
        n: 0,
        kind: 'move',
        text: caption ? `图片 ${still.src ?? p.src}（${caption}）` : `图片 ${still.src ?? p.src}`,
        line: still.block,
        column: 1,
        place: { page: still.page, label: '图片' },
        boxes: [{ page: still.page, left: still.left, top: still.top, width: still.width, height: still.height }],
        ...(gone.at ? { at: gone.at } : {}),
        from: gone.place,
        fromLine: gone.line,
        fromColumn: gone.column,
      });
      continue;
    }
    const caption = (captions.get(p.block) ?? '').trim();
    // A figure in the text's flow was a block of the flow too (its caption its text, or none): its
    // deletion is the photo's, placed where the figure stood in the text (the text has closed up
    // over where the photo was, so that box now holds other lines). It was a second, empty 删N.
    const inFlow = out.findIndex((c) => c.kind === 'delete' && c.was === `block:${p.block}`);
    if (inFlow >= 0) {
      const [figure] = out.splice(inFlow, 1);
      const text = caption || figure.deleted?.trim();
      out.push({ ...figure, deleted: text ? `图片 ${p.src}（${text}）` : `图片 ${p.src}` });
      continue;
    }
    const gone = caption ? out.findIndex((c) => c.kind === 'delete' && !c.place && c.deleted?.trim() === caption) : -1;
    // Its place in the manuscript: where its caption's deletion was placed, or where the figure
    // stood (a note on the photo that went is about that place, not about no line).
    const [captionGone] = gone >= 0 ? out.splice(gone, 1) : [];
    const at = captionGone?.line ? { line: captionGone.line, column: captionGone.column ?? 1 } : stood(p.block);
    out.push({
      n: 0,
      kind: 'delete',
      text: '',
      deleted: caption ? `图片 ${p.src}（${caption}）` : `图片 ${p.src}`,
      line: at?.line ?? null,
      column: at?.column ?? null,
      place: { page: p.page, label: '图片' },
      boxes: [],
      // inside the photo's left edge: an empty slot's frame is drawn on the edge itself
      at: { page: p.page, left: p.left + 3, top: p.top, width: 0, height: p.height },
    });
  }
  return out.map((c, i) => ({ ...c, n: i + 1 }));
}

/**
 * Photos whose picture the last round did not have: each photo of this round whose file's bytes no
 * photo of the last round had, placed on the photo (a replaced photo prints no other change: its
 * caption and its name may stay the same). Nothing when the last round's proof kept no photo
 * hashes (made before they were kept). Numbered from `first`.
 */
export function photoChanges(before: RoundPhoto[] | undefined, after: RoundPhoto[], first: number): Change[] {
  if (!before?.some((p) => p.sha256)) return [];
  const seen = new Set(before.map((p) => p.sha256).filter(Boolean));
  const out: Change[] = [];
  const reported = new Set<string>();
  for (const p of after) {
    if (!p.sha256 || seen.has(p.sha256) || reported.has(`${p.block}:${p.sha256}`)) continue;
    reported.add(`${p.block}:${p.sha256}`);
    const same = p.src ? before.find((b) => b.src === p.src) : undefined;
    out.push({
      n: first + out.length,
      kind: 'photo',
      text: p.src ?? '',
      ...(same?.src ? { deleted: same.src } : {}),
      line: p.block,
      column: 1,
      place: { page: p.page, label: '图片' },
      boxes: [{ page: p.page, left: p.left, top: p.top, width: p.width, height: p.height }],
    });
  }
  return out;
}
