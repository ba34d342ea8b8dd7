// A reference whose definition is missing: markdown prints `[text][label]` and `[^label]` as they
// are written, brackets and label included, and links or notes nothing.
import type { Definition } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

/** `[text][label]` (and `[text][]`), or a footnote reference `[^label]`, left as text by the parser. */
const UNDEFINED = /\[\^([^\]\s]+)\]|\[([^\]\n]*)\]\[([^\]\n]*)\]/g;

export default defineRule({
  id: 'reference-undefined',
  severity: 'warning',
  summary:
    'A link `[text][label]` or a footnote reference `[^label]` has no definition, so it prints as written, brackets and all; or a footnote label has a space (`[^注释 一]`), which makes its note a link definition that prints nowhere.',
  why: 'A reference link or a footnote is printed only when its definition (`[label]: https://…`, `[^label]: …`) is in the manuscript; a mistyped or deleted one leaves the raw brackets in the text. A single `[…]` and numbered citations `[1][2]` are left alone: papers write those as text.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n见[报道][1]和注释[^a]。\n\n[1]: https://example.com\n\n[^a]: 注释。\n' },
      { markdown: '# 主题\n\n引文中的[原文]不是链接，`[^a]` 是代码，研究表明[1][2]是引注。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n见[报道][1]和注释[^a]。\n',
        expect: ['3:2-3:9 Reference [报道][1] has no definition', '3:12-3:16 Footnote reference [^a] has no footnote'],
      },
      {
        markdown: '# 主题\n\n正文[^注释 一]。\n\n[^注释 一]: 注释的内容。\n',
        expect: ['5:1-5:16 Footnote [^注释 一] has a space in its label, which markdown does not allow'],
      },
    ],
  },
  check(ctx) {
    for (const b of ctx.blocks()) {
      if (b.kind === 'matter') continue;
      for (const m of b.text.matchAll(UNDEFINED)) {
        const offset = b.offsets[m.index];
        // `\[…\]` escaped on purpose prints the brackets the author asked for.
        if (offset > 0 && ctx.source[offset - 1] === '\\') continue;
        // Numbered citations written one after another ([1][2]) are text, not a link.
        if (m[2] !== undefined && /^\d+$/.test(m[2]) && /^\d*$/.test(m[3])) continue;
        const place = ctx.rangeIn(b, m.index, m[0].length);
        if (m[1] !== undefined)
          ctx.flag(
            `Footnote reference [^${m[1]}] has no footnote, so it prints as written: add "[^${m[1]}]: …" below the text, or delete the reference`,
            place,
          );
        else {
          const label = m[3] || m[2];
          ctx.flag(
            `Reference ${m[0]} has no definition, so it prints as written: add "[${label}]: https://…" below the text, or write the link as [${m[2]}](https://…)`,
            place,
          );
        }
      }
    }
    // A footnote whose label has a space ([^注释 一]: …): markdown allows none in a footnote label and
    // takes the line for a link definition, so the note prints nowhere and [^注释 一] prints as ^注释 一.
    visit(ctx.tree, 'definition', (d: Definition) => {
      const label = d.label ?? '';
      if (!label.startsWith('^') || !/\s/.test(label)) return;
      const plain = label.replace(/\s+/g, '');
      ctx.flag(
        `Footnote [${label}] has a space in its label, which markdown does not allow: its note prints nowhere and [${label}] ` +
          `prints as text; write the label without spaces ([${plain}]) here and where the text refers to it`,
        d.position,
      );
    });
  },
});
