// Photos in the formats build:epub converts itself (tests/fixtures/epub/image-formats: WebP, TIFF,
// AVIF, GIF): the copy desk's image-format held each against the manuscript as an error ('the
// outputs accept JPEG or PNG'), so build:epub --final wrote no book, though the book carries each
// as a JPEG or PNG. For the e-book they are no error; an animated GIF, of which the book keeps the
// first frame only, is a warning that says so. The page cannot print them: check still reports them.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { NS, all, readEpub } from './read-epub.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/image-formats');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-image-formats-'));
afterAll(() => rm(out, { recursive: true, force: true }));

const findings = (text: string, rule: string) =>
  text
    .split('\n')
    .filter((l) => new RegExp(`\\s${rule}\\s+baoban$`).test(l))
    .map((l) =>
      l
        .trim()
        .replace(/\s+/g, ' ')
        .replace(new RegExp(` ${rule} baoban$`), ''),
    );

it('builds the book with --final: each photo converted, the animated GIF’s one frame said', async () => {
  const cli = runCli(['build:epub', '--final', '--no-validate', '--series', path.join(DIR, 'series.yaml'), '--out', out], {
    BAOBAN_QUIET: '1',
  });
  expect(cli.code, cli.stderr).toBe(0);
  expect(findings(cli.stderr, 'image-format')).toEqual([
    '16:1-16:46 warning Image "images/animated.gif" is an animated GIF of 3 frames; the e-book shows its first frame only: give the one picture the reader should see, as a JPEG or PNG',
  ]);
  const book = await readEpub(path.join(out, 'image-formats-1.epub'));
  const images = all(book.xml(`${book.base}ch01-photos.xhtml`), NS.xhtml, 'img').map((i) => i.getAttribute('src'));
  expect(images).toEqual([
    'images/ch01-webp.jpg',
    'images/ch01-tiff.jpg',
    'images/ch01-avif.jpg',
    'images/ch01-still.png',
    'images/ch01-animated.png',
  ]);
});

it('still reports them to the copy desk, for the page, which prints JPEG and PNG only', () => {
  const cli = runCli(['check', DIR]);
  expect(cli.code).toBe(1);
  expect(findings(cli.stdout, 'image-format').map((l) => l.replace(/: convert it$/, ''))).toEqual([
    '8:1-8:44 error Image "images/webp.webp" is WEBP; the outputs accept JPEG or PNG',
    '10:1-10:43 error Image "images/tiff.tif" is TIFF; the outputs accept JPEG or PNG',
    '12:1-12:44 error Image "images/avif.avif" is HEIF; the outputs accept JPEG or PNG',
    '14:1-14:43 error Image "images/still.gif" is GIF; the outputs accept JPEG or PNG',
    '16:1-16:46 error Image "images/animated.gif" is GIF; the outputs accept JPEG or PNG',
  ]);
});
