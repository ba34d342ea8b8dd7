// Straight double quotes in Chinese text (委员们认为:"要把生态保护放在首位"。), typed on a Western
// keyboard or pasted from a web page: they print as two short upright strokes, where Chinese text
// takes “ and ”. Not converted by the typesetter (which cannot always tell opening from closing),
// so the desk says so; --fix writes “ ” when the paragraph's straight quotes pair up. Straight single
// quotes around Chinese ('钱肯定还') are said too: inside “ ” they are ‘ ’ (--fix writes them); outside,
// whether “ ” or ‘ ’ was meant is the editor's call. Only a ' with Chinese on one side is judged: an
// apostrophe (it's, the students' union) and English quoted in English are English.
import { isCjk } from '../../core/cjk.js';
import type { TextBlock } from '../../core/text-blocks.js';
import { autolinkLookup } from '../addresses.js';
import { inPlainText } from '../in-text.js';
import { defineRule, type Edit, type RuleContext } from '../rule.js';

const HAN = /\p{Script=Han}/u;

/** The straight quotes `q` of a block's text that quote Chinese, paired in order: all of them, and those that quote Chinese. */
function quoting(text: string, q: string, skip: (i: number) => boolean): { all: number[]; at: number[] } {
  const all: number[] = [];
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) if (!skip(i)) all.push(i);
  // Paired in order, the first opening: a pair quotes Chinese when Chinese stands between its
  // quotes (“It is quiet here.” 他们说 is English quoted); one left over, when Chinese follows it.
  const at: number[] = [];
  for (let n = 0; n < all.length; n += 2) {
    const [open, close] = [all[n], all[n + 1]];
    if (close === undefined ? HAN.test(text.slice(open + 1)) : HAN.test(text.slice(open + 1, close)))
      at.push(open, ...(close === undefined ? [] : [close]));
  }
  return { all, at };
}

/** Whether offset i of the text stands inside “ ” (more “ than ” before it, or an odd number of straight " that --fix turns into them). */
function insideDouble(text: string, i: number): boolean {
  const before = text.slice(0, i);
  return before.split('“').length > before.split('”').length || before.split('"').length % 2 === 0;
}

/** The straight marks at `at` written in turn as `open` and `close`, each a mark of the source as written (no escape): all or none. */
function inTurn(ctx: RuleContext<Record<string, never>>, b: TextBlock, at: number[], mark: string, open: string, close: string): Edit[] {
  const edits: Edit[] = [];
  at.forEach((i, n) => {
    const offset = b.offsets[i];
    if (offset >= 0 && ctx.source[offset] === mark && ctx.source[offset - 1] !== '\\')
      edits.push({ offset, from: mark, to: n % 2 ? close : open });
  });
  return edits.length === at.length ? edits : [];
}

/**
 * Straight single quotes around Chinese in one block: inside “ ” they are ‘ ’ and --fix writes them in
 * turn when they pair up; outside, “ ” or ‘ ’ is the editor's call.
 */
function singles(ctx: RuleContext<Record<string, never>>, b: TextBlock, aside: (i: number) => boolean): void {
  if (!b.text.includes("'")) return;
  // a Chinese quote's ' opens before or closes after Chinese; one between Latin letters or before a space is English
  const english = (i: number) => !isCjk(b.text[i - 1]) && !isCjk(b.text[i + 1]);
  const { all, at } = quoting(b.text, "'", (i) => aside(i) || english(i));
  if (!at.length) return;
  const inner = at.every((i) => insideDouble(b.text, i));
  const fix = inner && all.length % 2 === 0 ? inTurn(ctx, b, at, "'", '‘', '’') : [];
  const place = ctx.rangeIn(b, at[0], 1);
  const where = place && 'start' in place ? `${place.start.line}:${place.start.column}` : '';
  const what = inner ? 'inside “ ” Chinese text takes ‘ and ’' : 'Chinese text quotes with “ ” (‘ ’ only inside them)';
  const how = fix.length
    ? 'run `npm run check -- --fix`'
    : inner
      ? 'type them by hand (an odd number, or one is escaped)'
      : 'type the ones that were meant by hand';
  const n = at.length;
  ctx.flag(`${n} straight single quote${n > 1 ? 's' : ''} in Chinese text (first at ${where}): ${what}; ${how}`, place, { fix });
}

export default defineRule({
  id: 'half-width-quotes',
  severity: 'warning',
  fixable: true,
  summary: 'Straight quotes (" or \') stand in Chinese text where “ and ” (‘ and ’ inside them) belong.',
  why:
    'GB/T 15834: Chinese text quotes with “ and ” (‘ ’ inside them); a straight " prints as two short upright strokes. The outputs print ' +
    'what is written, so `npm run check -- --fix` writes “ and ” in turn when a paragraph’s straight quotes pair up; an odd number is left ' +
    "to the editor. A straight ' pair around Chinese inside “ ” is written ‘ ’ by `--fix`; outside “ ” the editor chooses “ ” or ‘ ’. " +
    "Quotes in Western text, apostrophes (it's), code and addresses are left alone.",
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n委员们认为：“要把生态保护放在首位”。He said "yes" in English.\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n委员们一致认为："要把生态保护放在首位"，"绿水青山就是金山银山"。\n',
        expect: ['3:9-3:10 4 straight quotes in Chinese text (first at 3:9): Chinese text takes “ and ”; run `npm run check -- --fix`'],
      },
      {
        markdown: '# 主题\n\n他说："我们要做好三件事。\n',
        expect: ['3:4-3:5 1 straight quote in Chinese text (first at 3:4): Chinese text takes “ and ”; type them by hand (an odd number'],
        unfixed: true,
      },
      {
        markdown: "# 主题\n\n被告说：“你放心，'钱肯定还'，我说话算话。”\n",
        expect: ['3:10-3:11 2 straight single quotes in Chinese text (first at 3:10): inside “ ” Chinese text takes ‘ and ’; run `npm run'],
      },
      {
        markdown: "# 主题\n\n他说'我们要做好三件事'，大家都同意。It's fine.\n",
        expect: ['3:3-3:4 2 straight single quotes in Chinese text (first at 3:3): Chinese text quotes with “ ” (‘ ’ only inside them)'],
        unfixed: true,
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      if (!b.text.includes('"') && !b.text.includes("'")) continue;
      const plain = inPlainText(b, inAddress);
      const aside = (i: number) => !plain(i, 1);
      singles(ctx, b, aside);
      const { all, at } = quoting(b.text, '"', aside);
      if (!at.length) continue;
      // In turn, “ then ”, only when they pair up
      const fix = all.length % 2 === 0 ? inTurn(ctx, b, at, '"', '“', '”') : [];
      const place = ctx.rangeIn(b, at[0], 1);
      const where = place && 'start' in place ? `${place.start.line}:${place.start.column}` : '';
      const how = fix.length
        ? 'run `npm run check -- --fix`'
        : all.length % 2
          ? 'type them by hand (an odd number: which opens and which closes is the editor’s call)'
          : 'type them by hand (one is escaped)';
      ctx.flag(
        `${at.length} straight quote${at.length > 1 ? 's' : ''} in Chinese text (first at ${where}): Chinese text takes “ and ”; ${how}`,
        place,
        { fix },
      );
    }
  },
});
