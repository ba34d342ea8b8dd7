// ？ and ！ doubled or combined for strong feeling (tests/check/fixtures/qa/strong-feeling.md). GB/T
// 15834 allows ？？ and ！！ (at most three, 4.2.3.3, 4.3.3.3) and ？！ (4.3.3.4); the desk said nothing
// of any use of them, the legal or the slips: ！？ (the standard puts the question first), ！！！！, ？？！,
// and a ？ or ！ beside 。 or ， (好！。). The legal uses stay silent in heads and text; the rest are
// warnings at their place, and --fix writes ？！ for ！？ and touches nothing else.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/strong-feeling.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-strong-feeling-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('passes ？？, ！！, ？？？, ！！！ and ？！ and says ！？, four marks, ？？！ and a mark beside 。 or ，', () => {
  const said = checkFindings(file).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message.split(';')[0]}`);
  expect(said).toEqual([
    "11:7 doubled-punctuation '！？': ！ before ？",
    "13:5 doubled-punctuation '！！！！': ！ typed four times or more and 1 more in this paragraph",
    "15:5 doubled-punctuation '！。': marks side by side and 1 more in this paragraph",
  ]);
});

it('--fix writes ？！ for ！？ and nothing else', () => {
  const copy = fixedCopy(file, dir);
  expect(readFileSync(copy, 'utf8')).toBe(readFileSync(file, 'utf8').replace('协商！？', '协商？！'));
});
