// An article with nothing to print: an empty file, only front matter, or only blank lines.
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'no-content',
  severity: 'error',
  summary: 'The manuscript has no body text: no paragraph, heading or photo after the front matter.',
  why: 'An empty article usually means the wrong file was pasted or saved; nothing can be typeset from it.',
  options: {},
  examples: {
    ok: [{ markdown: '# 标题\n\n正文。\n' }],
    notOk: [
      { markdown: '', expect: ['1:1-1:1 The manuscript has no content'] },
      { markdown: '---\nheadline: 标题\n---\n\n\n', expect: ['1:1-6:1 The manuscript has no content'] },
    ],
  },
  check(ctx) {
    const body = ctx.tree.children.filter((n) => ['paragraph', 'heading', 'figure', 'list', 'table', 'blockquote'].includes(n.type));
    const hasText =
      ctx.blocks().some((b) => b.kind !== 'matter' && b.text.trim() !== '') || body.some((n) => (n.type as string) === 'figure');
    if (!hasText) ctx.flag('The manuscript has no content: write the article body below the front matter', ctx.range(0, ctx.source.length));
  },
});
