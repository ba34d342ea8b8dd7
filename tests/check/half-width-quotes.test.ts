// Straight double quotes in Chinese text (tests/check/fixtures/qa/straight-quotes.md): 认为："要把……"
// printed two upright strokes on the page, and no check said so. Now a half-width-quotes warning per
// paragraph (the headline too) whose quotes hold Chinese; --fix writes “ ” in turn when they pair up.
// English quoted in a Chinese paragraph, an odd quote (left to the editor), code and addresses stay.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/straight-quotes.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-quotes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('straight double quotes in Chinese text', () => {
  it('are a warning per paragraph whose quotes hold Chinese, fixable when they pair up', () => {
    const all = checkFindings(file);
    expect(all.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.fixable}`)).toEqual([
      '2:16 half-width-quotes true',
      '5:9 half-width-quotes true',
      '7:38 half-width-quotes true',
      '9:4 half-width-quotes false',
    ]);
  });

  it('--fix writes “ and ” where Chinese is quoted and leaves English, an odd quote, code and addresses alone', () => {
    const copy = fixedCopy(file, dir);
    expect(readFileSync(copy, 'utf8')).toBe(
      readFileSync(file, 'utf8')
        .replace('"绿水青山"', '“绿水青山”')
        .replace('"要把生态保护放在首位"，"绿水青山就是金山银山"', '“要把生态保护放在首位”，“绿水青山就是金山银山”')
        .replace('他们说："这里很安静"', '他们说：“这里很安静”'),
    );
  });
});
