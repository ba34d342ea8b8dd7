// Manuscripts as old editors and careless front matter leave them: lone CR line ends (classic Mac),
// which markdown reads as line ends, must give the lines an editor shows in every finding, in the
// fixer's report and in the output; a list or a mapping where one line of text goes is reported
// at its line and never printed as "a,b" or "[object Object]".
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath } from '../../src/check/run.js';
import { fixManuscript } from '../../src/check/fix.js';
import { isFixable } from '../../src/check/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/check/fixtures/qa');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-qa-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = async (file: string) =>
  (await checkPath(path.join(FIX, file))).file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);

describe('lone CR line ends', () => {
  it('findings name the lines markdown sees', async () => {
    expect(await at('cr-line-ends.md')).toEqual([
      expect.stringMatching(/^3:3 half-width-punctuation 1 half-width mark .*first: ',' at 3:3/),
      expect.stringMatching(/^8:3 half-width-punctuation 1 half-width mark .*first: ':' at 8:3/),
    ]);
  });

  it('--fix reports those lines, keeps every CR, and a second --fix changes nothing', async () => {
    const copy = path.join(dir, 'cr.md');
    copyFileSync(path.join(FIX, 'cr-line-ends.md'), copy);
    const first = await fixManuscript(copy);
    expect(first.lines.map((l) => `${l.line}: ${Object.keys(l.changes).join(' ')}`)).toEqual(['3: ,→，', '8: :→：']);
    const fixed = readFileSync(copy, 'utf8');
    expect(fixed).toBe(readFileSync(path.join(FIX, 'cr-line-ends.md'), 'utf8').replace(',', '，').replace(':', '：'));
    expect(fixed.split('\r').length).toBe(9);
    expect((await fixManuscript(copy)).changed).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
  });

  it('build:html joins the soft break between Han characters and keeps no CR', () => {
    const out = path.join(dir, 'html');
    const r = runCli(['build:html', path.join(FIX, 'cr-line-ends.md'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'cr-line-ends', 'article.html'), 'utf8');
    expect(html).not.toContain('\r');
    expect(html).toContain('<p data-line="3">正文，逗号接着写。</p>');
    expect(html).toContain('<h2 data-line="6" class="section-head">小标题</h2>');
  });
});

describe('a byte-order mark', () => {
  it('--fix keeps it: the file changes only where the finding said', async () => {
    const copy = path.join(dir, 'bom.md');
    copyFileSync(path.join(FIX, 'bom.md'), copy);
    const result = await fixManuscript(copy);
    expect(result.lines.map((l) => `${l.line}: ${Object.keys(l.changes).join(' ')}`)).toEqual(['3: ,→，']);
    const before = readFileSync(path.join(FIX, 'bom.md'));
    expect(before.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readFileSync(copy)).toEqual(Buffer.from(before.toString('utf8').replace(',', '，'), 'utf8'));
  });
});

describe('front matter that is not text where text goes', () => {
  it('a list or a mapping under a printed key is an error at its value; author may be a list', async () => {
    expect(await at('matter-not-text.md')).toEqual([
      '3:3 front-matter-yaml Front matter "headline" is a list, not text, and is not printed: write it as one line, headline: …',
      '5:9 front-matter-yaml Front matter "byline" is a list, not text, and is not printed: write it as one line, byline: …',
      '6:9 front-matter-yaml Front matter "kicker" is a mapping (key: value pairs), not text, and is not printed: write it as one line, kicker: …',
    ]);
  });

  it('binary data (!!binary) and a set (!!set) are said as what they are, not as a mapping', async () => {
    expect(await at('matter-yaml-tags.md')).toEqual([
      '2:20 front-matter-yaml Front matter "headline" is binary data (!!binary), not text, and is not printed: write it as one line, headline: …',
      '3:15 front-matter-yaml Front matter "kicker" is a set (!!set), not text, and is not printed: write it as one line, kicker: …',
      '4:21 front-matter-yaml Front matter "subheadline" is a mapping (key: value pairs), not text, and is not printed: write it as one line, subheadline: …',
    ]);
  });

  it('is not printed', () => {
    const out = path.join(dir, 'matter');
    const r = runCli(['build:html', path.join(FIX, 'matter-not-text.md'), '--out', out]);
    // An everyday build writes and says that errors remain.
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/3 errors.*errors remain/);
    const html = readFileSync(path.join(out, 'matter-not-text', 'article.html'), 'utf8');
    expect(html).not.toMatch(/object Object|大标题|另一个|记者/);
  });
});

