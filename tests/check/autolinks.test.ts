// An autolink's text is its address (`<http://…>`, a bare URL GFM links): the half-width marks in
// it belong to the URL, so neither the check, nor --fix, nor the output touches them, while the
// marks around it and in an ordinary link's text are Chinese text as ever. A bare URL ends where
// Chinese text begins (GFM ran it to the next space, taking in the rest of the sentence), less a
// closing parenthesis it does not open.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath } from '../../src/check/run.js';
import { fixManuscript } from '../../src/check/fix.js';
import { ROOT, runCli } from '../helpers/cli.js';

const SOURCE = path.join(ROOT, 'tests/check/fixtures/qa/autolinks.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-autolinks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('marks inside autolinks', () => {
  it('the check counts only the marks outside the addresses', async () => {
    const { file } = await checkPath(SOURCE);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([
      "3:78 half-width-punctuation 2 half-width marks in Chinese text (first: ',' at 3:78); run `npm run check -- --fix`",
      "5:3 half-width-punctuation 3 half-width marks in Chinese text (first: '(' at 5:3); run `npm run check -- --fix`",
    ]);
  });

  it('--fix changes those five marks and no address', async () => {
    const copy = path.join(dir, 'autolinks.md');
    copyFileSync(SOURCE, copy);
    expect((await fixManuscript(copy)).changed).toBe(5);
    const before = readFileSync(SOURCE, 'utf8');
    expect(readFileSync(copy, 'utf8')).toBe(
      before
        .replace('>,再看', '>，再看')
        .replace('[中文,链接]', '[中文，链接]')
        .replace('网址(http://example.cn/a)在括号里,', '网址（http://example.cn/a）在括号里，'),
    );
    expect((await fixManuscript(copy)).changed).toBe(0);
  });

  it('--fix writes no …… and no half-width letter into an autolink: its text is its href', async () => {
    const source = path.join(ROOT, 'tests/check/fixtures/qa/autolink-forms.md');
    const copy = path.join(dir, 'autolink-forms.md');
    copyFileSync(source, copy);
    expect((await fixManuscript(copy)).changed).toBe(1);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(source, 'utf8').replace('[链接...]', '[链接……]'));
  });

  it('article.html shows each autolink as its address', () => {
    const out = path.join(dir, 'out');
    const r = runCli(['build:html', SOURCE, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'autolinks', 'article.html'), 'utf8');
    expect(html).toContain('>http://example.cn/文件,目录</a>');
    expect(html).toContain('和<a href="https://example.cn/a,b">https://example.cn/a,b</a>。以及');
    // The second address, in what followed the first (which GFM had taken into it), is linked too.
    expect(html).toContain(
      '网址（<a href="http://example.cn/a">http://example.cn/a</a>）在括号里，详见<a href="https://example.cn/x_(y)">https://example.cn/x_(y)</a>。',
    );
    expect(html).toContain('>mailto:编辑,部@example.cn</a>，再看');
    expect(html).toContain('>中文，链接</a>');
  });
});

// An address after a Chinese mark (`网址：www.…`, `（www.…）`) is not one GFM's parser links (before
// `www.` it takes only an ASCII space or `(*_~`): it is found afterwards in the text, and the nodes
// made for it had no position. The whole paragraph's characters had no source: its marks were
// reported at its first character as escapes --fix cannot change, the link took in the rest of the
// sentence, and the proof mapped none of it (tests/check/fixtures/qa/www-after-marks.md).
describe('a www. address after a Chinese mark', () => {
  const WWW = path.join(ROOT, 'tests/check/fixtures/qa/www-after-marks.md');
  const text = readFileSync(WWW, 'utf8');
  /** line:column of the n-th half-width comma after a phrase */
  const commaAfter = (phrase: string) => {
    const at = text.indexOf(',', text.indexOf(phrase));
    const before = text.slice(0, at).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
  };

  it('the check finds each mark where it is written', async () => {
    const { file } = await checkPath(WWW);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      `${commaAfter('网址：')} half-width-punctuation`,
      `${commaAfter('牧民')} half-width-punctuation`,
      `${commaAfter('详见')} half-width-punctuation`,
    ]);
    expect(file.messages.map((m) => m.reason).join('\n')).not.toContain('escapes');
  });

  it('--fix changes those marks and no address', async () => {
    const copy = path.join(dir, 'www-after-marks.md');
    copyFileSync(WWW, copy);
    expect((await fixManuscript(copy)).changed).toBe(5);
    expect(readFileSync(copy, 'utf8')).toBe(
      text
        .replace('gov.cn,欢迎', 'gov.cn，欢迎')
        .replace('记账,平台', '记账，平台')
        .replace('羊肉,很多', '羊肉，很多')
        .replace('”,', '”，')
        .replace('来信,谢谢', '来信，谢谢'),
    );
  });

  it('article.html links the address alone', () => {
    const out = path.join(dir, 'www-out');
    const r = runCli(['build:html', WWW, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'www-after-marks', 'article.html'), 'utf8');
    expect(html).toContain('网址：<a href="http://www.nmg.gov.cn">www.nmg.gov.cn</a>，欢迎访问。');
    expect(html).toContain('平台（<a href="http://www.caoyuan-e.cn">www.caoyuan-e.cn</a>）卖出的羊肉，很多。');
    expect(html).toContain('详见“<a href="http://www.a.cn">www.a.cn</a>”，');
  });
});
