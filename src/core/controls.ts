// Characters no output carries: the C0 controls but tab, line feed and carriage return, and the
// noncharacters U+FFFE and U+FFFF (XML 1.0 forbids them: an EPUB chapter or package with one is not
// well-formed, and EPUBCheck stops on it), DEL and the C1 controls (they print as boxes, or not at all). The control-characters check
// reports each where the manuscript has it, as a character or as a YAML escape; the typesetting and
// the front matter leave them out, so an everyday build still writes valid files.
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const ANY_UNPRINTABLE = new RegExp(UNPRINTABLE.source);

export function isUnprintable(ch: string): boolean {
  return ANY_UNPRINTABLE.test(ch);
}

/** The text without the characters no output carries. */
export function withoutControls(text: string): string {
  return ANY_UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE, '') : text;
}

/**
 * A YAML value without them, in strings at any depth of lists and mappings. An alias can make a
 * value contain itself: each object is cleaned once, and its copy stands wherever it stood.
 */
export function valueWithoutControls(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return withoutControls(value);
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(valueWithoutControls(v, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  // defineProperty: a key such as __proto__ stays a key, never the prototype.
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k, { value: valueWithoutControls(v, seen), enumerable: true, writable: true, configurable: true });
  return out;
}

// Control codes and bidirectional overrides that input brings into what is printed on the console
// (a heading or a word a finding quotes, a front matter key written with YAML escapes, a file's
// name, a path a returned proof's data names), shown as \u001B: printed as they are, a terminal ran
// them as escape codes (\e[2J cleared the screen, and what followed could forge a line of the
// report) or reordered the line around them.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text with its control codes and bidirectional overrides written out as \uXXXX. */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}
