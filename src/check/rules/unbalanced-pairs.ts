// Paired marks open and close within one block: “ ” ‘ ’ 《 》 （ ） 【 】 「 」 『 』 〈 〉, and the
// half-width ( ) that stand in Chinese text (they print as （ ）, and `--fix` writes them so).
import { defineRule } from '../rule.js';
import { findHalfWidthPunctuation } from '../../core/cjk.js';

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '（': '）', '【': '】', '「': '」', '『': '』', '〈': '〉' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([o, c]) => [c, o]));
/** The codes of every mark above (all in the BMP): the text is read by code, and a string made only of a mark. */
const MARKS = new Set([...Object.keys(PAIRS), ...CLOSERS.keys()].map((c) => c.charCodeAt(0)));

export default defineRule({
  id: 'unbalanced-pairs',
  severity: 'warning',
  summary: 'A quotation mark, book-title mark or bracket is opened and not closed in the same paragraph, or closed without being opened.',
  why: 'An unclosed “ or 《 runs the quotation or title on into the following text; it is almost always a typing slip. A quotation that really spans paragraphs can be accepted with <!-- lint ignore unbalanced-pairs -->.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n提出了“深刻领悟‘两个确立’的决定性意义”，制定《工作方案》（试行）。\n' },
      { markdown: '# 主题\n\n他说：“Don’t stop.”\n' },
      { markdown: '# 主题\n\n方案(试行)已印发，见附件1) 和 (a) 项；制定工作方案（试行)。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n提出了“深刻领悟‘两个确立’的决定性意义，制定方案。\n',
        expect: ['3:4-3:5 ““” is never closed in this paragraph'],
      },
      { markdown: '# 主题\n\n制定工作方案》。\n', expect: ['3:7-3:8 “》” closes nothing: no “《” before it in this paragraph'] },
      // a half-width ( in Chinese text prints as （ (and --fix writes it so): it pairs like one
      { markdown: '# 主题\n\n制定工作方案(试行。\n', expect: ['3:7-3:8 “(” is never closed in this paragraph: add “)”'] },
    ],
  },
  check(ctx) {
    for (const b of ctx.blocks()) {
      // The half-width ( ) of Chinese text, by index, as the full-width marks they print as.
      const printed = new Map<number, string>();
      if (b.text.includes('(') || b.text.includes(')'))
        for (const ch of findHalfWidthPunctuation(b.text)) if (ch.from === '(' || ch.from === ')') printed.set(ch.index, ch.to);
      const markAt = (j: number) => printed.get(j) ?? b.text[j];
      /** The mark that pairs with the one at `j`, in the width it is written in (a half-width ( takes a half-width )). */
      const partner = (j: number) => (b.text[j] === '(' ? ')' : PAIRS[b.text[j]]);
      // Open marks in order, and for each kind of mark where its open ones stand in that list: a
      // closer finds its opener at once, and every mark is pushed and taken off once (linear).
      const stack: number[] = [];
      const open = new Map<string, number[]>();
      const bad: Array<{ index: number; reason: string }> = [];
      for (let i = 0; i < b.text.length; i++) {
        if (!MARKS.has(b.text.charCodeAt(i)) && !printed.has(i)) continue;
        const c = markAt(i);
        // ’ between Latin letters is an apostrophe (don’t), not a closing quote.
        if (c === '’' && /[A-Za-z]/.test(b.text[i - 1] ?? '') && /[A-Za-z]/.test(b.text[i + 1] ?? '')) continue;
        if (c in PAIRS) {
          let list = open.get(c);
          if (!list) open.set(c, (list = []));
          list.push(stack.length);
          stack.push(i);
        } else if (CLOSERS.has(c)) {
          const opener = CLOSERS.get(c)!;
          const at = open.get(opener)?.pop();
          if (at === undefined) {
            bad.push({
              index: i,
              reason: `“${b.text[i]}” closes nothing: no “${b.text[i] === ')' ? '(' : opener}” before it in this paragraph`,
            });
            continue;
          }
          // Marks opened after the opener are left open by this closer: each was the last of its kind.
          for (const j of stack.splice(at + 1)) {
            open.get(markAt(j))!.pop();
            bad.push({ index: j, reason: `“${b.text[j]}” is not closed before “${b.text[i]}”: add “${partner(j)}”` });
          }
          stack.pop();
        }
      }
      for (const j of stack) bad.push({ index: j, reason: `“${b.text[j]}” is never closed in this paragraph: add “${partner(j)}”` });
      bad.sort((x, y) => x.index - y.index);
      for (const f of bad) ctx.flag(f.reason, ctx.rangeIn(b, f.index, 1));
    }
  },
});
