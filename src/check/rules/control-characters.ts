// Invisible characters that pasted copy brings along: control codes, zero-width spaces and
// joiners, bidirectional overrides, soft hyphens, stray byte-order marks.
import { defineRule } from '../rule.js';
import { matterValues } from '../matter-values.js';

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

// YAML's escapes in double-quoted scalars (YAML 1.2, 5.7), and the character each stands for.
const YAML_ESCAPE = /\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre"/\\ N_LP\t])/g;
const NAMED_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1B',
  f: '\f',
  v: '\v',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};

function unescapeYaml(body: string): string | undefined {
  if (/^[xuU]/.test(body)) {
    const cp = Number.parseInt(body.slice(1), 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  return NAMED_ESCAPES[body];
}

const hex4 = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');
const nameOf = (cp: number) =>
  NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? 'control character' : 'invisible formatting character');

export default defineRule({
  id: 'control-characters',
  severity: 'error',
  fixable: true,
  summary: 'The text holds control or invisible characters (zero-width spaces, bidi marks, soft hyphens, control codes).',
  why: 'Invisible characters break searching, line breaking and duplicate detection, and some print as boxes. `--fix` deletes them (except the joiners U+200C/U+200D, which emoji use); most editors show them with "show invisibles". One finding per line, with the count. Control codes (U+0000–U+001F but tab and line breaks, U+007F–U+009F) are left out of every output, which XML forbids them in; the other invisible characters are printed until they are fixed. A YAML escape in the front matter (`"\\u0001"`) is found too, at its line.',
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
      {
        // Written as YAML escapes, in the front matter (top level and nested): the YAML line.
        markdown: '---\nkicker: "\\u0001\\u000B引题"\nheadline: 主题\nmore:\n  - "a\\u200Bb"\n---\n\n正文。\n',
        expect: [
          '2:9-2:25 Front matter "kicker" holds invisible character U+0001 control character and 1 more, written as a YAML escape',
          '5:5-5:15 Front matter "more[0]" holds invisible character U+200B ZERO WIDTH SPACE, written as a YAML escape',
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
      const hex = hex4(cp);
      const name = nameOf(cp);
      const more = offsets.length > 1 ? ` and ${offsets.length - 1} more on this line` : '';
      const how = fix.length === offsets.length ? 'delete it (`npm run check -- --fix` does)' : 'delete it unless it joins an emoji';
      ctx.flag(`Invisible character U+${hex} ${name}${more}: ${how}`, ctx.range(offsets[0], offsets[0] + String.fromCodePoint(cp).length), {
        fix,
      });
    }
    // YAML writes characters as escapes too ("\u0001"): the scan above cannot see those. Each
    // front matter string once, where it is written (an alias brings what its anchor holds).
    for (const v of matterValues(ctx.tree, ctx.source)) {
      if (v.alias) continue;
      const found = [...v.value.matchAll(INVISIBLE)].filter((m) => !v.raw.includes(m[0]));
      if (!found.length) continue;
      const cp = found[0][0].codePointAt(0)!;
      const more = found.length > 1 ? ` and ${found.length - 1} more` : '';
      // A double-quoted scalar's escapes that stand for such a character are deleted by --fix.
      const fix = v.raw.startsWith('"')
        ? [...v.raw.matchAll(YAML_ESCAPE)]
            .filter((m) => {
              const ch = unescapeYaml(m[1]);
              return ch !== undefined && new RegExp(INVISIBLE.source).test(ch) && !KEEP.has(ch);
            })
            .map((m) => ({ offset: v.start + m.index!, from: m[0], to: '' }))
        : [];
      const how = fix.length ? 'delete the escape (`npm run check -- --fix` does)' : 'delete the escape';
      ctx.flag(
        `Front matter "${v.path}" holds invisible character U+${hex4(cp)} ${nameOf(cp)}${more}, written as a YAML escape: ${how}`,
        ctx.range(v.start, v.end),
        { fix },
      );
    }
  },
});
