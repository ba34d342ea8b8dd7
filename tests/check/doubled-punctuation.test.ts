// A mark typed twice (tests/check/fixtures/qa/doubled-marks.md): “协商会，，围绕”, “优先、、绿色”,
// “落实。。”, “尽责；；” passed the desk without a word and printed two marks in a row. Now each is a
// doubled-punctuation warning, and --fix keeps one; two different marks (“导向，。”) are said but left
// to the editor; 。。。 is the ellipsis rule's, and code is left alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/doubled-marks.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-doubled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a punctuation mark typed twice', () => {
  it('is a warning at each paragraph that has one, fixable when it is the same mark twice', () => {
    const all = checkFindings(file);
    expect(all.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.fixable}`)).toEqual([
      '5:19 doubled-punctuation true',
      '7:13 doubled-punctuation true',
      '9:8 ellipsis true',
      '11:17 doubled-punctuation true',
    ]);
    expect(all[1].message).toBe(
      "'、、': a mark typed twice and 2 more in this paragraph; keep one (`npm run check -- --fix` does), and of '，。' the one that was meant",
    );
  });

  it('--fix keeps one of each mark typed twice and leaves “，。”, 。。。 inside code, and the rest as they are', () => {
    const copy = fixedCopy(file, dir);
    expect(readFileSync(copy, 'utf8')).toBe(
      readFileSync(file, 'utf8')
        .replace('协商会，，围绕', '协商会，围绕')
        .replace('优先、、绿色', '优先、绿色')
        .replace('落实。。', '落实。')
        .replace('这个嘛。。。', '这个嘛……')
        .replace('尽责；；', '尽责；'),
    );
  });
});
