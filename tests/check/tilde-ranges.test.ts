// A range typed with a half-width tilde in a finance story (tests/check/fixtures/qa/tilde-ranges.md):
// 9~12日 printed a small raised stroke, and two such ranges in one paragraph (15~18元 … 10~15元) were
// taken by markdown for a strikethrough: “18元，发行价约10” printed struck through, both tildes dropped,
// and no check said so. Now tilde-typed warnings (the strikethrough said as such), and --fix writes ～;
// a tilde in code, an address or English text is left alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/tilde-ranges.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-tilde-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a range typed with a half-width tilde', () => {
  it('is a warning in the headline and the text, the strikethrough said as such', () => {
    const all = checkFindings(file);
    expect(
      all.filter((f) => f.ruleId === 'tilde-typed').map((f) => `${f.line}:${f.column} ${f.fixable} ${f.message.split(': ')[0]}`),
    ).toEqual([
      "2:16 true Range typed with '~'",
      "5:4 true Range typed with '~' and 1 more in this paragraph",
      "7:8 true Ranges typed with '~' here and at 7:19 pair up as a strikethrough",
    ]);
  });

  it('--fix writes ～ in their place and nothing else, and a second --fix changes nothing', () => {
    const copy = fixedCopy(file, dir);
    const fixed = readFileSync(file, 'utf8')
      .replace('9~12日申购', '9～12日申购')
      .replace('9~12日将', '9～12日将')
      .replace('10%~20%', '10%～20%')
      .replace('15~18元', '15～18元')
      .replace('10~15元', '10～15元');
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
    runCli(['check', copy, '--fix']);
    expect(readFileSync(copy, 'utf8')).toBe(fixed);
  });
});
