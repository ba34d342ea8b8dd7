// Invisible characters that pasted copy brings along: control codes, zero-width spaces and
// joiners, bidirectional overrides, soft hyphens, stray byte-order marks, the noncharacters U+FFFE
// and U+FFFF; typed as themselves, as YAML escapes in the front matter, or as character references
// in the text (&#x202E;, &ZeroWidthSpace;), which the text holds as the character itself.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
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
  65534: 'noncharacter',
  65535: 'noncharacter',
};
// C0 controls but tab, line feed and carriage return; DEL and C1; the invisible formatting marks;
// the noncharacters that XML forbids.
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFFE\uFFFF]/g;

// Character references in markdown text: numeric, and the named ones that stand for an invisible
// character (from the HTML list of names that micromark decodes). A numeric reference to a control
// code or a noncharacter reads as U+FFFD (micromark), so it is no invisible character.
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;
const NAMED: Record<string, string> = {
  shy: '\u00AD',
  ZeroWidthSpace: '\u200B',
  NegativeVeryThinSpace: '\u200B',
  NegativeThinSpace: '\u200B',
  NegativeMediumSpace: '\u200B',
  NegativeThickSpace: '\u200B',
  zwnj: '\u200C',
  zwj: '\u200D',
  lrm: '\u200E',
  rlm: '\u200F',
  NoBreak: '\u2060',
  ApplyFunction: '\u2061',
  af: '\u2061',
  InvisibleTimes: '\u2062',
  it: '\u2062',
  InvisibleComma: '\u2063',
  ic: '\u2063',
};

/** The invisible character a character reference stands for in the text, if it stands for one. */
function referenced(hex: string | undefined, dec: string | undefined, name: string | undefined): string | undefined {
  if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
  const cp = Number.parseInt(hex ?? dec!, hex ? 16 : 10);
  if (cp > 0x10ffff || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xfffe || cp === 0xffff) return undefined;
  const ch = String.fromCodePoint(cp);
  return new RegExp(INVISIBLE.source).test(ch) ? ch : undefined;
}

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

/** Where text (and image captions) stand in the source: character references there are the text's. */
function textSpans(tree: Root): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  visit(tree, (node) => {
    if (node.type !== 'text' && node.type !== 'image') return;
    const { start, end } = node.position ?? {};
    if (start?.offset !== undefined && end?.offset !== undefined) spans.push([start.offset, end.offset]);
  });
  return spans;
}

export default defineRule({
  id: 'control-characters',
  severity: 'error',
  fixable: true,
  summary: 'The text holds control or invisible characters (zero-width spaces, bidi marks, soft hyphens, control codes).',
  why: 'Invisible characters break searching, line breaking and duplicate detection, and some print as boxes. `--fix` deletes them (except the joiners U+200C/U+200D, which emoji use); most editors show them with "show invisibles". One finding per line, with the count. Control codes (U+0000–U+001F but tab and line breaks, U+007F–U+009F) and the noncharacters U+FFFE and U+FFFF are left out of every output, which XML forbids them in; the other invisible characters are printed until they are fixed. A YAML escape in the front matter (`"\\u0001"`) is found too, at its line, and so is a character reference in the text (`&#x202E;`, `&ZeroWidthSpace;`, `&shy;`): `--fix` deletes the reference.',
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
        // The noncharacters U+FFFE and U+FFFF, which no XML file (an EPUB chapter) may hold.
        markdown: '# 主题\n\n正文\uFFFE一段\uFFFF。\n',
        expect: ['3:3-3:4 Invisible character U+FFFE noncharacter and 1 more on this line'],
      },
      {
        // Written as character references: the text holds the character, at the reference; in code it is text as written.
        markdown:
          '# 主题\n\n正文&#x202E;反向&#8236;一段，零宽&ZeroWidthSpace;空格。\n\n![图注&shy;文字](images/photo.jpg)\n\n代码 `&#x200B;` 照写。\n',
        expect: [
          '3:3-3:11 Invisible character U+202E invisible formatting character, written as the character reference &#x202E; and 2 more on this line',
          '5:5-5:10 Invisible character U+00AD SOFT HYPHEN, written as the character reference &shy;',
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
    // Markdown writes them as character references too (&#x202E;): the text holds the character,
    // the source the reference. Each one in text or a caption, at the reference; --fix deletes it.
    const refsByLine = new Map<number, Array<{ offset: number; from: string; ch: string }>>();
    for (const [start, end] of textSpans(ctx.tree)) {
      const span = ctx.source.slice(start, end);
      if (!span.includes('&')) continue;
      for (const m of span.matchAll(REFERENCE)) {
        const ch = referenced(m[1], m[2], m[3]);
        if (ch === undefined) continue;
        const offset = start + m.index!;
        const line = ctx.point(offset).line;
        const list = refsByLine.get(line) ?? [];
        list.push({ offset, from: m[0], ch });
        refsByLine.set(line, list);
      }
    }
    for (const refs of refsByLine.values()) {
      const [first] = refs;
      const cp = first.ch.codePointAt(0)!;
      const fix = refs.filter((r) => !KEEP.has(r.ch)).map((r) => ({ offset: r.offset, from: r.from, to: '' }));
      const more = refs.length > 1 ? ` and ${refs.length - 1} more on this line` : '';
      const how = fix.length === refs.length ? 'delete it (`npm run check -- --fix` does)' : 'delete it unless it joins an emoji';
      ctx.flag(
        `Invisible character U+${hex4(cp)} ${nameOf(cp)}, written as the character reference ${first.from}${more}: ${how}`,
        ctx.range(first.offset, first.offset + first.from.length),
        { fix },
      );
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
