// A paragraph indented by a tab or four spaces, as a word processor's first-line indent pastes it,
// is a code block to markdown: printed verbatim in a monospace box, its soft breaks kept and its
// punctuation never checked. A fenced block (``` or ~~~) is code on purpose and is left alone.
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

/** Han characters: an indented block of Chinese prose is a paragraph, not a program. */
const HAN = /\p{Script=Han}/u;

export default defineRule({
  id: 'indented-code',
  severity: 'warning',
  summary:
    'A block of Chinese text is indented by a tab or four spaces, so it is read as code (printed verbatim in a monospace box, not checked as copy).',
  why: 'Manuscripts pasted from a word processor often carry the first-line indent as a tab or spaces; the layout indents every paragraph itself. Delete the indentation; fence real code with ``` instead.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n正文第一段。\n\n```\n代码，照原样\n```\n' }, { markdown: '# 主题\n\n正文。\n\n    let x = 1;\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n\t缩进的正文段落。\n\n    第二段也缩进了。\n',
        expect: ['3:1-5:13 Indented by a tab or four spaces, these lines are printed as code'],
      },
    ],
  },
  check(ctx) {
    visit(ctx.tree, 'code', (node: Code) => {
      const start = node.position?.start.offset;
      if (start === undefined || !HAN.test(node.value)) return;
      const line = ctx.source.slice(start, start + 3);
      if (line.startsWith('```') || line.startsWith('~~~')) return;
      ctx.flag(
        'Indented by a tab or four spaces, these lines are printed as code (monospace, verbatim, not checked): delete the indentation; the layout indents paragraphs itself',
        node.position,
      );
    });
  },
});
