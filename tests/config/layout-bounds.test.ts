// Layout values a layout editor can mistype by far (tests/fixtures/config/layout-bounds): a font
// metrics override of 188% set every glyph off its line, a module gap of 200 lines emptied the
// modules; both were taken without a word. Each is refused at its file:line:col, all at once.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';

describe('layout values out of bounds', () => {
  it('refuses a font-metrics override far from the em box and a module gap past 10 lines, where they are written', () => {
    const cli = runCli(['check', '--config-only', path.join(ROOT, 'tests/fixtures/config/layout-bounds/layout.yaml')]);
    expect(cli.code).toBe(2);
    const lines = cli.stderr.split('\n').filter((l) => l.startsWith('tests/'));
    expect(lines).toEqual([
      'tests/fixtures/config/layout-bounds/layout.yaml:39:24: fontMetrics.ascent is 188% with descent 12%, 200% in all: ' +
        'the glyphs would stand off their lines; the ideographic em box is 100% (ascent: 88%, descent: 12%)',
      expect.stringMatching(
        /^tests\/fixtures\/config\/layout-bounds\/layout\.yaml:53:14: edition\.moduleGap is 200; write a whole number from 0 to 10/,
      ),
    ]);
  });
});
