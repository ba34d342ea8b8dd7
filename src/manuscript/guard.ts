// The guard before the parser: one linear pass over the text that refuses input the parser and the
// stages after it cannot handle in bounded time and memory. The markdown parser's cost grows faster
// than linearly with nesting (20,000 nested `>` or 10,000 `*` overflow the stack; 1,600 nested
// `![` take 13 s), and one paragraph of hundreds of kilobytes takes the checks and the browser
// down. What it measures is an estimate, made without parsing:
// - block nesting per line: `>` and list markers at the line's start, plus the indentation before
//   and between them (a nested list item is indented at least two columns per level);
// - inline nesting per paragraph: emphasis runs (`*`, `_`, `~`) opened and not yet closed, and
//   brackets (`[`, `![`) not yet closed;
// - paragraph length: a run of lines without a blank line or a new block;
// - blocks: paragraphs, headings, list items, table rows, footnote definitions (the parser holds
//   some 15 KB per block while it works, whatever the block's length: 1 MB of one-word list items
//   took 2 minutes and 3.7 GB);
// - markup: lines, and the characters that open inline markup (* _ ~ ` [ ] < & \ |): the parser
//   holds a token or more for each (1 MB of one-character lines held 1.7 GB; 10 MB would hold 17).
// It refuses nesting only at twice the limit: the parser is fast up to there, and after parsing,
// src/markdown/nesting.ts measures the tree exactly against the limit itself.
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { lineColumn } from '../core/input-error.js';
import type { Limits } from '../config/limits.js';

export type RefusalRule = 'nesting-too-deep' | 'paragraph-too-long' | 'too-many-blocks' | 'too-much-markup';

export interface Refusal {
  ruleId: RefusalRule;
  /** UTF-16 offset in the text where the limit is passed. */
  offset: number;
  reason: string;
  /** what the writer can do, when not the rule's own advice (the front matter is no paragraph) */
  how?: string;
}

