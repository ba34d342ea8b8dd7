// A mark typed twice (“协商会，，围绕”, “生态优先、、绿色”, “抓好落实。。”) or two sentence marks
// side by side (“落实，。”): a slip of the keyboard no Chinese text has. The same mark twice is
// fixable (one is kept); two different marks are left to the editor, who knows which one was meant.
// Three or more 。 are an ellipsis (the ellipsis rule's); three or more of another mark (这个嘛、、、,
// 好好好，，，) are an ellipsis typed with the marks at hand as often as a slip, so they are said and not
// fixed (keeping one would print 这个嘛、我再想想).
// ？ and ！ are GB/T 15834's own to double for strong feeling: ？？ or ！！ (at most three, 4.2.3.3,
// 4.3.3.3) and ？！ (one of each, the question first, 4.3.3.4) pass; ！？ is written ？！ (fixed), four or
// more, or more than one of each, are said; a ？ or ！ beside ，、；：。 is two marks side by side.
import { autolinkLookup } from '../addresses.js';
import { inPlainText, moreInBlock, writtenAt } from '../in-text.js';
import { defineRule, type Edit } from '../rule.js';

/** Runs of two or more of ，、；：。？！ (a run of three or more 。 alone is an ellipsis typed so). */
const RUN = /[，、；：。？！]{2,}/g;
/** What GB/T 15834 writes for strong feeling: ？？ or ！！ up to three, and ？！. */
const STRONG = /^(?:？{1,3}|！{1,3}|？！)$/;
/** A run of ？ and ！ only. */
const ASKED = /^[？！]+$/;
/**
 * An enumerator in brackets at a block's or a sentence's start with a mark after it (（一）、稳增长, （2），): GB/T 15834 puts no
 * other mark after a bracketed 序次语; the mark is a slip carried over from 一、.
 */
const ENUMERATOR = /(?<=^|[。；！？])[（(](?:[一二三四五六七八九十]{1,3}|\d{1,3})[）)]([、，．.])/gu;

