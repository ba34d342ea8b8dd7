// The CJK text rules, each defined once:
// - which half-width marks in a string stand in Chinese context and should be full-width: shared by
//   the typesetting plugin (which converts them in the output), the `half-width-punctuation` check
//   (which reports them) and `check --fix` (which rewrites the manuscript);
// - which line breaks in running text are not word spaces (a break between two CJK characters):
//   shared by the typesetting plugin, the checks' text blocks and the series file's long texts;
// - which half-width spaces stand between two Chinese characters or marks (cjkSpaces): the
//   `cjk-space` check reports them, --fix and the typesetter drop those beside a mark.
import { afterDateline, betweenPhrases, CREDIT_PHRASE, inNameList, phraseAround } from './cjk-phrases.js';

export const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

/** The marks of FULL_WIDTH by character code (all are ASCII). */
const HALF_WIDTH = new Uint8Array(128);
for (const c of Object.keys(FULL_WIDTH)) HALF_WIDTH[c.charCodeAt(0)] = 1;

export interface PunctuationChange {
  /** Index in the string (UTF-16 code units). */
  index: number;
  from: string;
  to: string;
}

const HAN = /\p{Script=Han}/u;
// Full-width and CJK punctuation, plus the curly quotes, dashes and ellipsis Chinese text uses.
const CJK_PUNCT =
  /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2014\u2026\u201C\u201D\u2018\u2019\u00B7\u300A-\u300F]/;
const DIGIT = /[0-9０-９]/;
// A figure's last character, and what a figure is made of (1,450,000 · 10:30 · 2.5 · 5%).
const FIGURE_END = /[0-9０-９%‰]/;
const FIGURE = /[0-9０-９%‰.,:]/;
const BLANK = /[ \t]/;
// What a URL or an e-mail address is made of. The ranges are found by a linear scan around each
// `://`, `www.` and `@` (a regular expression for the same text backtracks from every position of
// a long word: one 100 KB word took 48 s).
const URL_TAIL = /[^\s\u3000-\u303F\uFF00-\uFFEF\u4E00-\u9FFF“”]/;
const SCHEME = /[a-z0-9+.-]/i;
const LETTER = /[a-z]/i;
const LOCAL = /[\w.+-]/;
const LABEL = /[\w-]/;

/**
 * Where an address that runs to `end` really ends, as GFM ends a bare URL: without trailing ASCII
 * punctuation (? ! . , : * _ ~) and without a `)` it does not open (`(https://a.cn/x)`); never
 * before `min`.
 */
function trimAddress(s: string, start: number, end: number, min: number): number {
  let open = 0;
  let close = 0;
  for (let i = start; i < end; i++) {
    if (s[i] === '(') open++;
    else if (s[i] === ')') close++;
  }
  while (end > min) {
    const c = s[end - 1];
    if ('?!.,:*_~'.includes(c)) end--;
    else if (c === ')' && close > open) {
      end--;
      close--;
    } else break;
  }
  return end;
}

/**
 * The length of the bare address `text` starts with (a GFM literal link's text): it ends at white
 * space or the first Chinese character or mark, as protectedRanges ends it, less trailing punctuation.
 */
export function bareAddressLength(text: string): number {
  return trimAddress(text, 0, runEnd(text, 0, URL_TAIL), 0);
}

export const isHan = (c: string | undefined): boolean => !!c && HAN.test(c);
export const isCjk = (c: string | undefined): boolean => !!c && (HAN.test(c) || CJK_PUNCT.test(c));

function charBefore(s: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const code = s.charCodeAt(i - 1);
  // A Han character outside the BMP is a surrogate pair; read it whole.
  if (code >= 0xdc00 && code <= 0xdfff && i >= 2) return s.slice(i - 2, i);
  return s[i - 1];
}

function charAfter(s: string, i: number): string | undefined {
  if (i + 1 >= s.length) return undefined;
  return String.fromCodePoint(s.codePointAt(i + 1)!);
}

/** The end of a run of characters matching `re` from `i` (i itself when none does). */
function runEnd(s: string, i: number, re: RegExp): number {
  while (i < s.length && re.test(s[i])) i++;
  return i;
}

function runStart(s: string, i: number, re: RegExp): number {
  while (i > 0 && re.test(s[i - 1])) i--;
  return i;
}

/**
 * Whether a link's text is its own address: an autolink `<http://…>`, or a bare URL, `www.…` or
 * e-mail address that GFM makes a link. Its marks belong to the address (`<http://a.cn/中,文>`),
 * which markdown has already delimited, so neither the output nor --fix may touch them.
 */
export function isAddressText(text: string, href: string): boolean {
  let decoded = href;
  try {
    decoded = decodeURI(href);
  } catch {
    // a malformed %-escape: compare as written
  }
  return [href, decoded].some((h) => h === text || h === `mailto:${text}` || h === `http://${text}`);
}

/**
 * Ranges [start, end) of URLs (`scheme://…`, `www.…`) and e-mail addresses, whose marks are never
 * touched, in order and without overlaps. Linear in the string's length.
 */
