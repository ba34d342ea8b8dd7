// Straight double quotes in Chinese text (委员们认为:"要把生态保护放在首位"。), typed on a Western
// keyboard or pasted from a web page: they print as two short upright strokes, where Chinese text
// takes “ and ”. Not converted by the typesetter (which cannot always tell opening from closing),
// so the desk says so; --fix writes “ ” when the paragraph's straight quotes pair up.
import { protectedRanges } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';
import { defineRule, type Edit } from '../rule.js';

const HAN = /\p{Script=Han}/u;

export default defineRule({
  id: 'half-width-quotes',
  severity: 'warning',
  fixable: true,
  summary: 'Straight double quotes (") stand in Chinese text where “ and ” belong.',
  why:
    'GB/T 15834: Chinese text quotes with “ and ” (‘ ’ inside them); a straight " prints as two short upright strokes. The outputs print ' +
    'what is written, so `npm run check -- --fix` writes “ and ” in turn when a paragraph’s straight quotes pair up; an odd number is left ' +
    'to the editor. Quotes in Western text, code and addresses are left alone.',
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
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      if (!b.text.includes('"')) continue;
      const guarded = protectedRanges(b.text);
      const all: number[] = [];
      for (let i = b.text.indexOf('"'); i >= 0; i = b.text.indexOf('"', i + 1))
        if (!guarded.some(([x, y]) => i >= x && i < y) && !inAddress(b.offsets[i])) all.push(i);
      // Paired in order, the first opening: a pair quotes Chinese when Chinese stands between its
      // quotes (“It is quiet here.” 他们说 is English quoted); one left over, when Chinese follows it.
      const at: number[] = [];
      for (let n = 0; n < all.length; n += 2) {
        const [open, close] = [all[n], all[n + 1]];
        if (close === undefined ? HAN.test(b.text.slice(open + 1)) : HAN.test(b.text.slice(open + 1, close)))
          at.push(open, ...(close === undefined ? [] : [close]));
      }
      if (!at.length) continue;
      const edits: Edit[] = [];
      // In turn, “ then ”, only when they pair up and each is a " of the source as written (no escape).
      if (all.length % 2 === 0)
        at.forEach((i, n) => {
          const offset = b.offsets[i];
          if (offset >= 0 && ctx.source[offset] === '"' && ctx.source[offset - 1] !== '\\')
            edits.push({ offset, from: '"', to: n % 2 ? '”' : '“' });
        });
      const fix = edits.length === at.length ? edits : [];
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
