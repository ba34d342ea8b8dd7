// A PDF content stream as operators and their operands (PDF 32000-1, 7.8.2), for the two passes
// that need them: the colour rewrite before writing and the preflight that reads the file back.
// Strings, hex strings, dictionaries, arrays, comments and inline images are skipped whole, so that
// text bytes that happen to read "0 0 0 rg" are never taken for an operator.

export interface Operation {
  op: string;
  /** operand tokens as written (numbers, names, strings, arrays, dictionaries) */
  args: string[];
  /** byte offsets of the whole operation (first operand to the end of the operator) */
  start: number;
  end: number;
}

// Character classes of PDF's lexer, by byte: 1 white-space, 2 delimiter, 0 regular.
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const regular = (c: number) => c > 255 || CLASS[c] === 0;

/** Every operation in a decoded content stream (bytes as latin1 text: one character per byte). */
export function operations(text: string): Operation[] {
  const ops: Operation[] = [];
  let args: string[] = [];
  let argStart = -1;
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
      while (i < n && regular(text.charCodeAt(i))) i++;
      if (i === start) i++; // a stray delimiter
      if (!isNumber(text, start, i)) {
        const word = text.slice(start, i);
        if (word !== 'true' && word !== 'false' && word !== 'null') {
          ops.push({ op: word, args, start: argStart < 0 ? start : argStart, end: i });
          if (word === 'ID') i = skipInlineImage(text, i);
          args = [];
          argStart = -1;
          continue;
        }
      }
    }
    if (argStart < 0) argStart = start;
    args.push(text.slice(start, i));
  }
  return ops;
}

/** A PDF number: optional sign, digits with at most one point, at least one digit. */
function isNumber(text: string, from: number, to: number): boolean {
  let i = from;
  const first = text.charCodeAt(i);
  if (first === 0x2b || first === 0x2d) i++;
  let digits = 0;
  let points = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && ++points === 1) continue;
    else return false;
  }
  return digits > 0;
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

/** Operands as numbers (NaN for a non-number). */
export function nums(args: string[]): number[] {
  return args.map(Number);
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
