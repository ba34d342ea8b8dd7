// The width in terminal columns of a string of printable ASCII and of CJK characters that are each
// a grapheme of their own (ideographs, CJK and full-width punctuation, the general punctuation
// “ ” ‘ ’ — …), as string-width measures it with its default options: 1 for ASCII and for the
// general punctuation (East Asian Width Narrow or Ambiguous, and ambiguous counts narrow), 2 for
// the rest (Wide or Fullwidth). undefined for any other string: string-width measures it.
//
// vfile-reporter measures every cell of the findings report with string-width, which splits each
// string into graphemes and tests each against emoji patterns: about 0.1 s for the 1,172 findings of
// the bench edition's findings.txt, written after the last page. The CLI's bundle (src/cli/run.mjs)
// answers vfile-reporter's strings that are this simple here first.

const SIMPLE =
  /^[\u0020-\u007E\u2010-\u2027\u3000-\u3029\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF60\uFFE0-\uFFE6\u{20000}-\u{2FFFD}\u{30000}-\u{3FFFD}]*$/u;

export function simpleWidth(s: string): number | undefined {
  if (!SIMPLE.test(s)) return undefined;
  let width = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    width += cp <= 0x7e || (cp >= 0x2010 && cp <= 0x2027) ? 1 : 2;
  }
  return width;
}
