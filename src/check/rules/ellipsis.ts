// An ellipsis in Chinese text typed some other way than …… (two U+2026, six dots on the centre
// line, 2 em): "...", "。。。", "···", a single "…" or three of them.
import { defineRule, type Edit } from '../rule.js';
import { isCjk, isHan, protectedRanges } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';
import { moreInBlock, writtenAt } from '../in-text.js';

const RIGHT = '……';
/** Runs that stand for an ellipsis: dots (3 or more), 。 (3 or more), middle dots (3 or more), … (any number). */
const RUN = /\.{3,}|．{3,}|。{3,}|[·・]{3,}|…+/g;

export interface Ellipsis {
  index: number;
  length: number;
  from: string;
}

/** The ellipses of a text typed otherwise than ……, in Chinese text (a Chinese character or mark before, or Chinese after). */
export function findEllipses(s: string): Ellipsis[] {
  const guarded = protectedRanges(s);
  const out: Ellipsis[] = [];
  for (const m of s.matchAll(RUN)) {
    const run = m[0];
    if (run === RIGHT || (run.startsWith('…') && run.length % 2 === 0)) continue; // ……, or two of them
    if (guarded.some(([a, b]) => m.index < b && m.index + run.length > a)) continue;
    const before = s[m.index - 1];
    const after = s[m.index + run.length];
    // Chinese on one side; not between digits (1...10) or inside Latin text (etc...).
    const chinese = (isCjk(before) && before !== '…') || isHan(after);
    if (!chinese || (/[0-9A-Za-z]/.test(before ?? '') && /[0-9A-Za-z]/.test(after ?? ''))) continue;
    out.push({ index: m.index, length: run.length, from: run });
  }
  return out;
}

export default defineRule({
  id: 'ellipsis',
  severity: 'warning',
  fixable: true,
  summary: 'An ellipsis in Chinese text is typed as "...", "。。。", "···" or a single "…", where …… belongs.',
  why:
    'GB/T 15834: the Chinese ellipsis is …… (two U+2026 HORIZONTAL ELLIPSIS, six dots on the centre line, two characters wide, never split ' +
    'at a line end); three full stops, Latin dots or a single … print low, narrow or half as long. `--fix` writes …… in their place. ' +
    'Dots between digits (1...10), in Latin text and in addresses (an autolink <http://…> too) are left alone.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n委员们谈到教育、医疗、养老……大家畅所欲言。见 https://example.cn/a...b 和 1...10。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n委员们谈到教育、医疗、养老...大家畅所欲言。\n\n他说：“这个嘛。。。”又停下…\n',
        expect: [
          "3:14-3:17 Ellipsis typed as '...': Chinese text takes ……; run `npm run check -- --fix`",
          "5:8-5:11 Ellipsis typed as '。。。' and 1 more in this paragraph: Chinese text takes ……",
        ],
      },
    ],
  },
  check(ctx) {
    // An autolink's text is its address (<http://a.cn/报告...稿>): its dots are the URL's, as for half-width-full-stop.
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const found = findEllipses(b.text).filter((e) => !inAddress(b.offsets[e.index]));
      if (!found.length) continue;
      const edits: Edit[] = [];
      for (const e of found) {
        const offset = writtenAt(ctx.source, b, e.index, e.from);
        if (offset >= 0) edits.push({ offset, from: e.from, to: RIGHT });
      }
      const first = found[0];
      const more = moreInBlock(b, found.length);
      ctx.flag(
        `Ellipsis typed as '${first.from}'${more}: Chinese text takes ……; ` +
          (edits.length === found.length
            ? 'run `npm run check -- --fix`'
            : 'type …… by hand (`npm run check -- --fix` leaves an escaped one)'),
        ctx.rangeIn(b, first.index, first.length),
        { fix: edits, note: found.map((e) => `${e.from}→${RIGHT}`).join(' ') },
      );
    }
  },
});