export function protectedRanges(s: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  // scheme://tail: the scheme is the letters, digits and + . - before `://`, starting at a letter.
  // A `://` or `www.` inside a URL already found is part of it: skipping it keeps the scan linear.
  let covered = 0;
  for (let k = s.indexOf('://'); k >= 0; k = s.indexOf('://', Math.max(k + 3, covered))) {
    let start = runStart(s, k, SCHEME);
    while (start < k && !LETTER.test(s[start])) start++;
    const end = trimAddress(s, start, runEnd(s, k + 3, URL_TAIL), k + 3);
    if (start < k && end > k + 3) {
      found.push([start, end]);
      covered = end;
    }
  }
  covered = 0;
  for (const m of s.matchAll(/www\./gi)) {
    if (m.index < covered) continue;
    const end = trimAddress(s, m.index, runEnd(s, m.index + 4, URL_TAIL), m.index + 4);
    if (end > m.index + 4) {
      found.push([m.index, end]);
      covered = end;
    }
  }
  // local@label.label…: at least two labels after the @, each one or more word characters or hyphens.
  for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
    const start = runStart(s, at, LOCAL);
    let end = runEnd(s, at + 1, LABEL);
    if (start === at || end === at + 1) continue;
    let labels = 1;
    while (s[end] === '.' && LABEL.test(s[end + 1] ?? '')) {
      end = runEnd(s, end + 1, LABEL);
      labels++;
    }
    if (labels >= 2) found.push([start, end]);
  }
  // In order, overlaps merged: the callers walk them with one pointer.
  found.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of found) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * Find the half-width `, ; : ? ! ( )` that belong to Chinese text. A mark belongs to Chinese text
 * when the character before it is Han or CJK punctuation, or when Han follows it at once, or when it
 * follows a figure in Chinese text (于10:30, 地点). Marks after a Latin letter (an English phrase), between digits (1,000, 10:30) or
 * inside a URL stay half-width. A `)` follows the decision made for its `(`.
 */
export function findHalfWidthPunctuation(s: string): PunctuationChange[] {
  const changes: PunctuationChange[] = [];
  const guarded = protectedRanges(s);
  // The marks are visited in order, so one pointer walks the ranges.
  let g = 0;
  const inGuard = (i: number) => {
    while (g < guarded.length && guarded[g][1] <= i) g++;
    return g < guarded.length && guarded[g][0] <= i;
  };
  const opens: Array<{ index: number; convert: boolean }> = [];
  for (let i = 0; i < s.length; i++) {
    // By code, not `s[i] in FULL_WIDTH`: that made a string of every Han character of the text
    // and looked it up by name (most of loadArticle's time in this function).
    const code = s.charCodeAt(i);
    if (code >= 128 || !HALF_WIDTH[code] || inGuard(i)) continue;
    const c = s[i];
    const prev = charBefore(s, i);
    const next = charAfter(s, i);
    let convert: boolean;
    if (c === '(') {
      convert = isCjk(prev) || isHan(next) || spacedInChinese(s, i);
      opens.push({ index: i, convert });
    } else if (c === ')') {
      const open = opens.pop();
      convert = open ? open.convert : isCjk(prev) || spacedInChinese(s, i);
    } else {
      if (DIGIT.test(prev ?? '') && DIGIT.test(next ?? '')) continue;
      const latinBefore = !!prev && /[A-Za-z]/.test(prev);
      // After a Latin letter the mark ends the Latin phrase unless Han follows at once (Python,是).
      convert =
        isCjk(prev) ||
        isHan(next) ||
        (!latinBefore && isCjk(next)) ||
        spacedInChinese(s, i) ||
        inChineseAfterFigure(s, i, (j) => changes.at(-1)?.index === j);
    }
    if (convert) changes.push({ index: i, from: c, to: FULL_WIDTH[c] });
  }
  return changes;
}

/**
 * A mark typed with spaces round it between Chinese on both sides (人事事项 ( 免去…职务 ) 。,
 * 会议 , 他说): neither neighbour is Chinese, but the text nearest it past the spaces is, on
 * both sides. A space on one side only, or Latin or a figure past the spaces (事项 (Python), 第 3 ,),
 * leaves it to the other tests. Each scan stops at the spaces' end: linear overall.
 */
function spacedInChinese(s: string, i: number): boolean {
  if (!BLANK.test(s[i - 1] ?? '') && !BLANK.test(s[i + 1] ?? '')) return false;
  const after = runEnd(s, i + 1, BLANK);
  return isCjk(charBefore(s, runStart(s, i, BLANK))) && after < s.length && isCjk(String.fromCodePoint(s.codePointAt(after)!));
}

