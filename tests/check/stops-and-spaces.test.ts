// Marks of pasted or hastily typed copy the desk used to let through (fixtures in
// tests/check/fixtures/qa): a half-width full stop in Chinese text (建议.会议, where 。 belongs;
// decimals, U.S., 报告.pdf and URLs left alone) and a full-width space inside a line of body text
// (allowed only in heads, bylines and credits), an ellipsis typed as ... or 。。。, full-width digits
// and letters (２０２３). --fix changes only what is certain: a stop at a
// sentence's end, a space at a line's end, beside punctuation or beside Latin text.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/check/fixtures/qa');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-stops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** check --format json on a fixture: [line:col, rule, fixable] of the findings of `rules`. */
function findings(file: string, rules: string[]) {
  const r = runCli(['check', file, '--format', 'json']);
  expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  const all: Array<{ line: number; column: number; ruleId: string; fixable: boolean; message: string }> = JSON.parse(r.stdout);
  return all.filter((f) => rules.includes(f.ruleId));
}

describe('a half-width full stop in Chinese text', () => {
  const file = path.join(FIX, 'full-stops.md');

  it('is reported where Chinese stands around it, never in a decimal, an abbreviation, a file name or an address', () => {
    expect(findings(file, ['half-width-full-stop']).map((f) => `${f.line}:${f.column} ${f.fixable}`)).toEqual([
      '3:8 false', // 建议.会议: 。, · or 、, the editor's choice
      '5:8 true', // at the paragraph's end
      '7:14 true', // before the closing quote
      '11:7 false', // 马克.吐温
      '13:2 false', // 一.总则
      '15:5 false', // at a line's end, the text going on below
    ]);
  });

  it('--fix writes 。 at a sentence end only, and a second --fix changes nothing', () => {
    const copy = path.join(dir, 'full-stops.md');
    copyFileSync(file, copy);
    const r = runCli(['check', copy, '--fix']);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    const before = readFileSync(file, 'utf8');
    expect(readFileSync(copy, 'utf8')).toBe(before.replace('北京召开.', '北京召开。').replace('做好.”', '做好。”'));
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(before.replace('北京召开.', '北京召开。').replace('做好.”', '做好。”'));
  });
});

describe('a full-width space inside a line of body text', () => {
  const file = path.join(FIX, 'full-width-spaces.md');

  it('is reported, but not in a head, a byline or a credit', () => {
    expect(findings(file, ['full-width-space', 'manual-indent']).map((f) => `${f.line}:${f.column} ${f.fixable}`)).toEqual([
      '5:16 true', // after 。 (本报讯（记者　张悦）: a byline's space, left alone)
      '7:9 false', // between two Chinese words: delete it or type ，、；
      '9:3 true', // beside digits, and after 。 at the paragraph's end
      '12:1 false', // a typed indent opening a line inside the paragraph: a paragraph joined to the one above
    ]);
  });

  it('--fix deletes the certain ones only, and a second --fix changes nothing', () => {
    const copy = path.join(dir, 'full-width-spaces.md');
    copyFileSync(file, copy);
    runCli(['check', copy, '--fix']);
    const before = readFileSync(file, 'utf8');
    const fixed = before.replace('召开。　委员', '召开。委员').replace('共有　100　名委员参加。　', '共有100名委员参加。');
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
  });
});

