// A half-width mark after a figure, typed English fashion with a space after it, in Chinese text
// (tests/check/fixtures/qa/figure-then-mark.md): 会议定于10:30, 地点在市政府 passed the desk without a
// word and --fix left it, the mark judged by its neighbours alone (a digit, a space). A mark after a
// figure with Chinese on both sides (于10:30, 地点; 5%, 达到) is now half-width-punctuation, and --fix
// writes it full-width without the space; the figure's own marks (10:30, 1,450,000), English text
// (Hello, world; 3, 4 and 5) and a figure of an English name (Room 3; 照录) keep theirs.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/figure-then-mark.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-half-width-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a mark after a figure in Chinese text is reported at its line and column, one finding per paragraph', () => {
  const said = checkFindings(file)
    .filter((f) => f.ruleId === 'half-width-punctuation')
    .map((f) => `${path.relative(ROOT, f.file)}:${f.line}:${f.column} ${f.ruleId} ${f.fixable} ${f.message}`);
  const where = 'tests/check/fixtures/qa/figure-then-mark.md';
  const fix = 'run `npm run check -- --fix`';
  expect(said).toEqual([
    `${where}:5:10 half-width-punctuation true 1 half-width mark in Chinese text (first: ',' at 5:10); ${fix}`,
    `${where}:7:5 half-width-punctuation true 3 half-width marks in Chinese text (first: ',' at 7:5); ${fix}`,
    `${where}:9:11 half-width-punctuation true 1 half-width mark in Chinese text (first: ',' at 9:11); ${fix}`,
  ]);
});

it('--fix writes the mark full-width without the space after it; the figure, English text and Room 3 keep theirs', () => {
  const copy = fixedCopy(file, dir);
  expect(readFileSync(copy, 'utf8')).toBe(
    readFileSync(file, 'utf8')
      .replace('10:30, 地点', '10:30，地点')
      .replace('5%, 达到历史新高; 阅读量共计1,450,000, 其中', '5%，达到历史新高；阅读量共计1,450,000，其中')
      .replace('9:00, 请', '9:00，请'),
  );
  // rewritten in place, by a temp file renamed over it: nothing else is left beside it
  expect(readdirSync(dir)).toEqual([path.basename(file)]);
  // and the next check finds nothing more to fix
  expect(checkFindings(copy).filter((f) => f.ruleId === 'half-width-punctuation')).toEqual([]);
});
