// A footnote defined twice under one label ([^1]: … twice, or [^A] and [^a], which markdown takes for
// one label): the text refers to the first, and the second's text prints nowhere, in no output.
import type { FootnoteDefinition } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'footnote-duplicate',
  severity: 'warning',
  summary: 'A footnote label (`[^label]: …`) is defined twice; only the first definition is printed.',
  why:
    'Every `[^label]` refers to the first definition of its label (letters compared without case: [^A] is [^a]); a second one, ' +
    'usually a note pasted with its number, or two notes numbered alike after editing, prints nowhere. Give it a label of its own ' +
    'and refer to it where it belongs, or delete it.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n正文[^1]，又一处[^2]。\n\n[^1]: 注释。\n\n[^2]: 另一条注释。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n正文[^1]，又一处[^1]。\n\n[^1]: 注释。\n\n[^1]: 另一条注释。\n',
        expect: [
          '7:1-7:13 Footnote [^1] is defined again (first at line 5): this one is not printed; give it a label of its own ([^2]) and refer to it, or delete it',
        ],
      },
      {
        markdown: '# 主题\n\n正文[^注1]，又一处[^A]。\n\n[^注1]: 注释一。\n\n[^a]: 注释二。\n\n[^注1]: 注释三。\n\n[^A]: 注释四。\n',
        expect: [
          '9:1-9:12 Footnote [^注1] is defined again (first at line 5): this one is not printed; give it a label of its own ([^3])',
          '11:1-11:11 Footnote [^A] is defined again (first at line 7): this one is not printed; give it a label of its own ([^4])',
        ],
      },
    ],
  },
  check(ctx) {
    const first = new Map<string, number>();
    const labels = new Set<string>();
    visit(ctx.tree, 'footnoteDefinition', (d: FootnoteDefinition) => void labels.add(d.identifier));
    visit(ctx.tree, 'footnoteDefinition', (d: FootnoteDefinition) => {
      const line = first.get(d.identifier);
      if (line === undefined) {
        first.set(d.identifier, d.position?.start.line ?? 0);
        return;
      }
      // a label not yet used, for the advice: the next number, and another for each later duplicate
      let n = labels.size + 1;
      while (labels.has(String(n))) n++;
      labels.add(String(n));
      ctx.flag(
        `Footnote [^${d.label ?? d.identifier}] is defined again (first at line ${line}): this one is not printed; ` +
          `give it a label of its own ([^${n}]) and refer to it, or delete it`,
        d.position,
      );
    });
  },
});
