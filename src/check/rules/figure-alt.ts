// Alt text for the EPUB: read aloud by screen readers, shown when the image cannot be.
import type { Parent, Image } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'figure-alt',
  severity: 'warning',
  summary: 'A photo has no alt text: neither a description (`![caption](src "description")`) nor a caption to fall back on.',
  why: 'EPUB accessibility (and Ace) requires alt text on every image. The caption is used when no description is given; give a description when the caption does not say what the photo shows.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n' },
      { markdown: '# 主题\n\n![](images/good.jpg "会场全景")\n' },
    ],
    notOk: [{ markdown: '# 主题\n\n![](images/good.jpg)\n', expect: ['3:1-3:21 Photo without alt text'] }],
  },
  check(ctx) {
    visit(ctx.tree, 'figure' as never, (node: Parent) => {
      const image = node.children[0] as Image | undefined;
      if (!image || (image.alt ?? '').trim() !== '') return;
      ctx.flag('Photo without alt text: add a description as the image title, ![caption](src "what the photo shows")', image.position);
    });
  },
});
