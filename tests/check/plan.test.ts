// `npm run check -- plan.yaml`: the night desk checks tonight's edition before building it. An
// edition plan given to check is read as the build reads it (its mistakes refused at the plan's
// file:line:col, exit 2) and the manuscripts it places are checked, a brief column's too; a
// manuscript beside them that the plan does not place is not read.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const DIR = 'tests/check/fixtures/plan';

describe('check given an edition plan', () => {
  it('checks every manuscript the plan places, and only those', () => {
    const cli = runCli(['check', `${DIR}/plan.yaml`, '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const findings = JSON.parse(cli.stdout) as Array<{ file: string; line: number; column: number; ruleId: string }>;
    expect(findings.map((f) => `${f.file.slice(f.file.indexOf(DIR))}:${f.line}:${f.column} ${f.ruleId}`).sort()).toEqual([
      `${DIR}/brief-2/article.md:5:12 half-width-punctuation`,
      `${DIR}/gao/article.md:5:12 half-width-punctuation`,
    ]);
    expect(cli.stderr).toMatch(/check: 0 errors, 2 warnings, 0 infos in 3 files/);
  });

  it('refuses a plan with a mistake at its line:col, as a build does, without a stack trace', () => {
    const cli = runCli(['check', `${DIR}/bad-date.yaml`]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      `error: ${DIR}/bad-date.yaml:3:7: date: "2024年2月30日" is no date: 2024年2月 has 29 days; write it 2024-01-19 or 2024年1月19日`,
    ]);
  });
});
