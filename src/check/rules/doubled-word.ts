// A word typed twice in a row (“自治区政协自治区政协委员”, “我们我们要”): a slip of the keyboard or of a
// paste that the eye skips when reading for sense. Chinese repeats words on purpose too: a verb said
// twice to soften it (研究研究, 商量商量), a word of assent or denial in speech (可以可以, 不是不是),
// laughter (哈哈哈哈), a phrase said three times (a song's 再见吧再见吧再见吧, a chant), a courtesy said twice in speech (对不起对不起, 没关系没关系), and 一 with a
// measure word said twice for “one by one” (一个村一个村地走访, 一家企业一家企业地调研). So a repeat is
// flagged only where no Chinese sentence means one: a run of three or more characters that are not
// all one character, or a pronoun, demonstrative or joining word (我们, 这个, 因为) whose repeat no
// sentence reads. Longer repeats (a clause of 20 characters or more,
// pasted twice) are the duplicate-passage rule's. Nothing is fixed: the editor knows whether the
// copy was meant to be another word.
import { autolinkLookup } from '../addresses.js';
import { inPlainText, moreInBlock } from '../in-text.js';
import { defineRule } from '../rule.js';

/** Two to nineteen Han characters followed at once by the same characters: the shortest such unit at each place. */
const REPEAT = /(\p{Script=Han}{2,19}?)\1/gu;

/** Two-character words whose doubling no sentence means (not verbs, not words said twice in speech). */
const NEVER_TWICE = new Set(
  [
    '我们 你们 他们 她们 它们 咱们 我国 这个 那个 这些 那些',
    '已经 以及 并且 而且 但是 因为 所以 如果 虽然 通过 对于 关于 其中 目前 同时 进行 以来 之一',
  ]
    .join(' ')
    .split(' '),
);

/** Three-character phrases of speech said twice on purpose (“对不起对不起”, “了不起了不起”). */
const SAID_TWICE = new Set(
  '对不起 没关系 不客气 了不起 不得了 没问题 不要紧 不敢当 过奖了 太好了 好极了 不用了 知道了 辛苦了 谢谢你 谢谢您 不好意思'.split(' '),
);

/** Measure words after 一 in the “one by one” doubling (一个村一个村, 一家企业一家企业, 一笔账一笔账). */
const MEASURE =
  /^一[个家户条项件笔位步场次张本所座名天年月处级层批道点句段页环届期轮节堂课门间栋趟遍回份种类棵株块亩寸尺米分支颗辆台套片封首篇幅部集把只头匹架艘根粒滴排]/u;

/** A unit said twice on purpose: speech, or 一 with a measure word. */
const meant = (unit: string): boolean => SAID_TWICE.has(unit) || MEASURE.test(unit);

/** Whether a repeated unit is a slip: three or more characters, not all the same, or a word no sentence doubles. */
function isSlip(unit: string): boolean {
  const chars = [...unit];
  if (new Set(chars).size === 1 || meant(unit)) return false;
  return chars.length >= 3 || NEVER_TWICE.has(unit);
}

/** A unit said three times or more in a row is meant (a song's 再见吧再见吧再见吧, a chant): a slip doubles. */
const thrice = (text: string, at: number, unit: string): boolean =>
  text.startsWith(unit, at + 2 * unit.length) || (at >= unit.length && text.startsWith(unit, at - unit.length));

/**
 * Whether the repeat at `at` is a doubling said on purpose read a few characters off: “的问题一个问题一个问题”
 * repeats 问题一个 from 问, which is 一个问题 said twice from 一.
 */
function shiftedMeant(text: string, at: number, unit: string): boolean {
  for (let k = 1; k < unit.length; k++) {
    const r = unit.slice(k) + unit.slice(0, k);
    if (meant(r) && (text.startsWith(r + r, at + k) || text.startsWith(r + r, at - unit.length + k))) return true;
  }
  return false;
}

export default defineRule({
  id: 'doubled-word',
  severity: 'warning',
  summary: 'A word typed twice in a row (自治区政协自治区政协, 我们我们).',
  why:
    'A word doubled by the keyboard or by a paste is read past when reading for sense and printed as it stands. ' +
    'Runs of three or more characters and two-character pronouns, demonstratives and joining words (我们, 这个, 因为) are ' +
    'flagged; a verb said twice (研究研究), a word of assent or a courtesy in speech (可以可以, 对不起对不起), laughter (哈哈哈哈) ' +
    'and 一 with a measure word said twice for “one by one” (一个村一个村地走访) are Chinese and left alone, and so is a phrase said three times ' +
    'or more (a song, a chant). Delete one copy, or put the word that was meant. Nothing is fixed automatically.',
  options: {},
  examples: {
    ok: [
      {
        markdown:
          '# 主题\n\n大家一起研究研究，再商量商量。他连声说：“可以可以，不是不是。”台下哈哈哈哈笑成一片。委员们的的确确下了功夫。\n',
      },
      {
        markdown:
          '# 主题\n\n干部们一个村一个村地走访，一家企业一家企业地调研，把问题一个问题一个问题地解决。他连声说：“对不起对不起，没关系没关系。”合唱团唱起：“再见吧再见吧再见吧！”\n',
      },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n自治区政协自治区政协委员围绕绿色发展协商议政。\n\n会议强调，我们我们要抓好落实，因为因为这是大事。\n',
        expect: [
          "3:1-3:11 '自治区政协' twice in a row: delete one copy",
          "5:6-5:10 '我们' twice in a row and 1 more in this paragraph: delete one copy",
        ],
      },
      {
        markdown: '# 主题\n\n会议强调，要推进一带一路一带一路建设。\n',
        expect: ["3:9-3:17 '一带一路' twice in a row: delete one copy"],
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const plain = inPlainText(b, inAddress);
      const found = [...b.text.matchAll(REPEAT)].filter(
        (m) => isSlip(m[1]) && !shiftedMeant(b.text, m.index, m[1]) && !thrice(b.text, m.index, m[1]) && plain(m.index, m[0].length),
      );
      if (!found.length) continue;
      const [first] = found;
      const more = moreInBlock(b, found.length);
      ctx.flag(
        `'${first[1]}' twice in a row${more}: delete one copy, or put the word that was meant`,
        ctx.rangeIn(b, first.index, first[0].length),
      );
    }
  },
});
