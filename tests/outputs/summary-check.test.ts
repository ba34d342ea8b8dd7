// A manuscript outside manuscript/ built with errors: the summary said 'errors remain: run `npm
// run check` to see them', which checks manuscript/ (the seed's 9 errors, none of this one's). It
// names the manuscript now, and that command shows its errors; manuscript/'s own keep the short advice.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { checkCommandFor } from '../../src/output/progress.js';
import { DEFAULT_MANUSCRIPTS, PROJECT_ROOT } from '../../src/core/paths.js';

const manuscript = 'tests/page/fixtures/rare-characters';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-summary-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the check a build advises', () => {
  it('names a manuscript outside manuscript/, and that command shows its errors', () => {
    const cli = runCli(['build:html', manuscript, '--out', tmp], { BAOBAN_QUIET: '1' });
    expect(cli.code, cli.stderr).toBe(0);
    const advice = /errors remain: run `npm run check -- ([^`]+)` to see them/.exec(cli.stdout);
    expect(advice?.[1]).toBe(`${manuscript}/article.md`);
    const check = runCli(['check', advice![1]]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/rare-characters\/article\.md[\s\S]*font-coverage/);
  });

  it('is npm run check alone for manuscript/’s own, and names the folder that holds more than three', () => {
    expect(checkCommandFor([path.join(DEFAULT_MANUSCRIPTS, 'ningju-gongshi', 'article.md')])).toBeUndefined();
    const many = ['a', 'b', 'c', 'd'].map((n) => path.join(PROJECT_ROOT, 'tests', 'fixtures', 'many', n, 'article.md'));
    expect(checkCommandFor(many)).toBe('npm run check -- tests/fixtures/many');
    expect(checkCommandFor([path.join(PROJECT_ROOT, 'tests', 'a b', 'x.md')])).toBe("npm run check -- 'tests/a b/x.md'");
  });
});
