// The CJK text rules, each defined once:
// - which half-width marks in a string stand in Chinese context and should be full-width: shared by
//   the typesetting plugin (which converts them in the output), the `half-width-punctuation` check
//   (which reports them) and `check --fix` (which rewrites the manuscript);
// - which line breaks in running text are not word spaces (a break between two CJK characters):
//   shared by the typesetting plugin, the checks' text blocks and the series file's long texts.

export const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

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
const URLISH = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s\u3000-\u303F\uFF00-\uFFEF\u4E00-\u9FFF“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

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

/** Ranges (start, end) of URLs and e-mail addresses, whose marks are never touched. */
function protectedRanges(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of s.matchAll(URLISH)) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

/**
 * Find the half-width `, ; : ? ! ( )` that belong to Chinese text. A mark belongs to Chinese text
 * when the character before it is Han or CJK punctuation, or when Han follows it at once. Marks after a Latin letter (an English phrase), between digits (1,000, 10:30) or
 * inside a URL stay half-width. A `)` follows the decision made for its `(`.
 */
export function findHalfWidthPunctuation(s: string): PunctuationChange[] {
  const changes: PunctuationChange[] = [];
  const guarded = protectedRanges(s);
  const inGuard = (i: number) => guarded.some(([a, b]) => i >= a && i < b);
  const opens: Array<{ index: number; convert: boolean }> = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!(c in FULL_WIDTH) || inGuard(i)) continue;
    const prev = charBefore(s, i);
    const next = charAfter(s, i);
    let convert: boolean;
    if (c === '(') {
      convert = isCjk(prev) || isHan(next);
      opens.push({ index: i, convert });
    } else if (c === ')') {
      const open = opens.pop();
      convert = open ? open.convert : isCjk(prev);
    } else {
      if (DIGIT.test(prev ?? '') && DIGIT.test(next ?? '')) continue;
      const latinBefore = !!prev && /[A-Za-z]/.test(prev);
      // After a Latin letter the mark ends the Latin phrase unless Han follows at once (Python,是).
      convert = isCjk(prev) || isHan(next) || (!latinBefore && isCjk(next));
    }
    if (convert) changes.push({ index: i, from: c, to: FULL_WIDTH[c] });
  }
  return changes;
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
