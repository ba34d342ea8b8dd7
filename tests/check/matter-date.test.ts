// A front matter date that is no day (2024-13-45, 2024-02-30, 2024年2月30日) or in a form nobody can
// read for sure (19/01/2024) passed the desk without a word and printed in the 报眉, the proof's slug
// and the PDF's metadata as typed (tests/check/fixtures/matter-dates/). matter-date says it at the
// value's line:col with the forms to write; the two documented forms (2024-01-19, 2024年1月19日) pass.
// A date in full-width digits or holding a line break is said as such.
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings } from '../helpers/check.js';

const dir = path.join(ROOT, 'tests/check/fixtures/matter-dates');

it('says a wrong date at its place in the front matter, with the forms to write, and passes the documented forms', () => {
  const said = checkFindings(dir)
    .filter((f) => f.ruleId === 'matter-date')
    .map((f) => `${path.basename(f.file)} ${f.line}:${f.column} ${f.severity} ${f.message}`);
  expect(said).toEqual([
    'chinese-feb-30.md 3:7 error Front matter "date": "2024年2月30日" is no date: 2024年2月 has 29 days; write it 2024-01-19 or 2024年1月19日',
    'crlf.md 3:7 error Front matter "date": "2024-1-9" is not in a form the desk writes: write it 2024-01-19 or 2024年1月19日 (2024-01-09)',
    'day-first.md 3:7 error Front matter "date": "19/01/2024" is not in a form the desk writes: day and month in this order read differently in different countries; write it 2024-01-19 or 2024年1月19日',
    'feb-30.md 3:7 error Front matter "date": "2024-02-30" is no date: 2024年2月 has 29 days; write it 2024-01-19 or 2024年1月19日',
    'full-width.md 3:7 error Front matter "date": "２０２４年１月１９日" is written in full-width digits: write 2024年1月19日',
    'line-break.md 3:7 error Front matter "date": "2024-01-19⏎" holds a line break: write the date on one line (2024-01-19 or 2024年1月19日)',
    'month-13.md 3:7 error Front matter "date": "2024-13-45" is no date: there is no month 13; write it 2024-01-19 or 2024年1月19日',
    'weekday-wrong.md 3:7 error Front matter "date": "2024年1月19日 星期四": 2024年1月19日 is 星期五, not 星期四',
  ]);
});
