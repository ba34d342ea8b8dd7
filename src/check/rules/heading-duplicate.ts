// The same heading twice, usually a pasted section repeated.
import { defineRule } from '../rule.js';
import { normalise } from '../../core/text-blocks.js';

export default defineRule({
  id: 'heading-duplicate',
  severity: 'warning',
  summary: 'Two headings have the same text (punctuation and spaces ignored).',
  why: 'A repeated 小标题 almost always means a section was pasted twice; readers cannot tell the sections apart in the table of contents either.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n## 这一年，强引领\n\n## 这一年，搭平台\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n## 这一年，强引领\n\n正文。\n\n## 这一年,强引领\n',
        expect: ['7:1-7:11 Duplicate heading: the same heading is at line 3'],
      },
    ],
  },
  check(ctx) {
    const seen = new Map<string, number>();
    for (const b of ctx.blocks()) {
      if (b.kind !== 'heading' || !b.node?.position) continue;
      const key = normalise(b.text);
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined) ctx.flag(`Duplicate heading: the same heading is at line ${first}; rename or remove one`, b.node.position);
      else seen.set(key, b.node.position.start.line);
    }
  },
});
