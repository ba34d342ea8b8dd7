// A series outside manuscript/ (tests/fixtures/epub/reader-markup, whose empty-heading.md and
// note-heading.md have heading-empty errors): the summary said 'errors remain: run `npm run check`
// to see them', and npm run check checks manuscript/, not these chapters (the seed's 9 errors, none
// of theirs). It names the series' folder now, and that command shows the chapters' errors.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const series = 'tests/fixtures/epub/reader-markup/series.yaml';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-summary-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('advises the check command that shows the errors of the chapters it built', () => {
  const cli = runCli(['build:epub', '--series', series, '--out', tmp, '--no-validate'], { BAOBAN_QUIET: '1' });
  expect(cli.code, cli.stderr).toBe(0);
  const advice = /errors remain: run `npm run check -- ([^`]+)` to see them/.exec(cli.stdout);
  expect(advice?.[1]).toBe('tests/fixtures/epub/reader-markup');
  const check = runCli(['check', advice![1]]);
  expect(check.code).toBe(1);
  expect(check.stdout).toMatch(/empty-heading\.md[\s\S]*heading-empty/);
  expect(check.stdout).toMatch(/note-heading\.md[\s\S]*heading-empty/);
});
