// Regular expressions written in config files (rule options such as caption-style's `pattern`) run
// in RE2 (re2js, a pure-JavaScript port): its matching time grows linearly with the text whatever
// the pattern, where JavaScript's backtracking engine takes exponential time on patterns such as
// `^(a+)+$`. RE2 has no lookaround and no backreferences; a pattern that uses them is refused when
// the config is read, with its line.
import { RE2JS } from 're2js';

export interface Pattern {
  source: string;
  /** The first match: its UTF-16 index and text; null when there is none. */
  exec(text: string): { index: number; match: string } | null;
  test(text: string): boolean;
}

const cache = new Map<string, Pattern>();

/** A config pattern compiled for RE2, or an Error whose message says what is wrong with it. */
export function compilePattern(source: string): Pattern {
  let pattern = cache.get(source);
  if (pattern) return pattern;
  const re = RE2JS.compile(source);
  pattern = {
    source,
    exec(text) {
      const m = re.matcher(text);
      return m.find() ? { index: m.start(), match: m.group() ?? '' } : null;
    },
    test(text) {
      return re.matcher(text).find();
    },
  };
  cache.set(source, pattern);
  return pattern;
}

/** Why a pattern cannot be used (RE2's words), or undefined when it can. */
export function patternProblem(source: string): string | undefined {
  try {
    compilePattern(source);
    return undefined;
  } catch (error) {
    return ((error as Error).message ?? String(error)).replace(/^error parsing regexp: /, '');
  }
}
