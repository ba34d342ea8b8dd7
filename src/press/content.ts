// A PDF content stream as operators and their operands (PDF 32000-1, 7.8.2), for the two passes
// that need them: the colour rewrite before writing and the preflight that reads the file back.
// Strings, hex strings, dictionaries, arrays, comments and inline images are skipped whole, so that
// text bytes that happen to read "0 0 0 rg" are never taken for an operator.

export interface Operation {
  op: string;
  /** operand tokens as written (numbers, names, strings, arrays, dictionaries) */
  args: string[];
  /** the operands as numbers (NaN for one that is not), for the operators asked for (scanOperations) */
  values: number[];
  /** byte offsets of the whole operation (first operand to the end of the operator) */
  start: number;
  end: number;
}

// Character classes of PDF's lexer, by byte: 1 white-space, 2 delimiter, 0 regular.
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const regular = (c: number) => c > 255 || CLASS[c] === 0;

/** Every operation in a decoded content stream (bytes as latin1 text: one character per byte), with its operands. */
export function operations(text: string): Operation[] {
  const ops: Operation[] = [];
  scanOperations(text, (o) => ops.push({ ...o }));
  return ops;
}

const NO_ARGS = Object.freeze([]) as unknown as string[];
const NO_VALUES = Object.freeze([]) as unknown as number[];

/**
 * Calls `visit` for every operation of a decoded content stream, in order, with one Operation
 * object that is reused from call to call (copy what you keep). The operands are read as text only
 * for the operators in `withArgs` (all when it is not given), the others get an empty list: a page
 * of Chinese text is a million operations (one BT … ET per glyph or two, each in its own font
 * slice), and the passes that read it need the operands of a few thousand. The operators in
 * `withValues` get their operands as numbers too, read without making strings of them.
 */
export function scanOperations(
  text: string,
  visit: (o: Operation) => void,
  withArgs?: ReadonlySet<string>,
  withValues?: ReadonlySet<string>,
): void {
  const o: Operation = { op: '', args: NO_ARGS, values: NO_VALUES, start: 0, end: 0 };
  // start and end offsets of the operands since the last operator
  const bounds: number[] = [];
  let nb = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 256 && CLASS[c] === 1) {
      i++;
      continue;
    }
    if (c === 0x25) {
      // % comment to the end of the line
      while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
      continue;
    }
    const start = i;
    if (c === 0x28) i = skipString(text, i);
    else if (c === 0x3c && text.charCodeAt(i + 1) === 0x3c) i = skipNested(text, i, true);
    else if (c === 0x3c) i = text.indexOf('>', i) + 1 || n;
    else if (c === 0x5b) i = skipNested(text, i, false);
    else if (c === 0x2f) {
      i++;
      while (i < n && regular(text.charCodeAt(i))) i++;
    } else {
      // a number: optional sign, digits with at most one point, at least one digit
      let digits = 0;
      let points = 0;
      let other = false;
      if (c === 0x2b || c === 0x2d) i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) digits++;
        else if (d === 0x2e) points++;
        else if (d < 256 && CLASS[d] !== 0) break;
        else other = true;
        i++;
      }
      if (i === start) i++; // a stray delimiter
      if (other || points > 1 || digits === 0) {
        const word = opName(text, start, i);
        if (word !== 'true' && word !== 'false' && word !== 'null') {
          o.op = word;
          o.start = nb ? bounds[0] : start;
          o.end = i;
          o.args = nb && (!withArgs || withArgs.has(word)) ? operands(text, bounds, nb) : NO_ARGS;
          o.values = nb && withValues?.has(word) ? values(text, bounds, nb) : NO_VALUES;
          nb = 0;
          visit(o);
          if (word === 'ID') i = skipInlineImage(text, i);
          continue;
        }
      }
    }
    bounds[nb++] = start;
    bounds[nb++] = i;
  }
}

function operands(text: string, bounds: number[], nb: number): string[] {
  const args = new Array<string>(nb / 2);
  for (let k = 0; k < nb; k += 2) args[k / 2] = text.slice(bounds[k], bounds[k + 1]);
  return args;
}

/** The key of an operator name of up to three characters: its length and bytes. */
function nameKey(text: string, start: number, end: number): number {
  let key = end - start;
  for (let j = start; j < end; j++) key = key * 256 + text.charCodeAt(j);
  return key;
}

