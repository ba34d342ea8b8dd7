// The front matter's `date:` (出版日期) prints as written in the page's 报眉, the proof's slug and the
// PDF's metadata: a date that is no day of the calendar (2024-13-45, 2024-02-30, 2024年2月30日) or in
// a form the desk does not write (19/01/2024, which reads as 1 January in one country and 19 January
// in another, 20240119, 2024.1.19) went to press as typed. Two forms are the product's: the ISO
// date of manuscript/README.md (2024-01-19) and the date as a Chinese 报眉 prints it, the form of an
// edition plan's `date:` (2024年1月19日, optionally with its weekday: 2024年1月19日 星期五, which
// must then be that day's). A placeholder (〔出版日期〕) is matter-placeholder's.
import { dateProblem } from '../../core/dates.js';
import { matterScalar } from '../matter-values.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'matter-date',
  severity: 'error',
  summary:
    'The front matter’s `date:` is no day of the calendar (2024-13-45, 2024-02-30) or not in one of the forms 2024-01-19 and 2024年1月19日.',
  why:
    'The date (出版日期) prints as written in the page’s 报眉, the proof’s slug and the PDF’s metadata. Two forms are accepted: the ISO ' +
    'date (2024-01-19, two-digit month and day) and the date as a 报眉 prints it (2024年1月19日, as an edition plan’s `date:`), ' +
    'optionally with its weekday (2024年1月19日 星期五), which must be that day’s. 19/01/2024 reads as another day in another country; ' +
    'write one of the two forms. A placeholder (〔出版日期〕) is `matter-placeholder`’s finding.',
  options: {},
  examples: {
    ok: [
      { markdown: '---\nheadline: 主题\ndate: 2024-02-29\n---\n\n正文。\n' },
      { markdown: '---\nheadline: 主题\ndate: 2024年1月19日 星期五\n---\n\n正文。\n' },
      { markdown: '---\nheadline: 主题\ndate: 〔出版日期〕\n---\n\n正文。\n' },
    ],
    notOk: [
      {
        markdown: '---\nheadline: 主题\ndate: 2024-13-45\n---\n\n正文。\n',
        expect: ['3:7-3:17 Front matter "date": "2024-13-45" is no date: there is no month 13'],
      },
      {
        markdown: '---\nheadline: 主题\ndate: 2023-02-29\n---\n\n正文。\n',
        expect: ['3:7-3:17 Front matter "date": "2023-02-29" is no date: 2023年2月 has 28 days'],
      },
      {
        markdown: '---\nheadline: 主题\ndate: "19/01/2024"\n---\n\n正文。\n',
        expect: ['3:7-3:19 Front matter "date": "19/01/2024" is not in a form the desk writes'],
      },
      {
        markdown: '---\nheadline: 主题\ndate: 2024年1月19日 星期四\n---\n\n正文。\n',
        expect: ['3:7-3:21 Front matter "date": "2024年1月19日 星期四": 2024年1月19日 is 星期五, not 星期四'],
      },
      {
        markdown: '---\nheadline: 主题\ndate: 20240119\n---\n\n正文。\n',
        expect: ['3:7-3:15 Front matter "date": "20240119" is not a date in a form the desk writes: write it 2024-01-19 or 2024年1月19日'],
      },
    ],
  },
  check(ctx) {
    const date = matterScalar(ctx.tree, ctx.source, 'date');
    if (!date) return;
    const value = date.value instanceof Date ? date.value.toISOString().slice(0, 10) : String(date.value);
    if (/〔[^〕]*〕/.test(value)) return;
    const problem = dateProblem(value);
    if (problem) ctx.flag(`Front matter "date": ${problem}`, ctx.range(date.start, date.end));
  },
});
