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

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Every operation in a decoded content stream (bytes as latin1 text: one character per byte). */
export function operations(text: string): Operation[] {
  const ops: Operation[] = [];
  let args: string[] = [];
  let argStart = -1;
  let i = 0;
  const n = text.length;
  const code = (k: number) => text.charCodeAt(k);
  while (i < n) {
    const c = code(i);
    if (WHITE.has(c)) {
      i++;
      continue;
    }
    if (c === 0x25) {
      // % comment to the end of the line
      while (i < n && code(i) !== 0x0a && code(i) !== 0x0d) i++;
      continue;
    }
    const start = i;
    if (c === 0x28) i = skipString(text, i);
    else if (c === 0x3c && code(i + 1) === 0x3c) i = skipNested(text, i, '<<', '>>');
    else if (c === 0x3c) i = text.indexOf('>', i) + 1 || n;
    else if (c === 0x5b) i = skipNested(text, i, '[', ']');
    else if (c === 0x2f) {
      i++;
      while (i < n && !WHITE.has(code(i)) && !DELIM.has(code(i))) i++;
    } else {
      while (i < n && !WHITE.has(code(i)) && !DELIM.has(code(i))) i++;
      if (i === start) i++; // a stray delimiter
      const word = text.slice(start, i);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) && word !== 'true' && word !== 'false' && word !== 'null') {
        ops.push({ op: word, args, start: argStart < 0 ? start : argStart, end: i });
        if (word === 'ID') i = skipInlineImage(text, i);
        args = [];
        argStart = -1;
        continue;
      }
    }
    if (argStart < 0) argStart = start;
    args.push(text.slice(start, i));
  }
  return ops;
}

function skipString(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

function skipNested(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  while (i < text.length) {
    if (text.startsWith(open, i)) {
      depth++;
      i += open.length;
    } else if (text.startsWith(close, i)) {
      depth--;
      i += close.length;
      if (depth === 0) return i;
    } else if (text[i] === '(') i = skipString(text, i);
    else if (open === '<<' && text[i] === '<' && text[i + 1] !== '<') i = text.indexOf('>', i) + 1 || text.length;
    else i++;
  }
  return text.length;
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
