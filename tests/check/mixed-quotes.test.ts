// Quotations marked in two styles in one manuscript (tests/check/fixtures/qa/mixed-quotes.md): “ ” in
// one paragraph, 「 」 and 『 』 in the next, a quotation in ‘ ’ standing on its own, 「 」 inside “ ”,
// passed the desk without a word; GB/T 15834 marks a quotation “ ” and one inside it ‘ ’. mixed-quotes
// says each quotation in the other style once, at its opening mark, with the marks its level takes.
// Correct nesting (“……‘……’……”), English quoted in ‘ ’ and apostrophes are not said, nor is a
// manuscript in 「 」 throughout (tests/check/fixtures/qa/corner-quotes-only.md).
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings } from '../helpers/check.js';

const said = (name: string) =>
  checkFindings(path.join(ROOT, 'tests/check/fixtures/qa', name))
    .filter((f) => f.ruleId === 'mixed-quotes')
    .map((f) => `${f.line}:${f.column} ${f.severity} ${f.fixable} ${f.message}`);

it('says each quotation marked in another style than “ ”, once, with the marks to write', () => {
  const where = 'where this manuscript quotes with “ ” (line 5)';
  const gb = 'GB/T 15834 marks a quotation “ ” and one inside it ‘ ’';
  expect(said('mixed-quotes.md')).toEqual([
    `7:4 warning false Quotation in 「 」 ${where}: ${gb}; write “ ” for 「 」`,
    `7:11 warning false Quotation in 『 』 ${where}: ${gb}; write ‘ ’ for 『 』`,
    `9:5 warning false Quotation in ‘ ’ on its own ${where}: ‘ ’ mark a quotation inside “ ”; write “ ” for ‘ ’`,
    `11:9 warning false Quotation in 「 」 ${where}: ${gb}; write ‘ ’ for 「 」`,
  ]);
});

it('leaves a manuscript in one style throughout alone', () => {
  expect(said('corner-quotes-only.md')).toEqual([]);
});
