// An ellipsis typed with the marks at hand (tests/check/fixtures/qa/marks-as-ellipsis.md): 这个嘛、、、,
// 好好好，，， were “a mark typed twice”, and --fix kept one, printing “这个嘛、我再想想” — a meaning the
// writer never typed. Three or more of a mark are now said as an ellipsis or a slip and left to the
// editor; a mark typed twice (问题，，要) is still fixed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/marks-as-ellipsis.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-marks-ellipsis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('three or more of a mark in a row', () => {
  it('are said as a possible ellipsis and not fixable; a mark typed twice is', () => {
    const all = checkFindings(file);
    expect(all.filter((f) => f.ruleId === 'doubled-punctuation').map((f) => `${f.line}:${f.column} ${f.fixable} ${f.message}`)).toEqual([
      "3:11 false '、、、': a mark typed three times or more; write …… if an ellipsis was meant, else keep one",
      "5:11 false '，，，': a mark typed three times or more; write …… if an ellipsis was meant, else keep one",
      "7:14 true '，，': a mark typed twice; keep one (`npm run check -- --fix` does)",
    ]);
  });

  it('--fix keeps one of a mark typed twice and leaves three alone', () => {
    const copy = fixedCopy(file, dir);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(file, 'utf8').replace('问题，，要', '问题，要'));
  });
});
