// build:epub judged a book's photos by the newspaper page (tests/fixtures/epub/screen-photos): a
// 1600 × 1067 photo, more than a reader's screen shows, was 'image-resolution: 120 ppi at 263.5 ×
// 226.5 mm (photo slot 1 of feature-8col)', a 小标题 was too long for a 13-character column the book
// has not got, and the summary's advice, `npm run check -- …`, showed the page's errors (the WebP the
// book converts itself is one there), not the book's. Now a photo is judged as a reader shows it, by
// its long side (templates/epub/book.yaml images.min-side), heads are not measured, and the advice
// names the volume's findings report, which holds the book's own findings.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/screen-photos');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-screen-photos-'));
afterAll(() => rm(out, { recursive: true, force: true }));

/** The findings a build printed, as "line:col severity message rule". */
const findings = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^\d+:\d+-\d+:\d+\s/.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/\s+/g, ' ')
        .replace(/ baoban$/, ''),
    );

const build = (...flags: string[]) =>
  runCli(['build:epub', ...flags, '--no-validate', '--series', path.join(DIR, 'series.yaml'), '--out', out], { BAOBAN_QUIET: '1' });

it('judges each photo on a reader’s screen, measures no newspaper column, and sends the reader to its report', () => {
  const cli = build();
  expect(cli.code, cli.stderr).toBe(0);
  expect(findings(cli.stderr)).toEqual([
    '3:7-3:17 error Front matter "date": "2024-02-30" is no date: 2024年2月 has 29 days; write it 2024-01-19 or 2024年1月19日 matter-date',
    '11:1-11:46 warning Image "images/small.jpg" is 600 × 400 px: under 1000 px on its long side a photo shows small or soft ' +
      "across a reader's screen (templates/epub/book.yaml images.min-side): use a larger original image-resolution",
  ]);
  const report = path.join(out, 'screen-photos-1.findings.txt');
  expect(cli.stdout).toContain(`errors remain: see ${report}; a --final build refuses to write`);
  expect(cli.stdout).not.toMatch(/npm run check/);
});

it('with --final, writes nothing and says the findings above are the book’s', () => {
  const cli = build('--final');
  expect(cli.code).toBe(1);
  expect(cli.stdout).toContain(
    'errors remain: the findings above (a build without --final writes them all to screen-photos-1.findings.txt); a --final build refuses to write',
  );
});

it('the copy desk still judges them for the page, where the 1600 px photo fills a 6-column slot', () => {
  const cli = runCli(['check', DIR]);
  expect(
    findings(cli.stdout).map((l) =>
      l
        .replace(/ [^ ]+$/, '')
        .split(':')
        .slice(0, 3)
        .join(':'),
    ),
  ).toEqual([
    '3:7-3:17 error Front matter "date"',
    '9:1-9:53 warning Image "images/reader-size.jpg" is 1600 × 1067 px',
    '13:1-13:51 error Image "images/converted.webp" is WEBP; the outputs accept JPEG or PNG',
    '15:1-15:42 warning 小标题 has 38 characters; at most 26 fit (2 lines of 13 characters)',
  ]);
});
