// "Did you mean": the known name a misspelt one was meant to be (a config key, a command, a flag).
import { closest, distance } from 'fastest-levenshtein';

/** The closest known name, if it is close enough to be a typo (case, - and _ ignored, two letters swapped, or a few edits). */
export function suggest(key: string, candidates: string[]): string | undefined {
  if (!candidates.length) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const same = candidates.find((c) => norm(c) === norm(key));
  if (same) return same;
  // Two neighbouring letters typed the wrong way round ("lnies", "tpo", "pgae") is the commonest
  // slip, and Levenshtein counts it as two edits: too many for a key of three to five letters.
  const swapped = candidates.find((c) => adjacentSwap(norm(key), norm(c)));
  if (swapped) return swapped;
  const best = closest(key, candidates);
  return distance(key, best) <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Is `a` the word `b` with two neighbouring letters swapped? */
function adjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const at = [...a].findIndex((ch, i) => ch !== b[i]);
  return at >= 0 && at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}