/**
 * A mark after a figure, typed English fashion with a space after it (会议定于10:30, 地点在市政府;
 * 增长5%, 达到): neither neighbour is Chinese, but the figure stands in Chinese text when Han follows
 * the space and, before the figure (spaces round it allowed: 定于 9:00, 请), Chinese text, a mark of
 * Chinese text this scan has made full-width (`converted`: 开始; 5%, 是), or nothing: a figure that starts
 * the text (2023, 地点在…; 10:30, 会议…), which is a paragraph's or a heading's. A figure of English
 * text (3, 4 and 5; Room 3; 英文; 2023, Beijing) has a Latin letter or nothing Chinese on one side and
 * keeps its mark. Each scan stops at the figure's or the spaces' end: linear overall.
 */
function inChineseAfterFigure(s: string, i: number, converted: (index: number) => boolean): boolean {
  if (!FIGURE_END.test(s[i - 1] ?? '') || !BLANK.test(s[i + 1] ?? '')) return false;
  const after = runEnd(s, i + 1, BLANK);
  if (!isHan(String.fromCodePoint(s.codePointAt(after) ?? 0x20))) return false;
  const start = runStart(s, runStart(s, i, FIGURE), BLANK);
  return start === 0 || isCjk(charBefore(s, start)) || converted(start - 1);
}

/**
 * How many spaces were typed after a half-width mark at `index`, English fashion (句子: Hello, 他说, 好的),
 * before more text: they go when the mark is made full-width (it carries its own space); a `(` takes
 * none after it, and spaces ending the text are not the mark's. The typesetter and the check's --fix
 * both drop these, so what prints is what --fix writes.
 */
export function spacesTypedAfter(s: string, index: number, mark: string): number {
  if (mark === '(') return 0;
  return /^[ \t]+(?=\S)/.exec(s.slice(index + 1, index + 17))?.[0].length ?? 0;
}

/** The string with every Chinese-context half-width mark made full-width. */
export function toFullWidthPunctuation(s: string): string {
  const changes = findHalfWidthPunctuation(s);
  if (changes.length === 0) return s;
  let out = '';
  let last = 0;
  for (const ch of changes) {
    out += s.slice(last, ch.index) + ch.to;
    last = ch.index + 1;
  }
  return out + s.slice(last);
}

// A line break in running text, with the spaces and tabs around it.
const LINE_BREAK = /[ \t]*\r?\n[ \t]*/g;

export interface LineBreak {
  /** Index of the break's first character (a space or tab before it, or the newline). */
  index: number;
  /** Characters the break spans, spaces around it included. */
  length: number;
  /** Between two CJK characters: not a word space in Chinese, so it is dropped, not made a space. */
  betweenCjk: boolean;
}

/** Every line break in a text, and whether it stands between two CJK characters. */
export function lineBreaks(text: string): LineBreak[] {
  return [...text.matchAll(LINE_BREAK)].map((m) => ({
    index: m.index!,
    length: m[0].length,
    betweenCjk: isCjk(text[m.index! - 1]) && isCjk(text[m.index! + m[0].length]),
  }));
}

/** Lines of a long text joined as in the manuscript: nothing between CJK characters, a space elsewhere. */
export function joinLines(text: string): string {
  let out = '';
  let last = 0;
  for (const b of lineBreaks(text)) {
    out += text.slice(last, b.index) + (b.betweenCjk ? '' : ' ');
    last = b.index + b.length;
  }
  return out + text.slice(last);
}

/** Spaces, tabs and no-break spaces (a line break between Chinese characters is not a space: lineBreaks; U+3000 is the full-width-space rule's). */
const CJK_SPACE = /[ \t\u00A0]+/g;

export interface CjkSpace {
  /** The run of spaces: [start, end). */
  start: number;
  end: number;
  /** Beside a Chinese mark (会议召开 。, 他说： “好。”): the mark carries its own space. Else between two Han characters (政协 委员). */
  besideMark: boolean;
}

/**
 * The half-width spaces typed between two Chinese characters or marks (会议召开 。, 政协 委员) that no
 * phrase of Chinese text keeps: not a credit's (本报记者 张悦), a list of names after a colon, the space
 * after a 电头, the phrases of a title or a slogan between two Han characters (“京蒙协作 政协助力”), nor
 * the spaces round a single — (dash-typed's, whose --fix writes —— without them); not beside a
 * full-width space. The `cjk-space` check reports these (--fix deletes those beside a mark); the
 * typesetter prints none beside a mark, so what prints is what --fix writes.
 */
export function cjkSpaces(s: string): CjkSpace[] {
  const out: CjkSpace[] = [];
  for (const m of s.matchAll(CJK_SPACE)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = s[start - 1];
    const after = s[end];
    if (!isCjk(before) || !isCjk(after) || before === '\u3000' || after === '\u3000') continue;
    if ((before === '—' && s[start - 2] !== '—') || (after === '—' && s[end + 1] !== '—')) continue;
    if (CREDIT_PHRASE.test(phraseAround(s, start, end).trim()) || inNameList(s, start, end) || afterDateline(s, start)) continue;
    const besideMark = !isHan(before) || !isHan(after);
    if (besideMark || !betweenPhrases(s, start)) out.push({ start, end, besideMark });
  }
  return out;
}
