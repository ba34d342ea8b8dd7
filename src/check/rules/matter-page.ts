// The front matter's `page:` (版次) is a number the outputs write 第N版 round: in the 报眉
// (“第{{page}}版”), the proof's slug and the PDF's metadata. Written with its words (page: 第5版) it
// printed 第第5版版; a 0, a negative or a fraction, or a Chinese numeral (五), printed as no page of
// the paper. A number as papers print it passes: 5, 08 (第08版), A3 (a section's page). A placeholder
// (〔版次〕) is matter-placeholder's.
import { matterScalar } from '../matter-values.js';
import { defineRule } from '../rule.js';

/** A page number as papers print it: 5, 08 (第08版), A3 or B08 (a section's pages). */
const PAGE = /^[A-Z]?(?!0+$)\d{1,4}$/;
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** What is wrong with a page number as written, or undefined when it is a whole number from 1. */
function pageProblem(text: string): string | undefined {
  if (PAGE.test(text)) return undefined;
  const inner = /^第(.+)版$/u.exec(text)?.[1];
  if (inner) {
    const n = PAGE.test(inner) ? inner : inner.length === 1 && CHINESE_DIGITS[inner] ? String(CHINESE_DIGITS[inner]) : '';
    return `prints as 第${text}版 in the 报眉 (it writes 第 and 版 itself): write the number alone${n ? `, page: ${n}` : ''}`;
  }
  const digits = text.normalize('NFKC');
  if (digits !== text && PAGE.test(digits)) return `is written in full-width digits: write page: ${digits}`;
  if (text.length === 1 && CHINESE_DIGITS[text])
    return `is a Chinese numeral: the 报眉 writes 第N版 in Arabic numerals, page: ${CHINESE_DIGITS[text]}`;
  return 'is no page of the paper: write the page number as the 报眉 prints it after 第 (page: 5, page: 08, page: A3)';
}

export default defineRule({
  id: 'matter-page',
  severity: 'error',
  summary: 'The front matter’s `page:` is not a page number (page: 第5版 prints 第第5版版; 0, 五 or 2.5 print as no page).',
  why:
    'The page number (版次) prints as 第N版 in the 报眉, the proof’s slug and the PDF’s metadata: the outputs write 第 and 版 ' +
    'themselves, so write the number alone, in Arabic numerals (page: 5, or 08, or A3 for a section’s page). A placeholder (〔版次〕) is `matter-placeholder`’s finding.',
  options: {},
  examples: {
    ok: [
      { markdown: '---\nheadline: 主题\npage: 5\n---\n\n正文。\n' },
      { markdown: '---\nheadline: 主题\npage: "12"\n---\n\n正文。\n' },
      { markdown: '---\nheadline: 主题\npage: 08\n---\n\n正文。\n' },
      { markdown: '---\nheadline: 主题\npage: A3\n---\n\n正文。\n' },
      { markdown: '---\nheadline: 主题\npage: 〔版次〕\n---\n\n正文。\n' },
    ],
    notOk: [
      {
        markdown: '---\nheadline: 主题\npage: 第5版\n---\n\n正文。\n',
        expect: [
          '3:7-3:10 Front matter "page: 第5版" prints as 第第5版版 in the 报眉 (it writes 第 and 版 itself): write the number alone, page: 5',
        ],
      },
      {
        markdown: '---\nheadline: 主题\npage: 0\n---\n\n正文。\n',
        expect: [
          '3:7-3:8 Front matter "page: 0" is no page of the paper: write the page number as the 报眉 prints it after 第 (page: 5, page: 08, page: A3)',
        ],
      },
      {
        markdown: '---\nheadline: 主题\npage: 五\n---\n\n正文。\n',
        expect: ['3:7-3:8 Front matter "page: 五" is a Chinese numeral: the 报眉 writes 第N版 in Arabic numerals, page: 5'],
      },
    ],
  },
  check(ctx) {
    // An empty `page:` prints nothing (page-running-head-missing).
    const page = matterScalar(ctx.tree, ctx.source, 'page');
    if (!page) return;
    const text = String(page.value).trim();
    if (/〔[^〕]*〕/.test(text)) return;
    const problem = pageProblem(text);
    if (problem) ctx.flag(`Front matter "page: ${text}" ${problem}`, ctx.range(page.start, page.end));
  },
});
