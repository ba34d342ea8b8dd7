// Type sizes a layout editor can get wrong (tests/fixtures/config/type-sizes): a caption or 报眉 of
// no size printed nothing, without a word; a line grid smaller than the body type printed every line
// over the one above it; a plan's bare headline size was millimetres (a 90pt 主题). Each is refused
// at its file:line:col, all at once, with what to write instead.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'tests/fixtures/config/type-sizes');
const check = (...files: string[]) => runCli(['check', '--config-only', ...files.map((f) => path.join(DIR, f))]);
const located = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('tests/') || l.startsWith('error: tests/'))
    .map((l) => l.replace(/^error: /, '').replace(/ — .*$/, ''));

describe('type sizes in layouts and plans', () => {
  it('refuses a type size of 0 in a layout and a bare or zero headline size in a plan, each where it is written', () => {
    const cli = check('layout.yaml', 'plan.yaml');
    expect(cli.code).toBe(2);
    const above0 = 'write a type size above 0 with its unit, e.g. 9pt (a bare number would be millimetres)';
    expect(located(cli.stderr)).toEqual([
      `tests/fixtures/config/type-sizes/layout.yaml:12:16: type.captionSize is "0pt"; ${above0}`,
      `tests/fixtures/config/type-sizes/layout.yaml:20:20: type.runningHeadSize is "0.0mm"; ${above0}`,
      `tests/fixtures/config/type-sizes/plan.yaml:14:37: pages[0].stories[0].headline.size is 32; ${above0}`,
      `tests/fixtures/config/type-sizes/plan.yaml:15:84: pages[0].stories[0].continue.headline.size is "0pt"; ${above0}`,
    ]);
  });

  it('refuses a line grid smaller than the body type', () => {
    const cli = check('line-grid.yaml');
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(
      'error: tests/fixtures/config/type-sizes/line-grid.yaml:10:15: type.lineHeight is 6pt, less than type.bodySize 9.5pt: ' +
        'each line would print over the one above it; make it at least 9.5pt (body text is usually set on 1.2–1.4 times its size)',
    );
  });
});
