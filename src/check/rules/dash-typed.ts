// A 破折号 typed as hyphens (“与会委员认为--要加快”, “认为－－要”): pasted from a plain-text mail or
// typed on a Western keyboard, it prints as two short strokes, where Chinese text takes —— (two
// em dashes, two characters wide, never split: src/typeset/cjk-dash.ts). Text converted from GBK on
// Windows or from a Word file often has ―― (U+2015 horizontal bars) or ── (U+2500 box-drawing lines):
// they look alike on screen but are other characters, which the typesetter does not hold together
// and a font draws at its own length. A single - is left alone. A single — (U+2014) is half a
// 破折号 where nothing else can be meant: at the start of a text (a 副题 “—自治区政协……”, an attribution
// “—摘自……”), at the end of a sentence or before its closing quote (话没说完—”), or with spaces typed
// round it as in English (认为 — 要): --fix writes ——. Between two clauses of Chinese text (这就是我们的
// 目标—建设美丽家园) it is said and left to the editor; between two names or the ends of a range
// (呼和浩特—包头, 中国—东盟, 1990—2000年) it is a 连接号 (一字线), and that is not judged.
import { isCjk, isHan } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';
import { inPlainText, moreInBlock, writtenAt } from '../in-text.js';
import { defineRule, type Edit, type RuleContext } from '../rule.js';
import type { TextBlock } from '../../core/text-blocks.js';

const RIGHT = '——';
/** Two or more hyphens (ASCII or full-width), horizontal bars or box-drawing lines, with the spaces typed around them. */
const RUN = / *(?:-{2,}|－{2,}|―{2,}|─{2,}) */g;

/** One em dash, not beside another, with the spaces typed around it. */
const SINGLE = /[ \t\u00A0]*(?<!—)—(?!—)[ \t\u00A0]*/g;
/** What may follow a 破折号 that ends a sentence or an interrupted speech. */
const CLOSES = new Set([...'。！？…”’」』）']);
/** Chinese numerals: a dash between two is a range (一—三月份), a 连接号. */
const NUMERAL = /^[〇零一二三四五六七八九十百千万两]$/u;
/** Han characters of a clause on each side of a mid-sentence dash from which it reads as joining clauses, not two names. */
const CLAUSE = 5;

/** Han characters in a row from `i` going by `step` (the length of a term or clause beside a dash). */
function hanRun(s: string, i: number, step: 1 | -1): number {
  let n = 0;
  for (let j = i; j >= 0 && j < s.length && isHan(s[j]); j += step) n++;
  return n;
}

/** The look-alikes named by code point: on screen they pass for ——. */
const NAMED: Record<string, string> = { '―': ' (U+2015 horizontal bars)', '─': ' (U+2500 box-drawing lines)' };