export default defineRule({
  id: 'doubled-punctuation',
  severity: 'warning',
  fixable: true,
  summary:
    'A mark typed twice (，，、、。。), two of ，、；：。 side by side (，。, ？。), ？ and ！ doubled or combined other than GB/T 15834 allows (！？, ！！！！), or a mark after a bracketed enumerator (（一）、).',
  why:
    'GB/T 15834: one mark stands between two parts of a sentence; two side by side are a slip of the keyboard and print as a gap ' +
    'with two marks in it. `--fix` keeps one of a mark typed twice; of two different marks, keep the one that was meant. Three or more ' +
    '(这个嘛、、、) are as often an ellipsis typed with the marks at hand: write …… or keep one; `--fix` leaves them. ' +
    'Three or more 。 are an ellipsis (the `ellipsis` rule); code and addresses are left alone. A bracketed enumerator takes no ' +
    'other mark after it (（一）稳增长, not （一）、稳增长): `--fix` deletes the mark. For strong feeling GB/T 15834 doubles ？ and ！ ' +
    '(？？, ！！, at most three: 4.2.3.3, 4.3.3.3) and puts one ！ after one ？ (？！, 4.3.3.4): these pass, and print in one em, each mark half-width (clreq). ！？ is written ？！ (`--fix` ' +
    'swaps them); four or more, or more than one of each (？？！), are said and left to the editor; a ？ or ！ beside ，、；：。 (好！。) is ' +
    'two marks side by side.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n会议指出，要坚持生态优先、绿色发展。他说：“这个嘛。。。”\n' },
      { markdown: '# 主题\n\n## 这是真的？！\n\n“太好了！！”“冲啊！！！”“你真的去了？？”“难道还要等？？？”“这也叫协商？！”\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n自治区政协召开专题协商会，，围绕绿色发展协商议政。\n\n要坚持生态优先、、绿色发展。会议要求抓好落实。。\n',
        expect: [
          "3:13-3:15 '，，': a mark typed twice; keep one (`npm run check -- --fix` does)",
          "5:8-5:10 '、、': a mark typed twice and 1 more in this paragraph; keep one (`npm run check -- --fix` does)",
        ],
      },
      {
        markdown: '# 主题\n\n要坚持绿色发展导向，。会议强调，要抓好落实。\n',
        expect: ["3:10-3:12 '，。': marks side by side; of '，。' the one that was meant"],
        unfixed: true,
      },
      {
        markdown: '# 主题\n\n## （一）、稳增长\n\n（1）、要扩大有效投资。\n',
        expect: [
          "3:7-3:8 '（一）、': a bracketed enumerator takes no other mark after it; delete '、' (`npm run check -- --fix` does)",
          "5:4-5:5 '（1）、': a bracketed enumerator takes no other mark after it; delete '、' (`npm run check -- --fix` does)",
        ],
      },
      {
        markdown: '# 主题\n\n他说：“这个嘛、、、我再想想。”\n',
        expect: ["3:8-3:11 '、、、': a mark typed three times or more; write …… if an ellipsis was meant, else keep one"],
        unfixed: true,
      },
      {
        markdown: '# 主题\n\n“这也叫协商！？”\n',
        expect: ["3:7-3:9 '！？': ！ before ？; GB/T 15834 puts the question mark first: write ？！ (`npm run check -- --fix` does)"],
      },
      {
        markdown: '# 主题\n\n“太好了！！！！”“真的吗？？！”\n\n会开得好！。大家满意吗？，\n',
        expect: [
          "3:5-3:9 '！！！！': ！ typed four times or more and 1 more in this paragraph; GB/T 15834 doubles ？ or ！ at most three times (！！！) and combines one ？ with one ！, the question first (？！): keep what the feeling needs",
          "5:5-5:7 '！。': marks side by side and 1 more in this paragraph; of '！。', '？，' the one that was meant",
        ],
        unfixed: true,
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const enumerators = [...b.text.matchAll(ENUMERATOR)];
      if (enumerators.length) {
        const edits: Edit[] = [];
        for (const m of enumerators) {
          const offset = b.offsets[m.index + m[0].length - 1];
          if (offset >= 0 && ctx.source[offset] === m[1]) edits.push({ offset, from: m[1], to: '' });
        }
        const [first] = enumerators;
        const more = moreInBlock(b, enumerators.length);
        ctx.flag(
          `'${first[0]}': a bracketed enumerator takes no other mark after it${more}; delete '${first[1]}'` +
            (edits.length === enumerators.length ? ' (`npm run check -- --fix` does)' : ''),
          ctx.rangeIn(b, first.index + first[0].length - 1, 1),
          { fix: edits.length === enumerators.length ? edits : [] },
        );
      }
      const plain = inPlainText(b, inAddress);
      const runs = [...b.text.matchAll(RUN)].filter((m) => !/^。{3,}$/.test(m[0]) && !STRONG.test(m[0]) && plain(m.index, m[0].length));
      // ？ and ！ among themselves: GB/T 15834's order (！？ → ？！) or its bounds (at most three, one of each)
      const asked = runs.filter((m) => ASKED.test(m[0]));
      if (asked.length) {
        const edits: Edit[] = [];
        for (const m of asked) {
          const offset = m[0] === '！？' ? writtenAt(ctx.source, b, m.index, m[0]) : -1;
          if (offset >= 0) edits.push({ offset, from: '！？', to: '？！' });
        }
        const [first] = asked;
        const more = moreInBlock(b, asked.length);
        const all = edits.length === asked.length;
        const what =
          first[0] === '！？'
            ? '！ before ？'
            : /^(.)\1+$/.test(first[0])
              ? `${first[0][0]} typed four times or more`
              : '？ and ！ combined';
        ctx.flag(
          first[0] === '！？' && asked.length === 1
            ? `'！？': ${what}; GB/T 15834 puts the question mark first: write ？！${all ? ' (`npm run check -- --fix` does)' : ''}`
            : `'${first[0]}': ${what}${more}; GB/T 15834 doubles ？ or ！ at most three times (！！！) and combines one ？ with one ！, ` +
                `the question first (？！): keep what the feeling needs${all ? ' (`npm run check -- --fix` writes ？！ for ！？)' : ''}`,
          ctx.rangeIn(b, first.index, first[0].length),
          { fix: all ? edits : [] },
        );
      }
      const found = runs.filter((m) => !ASKED.test(m[0]));
      if (!found.length) continue;
      const edits: Edit[] = [];
      const mixed: string[] = [];
      const dotted: string[] = [];
      for (const m of found) {
        const run = m[0];
        if (new Set(run).size > 1) {
          mixed.push(run);
          continue;
        }
        if (run.length > 2) {
          dotted.push(run);
          continue;
        }
        // the repeats go; only where the source holds them as the text reads (no escape or line break between)
        const offset = writtenAt(ctx.source, b, m.index + 1, run.slice(1));
        if (offset >= 0) edits.push({ offset, from: run.slice(1), to: '' });
      }
      const first = found[0];
      const more = moreInBlock(b, found.length);
      const twice = found.length - mixed.length - dotted.length;
      const advice = [
        twice ? `keep one${edits.length === twice ? ' (`npm run check -- --fix` does)' : ''}` : '',
        mixed.length ? `${twice ? 'and ' : ''}of ${mixed.map((r) => `'${r}'`).join(', ')} the one that was meant` : '',
        dotted.length
          ? twice || mixed.length
            ? `and for ${[...new Set(dotted)].map((r) => `'${r}'`).join(', ')} write …… if an ellipsis was meant, else keep one`
            : 'write …… if an ellipsis was meant, else keep one'
          : '',
      ].filter(Boolean);
      const what =
        new Set(first[0]).size > 1 ? 'marks side by side' : first[0].length > 2 ? 'a mark typed three times or more' : 'a mark typed twice';
      ctx.flag(`'${first[0]}': ${what}${more}; ${advice.join(', ')}`, ctx.rangeIn(b, first.index, first[0].length), {
        fix: edits,
      });
    }
  },
});
