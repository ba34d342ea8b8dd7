// A front matter key no output reads (kiker:, sub-headline:, authors:) is printed nowhere: the value
// the author wrote would be lost without a word. Said at the key, with the key it most likely means.
import { closest, distance } from 'fastest-levenshtein';
import { isScalar } from 'yaml';
import { runningHeadKeys } from '../../config/layout.js';
import { MATTER_KEYS } from '../../core/matter.js';
import { matterDocument } from '../../core/text-blocks.js';
import { manuscriptLayout } from '../layout.js';
import { defineRule } from '../rule.js';

/** Keys front-matter-yaml already refuses (they would change the matter object itself). */
const REFUSED = new Set(['__proto__', 'constructor', 'prototype']);

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
    ],
  },
  async check(ctx) {
    const matter = matterDocument(ctx.tree, ctx.source);
    if (!matter) return;
    const layout = await manuscriptLayout(ctx);
    const KNOWN = new Set<string>([...MATTER_KEYS, ...(layout ? runningHeadKeys(layout) : [])]);
    for (const pair of matter.map.items) {
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
