// A layout editor's design colours (colors: in a layout, tests/fixtures/config/colours/layout.yaml),
// checked as the editor checks them (`check --config-only`). The press knows a colour by its css
// value and sets black and white itself, so a second name for one css value with another CMYK, and
// a CMYK for black or white, were dropped at press time without a word; a CMYK in fractions of 1
// ([0, 1, 1, 0]) printed almost no ink; a name with a capital was
// reported as "colors.Blue is a mapping; write a mapping (key: value)".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIXTURE = path.join(ROOT, 'tests/fixtures/config/colours/layout.yaml');
const rel = path.relative(ROOT, FIXTURE);

describe("a layout editor's colours", () => {
  it('reports every mistake at once (a CMYK written as fractions of 1 too), each at its place, with what to write (nothing for black written as it prints, nor for one colour under two names)', () => {
    const cli = runCli(['check', '--config-only', FIXTURE]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([
      'error: 7 problems in the configuration:',
      `${rel}:55:18: colors.accent.css is #D7191F, the css of colors.red too, with another CMYK: the press knows a colour by its css value and would print both in one; give each its own css value`,
      `${rel}:56:3: colors has the name "Blue", which is not allowed here — design colours, named with lower-case letters, digits and - (page.css uses var(--color-<name>)); write "blue"`,
      `${rel}:57:38: colors.richblack.cmyk is [40, 30, 30, 100], but #000000 is black, which always prints 100% K alone (no C, M or Y under black text); write [0, 0, 0, 100] or remove the colour`,
      `${rel}:58:34: colors.paper.cmyk is [0, 0, 5, 0], but #ffffff is white, which prints no ink; write [0, 0, 0, 0] or remove the colour`,
      `${rel}:61:33: colors.deep.cmyk is [100, 100, 50, 0]: 250% total ink, over the layout's ink limit of 240% (inkLimit); lower C, M or Y by 10% in all`,
      `${rel}:62:34: colors.brand.cmyk is [0, 0.9, 0.75, 0.05]: per cent, not fractions of 1; as written it prints almost no ink while #c81e32 is a full colour; write [0, 90, 75, 5]`,
      `${rel}:63:34: colors.alarm.cmyk is [0, 1, 1, 0]: per cent, not fractions of 1; as written it prints almost no ink while #e00000 is a full colour; write [0, 100, 100, 0]`,
    ]);
  });
});
