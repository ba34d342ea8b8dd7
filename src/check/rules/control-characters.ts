// Invisible characters that pasted copy brings along: control codes, zero-width spaces and
// joiners, bidirectional overrides, soft hyphens, stray byte-order marks.
import { defineRule } from '../rule.js';

const NAMES: Record<number, string> = {
  173: 'SOFT HYPHEN',
  8203: 'ZERO WIDTH SPACE',
  8204: 'ZERO WIDTH NON-JOINER',
  8205: 'ZERO WIDTH JOINER',
  8206: 'LEFT-TO-RIGHT MARK',
  8207: 'RIGHT-TO-LEFT MARK',
  8232: 'LINE SEPARATOR',
  8233: 'PARAGRAPH SEPARATOR',
  8288: 'WORD JOINER',
  65279: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};
// C0 controls but tab, line feed and carriage return; DEL and C1; the invisible formatting marks.
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

const KEEP = new Set(['\u200C', '\u200D']);

export default defineRule({
  id: 'control-characters',
  severity: 'error',
  fixable: true,
  summary: 'The text holds control or invisible characters (zero-width spaces, bidi marks, soft hyphens, control codes).',
  why: 'Invisible characters break searching, line breaking and duplicate detection, and some print as boxes. `--fix` deletes them (except the joiners U+200C/U+200D, which emoji use); most editors show them with "show invisibles". One finding per line, with the count.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n正文\t含制表符。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n凝聚\u200b共识，\u200b团结奋进。\n\n正文\u0007。\n',
        expect: [
          '3:3-3:4 Invisible character U+200B ZERO WIDTH SPACE and 1 more on this line',
          '5:3-5:4 Invisible character U+0007 control character',
        ],
      },
    ],
  },
  check(ctx) {
    const byLine = new Map<number, number[]>();
    for (const m of ctx.source.matchAll(INVISIBLE)) {
      const line = ctx.point(m.index!).line;
      const list = byLine.get(line) ?? [];
      list.push(m.index!);
      byLine.set(line, list);
    }
    for (const offsets of byLine.values()) {
      const cp = ctx.source.codePointAt(offsets[0])!;
      // Joiners can be meaningful (emoji sequences, some scripts): reported, never removed by --fix.
      const fix = offsets.filter((o) => !KEEP.has(ctx.source[o])).map((o) => ({ offset: o, from: ctx.source[o], to: '' }));
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      const name = NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? 'control character' : 'invisible formatting character');
      const more = offsets.length > 1 ? ` and ${offsets.length - 1} more on this line` : '';
      const how = fix.length === offsets.length ? 'delete it (`npm run check -- --fix` does)' : 'delete it unless it joins an emoji';
      ctx.flag(`Invisible character U+${hex} ${name}${more}: ${how}`, ctx.range(offsets[0], offsets[0] + String.fromCodePoint(cp).length), {
        fix,
      });
    }
  },
});