/**
 * PDF's operators (PDF 32000-1, Annex A) written out as literals: the names scanOperations hands
 * out are these very strings, which a visitor's `switch` then tells apart by identity instead of
 * comparing characters (a page is tens of thousands of operations, each tried against dozens of
 * cases).
 */
// biome-ignore format: one table
const OPERATORS = ['b', 'B', 'b*', 'B*', 'BDC', 'BI', 'BMC', 'BT', 'BX', 'c', 'cm', 'CS', 'cs', 'd', 'd0', 'd1', 'Do', 'DP', 'EI', 'EMC', 'ET', 'EX', 'f', 'F', 'f*', 'G', 'g', 'gs', 'h', 'i', 'ID', 'j', 'J', 'K', 'k', 'l', 'm', 'M', 'MP', 'n', 'q', 'Q', 're', 'RG', 'rg', 'ri', 's', 'S', 'SC', 'sc', 'SCN', 'scn', 'sh', 'T*', 'Tc', 'Td', 'TD', 'Tf', 'Tj', 'TJ', 'TL', 'Tm', 'Tr', 'Ts', 'Tw', 'Tz', 'v', 'w', 'W', 'W*', 'y', "'", '"'];

function values(text: string, bounds: number[], nb: number): number[] {
  const out = new Array<number>(nb / 2);
  for (let k = 0; k < nb; k += 2) out[k / 2] = numberAt(text, bounds[k], bounds[k + 1]);
  return out;
}

/** 10^0 … 10^22, each exact as a double */
const POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The operand text[start, end) as Number() reads it. A plain decimal of at most 15 digits (PDF
 * writers' numbers) is its digits as an integer, exact in a double, over an exact power of ten:
 * one correctly rounded division, the same double Number() gives; anything else goes to Number().
 */
export function numberAt(text: string, start: number, end: number): number {
  let i = start;
  const sign = text.charCodeAt(i);
  if (sign === 0x2d || sign === 0x2b) i++;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 0x2e && decimals < 0) decimals = 0;
    else return Number(text.slice(start, end));
  }
  if (digits === 0 || digits > 15) return Number(text.slice(start, end));
  const value = decimals > 0 ? mantissa / POWERS[decimals] : mantissa;
  return sign === 0x2d ? -value : value;
}

/** Operator names of up to three characters, each kept once (bounded, against a stream of made-up names). */
const NAMES = new Map<number, string>(OPERATORS.map((op) => [nameKey(op, 0, op.length), op]));

function opName(text: string, start: number, end: number): string {
  if (end - start > 3) return text.slice(start, end);
  for (let j = start; j < end; j++) if (text.charCodeAt(j) > 255) return text.slice(start, end);
  const key = nameKey(text, start, end);
  let word = NAMES.get(key);
  if (word === undefined) {
    word = text.slice(start, end);
    if (NAMES.size < 4096) NAMES.set(key, word);
  }
  return word;
}

function skipString(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c)
      i++; // backslash: the next byte is escaped
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return text.length;
}

/** An array [...] or a dictionary <<...>> as one operand, with what nests in it: arrays, dictionaries, strings, hex strings. */
function skipNested(text: string, i: number, dict: boolean): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x28) {
      i = skipString(text, i);
      continue;
    }
    if (c === 0x3c && text.charCodeAt(i + 1) !== 0x3c) {
      i = text.indexOf('>', i) + 1 || n; // a hex string
      continue;
    }
    if (dict && c === 0x3c) {
      depth++;
      i += 2;
      continue;
    }
    if (dict && c === 0x3e && text.charCodeAt(i + 1) === 0x3e) {
      i += 2;
      if (--depth === 0) return i;
      continue;
    }
    if (!dict && c === 0x5b) depth++;
    else if (!dict && c === 0x5d && --depth === 0) return i + 1;
    i++;
  }
  return n;
}

/** After `ID`: binary data up to whitespace + `EI` + whitespace. */
function skipInlineImage(text: string, i: number): number {
  const m = /\sEI(?=[\s]|$)/g;
  m.lastIndex = i + 1;
  const hit = m.exec(text);
  return hit ? hit.index + 1 : text.length;
}

/** Replace some operations in the text; `edits` need not be sorted. */
export function splice(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  if (!edits.length) return text;
  edits.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
