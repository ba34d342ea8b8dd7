// A config with more problems than a screenful (tests/fixtures/config/many-problems: 100 keys that
// are no rule) listed every one: a pasted file of 40,000 such keys printed 40,000 lines (and took
// 32 s: each problem counted the lines from the file's start again, each key was looked for among
// all the others, and the parser's check for keys written twice did the same). The first 40 are
// listed, in the file's order, and the rest counted.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const CONFIG = path.join(ROOT, 'tests/fixtures/config/many-problems/config.yaml');

describe('a config with more problems than a screenful', () => {
  it('lists the first 40 at their lines and counts the rest', () => {
    const r = runCli(['check', '--config-only', CONFIG]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('error: 100 problems in the configuration:');
    const listed = lines.filter((l) => l.includes('unknown key'));
    expect(listed).toHaveLength(40);
    expect(listed[0]).toMatch(/config\.yaml:4:5: unknown key "pasted-setting-0" in check\.rules/);
    expect(listed[39]).toMatch(/config\.yaml:43:5: unknown key "pasted-setting-39" in check\.rules/);
    expect(lines.at(-1)).toBe('… and 60 more problems not shown; mend these first, then run again to see the rest');
    expect(lines).toHaveLength(42);
  });

  it('still finds a key written twice, at its second place', () => {
    const r = runCli(['check', '--config-only', path.join(ROOT, 'tests/fixtures/config/many-problems/twice.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      /twice\.yaml:5:5: not valid YAML: Map keys must be unique; correct the YAML syntax here$/,
    );
  });
});
