// A quotation inside a quotation with the same marks (“……“……”……”) and a title inside a title
// (《关于《政协章程》修改的说明》) passed the desk without a word (tests/check/fixtures/qa/nested-marks.md);
// GB/T 15834 alternates them, “‘’” and 《〈〉》. nested-marks says each at the inner opener and --fix
// swaps the inner pair and marks what it holds by its level (“‘“”’”); correct nesting to the third level, apostrophes, quotations
// side by side and a paragraph whose marks do not pair (unbalanced-pairs') are left alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/nested-marks.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-nested-marks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('says a quotation or title nested in its own marks, and nothing else', () => {
  const said = checkFindings(file)
    .filter((f) => f.ruleId === 'nested-marks')
    .map((f) => `${f.line}:${f.column} ${f.message.split(':')[0]}`);
  expect(said).toEqual([
    '3:10 A quotation inside a quotation is marked “ ” like the one around it',
    '5:5 A title inside a title is marked 《 》 like the one around it',
    '13:6 A quotation inside a quotation is marked “ ” like the one around it',
  ]);
});

it('--fix swaps the inner pair and marks what it holds by its level, a third level as the first', () => {
  const copy = fixedCopy(file, dir);
  expect(readFileSync(copy, 'utf8')).toBe(
    readFileSync(file, 'utf8')
      .replace('她说“这是‘好事’”。', '她说‘这是“好事”’。')
      .replace('关于《政协章程》修改', '关于〈政协章程〉修改')
      .replace('“甲“乙“丙”乙”甲”', '“甲‘乙“丙”乙’甲”'),
  );
});
