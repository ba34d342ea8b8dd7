// Straight single quotes around Chinese (tests/check/fixtures/qa/single-quotes.md): a court story's quote
// inside a quote typed '钱肯定还' printed two upright ticks, and no check said so. Now half-width-quotes
// warns of them; inside “ ” (or straight " that --fix turns into them) --fix writes ‘ ’; outside, where
// “ ” or ‘ ’ was meant is the editor's call. An apostrophe (it's), English quoted in English and ‘ ’
// typed right are left alone, and so is an English possessive (students' union), which paired with the
// next quote was counted, and inside “ ” fixed, as an opening ‘.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/single-quotes.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-single-quotes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('straight single quotes in Chinese text', () => {
  it('are a warning per paragraph, fixable only inside “ ”', () => {
    const all = checkFindings(file);
    expect(all.filter((f) => f.ruleId === 'half-width-quotes').map((f) => `${f.line}:${f.column} ${f.fixable} ${f.message}`)).toEqual([
      '3:23 true 2 straight single quotes in Chinese text (first at 3:23): inside “ ” Chinese text takes ‘ and ’; run `npm run check -- --fix`',
      '5:10 true 2 straight quotes in Chinese text (first at 5:10): Chinese text takes “ and ”; run `npm run check -- --fix`',
      '5:14 true 4 straight single quotes in Chinese text (first at 5:14): inside “ ” Chinese text takes ‘ and ’; run `npm run check -- --fix`',
      '7:10 false 2 straight single quotes in Chinese text (first at 7:10): Chinese text quotes with “ ” (‘ ’ only inside them); ' +
        'type the ones that were meant by hand',
      '11:29 true 2 straight single quotes in Chinese text (first at 11:29): inside “ ” Chinese text takes ‘ and ’; run `npm run check -- --fix`',
    ]);
  });

  it('--fix writes ‘ ’ inside “ ” and touches nothing else', () => {
    const copy = fixedCopy(file, dir);
    expect(readFileSync(copy, 'utf8')).toBe(
      readFileSync(file, 'utf8')
        .replace("'钱肯定还'", '‘钱肯定还’')
        .replace(`"我说的'还'是指'还人情'，不是还钱。"`, '“我说的‘还’是指‘还人情’，不是还钱。”')
        .replace("的'代表'当庭", '的‘代表’当庭'),
    );
  });
});