describe('an ellipsis typed otherwise than ……, and full-width digits and letters', () => {
  const file = path.join(FIX, 'ellipses-and-digits.md');

  it('are reported in Chinese text, never …… itself, dots in Latin text, between digits or in an address', () => {
    expect(findings(file, ['ellipsis', 'full-width-alphanumeric']).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.fixable}`)).toEqual([
      '3:14 ellipsis true', // 养老...大家
      '5:8 ellipsis true', // 这个嘛。。。 and a single … at the end
      '7:11 ellipsis true', // ······
      '11:4 full-width-alphanumeric true', // ２０２３年７月, ＡＢＣ
      '13:5 full-width-alphanumeric true', // a heading's 第３组
    ]);
  });

  it('--fix writes …… and half-width digits and letters, and a second --fix changes nothing', () => {
    const copy = path.join(dir, 'ellipses-and-digits.md');
    copyFileSync(file, copy);
    runCli(['check', copy, '--fix']);
    const fixed = readFileSync(file, 'utf8')
      .replace('养老...大家', '养老……大家')
      .replace('这个嘛。。。”又停下…', '这个嘛……”又停下……')
      .replace('上海······', '上海……')
      .replace('２０２３年７月', '2023年7月')
      .replace('ＡＢＣ', 'ABC')
      .replace('第３组', '第3组');
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
  });
});

describe('an ellipsis typed as dots at the end of a heading', () => {
  const file = path.join(FIX, 'heading-ellipsis.md');

  it('--fix writes …… (it is no closing stop to delete: one dot a pass took the whole ellipsis away)', () => {
    const copy = path.join(dir, 'heading-ellipsis.md');
    copyFileSync(file, copy);
    runCli(['check', copy, '--fix']);
    const fixed = readFileSync(file, 'utf8')
      .replace('春天来了...', '春天来了……')
      .replace('下一步。。。', '下一步……')
      .replace('三、\n', '三\n');
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
  });
});

describe('a front matter value that, half-width, YAML would read as no text', () => {
  it('--fix leaves ＴＲＵＥ, ０８０５, ｎｕｌｌ unquoted as they are (true, the number 805, null: the kicker gone) and says to quote them', () => {
    const file = path.join(FIX, 'matter-yaml-words.md');
    expect(
      findings(file, ['full-width-alphanumeric']).map((f) => `${f.line}:${f.column} ${f.fixable} ${f.message.split(': ').pop()}`),
    ).toEqual([
      '2:11 false unquoted, YAML reads it as true or false',
      '3:14 false unquoted, YAML reads it as the number 805',
      '4:9 false unquoted, YAML reads it as nothing (null)',
      '5:9 true write them half-width (2023, ABC); run `npm run check -- --fix`', // ２０２４ reads as 2024, as written
      '6:10 true write them half-width (2023, ABC); run `npm run check -- --fix`', // quoted
    ]);
    const copy = path.join(dir, 'matter-yaml-words.md');
    copyFileSync(file, copy);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(file, 'utf8').replace('２０２４', '2024').replace('"ｎｕｌｌ"', '"null"'));
  });

  it('--fix makes no edit that turns a value into another (headline: 1.10。 without its 。 is the number 1.1)', () => {
    const file = path.join(FIX, 'matter-number-headline.md');
    const copy = path.join(dir, 'matter-number-headline.md');
    copyFileSync(file, copy);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('the finding --fix leaves says so, and why, instead of "--fix does"; it is not counted fixable', () => {
    const file = path.join(FIX, 'matter-number-headline.md');
    const found = findings(file, ['heading-punctuation']);
    expect(found.map((f) => `${f.line}:${f.column} ${f.fixable} ${f.message}`)).toEqual([
      '2:15 false Heading ends with "。": delete it (headings carry no closing punctuation); --fix leaves it: so fixed, YAML would read ' +
        'headline as 1.1, not as text; write the value in quotes (headline: "1.10。") first',
    ]);
    expect(runCli(['check', file]).stderr).not.toMatch(/fixable with/);
  });
});

describe('a half-width space between Chinese characters in body text', () => {
  const file = path.join(FIX, 'cjk-spaces.md');

  it('is reported, but not between the phrases of a slogan or a title, in a byline, around an image or beside Latin text', () => {
    expect(findings(file, ['cjk-space']).map((f) => `${f.line}:${f.column} ${f.fixable}`)).toEqual([
      '3:3 false', // 政协 委员: delete it or type ，、；
      '5:5 true', // 召开 。 and ， 积: beside a mark
    ]);
  });

  it('--fix deletes the spaces beside a mark only', () => {
    const copy = path.join(dir, 'cjk-spaces.md');
    copyFileSync(file, copy);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(file, 'utf8').replace('会议召开 。委员们， 积极', '会议召开。委员们，积极'));
  });
});

describe('a newsroom’s text, written as a careful editor writes it (tests/check/fixtures/qa/newsroom-text.md)', () => {
  // Decimals, dates typed 2024.1.19, 1.5万, times, versions, English names, a URL and an e-mail
  // address, code spans, No.1, pinyin with tones, Japanese kana with their own full-width space
  // (やまだ　たろう), a 名单 of names set apart by spaces after a colon, an English sentence quoting
  // Chinese. full-width-space deleted the kana's space as one "beside Latin text", and reported the
  // 名单; cjk-space reported the 名单 typed with half-width spaces; split-paragraph took an English
  // sentence's "." and a 名单's last name for a paragraph broken in two.
  const file = path.join(FIX, 'newsroom-text.md');

  it('gives no finding at all', () => {
    const r = runCli(['check', file, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('--fix changes nothing in it', () => {
    const copy = path.join(dir, 'newsroom-text.md');
    copyFileSync(file, copy);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });
});
