// Characters the configured fonts (templates/fonts.yaml, from @fontsource packages) cannot show.
// Body text is checked against the body face; headings and the headline block also against the
// heading face. Each missing character is reported once, at its first use.
import { defineRule } from '../rule.js';
import { planFace, printableCodePoints } from '../../config/font-coverage.js';
import { loadFontConfig } from '../../config/fonts.js';
import type { TextBlock } from '../../core/text-blocks.js';

const HEADING_MATTER = ['kicker', 'headline', 'subheadline'];

export default defineRule({
  id: 'font-coverage',
  severity: 'error',
  summary: 'A character is not in the font that will print it (body face, or heading face for headings).',
  why: 'A character missing from the configured font falls back to some other font or to an empty box, and may be lost when text is copied from the PDF. Replace it (a variant form, or a description), or configure a font that covers it in templates/fonts.yaml.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n毛泽东诗词选。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n生僻字𪚥在此。\n',
        expect: ['3:4-3:6 “𪚥” (U+2A6A5) is not in the body font Noto Serif SC (@fontsource/noto-serif-sc)'],
      },
    ],
  },
  check(ctx) {
    const fonts = loadFontConfig();
    const blocks = ctx.blocks();
    const check = (role: string, selected: TextBlock[]) => {
      const face = fonts.faces[role];
      if (!face || !selected.length) return;
      const { missing } = planFace(face, printableCodePoints(selected.map((b) => b.text).join('\n')));
      for (const cp of missing.sort((a, b) => a - b)) {
        const ch = String.fromCodePoint(cp);
        let count = 0;
        let first: { block: TextBlock; index: number } | undefined;
        for (const b of selected) {
          for (let i = b.text.indexOf(ch); i >= 0; i = b.text.indexOf(ch, i + ch.length)) {
            count++;
            first ??= { block: b, index: i };
          }
        }
        if (!first) continue;
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        ctx.flag(
          `“${ch}” (U+${hex}) is not in the ${role} font ${face.family} (${face.package})${count > 1 ? `, used ${count} times` : ''}: ` +
            'replace it or configure a font that covers it',
          ctx.rangeIn(first.block, first.index, ch.length),
        );
      }
    };
    check('body', blocks);
    check(
      'heading',
      blocks.filter((b) => b.kind === 'heading' || (b.kind === 'matter' && HEADING_MATTER.includes(b.key!))),
    );
  },
});
