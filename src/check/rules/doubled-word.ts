// A word typed twice in a row (“自治区政协自治区政协委员”, “我们我们要”): a slip of the keyboard or of a
// paste that the eye skips when reading for sense. Chinese repeats words on purpose too: a verb said
// twice to soften it (研究研究, 商量商量), a word of assent or denial in speech (可以可以, 不是不是),
// laughter (哈哈哈哈). So a repeat is flagged only where no Chinese sentence means one: a run of three
// or more characters that are not all one character, or a pronoun, demonstrative or joining word
// (我们, 这个, 因为) whose repeat no sentence reads. Longer repeats (a clause of 20 characters or more,
// pasted twice) are the duplicate-passage rule's. Nothing is fixed: the editor knows whether the
// copy was meant to be another word.
import { protectedRanges } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';
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

/** Whether a repeated unit is a slip: three or more characters, not all the same, or a word no sentence doubles. */
function isSlip(unit: string): boolean {
  const chars = [...unit];
  if (new Set(chars).size === 1) return false;
  return chars.length >= 3 || NEVER_TWICE.has(unit);
}

export default defineRule({
  id: 'doubled-word',
  severity: 'warning',
  summary: 'A word typed twice in a row (自治区政协自治区政协, 我们我们).',
  why:
    'A word doubled by the keyboard or by a paste is read past when reading for sense and printed as it stands. ' +
    'Runs of three or more characters and two-character pronouns, demonstratives and joining words (我们, 这个, 因为) are ' +
    'flagged; a verb said twice (研究研究), a word of assent in speech (可以可以) and laughter (哈哈哈哈) are Chinese and left ' +
    'alone. Delete one copy, or put the word that was meant. Nothing is fixed automatically.',
  options: {},
  examples: {
    ok: [
      {
        markdown:
          '# 主题\n\n大家一起研究研究，再商量商量。他连声说：“可以可以，不是不是。”台下哈哈哈哈笑成一片。委员们的的确确下了功夫。\n',
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
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const guarded = protectedRanges(b.text);
      const found = [...b.text.matchAll(REPEAT)].filter(
        (m) => isSlip(m[1]) && !guarded.some(([x, y]) => m.index < y && m.index + m[0].length > x) && !inAddress(b.offsets[m.index]),
      );
      if (!found.length) continue;
      const [first] = found;
      const more = found.length > 1 ? ` and ${found.length - 1} more in this ${b.kind === 'paragraph' ? 'paragraph' : 'text'}` : '';
      ctx.flag(
        `'${first[1]}' twice in a row${more}: delete one copy, or put the word that was meant`,
        ctx.rangeIn(b, first.index, first[0].length),
      );
    }
  },
});