/** The end of the front matter (its closing --- line included) when the text opens with one, else 0. */
function frontMatterEnd(text: string): number {
  if (!/^---[ \t]*\r?\n/.test(text)) return 0;
  const close = /^---[ \t]*$/m;
  const rest = text.slice(text.indexOf('\n') + 1);
  const m = close.exec(rest);
  if (!m) return 0;
  const end = text.indexOf('\n') + 1 + m.index + m[0].length;
  return end < text.length ? end + 1 : end;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09;
const isEol = (c: number) => c === 0x0a || c === 0x0d || Number.isNaN(c);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** A fence line (``` or ~~~ after at most three spaces): its character and length, else undefined. */
function fenceAt(text: string, start: number): { char: number; length: number } | undefined {
  let p = start;
  while (p - start < 3 && text.charCodeAt(p) === 0x20) p++;
  const c = text.charCodeAt(p);
  if (c !== 0x60 && c !== 0x7e) return undefined;
  let n = 0;
  while (text.charCodeAt(p + n) === c) n++;
  return n >= 3 ? { char: c, length: n } : undefined;
}

/** A thematic break (three or more of one of `* - _`, spaces allowed, nothing else): not nesting. */
function isThematicBreak(text: string, start: number, end: number): boolean {
  let mark = 0;
  let count = 0;
  for (let p = start; p < end; p++) {
    const c = text.charCodeAt(p);
    if (isSpace(c) || c === 0x0d) continue;
    if (c !== 0x2a && c !== 0x2d && c !== 0x5f) return false;
    if (mark && c !== mark) return false;
    mark = c;
    count++;
  }
  return count >= 3;
}

interface Prefix {
  /** Estimated nesting of the line's block containers. */
  depth: number;
  /** Where the line's content starts, after the containers. */
  content: number;
  /** The line opens a list item (so it starts a new block). */
  item: boolean;
}

/** Block containers at the start of a line: `>` and list markers, and the indentation between them. */
function linePrefix(text: string, start: number): Prefix {
  let p = start;
  let markers = 0;
  let columns = 0;
  let item = false;
  for (;;) {
    while (isSpace(text.charCodeAt(p))) {
      columns += text.charCodeAt(p) === 0x09 ? 4 : 1;
      p++;
    }
    const c = text.charCodeAt(p);
    if (c === 0x3e) {
      markers++;
      p++;
      continue;
    }
    if ((c === 0x2d || c === 0x2b || c === 0x2a) && (isSpace(text.charCodeAt(p + 1)) || isEol(text.charCodeAt(p + 1)))) {
      markers++;
      item = true;
      p++;
      continue;
    }
    if (isDigit(c)) {
      let q = p;
      while (q - p < 9 && isDigit(text.charCodeAt(q))) q++;
      const d = text.charCodeAt(q);
      if ((d === 0x2e || d === 0x29) && (isSpace(text.charCodeAt(q + 1)) || isEol(text.charCodeAt(q + 1)))) {
        markers++;
        item = true;
        p = q + 1;
        continue;
      }
    }
    break;
  }
  // Each marker may be followed by one space of its own; the rest of the indentation can only come
  // from nesting, two columns a level at least. Indentation alone (no marker) does not nest.
  const depth = markers ? markers + Math.floor(Math.max(0, columns - markers) / 2) : 0;
  return { depth, content: p, item };
}

/**
 * The first place where the text passes a limit, or undefined. Linear in the text's length, with
 * constant memory besides the text.
 */
export function measureText(
  text: string,
  limits: Pick<Limits, 'maxNesting' | 'maxParagraphChars' | 'maxBlocks' | 'maxMarkup'>,
): Refusal | undefined {
  const nestingCeiling = 2 * limits.maxNesting;
  let fence: { char: number; length: number } | undefined;
  let runStart = -1;
  let blocks = 0;
  let markup = 0;
  const tooMuchMarkup = (offset: number): Refusal => ({
    ruleId: 'too-much-markup',
    offset,
    reason: `The manuscript has more than ${limits.maxMarkup.toLocaleString('en')} lines and markup characters (* _ ~ \` [ ] < & \\ |); this is where it passes the limit`,
  });
  // Inline state of the current paragraph: emphasis characters opened and not closed, per marker, and brackets.
  const open = { 42: 0, 95: 0, 126: 0 } as Record<number, number>;
  let brackets = 0;
  const endRun = () => {
    runStart = -1;
    open[0x2a] = open[0x5f] = open[0x7e] = 0;
    brackets = 0;
  };
  // The front matter is YAML, not paragraphs: measured as a whole (its values are one-line facts),
  // not as markdown (it said "This paragraph runs past 20,000 characters … break it into paragraphs
  // with blank lines", and counted YAML's [ and { as emphasis and brackets). Its lines still count.
  const matterEnd = frontMatterEnd(text);
  if (matterEnd > limits.maxParagraphChars) {
    return {
      ruleId: 'paragraph-too-long',
      offset: 0,
      reason: `The front matter runs past ${limits.maxParagraphChars.toLocaleString('en')} characters`,
      how: 'keep to one-line values (headline, byline, date …) there, and put long text in the body',
    };
  }
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (++markup > limits.maxMarkup) return tooMuchMarkup(start);
    if (start < matterEnd) {
      start = next;
      continue;
    }
    const f = fenceAt(text, start);
    if (fence) {
      // Inside fenced code nothing nests; it ends at a fence of the same character, at least as long.
      if (f && f.char === fence.char && f.length >= fence.length) fence = undefined;
      start = next;
      continue;
    }
    if (f) {
      fence = f;
      endRun();
      start = next;
      continue;
    }
    let blank = true;
    for (let p = start; p < end; p++) {
      if (!isSpace(text.charCodeAt(p)) && text.charCodeAt(p) !== 0x0d) {
        blank = false;
        break;
      }
    }
    if (blank) {
      endRun();
      start = next;
      continue;
    }
    if (isThematicBreak(text, start, end)) {
      endRun();
      start = next;
      continue;
    }
    const prefix = linePrefix(text, start);
    if (prefix.depth > nestingCeiling) {
      return {
        ruleId: 'nesting-too-deep',
        offset: start,
        reason: `Block quotes and lists are nested about ${prefix.depth} deep here`,
      };
    }
    const first = text.charCodeAt(prefix.content);
    // A list item, a heading, a table row or a footnote definition starts a block of its own.
    const opens = prefix.item || first === 0x23 /* # */ || first === 0x7c /* | */ || text.startsWith('[^', prefix.content);
    if (opens) endRun();
    if (runStart < 0) {
      runStart = start;
      if (++blocks > limits.maxBlocks) {
        return {
          ruleId: 'too-many-blocks',
          offset: start,
          reason: `The manuscript has more than ${limits.maxBlocks.toLocaleString('en')} blocks (paragraphs, headings, list items, table rows, footnotes); this is where it passes the limit`,
        };
      }
    }
    if (end - runStart > limits.maxParagraphChars) {
      return {
        ruleId: 'paragraph-too-long',
        offset: runStart,
        reason: `This paragraph runs past ${limits.maxParagraphChars.toLocaleString('en')} characters without a blank line`,
      };
    }
    // Inline nesting: delimiter runs and brackets, with backslash escapes skipped.
    for (let p = prefix.content; p < end; p++) {
      const c = text.charCodeAt(p);
      let run = p;
      if (c === 0x5c) {
        markup++;
        p++;
        continue;
      }
      if (c === 0x60 || c === 0x3c || c === 0x26 || c === 0x7c) {
        markup++;
        continue;
      }
      if (c === 0x5b || c === 0x5d) markup++;
      if (c === 0x5b) brackets++;
      else if (c === 0x5d) brackets = Math.max(0, brackets - 1);
      else if (c === 0x2a || c === 0x5f || c === 0x7e) {
        run = p;
        let q = p;
        while (q < end && text.charCodeAt(q) === c) q++;
        const n = q - p;
        markup += n;
        const before = p > prefix.content ? text.charCodeAt(p - 1) : Number.NaN;
        const after = q < end ? text.charCodeAt(q) : Number.NaN;
        const opens = !Number.isNaN(after) && !isSpace(after) && after !== 0x0d;
        const closes = !Number.isNaN(before) && !isSpace(before);
        if (closes && (!opens || open[c] > 0)) open[c] = Math.max(0, open[c] - n);
        else if (opens) open[c] += n;
        p = q - 1;
      } else continue;
      // A nesting level takes one character on each side at least (`*`), two for strong emphasis.
      const depth = Math.ceil((open[0x2a] + open[0x5f] + open[0x7e]) / 2) + brackets + prefix.depth;
      if (depth > nestingCeiling) {
        return {
          ruleId: 'nesting-too-deep',
          offset: run,
          reason: `Emphasis (* _ ~) and brackets ([ ![) are opened about ${depth} deep here without being closed`,
        };
      }
    }
    if (markup > limits.maxMarkup) return tooMuchMarkup(start);
    start = next;
  }
  return undefined;
}

