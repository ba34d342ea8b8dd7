// Edits to a manuscript's text, and the one guard every edit passes: none may make a front matter
// value another YAML type (headline: 1.10。 without its 。 is the number 1.1). `check --fix` applies
// the edits (fix.ts); the check withholds a retyping fix from its finding (plugin.ts), so the
// finding does not promise what --fix will not do.
import { isMap, isScalar, type Node, parseDocument, visit } from 'yaml';
import type { Edit } from './rule.js';

/**
 * Apply edits from the end backwards; an edit whose text is no longer there is skipped. Each edit is
 * judged against `text` itself (an edit applied further on changes nothing before it), and the
 * result is joined once: slicing the whole text per edit made a 1 MB manuscript with thousands of
 * fixable findings take seconds.
 */
export function applyEdits(text: string, edits: Edit[]): { text: string; applied: Edit[] } {
  const applied: Edit[] = [];
  let floor = Infinity; // edits must not overlap one already applied
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    if (e.offset + e.from.length > floor || text.slice(e.offset, e.offset + e.from.length) !== e.from) continue;
    floor = e.offset;
    applied.push(e);
  }
  const pieces: string[] = [];
  let at = 0;
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i];
    pieces.push(text.slice(at, e.offset), e.to);
    at = e.offset + e.from.length;
  }
  pieces.push(text.slice(at));
  return { text: pieces.join(''), applied };
}

/** The front matter block as remark-frontmatter finds it: `---` lines at the very start. */
const MATTER = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Where the front matter block ends in `text` (0 when there is none): edits past it change no value. */
export function matterEnd(text: string): number {
  return MATTER.exec(text)?.[0].length ?? 0;
}

/** Each top-level front matter key's value: its range in `text`, and how YAML reads each scalar in it. */
function matterValues(text: string): Map<string, { range: [number, number]; kinds: string }> {
  const out = new Map<string, { range: [number, number]; kinds: string }>();
  const m = MATTER.exec(text);
  if (!m?.[1]) return out;
  const base = m[0].indexOf(m[1]);
  try {
    const doc = parseDocument(m[1]);
    if (doc.errors.length || !isMap(doc.contents)) return out;
    for (const pair of doc.contents.items) {
      const value = pair.value as Node | null;
      if (!isScalar(pair.key) || !value?.range) continue;
      // each scalar: text, or a number that reads as written (2024); null, true or 805 from 0805 is not
      const scalars: string[] = [];
      visit(value, {
        Scalar(_, node) {
          const v = node.value;
          scalars.push(typeof v === 'string' || (typeof v === 'number' && String(v) === node.source) ? 'text' : String(v));
        },
        Alias() {
          scalars.push('alias');
        },
      });
      const kinds = scalars.join(' ');
      out.set(String(pair.key.value), { range: [base + value.range[0], base + value.range[1]], kinds });
    }
  } catch {
    // a document the check refuses before any edit
  }
  return out;
}

/**
 * The ranges of `before` holding a front matter value that `after` gives another YAML type: a
 * plain scalar of full-width letters or digits, written half-width, can become a YAML word
 * (ｎｕｌｌ → null: the kicker gone; ＴＲＵＥ → true: a headline printed "true"; ０８０５ → 805).
 * Each with its key and what YAML would read it as (its scalars' values, or 'text').
 */
export function matterRetyped(before: string, after: string): Array<[number, number, string, string]> {
  if (before === after || !before.startsWith('---')) return [];
  const was = matterValues(before);
  const now = matterValues(after);
  return [...was]
    .filter(([key, v]) => now.get(key)?.kinds !== v.kinds)
    .map(([key, v]) => [v.range[0], v.range[1], key, now.get(key)?.kinds ?? 'nothing']);
}
