// A front matter page number the 报眉 cannot print (tests/check/fixtures/matter-pages/): page: 第5版
// printed 第第5版版 in the 报眉, the proof's slug and the PDF's metadata, page: 0 and page: 五 printed
// as no page of the paper, all without a word. matter-page says each at the value with the number to
// write; 08 (第08版) and A3 (a section's page) pass, as papers print them.
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings } from '../helpers/check.js';

it('says a page number the 报眉 cannot print, at its place, with the number to write', () => {
  const said = checkFindings(path.join(ROOT, 'tests/check/fixtures/matter-pages'))
    .filter((f) => f.ruleId === 'matter-page')
    .map((f) => `${path.basename(f.file)} ${f.line}:${f.column} ${f.severity} ${f.message}`);
  expect(said).toEqual([
    'full-width.md 3:7 error Front matter "page: ５" is written in full-width digits: write page: 5',
    'numeral.md 3:7 error Front matter "page: 五" is a Chinese numeral: the 报眉 writes 第N版 in Arabic numerals, page: 5',
    'with-words.md 3:7 error Front matter "page: 第5版" prints as 第第5版版 in the 报眉 (it writes 第 and 版 itself): write the number alone, page: 5',
    'zero.md 3:7 error Front matter "page: 0" is no page of the paper: write the page number as the 报眉 prints it after 第 (page: 5, page: 08, page: A3)',
  ]);
});
