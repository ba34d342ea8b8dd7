// Every photo has a caption: `![caption](images/photo.jpg)`.
import type { Parent } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'figure-caption',
  severity: 'error',
  summary: 'A photo has no caption (the `![…]` brackets are empty).',
  why: 'A newspaper photo always carries a caption (图片说明) saying when, where and what; an uncaptioned photo cannot go to press.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，座谈会在呼和浩特举行。](images/good.jpg)\n' }],
    notOk: [{ markdown: '# 主题\n\n![](images/good.jpg)\n', expect: ['3:1-3:21 Photo without a caption'] }],
  },
  check(ctx) {
    visit(ctx.tree, 'figure' as never, (node: Parent) => {
      const caption = (node.data as { figure?: { caption: string } }).figure?.caption ?? '';
      if (caption.trim() === '')
        ctx.flag('Photo without a caption: write it inside the brackets, ![2023年7月15日，……。](…)', node.position);
    });
  },
});
