// A heading marker with no words after it: nothing, or only punctuation and symbols (`## ……`).
import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { defineRule } from '../rule.js';

/** A letter or a digit of any script: a heading without one says nothing. */
const WORDS = /[\p{L}\p{N}]/u;

export default defineRule({
  id: 'heading-empty',
  severity: 'error',
  summary: 'A heading has no text, or only punctuation and symbols.',
  why: 'An empty `##` prints as a blank heading band and an empty bookmark; it is usually a deleted 小标题.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n## 小标题\n' }],
    notOk: [
      { markdown: '# 主题\n\n##\n\n正文。\n', expect: ['3:1-3:3 Empty heading: write the heading text or delete the line'] },
      { markdown: '# 主题\n\n## ！？……\n\n正文。\n', expect: ['3:1-3:8 Heading of punctuation only ("！？……"): write the heading text'] },
    ],
  },
  check(ctx) {
    visit(ctx.tree, 'heading', (h: Heading) => {
      const text = toString(h).trim();
      if (text === '') ctx.flag('Empty heading: write the heading text or delete the line', h.position);
      else if (!WORDS.test(text))
        ctx.flag(`Heading of punctuation only ("${text}"): write the heading text or delete the line`, h.position);
    });
  },
});