/** Where each refusal's limit is set, and what the writer can do about it. */
const LIMIT_OF: Record<RefusalRule | 'input-too-large', { key: keyof Limits; how: string }> = {
  'input-too-large': { key: 'maxInputBytes', how: 'split the manuscript into several files' },
  'nesting-too-deep': { key: 'maxNesting', how: 'flatten the quotes, lists or emphasis' },
  'paragraph-too-long': { key: 'maxParagraphChars', how: 'break it into paragraphs with blank lines' },
  'too-many-blocks': { key: 'maxBlocks', how: 'split the manuscript into several files' },
  'too-much-markup': { key: 'maxMarkup', how: 'split the manuscript into several files' },
};

/**
 * Refuse the manuscript: one error finding at `place` naming the limit and where it is set, and
 * `refused` on the file so that nothing after reading works on it.
 */
export function refuse(
  file: VFile,
  ruleId: RefusalRule | 'input-too-large',
  reason: string,
  place: Point | Position | undefined,
  limits: Limits,
  advice?: string,
): VFileMessage {
  const { key, how: ruleHow } = LIMIT_OF[ruleId];
  const how = advice ?? ruleHow;
  const message = file.message(
    `${reason}; the limit is ${limits[key].toLocaleString('en')} (limits.${key} in manuscript/config.yaml): ${how}. ` +
      'The manuscript was not read further',
    { place, ruleId, source: FINDINGS_SOURCE },
  );
  message.fatal = true;
  const data = (file.data.manuscript ??= { root: file.dirname ?? process.cwd(), outputName: file.stem ?? 'manuscript' });
  data.refused = true;
  return message;
}

// Files whose text has passed the guard (reading guards, and parsing guards text handed in directly).
const guarded = new WeakMap<VFile, string>();

/** Run the guard on a manuscript's text; true when it was refused (the finding is on the file). */
export function guardManuscript(file: VFile, limits: Limits): boolean {
  if (file.data.manuscript?.refused) return true;
  const text = String(file.value ?? '');
  if (guarded.get(file) === text) return false;
  guarded.set(file, text);
  const found = measureText(text, limits);
  if (!found) return false;
  refuse(file, found.ruleId, found.reason, lineColumn(text, found.offset), limits, found.how);
  return true;
}
