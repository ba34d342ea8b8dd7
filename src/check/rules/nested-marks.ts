// A quotation inside a quotation marked like the one around it (他说：“我听见她说“这是好事”。”), or a
// title inside a title (《关于《政协章程》的说明》): GB/T 15834 alternates them, “‘’” (4.1.3.2) and
// 《〈〉》 (4.15.3.5), and the reader cannot tell where the inner one ends. Said at the inner opener;
// --fix swaps the inner pair and everything inside it (“ ↔ ‘, ” ↔ ’; 《 ↔ 〈, 》 ↔ 〉), so a third level
// goes back to the outer marks as the standard has it. A block whose marks do not pair is
// unbalanced-pairs' finding and is left alone here.
import { inPlainText, moreInBlock, pairMarks } from '../in-text.js';
import { autolinkLookup } from '../addresses.js';
import { defineRule, type Edit } from '../rule.js';

const OPENS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '〈': '〉' };
/** Each mark's family and its other form one level in. */
const SWAP: Record<string, string> = { '“': '‘', '‘': '“', '”': '’', '’': '”', '《': '〈', '〈': '《', '》': '〉', '〉': '》' };
const FAMILY: Record<string, 'quote' | 'title'> = {
  '“': 'quote',
  '‘': 'quote',
  '”': 'quote',
  '’': 'quote',
  '《': 'title',
  '〈': 'title',
  '》': 'title',
  '〉': 'title',
};

export default defineRule({
  id: 'nested-marks',
  severity: 'warning',
  fixable: true,
  summary:
    'A quotation inside a quotation takes the same marks (“…“…”…”), or a title inside a title (《…《…》…》), where ‘’ or 〈〉 belong.',
  why:
    'GB/T 15834: a quotation inside a quotation is marked with single quotes (“……‘……’……”, 4.1.3.2), a title inside a title with ' +
    'single title marks (《……〈……〉……》, 4.15.3.5); a third level goes back to the outer marks. With the same marks the reader cannot ' +
    'tell where the inner one ends. `--fix` swaps the inner pair and what is inside it. A block whose marks do not pair is left to ' +
    '`unbalanced-pairs`.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n他说：“我听见她说‘这是《人民日报》的“头条”’。”见《关于〈政协章程〉的说明》。\n' },
      { markdown: '# 主题\n\n他说：“Don’t stop.”又说：“好”“好”。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n他说：“我听见她说“这是‘好事’”。”见《关于《政协章程》的说明》。\n',
        expect: [
          '3:10-3:11 A quotation inside a quotation is marked “ ” like the one around it and 1 more in this paragraph: GB/T 15834 takes ‘ ’ inside “ ”',
        ],
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const s = b.text;
      if (!/[“《]/.test(s)) continue;
      const plain = inPlainText(b, inAddress);
      const inner: Array<{ open: number; close: number }> = [];
      /** Each paired mark's level among the marks of its family around it (0: outermost), and that outermost mark. */
      const level = new Map<number, { depth: number; root: string }>();
      const paired = pairMarks(s, OPENS, plain, (open, close, stack) => {
        // the nearest enclosing mark of the same family: the same mark is the slip
        const family = FAMILY[s[open]];
        const around = stack.filter((j) => FAMILY[s[j]] === family);
        const at = { depth: around.length, root: around.length ? s[around[0]] : s[open] };
        level.set(open, at).set(close, at);
        const outer = around.at(-1);
        if (outer !== undefined && s[outer] === s[open]) inner.push({ open, close });
      });
      if (!paired || !inner.length) continue;
      // outermost slips only: what is inside one is marked again by its level, alternating from the
      // outermost mark (“‘“…”’”), so a third level goes back to the outer marks
      const slips = inner
        .filter((p) => !inner.some((q) => q !== p && q.open < p.open && q.close > p.close))
        .sort((x, y) => x.open - y.open);
      const edits: Edit[] = [];
      let all = true;
      for (const p of slips)
        for (let i = p.open; i <= p.close; i++) {
          const c = s[i];
          const at = level.get(i);
          if (!at || FAMILY[c] !== FAMILY[s[p.open]]) continue;
          const outerForm = c in OPENS ? at.root : OPENS[at.root];
          const want = at.depth % 2 === 0 ? outerForm : SWAP[outerForm];
          if (want === c) continue;
          const offset = b.offsets[i];
          if (offset >= 0 && ctx.source[offset] === c) edits.push({ offset, from: c, to: want });
          else all = false;
        }
      const [first] = slips;
      const mark = s[first.open];
      const what = FAMILY[mark] === 'quote' ? 'A quotation inside a quotation' : 'A title inside a title';
      ctx.flag(
        `${what} is marked ${mark} ${OPENS[mark]} like the one around it${moreInBlock(b, slips.length)}: GB/T 15834 takes ` +
          `${SWAP[mark]} ${SWAP[OPENS[mark]]} inside ${mark} ${OPENS[mark]}; ${all ? 'run `npm run check -- --fix`' : 'change them by hand'}`,
        ctx.rangeIn(b, first.open, 1),
        { fix: all ? edits : [] },
      );
    }
  },
});
