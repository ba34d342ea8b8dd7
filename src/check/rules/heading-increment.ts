// Heading levels go down one step at a time: the headline is level 1, section heads 2, then 3.
import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'heading-increment',
  severity: 'warning',
  summary: 'A heading skips a level (e.g. `###` straight after the headline or after `#`).',
  why: 'Heading levels become the PDF bookmarks and the EPUB table of contents; a skipped level breaks both. The headline counts as level 1.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n## 小标题\n\n### 小小标题\n\n## 小标题二\n' }],
    notOk: [
      { markdown: '# 主题\n\n### 小标题\n', expect: ['3:1-3:8 Heading level 3 after level 1 skips a level'] },
      { markdown: '---\nheadline: 主题\n---\n\n## 小标题\n\n#### 更小\n', expect: ['7:1-7:8 Heading level 4 after level 2 skips a level'] },
    ],
  },
  check(ctx) {
    let previous = 1; // the headline, from the front matter or the first `#`
    visit(ctx.tree, 'heading', (h: Heading) => {
      if (h.depth > previous + 1) {
        ctx.flag(`Heading level ${h.depth} after level ${previous} skips a level: use ${'#'.repeat(previous + 1)}`, h.position);
      }
      previous = h.depth;
    });
  },
});
