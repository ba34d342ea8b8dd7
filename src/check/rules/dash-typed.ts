// A 破折号 typed as hyphens (“与会委员认为--要加快”, “认为－－要”): pasted from a plain-text mail or
// typed on a Western keyboard, it prints as two short strokes, where Chinese text takes —— (two
// em dashes, two characters wide, never split: src/typeset/cjk-dash.ts). Text converted from GBK on
// Windows or from a Word file often has ―― (U+2015 horizontal bars) or ── (U+2500 box-drawing lines):
// they look alike on screen but are other characters, which the typesetter does not hold together
// and a font draws at its own length. A single - or — is left
// alone: between two names it is a 连接号 (呼和浩特—包头), the editor's call.
import { isCjk } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';
import { inPlainText, moreInBlock, writtenAt } from '../in-text.js';
import { defineRule, type Edit } from '../rule.js';

const RIGHT = '——';
/** Two or more hyphens (ASCII or full-width), horizontal bars or box-drawing lines, with the spaces typed around them. */
const RUN = / *(?:-{2,}|－{2,}|―{2,}|─{2,}) */g;

/** The look-alikes named by code point: on screen they pass for ——. */
const NAMED: Record<string, string> = { '―': ' (U+2015 horizontal bars)', '─': ' (U+2500 box-drawing lines)' };

export default defineRule({
  id: 'dash-typed',
  severity: 'warning',
  fixable: true,
  summary: 'A 破折号 in Chinese text is typed as hyphens (-- or －－) or look-alikes (―― U+2015, ── U+2500), where —— belongs.',
  why:
    'GB/T 15834: the Chinese dash (破折号) is —— (two U+2014, two characters wide, never split at a line end); hyphens print as two ' +
    'short strokes, and ―― (U+2015) or ── (U+2500), left by a GBK or Word conversion, look alike on screen but are not held ' +
    'together at a line end and print at the font’s own length. `--fix` writes —— in their place (and drops the spaces typed around them). Hyphens in code, addresses and ' +
    'Latin text (--help) are left alone; a single - or — is not judged (between two names it is a 连接号).',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n与会委员认为——要加快能源结构调整。运行 `npm run check -- --fix`，或 app --help。呼和浩特—包头。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n与会委员认为--要加快能源结构调整。会议强调 －－ 要抓好落实。\n',
        expect: ["3:7-3:9 Dash typed as '--' and 1 more in this paragraph: Chinese text takes ——; run `npm run check -- --fix`"],
      },
      {
        markdown: '# 主题\n\n与会委员认为――要加快能源结构调整。\n\n会议强调──要抓好落实。\n',
        expect: [
          "3:7-3:9 Dash typed as '――' (U+2015 horizontal bars): Chinese text takes ——; run `npm run check -- --fix`",
          "5:5-5:7 Dash typed as '──' (U+2500 box-drawing lines): Chinese text takes ——; run `npm run check -- --fix`",
        ],
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      if (!['--', '－－', '――', '──'].some((d) => b.text.includes(d))) continue;
      const plain = inPlainText(b, inAddress);
      const found = [...b.text.matchAll(RUN)].filter(
        (m) => isCjk(b.text[m.index - 1]) && isCjk(b.text[m.index + m[0].length]) && plain(m.index, m[0].length),
      );
      if (!found.length) continue;
      const edits: Edit[] = [];
      for (const m of found) {
        const offset = writtenAt(ctx.source, b, m.index, m[0]);
        if (offset >= 0) edits.push({ offset, from: m[0], to: RIGHT });
      }
      const first = found[0];
      const lead = first[0].length - first[0].trimStart().length;
      const typed = first[0].trim();
      const more = moreInBlock(b, found.length);
      ctx.flag(
        `Dash typed as '${typed}'${NAMED[typed[0]] ?? ''}${more}: Chinese text takes ——; ${
          edits.length === found.length
            ? 'run `npm run check -- --fix`'
            : 'type —— by hand (`npm run check -- --fix` leaves one split or escaped)'
        }`,
        ctx.rangeIn(b, first.index + lead, typed.length),
        { fix: edits },
      );
    }
  },
});
