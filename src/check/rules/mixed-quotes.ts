// Quotations marked in more than one style in one manuscript: “ ” in one paragraph, 「 」 (or 『 』) in
// another, or a quotation in ‘ ’ standing on its own beside ones in “ ”. Mainland style (GB/T 15834
// 4.1.3) marks a quotation “ ” and a quotation inside it ‘ ’; 「 」 and 『 』 are the style of
// Taiwan, Hong Kong and vertical setting, and a text that uses both reads as two texts pasted
// together. A manuscript in one style throughout (all 「 」, or outer ‘ ’ alone) is left alone: which
// style it should be is a house decision, not a slip. Said once per quotation, at its opening mark,
// with the marks to write; not fixed (the editor decides which side is the slip, and a quotation's
// inner marks change with it). A block whose marks do not pair is unbalanced-pairs' finding and is
// left alone here; correct nesting (“……‘……’……”, 「……『……』……」) is never said.
import type { TextBlock } from '../../core/text-blocks.js';
import { autolinkLookup } from '../addresses.js';
import { inPlainText, pairMarks } from '../in-text.js';
import { defineRule } from '../rule.js';

const OPENS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』' };
const CJK = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF]/u;

interface Quotation {
  block: TextBlock;
  /** Index of the opening and closing mark in the block's text. */
  open: number;
  close: number;
  mark: string;
  /** Quotations around it (0: outermost). */
  depth: number;
}

/** A block's quotations, paired; none when its marks do not pair (unbalanced-pairs says so). */
function quotations(b: TextBlock, plain: (index: number, length: number) => boolean): Quotation[] {
  const found: Quotation[] = [];
  const paired = pairMarks(b.text, OPENS, plain, (open, close, around) =>
    found.push({ block: b, open, close, mark: b.text[open], depth: around.length }),
  );
  return paired ? found.sort((x, y) => x.open - y.open) : [];
}

const pair = (mark: string) => `${mark} ${OPENS[mark]}`;

export default defineRule({
  id: 'mixed-quotes',
  severity: 'warning',
  summary:
    'Quotations in one manuscript are marked in two styles: 「 」 or 『 』 beside “ ”, or a quotation in ‘ ’ on its own beside ones in “ ”.',
  why:
    'GB/T 15834 (4.1.3): a quotation is marked “ ”, a quotation inside it ‘ ’ (“……‘……’……”). 「 」 and 『 』 are the style of ' +
    'Taiwan, Hong Kong and vertical setting; a manuscript that uses them beside “ ”, or sets a quotation in ‘ ’ on its own beside ' +
    'ones in “ ”, reads as two texts pasted together. Each quotation in the other style is said at its opening mark, with the ' +
    'marks to write (“ ” outside, ‘ ’ inside a quotation); not fixed: change both of its marks. A manuscript in one style ' +
    'throughout (all 「 」) is left alone, and so is correct nesting and English quoted in ‘ ’ (‘Belt and Road’).',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n他说：“我听见她说‘这是好事’。”大家都说“好”。\n' },
      { markdown: '# 主题\n\n他說：「我聽見她說『這是好事』。」大家都說「好」。\n' },
      { markdown: '# 主题\n\n报道称“一带一路”为 the ‘Belt and Road’ initiative。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n他说：“这是好事。”\n\n她说：「我也这样想。」又说：‘当然。’\n',
        expect: [
          '5:4-5:5 Quotation in 「 」 where this manuscript quotes with “ ” (line 3): GB/T 15834 marks a quotation “ ” and one inside it ‘ ’; write “ ” for 「 」',
          '5:15-5:16 Quotation in ‘ ’ on its own where this manuscript quotes with “ ” (line 3): ‘ ’ mark a quotation inside “ ”; write “ ” for ‘ ’',
        ],
      },
      {
        markdown: '# 主题\n\n她说：「我也这样想。」又说：‘当然。’\n',
        expect: [
          '3:4-3:5 Quotation in 「 」 where this manuscript also quotes with ‘ ’ (line 3): GB/T 15834 marks a quotation “ ” and one inside it ‘ ’; write “ ” for 「 」',
          '3:15-3:16 Quotation in ‘ ’ on its own where this manuscript also quotes with 「 」 (line 3): ‘ ’ mark a quotation inside “ ”; write “ ” for ‘ ’',
        ],
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    const all: Quotation[] = [];
    for (const b of ctx.blocks()) {
      if (!/[“‘「『]/.test(b.text)) continue;
      all.push(...quotations(b, inPlainText(b, inAddress)));
    }
    // English quoted in ‘ ’ (the ‘Belt and Road’ initiative) is English, not a style of this text
    const chinese = (q: Quotation) => q.mark !== '‘' || CJK.test(q.block.text.slice(q.open + 1, q.close));
    const outer = all.filter((q) => q.depth === 0 && chinese(q));
    const double = all.find((q) => q.mark === '“');
    // one style throughout: nothing is mixed
    if (!double && new Set(outer.map((q) => q.mark)).size < 2) return;
    const line = (q: Quotation) => ctx.rangeIn(q.block, q.open, 1)?.start.line;
    // the first outer quotation in each style (looked up once per finding: linear)
    const firstOf = new Map<string, Quotation>();
    for (const q of outer) if (!firstOf.has(q.mark)) firstOf.set(q.mark, q);
    for (const q of all) {
      const corner = q.mark === '「' || q.mark === '『';
      if (!corner && !(q.mark === '‘' && q.depth === 0 && chinese(q))) continue;
      // the style it is mixed with: “ ”, or (in a manuscript without them) the first other style outside
      const other = double ?? [...firstOf.values()].find((o) => o.mark !== q.mark)!;
      const where = `where this manuscript ${double ? '' : 'also '}quotes with ${pair(other.mark)} (line ${line(other)})`;
      // the marks its level takes in mainland style: “ ” outside, ‘ ’ inside, “ ” again a level further in
      const want = q.depth % 2 ? '‘' : '“';
      ctx.flag(
        q.mark === '‘'
          ? `Quotation in ‘ ’ on its own ${where}: ‘ ’ mark a quotation inside “ ”; write “ ” for ‘ ’`
          : `Quotation in ${pair(q.mark)} ${where}: GB/T 15834 marks a quotation “ ” and one inside it ‘ ’; write ${pair(want)} for ${pair(q.mark)}`,
        ctx.rangeIn(q.block, q.open, 1),
      );
    }
  },
});