describe('a line break in a 报眉 value', () => {
  it('is an error at its value: the one-line 报眉 prints it as a space; a kicker may hold one', async () => {
    expect(await at('matter-line-break.md')).toEqual([
      '3:10 front-matter-yaml Front matter "section" holds a line break, and the one-line 报眉 prints it as a space: write it on one line, section: …',
      '6:8 front-matter-yaml Front matter "paper" holds a line break, and the one-line 报眉 prints it as a space: write it on one line, paper: …',
    ]);
  });
});

describe('front matter opened and never closed', () => {
  it('is a front-matter-yaml error at its first line, not a missing headline', async () => {
    expect(await at('unclosed-matter.md')).toEqual([
      '1:1 front-matter-yaml Front matter is opened with --- here but never closed: end it with a --- line after its last key',
      expect.stringMatching(/^3:\d+ split-paragraph /),
    ]);
  });
});

describe('manuscripts saved in another encoding', () => {
  const save = 'save the manuscript as UTF-8 (in the editor: Save As, encoding UTF-8)';
  it('GBK and UTF-16 (by its byte-order mark) are named, and the text is checked as written', async () => {
    for (const [file, name] of [
      ['gbk.md', 'GB18030 (GBK)'],
      ['utf16.md', 'UTF-16'],
    ]) {
      expect(await at(file)).toEqual([
        `1:1 encoding The file is ${name}, not UTF-8 (it was read as ${name.split(' ')[0]} for these checks): ${save}`,
        "3:5 half-width-punctuation 1 half-width mark in Chinese text (first: ',' at 3:5); run `npm run check -- --fix` once the file is saved as UTF-8",
      ]);
    }
  });

  it('a UTF-8 file with one stray byte is not taken for GBK: the byte is located', async () => {
    expect(await at('utf8-stray-byte.md')).toEqual([`5:9 encoding The file is not valid UTF-8: bytes here cannot be decoded; ${save}`]);
  });

  it('offers no fix in a file --fix leaves alone: the half-width finding says to save it as UTF-8 first', async () => {
    const { file } = await checkPath(path.join(FIX, 'gbk.md'));
    const half = file.messages.filter((m) => m.ruleId === 'half-width-punctuation');
    expect(half.length).toBeGreaterThan(0);
    for (const m of half) expect(m.reason).toMatch(/run `npm run check -- --fix` once the file is saved as UTF-8$/);
    expect(file.messages.filter(isFixable)).toEqual([]);
    const r = runCli(['check', path.join(FIX, 'gbk.md')]);
    expect(r.stdout + r.stderr).not.toMatch(/fixable with/);
  });

  it('build:html prints the GBK manuscript as written; --fix leaves it alone', async () => {
    const out = path.join(dir, 'gbk');
    const r = runCli(['build:html', path.join(FIX, 'gbk.md'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'gbk', 'article.html'), 'utf8')).toContain('这是正文，有半角逗号。');
    const copy = path.join(dir, 'gbk.md');
    copyFileSync(path.join(FIX, 'gbk.md'), copy);
    expect((await fixManuscript(copy)).skipped).toMatch(/not valid UTF-8; save it as UTF-8 first/);
    expect(readFileSync(copy)).toEqual(readFileSync(path.join(FIX, 'gbk.md')));
  });
});

describe('a half-width mark written as a YAML escape', () => {
  it('is located at the value (the character before the escape), and left to the editor, not to --fix', async () => {
    expect(await at('matter-escape.md')).toEqual([
      "2:13 half-width-punctuation 1 half-width mark in Chinese text (first: ',' at 2:13); they are written as escapes (\\( in markdown, \\u002c in YAML …): type them full-width by hand",
    ]);
    const copy = path.join(dir, 'matter-escape.md');
    copyFileSync(path.join(FIX, 'matter-escape.md'), copy);
    expect((await fixManuscript(copy)).changed).toBe(0);
  });
});

describe('indents typed into the manuscript', () => {
  it('a tab-indented paragraph is reported as read as code; typed full-width spaces as a manual indent', async () => {
    expect((await at('indents.md')).map((m) => m.split(' ').slice(0, 2).join(' '))).toEqual([
      '3:1 indented-code',
      '5:1 manual-indent',
      // a typed indent on the paragraph's second line, and a space in the middle of a line: full-width-space's
      '6:1 full-width-space',
      '8:1 manual-indent',
      '10:6 full-width-space',
    ]);
  });

  it('--fix deletes the typed spaces at the paragraphs’ starts only, and a second --fix changes nothing', async () => {
    const copy = path.join(dir, 'indents.md');
    copyFileSync(path.join(FIX, 'indents.md'), copy);
    expect((await fixManuscript(copy)).changed).toBe(3);
    const before = readFileSync(path.join(FIX, 'indents.md'), 'utf8');
    expect(readFileSync(copy, 'utf8')).toBe(before.replace('　　用两个', '用两个').replace('\u00A0不换行', '不换行'));
    expect((await fixManuscript(copy)).changed).toBe(0);
  });
});
