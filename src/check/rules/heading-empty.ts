// A heading marker with no words after it.
import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'heading-empty',
  severity: 'error',
  summary: 'A heading has no text.',
  why: 'An empty `##` prints as a blank heading band and an empty bookmark; it is usually a deleted 小标题.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n## 小标题\n' }],
    notOk: [{ markdown: '# 主题\n\n##\n\n正文。\n', expect: ['3:1-3:3 Empty heading: write the heading text or delete the line'] }],
  },
  check(ctx) {
    visit(ctx.tree, 'heading', (h: Heading) => {
      if (toString(h).trim() === '') ctx.flag('Empty heading: write the heading text or delete the line', h.position);
    });
  },
});
