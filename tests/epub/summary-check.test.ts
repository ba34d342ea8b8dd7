// A series outside manuscript/ (tests/fixtures/epub/reader-markup, whose empty-heading.md and
// note-heading.md have heading-empty errors): the summary said 'errors remain: run `npm run check`
// to see them', and npm run check checks manuscript/, not these chapters (the seed's 9 errors, none
// of theirs). It named the series' folder then; that command judges the chapters for the page (a WebP
// the book converts is an error there: tests/epub/screen-photos), so it names the volume's findings
// report now, written with the book, which holds the chapters' errors as the build found them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const series = 'tests/fixtures/epub/reader-markup/series.yaml';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-summary-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('names the report that holds the errors of the chapters it built', () => {
  const cli = runCli(['build:epub', '--series', series, '--out', tmp, '--no-validate'], { BAOBAN_QUIET: '1' });
  expect(cli.code, cli.stderr).toBe(0);
  const advice = /errors remain: see (\S+); a --final build refuses to write/.exec(cli.stdout);
  expect(advice?.[1]).toBe(path.join(tmp, 'reader-markup-1.findings.txt'));
  const report = readFileSync(advice![1], 'utf8');
  expect(report).toMatch(/empty-heading\.md[\s\S]*heading-empty/);
  expect(report).toMatch(/note-heading\.md[\s\S]*heading-empty/);
});
