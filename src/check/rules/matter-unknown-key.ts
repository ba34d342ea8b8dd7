// A front matter key no output reads (kiker:, sub-headline:, authors:) is printed nowhere: the value
// the author wrote would be lost without a word. Said at the key, with the key it most likely means.
import { closest, distance } from 'fastest-levenshtein';
import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import { runningHeadKeys } from '../../config/layout.js';
import { MATTER_KEYS } from '../../core/matter.js';
import { matterDocument } from '../../core/text-blocks.js';
import { manuscriptLayout } from '../layout.js';
import { defineRule } from '../rule.js';

/** Keys front-matter-yaml already refuses (they would change the matter object itself). */
const REFUSED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What a key is when it is not a name (2024:, true:, ~:, ? [a, b]), in words; undefined for a name.
 * Every output looks a value up by its name: under any other key it is printed nowhere.
 */
function notAName(key: Pair['key']): string | undefined {
  if (isSeq(key)) return 'a list';
  if (isMap(key)) return 'a mapping (key: value pairs)';
  if (!isScalar(key)) return 'empty';
  const value = key.value;
  if (typeof value === 'string') return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  if (value === null || value === undefined) return 'empty (null)';
  return value instanceof Uint8Array ? 'binary data (!!binary)' : 'not text';
}

export default defineRule({
  id: 'matter-unknown-key',
  severity: 'warning',
  summary: 'A front matter key that no output reads (a misspelt `kiker:`, `authors:`): its value is printed nowhere.',
  why: `The outputs read only their own keys (${MATTER_KEYS.join(', ')}, and any other key the page layout's 报眉 names as {{key}}); a value under any other key never reaches the page, the proof or the e-book. Rename the key, or delete the line.`,
  options: {},
  examples: {
    ok: [{ markdown: '---\nkicker: 引题\nheadline: 主题\nsubheadline: 副题\nauthor: 张悦\n---\n\n正文。\n' }],
    notOk: [
      {
        markdown: '---\nkiker: 引题\nheadline: 主题\nauthors: 张悦\nnotes: 内部备注\n---\n\n正文。\n',
        expect: [
          '2:1-2:6 Front matter key "kiker" is read by no output: its value is printed nowhere; did you mean "kicker"?',
          '4:1-4:8 Front matter key "authors" is read by no output: its value is printed nowhere; did you mean "author"?',
          '5:1-5:6 Front matter key "notes" is read by no output: its value is printed nowhere; rename it to one of',
        ],
      },
      {
        // description (a summary, as Hugo, Jekyll and Pandoc front matter carry it) and proof were
        // taken as known keys, but no output reads them: the value was dropped without a word.
        markdown: '---\nheadline: 主题\ndescription: 本文回顾一年来的工作。\nproof: 第二校\n---\n\n正文。\n',
        expect: [
          '3:1-3:12 Front matter key "description" is read by no output: its value is printed nowhere; rename it to one of',
          '4:1-4:6 Front matter key "proof" is read by no output: its value is printed nowhere; rename it to one of',
        ],
      },
      {
        // A key that is no name was dropped without a word (and a list as a key printed Node's own
        // warning, "Keys with collection values will be stringified", on the console).
        markdown: '---\nheadline: 主题\n2024: 年度回顾\ntrue: 是\n~: 空\n? [编辑, 校对]\n: 张悦\n---\n\n正文。\n',
        expect: [
          '3:1-3:5 Front matter key "2024" is a number, not a name, and is read by no output',
          '4:1-4:5 Front matter key "true" is true or false, not a name, and is read by no output',
          '5:1-5:2 Front matter key "~" is empty (null), not a name, and is read by no output',
          '6:3-6:11 Front matter key "[编辑, 校对]" is a list, not a name, and is read by no output',
        ],
      },
    ],
  },
  async check(ctx) {
    const matter = matterDocument(ctx.tree, ctx.source);
    if (!matter) return;
    const layout = await manuscriptLayout(ctx);
    const KNOWN = new Set<string>([...MATTER_KEYS, ...(layout ? runningHeadKeys(layout) : [])]);
    for (const pair of matter.map.items) {
      const kind = notAName(pair.key);
      if (kind) {
        // A key that is no name (2024:, true:, ? [a, b]) holds a value no output looks up.
        const range =
          (pair.key as { range?: [number, number, number] } | null)?.range ?? (isScalar(pair.value) ? pair.value.range : undefined);
        const written = range ? matter.text.slice(range[0], range[1]).trim() : '';
        const place = range ? { start: ctx.point(matter.base + range[0]), end: ctx.point(matter.base + range[1]) } : undefined;
        ctx.flag(
          `Front matter key ${written ? `${JSON.stringify(written.length > 40 ? `${written.slice(0, 40)}…` : written)} ` : ''}is ${kind}, not a name, and is read by no output: its value is printed nowhere; write one of ${MATTER_KEYS.join(', ')} as the key, or delete the line`,
          place,
        );
        continue;
      }
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || KNOWN.has(pair.key.value) || REFUSED.has(pair.key.value)) continue;
      const key = pair.key.value;
      const near = closest(key, [...KNOWN]);
      const hint =
        distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3))
          ? `did you mean "${near}"?`
          : `rename it to one of ${MATTER_KEYS.join(', ')}, or delete it`;
      const range = pair.key.range;
      const place = range ? { start: ctx.point(matter.base + range[0]), end: ctx.point(matter.base + range[1]) } : undefined;
      ctx.flag(`Front matter key "${key}" is read by no output: its value is printed nowhere; ${hint}`, place);
    }
  },
});
