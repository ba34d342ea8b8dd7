// A footnote written but never referenced prints nowhere: the typesetting keeps only the
// definitions that a [^label] in the text points to.
import type { FootnoteDefinition, FootnoteReference } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'footnote-unused',
  severity: 'warning',
  summary: 'A footnote (`[^label]: …`) is defined but no `[^label]` in the text refers to it, so it is not printed.',
  why: 'Only footnotes the text refers to are printed. An unreferenced one is usually a reference deleted in editing, or a label mistyped: add the `[^label]` where the note belongs, or delete the note.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n正文[^1]。\n\n[^1]: 注释。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n正文[^1]。\n\n[^1]: 注释。\n[^2]: 没有引用的注释。\n',
        expect: ['6:1-6:15 Footnote [^2] is not printed: nothing in the text refers to it'],
      },
    ],
  },
  check(ctx) {
    const used = new Set<string>();
    visit(ctx.tree, 'footnoteReference', (r: FootnoteReference) => void used.add(r.identifier));
    visit(ctx.tree, 'footnoteDefinition', (d: FootnoteDefinition) => {
      if (!used.has(d.identifier))
        ctx.flag(
          `Footnote [^${d.label ?? d.identifier}] is not printed: nothing in the text refers to it; add [^${d.label ?? d.identifier}] where it belongs, or delete it`,
          d.position,
        );
    });
  },
});