export default defineRule({
  id: 'dash-typed',
  severity: 'warning',
  fixable: true,
  summary: 'A 破折号 in Chinese text is typed as hyphens (-- or －－), look-alikes (―― U+2015, ── U+2500) or a single —, where —— belongs.',
  why:
    'GB/T 15834: the Chinese dash (破折号) is —— (two U+2014, two characters wide, never split at a line end); hyphens print as two ' +
    'short strokes, and ―― (U+2015) or ── (U+2500), left by a GBK or Word conversion, look alike on screen but are not held ' +
    'together at a line end and print at the font’s own length. `--fix` writes —— in their place (and drops the spaces typed around them). Hyphens in code, addresses and ' +
    'Latin text (--help) are left alone. A single — is half a 破折号 at the start of a text (a 副题 “—自治区政协……”), at the end of a ' +
    'sentence or before its closing mark (话没说完—”) and with spaces typed round it as in English (认为 — 要): `--fix` writes ——. ' +
    'Between two clauses of Chinese text (这就是我们的目标—建设美丽家园) it is said and left to the editor. Between two names or the ' +
    'ends of a range (呼和浩特—包头, 中国—东盟, 1990—2000年) it is a 连接号 (一字线) and is not judged, nor is a single - or a — in Latin text or code.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n与会委员认为——要加快能源结构调整。运行 `npm run check -- --fix`，或 app --help。呼和浩特—包头。\n' },
      {
        markdown:
          '# 主题\n\n中国—东盟博览会在南宁举行，呼和浩特—包头—鄂尔多斯城市群，1990—2000年，秦岭—淮河一线以南。' +
          'He said — quietly — no. 运行 `a — b`。\n',
      },
    ],
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
      {
        markdown:
          '---\nheadline: 主题\nsubheadline: —自治区政协2023年度工作回眸\n---\n\n与会委员认为 — 要加快能源结构调整。他说：“我的话还没说完—”\n',
        expect: [
          "3:14-3:15 Dash typed as a single '—' at the start of the text: Chinese text takes —— for a 破折号; run `npm run check -- --fix`",
          "6:7-6:10 Dash typed as a single '—' with spaces round it and 1 more in this paragraph: Chinese text takes —— for a 破折号; run `npm run check -- --fix`",
        ],
      },
      {
        markdown: '# 主题\n\n这就是我们的奋斗目标—建设美丽富饶的新家园。\n',
        expect: [
          "3:11-3:12 A single '—' between two clauses: if it is a 破折号, type ——; a 连接号 between two names or the ends of a range stays —",
        ],
        unfixed: true,
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      if (b.text.includes('—')) singleDashes(ctx, b, inPlainText(b, inAddress));
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

/**
 * The single — of a block that stand for a 破折号: at its start, before a closing mark or its end, or
 * typed with spaces (one finding with the --fix); and those between two clauses (one finding, left
 * to the editor).
 */
function singleDashes(ctx: RuleContext<Record<string, never>>, b: TextBlock, plain: (index: number, length: number) => boolean): void {
  const s = b.text;
  const sure: Array<{ index: number; typed: string; how: string }> = [];
  const between: number[] = [];
  for (const m of s.matchAll(SINGLE)) {
    const dash = m.index + m[0].indexOf('—');
    if (!plain(dash, 1)) continue;
    const before = s[m.index - 1];
    const after = s[m.index + m[0].length];
    const spaced = m[0].length > 1;
    if (m.index === 0 && isHan(after)) sure.push({ index: m.index, typed: m[0], how: 'at the start of the text' });
    else if (isHan(before) && (after === undefined || CLOSES.has(after)) && !spaced)
      sure.push({ index: m.index, typed: m[0], how: 'at the end of a sentence' });
    else if (spaced && isCjk(before) && isCjk(after) && (isHan(before) || isHan(after)))
      sure.push({ index: m.index, typed: m[0], how: 'with spaces round it' });
    else if (
      !spaced &&
      isHan(before) &&
      isHan(after) &&
      !(NUMERAL.test(before) && NUMERAL.test(after)) &&
      hanRun(s, dash - 1, -1) >= CLAUSE &&
      hanRun(s, dash + 1, 1) >= CLAUSE
    )
      between.push(dash);
  }
  if (sure.length) {
    const edits: Edit[] = [];
    for (const d of sure) {
      const offset = writtenAt(ctx.source, b, d.index, d.typed);
      if (offset >= 0) edits.push({ offset, from: d.typed, to: RIGHT });
    }
    const [first] = sure;
    const lead = first.typed.indexOf('—');
    const span = first.how === 'with spaces round it' ? first.typed.length : 1;
    ctx.flag(
      `Dash typed as a single '—' ${first.how}${moreInBlock(b, sure.length)}: Chinese text takes —— for a 破折号; ${
        edits.length === sure.length
          ? 'run `npm run check -- --fix`'
          : 'type —— by hand (`npm run check -- --fix` leaves one split or escaped)'
      }`,
      ctx.rangeIn(b, span === 1 ? first.index + lead : first.index, span),
      { fix: edits.length === sure.length ? edits : [] },
    );
  }
  if (between.length)
    ctx.flag(
      `A single '—' between two clauses${moreInBlock(b, between.length)}: if it is a 破折号, type ——; a 连接号 between two names or ` +
        'the ends of a range stays — (accept it with <!-- lint ignore dash-typed -->)',
      ctx.rangeIn(b, between[0], 1),
    );
}
