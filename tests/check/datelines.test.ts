// The space after a 电头 (tests/check/fixtures/qa/datelines.md): 本报北京9月10日讯 贵州茅台……, 本报讯　近日……
// — newspapers set the dateline apart from the story with a space, and cjk-space and full-width-space
// reported it as a slip on every dated story. A space typed inside the story (委员们 积极建言, 会议认为 要)
// is still reported.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/datelines.md');

describe('the space after a dateline', () => {
  it('is kept; a space inside the story is still reported', () => {
    const r = runCli(['check', file, '--format', 'json']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const all: Array<{ line: number; column: number; ruleId: string }> = JSON.parse(r.stdout);
    expect(all.filter((f) => /space/.test(f.ruleId)).map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      '5:24 cjk-space',
      '11:5 cjk-space',
    ]);
  });
});
