// YAML nested hundreds of levels deep (tests/fixtures/config/deep-nesting: an edition plan with a
// list 1,000 deep, a front matter with a mapping 1,000 deep) overflows the YAML parser's stack. The
// message was located but said "not valid YAML: Maximum call stack size exceeded; correct the YAML
// syntax here": the engine's words, and a fix that does not apply (the syntax is valid). It says
// what is wrong in the file, and what to do.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'tests/fixtures/config/deep-nesting');

describe('YAML nested hundreds of levels deep', () => {
  it('in an edition plan is refused at its place, in words', () => {
    const r = runCli(['build:pdf', path.join(DIR, 'plan.yaml')]);
    expect(r.code).toBe(2);
    const line = r.stderr.trim().split('\n').pop()!;
    expect(line).toMatch(/plan\.yaml:3:\d+: not valid YAML: lists or mappings are nested too deep here to be read/);
    expect(line).toContain('write the values out flat');
    expect(r.stderr).not.toMatch(/call stack|RangeError/);
  });

  it('in a front matter is a located front-matter-yaml error, in words', () => {
    const r = runCli(['check', path.join(DIR, 'article.md'), '--format', 'json']);
    const found = (JSON.parse(r.stdout) as Array<{ line: number; ruleId: string; message: string }>).filter(
      (f) => f.ruleId === 'front-matter-yaml',
    );
    expect(found.map((f) => f.line)).toEqual([3]);
    expect(found[0].message).toMatch(/^Front matter is not valid YAML \(lists or mappings are nested too deep here to be read/);
    expect(found[0].message).not.toMatch(/call stack/);
  });
});
