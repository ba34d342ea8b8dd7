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
