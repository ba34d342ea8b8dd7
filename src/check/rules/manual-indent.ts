// A paragraph typed with its own first-line indent (two full-width spaces, as in a word processor):
// the layout already indents every paragraph by 2 em, so it would print indented twice.
import { defineRule, type Edit } from '../rule.js';

/** Full-width and no-break spaces at the start of a paragraph: the typed indent. */
const INDENT = /^[\u3000\u00A0]+/;

export default defineRule({
  id: 'manual-indent',
  severity: 'warning',
  fixable: true,
  summary: 'A paragraph starts with full-width (or no-break) spaces, a typed first-line indent.',
  why: 'The layout indents every paragraph by 2 em (and none after a head or a break); typed spaces add to it, so the paragraph prints indented twice. `--fix` deletes them.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n正文第一段。\n\n正文中间的　全角空格不是缩进（full-width-space 的事）。\n' }],
    notOk: [{ markdown: '# 主题\n\n　　正文第一段。\n', expect: ['3:1-3:3 Paragraph starts with 2 typed spaces'] }],
  },
  check(ctx) {
    for (const b of ctx.blocks()) {
      if (b.kind !== 'paragraph') continue;
      const m = INDENT.exec(b.text);
      if (!m) continue;
      const fix: Edit[] = [];
      for (let i = 0; i < m[0].length; i++) {
        const offset = b.offsets[i];
        if (offset >= 0 && ctx.source[offset] === m[0][i]) fix.push({ offset, from: m[0][i], to: '' });
      }
      const n = m[0].length;
      ctx.flag(
        `Paragraph starts with ${n} typed space${n === 1 ? '' : 's'} (full-width or no-break): delete ${n === 1 ? 'it' : 'them'}, the layout indents paragraphs itself (\`npm run check -- --fix\` does)`,
        ctx.rangeIn(b, 0, n),
        { fix },
      );
    }
  },
});
