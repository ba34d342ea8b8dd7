// Where a validator's finding comes from (tests/fixtures/epub/validator-places): EPUBCheck said
// 'OEBPS/ch01-places.xhtml:24:98' and Ace named the content document and a CFI, places the author
// cannot open; the pipeline keeps every element's manuscript position. Each finding is placed at the
// manuscript's file:line:col of the element it names (the innermost one: a bold word in a nested
// list item, a table cell's), its place in the book kept beside it. The book is spoiled in the test
// (one attribute and two element names, each as long as before) so that the real validators object.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/browser/launch.js';
import { validatorLine } from '../../src/cli/build-epub.js';
import { loadSeries } from '../../src/config/series.js';
import { buildVolume } from '../../src/epub/build-volume.js';
import type { SourcePlace } from '../../src/epub/source-places.js';
import { ace, epubcheck, type Finding } from '../../src/epub/validate.js';
import { loadArticles } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/validator-places');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-validator-places-'));
let browser: Browser;
let spoilt: string;
let locate: (f: Finding) => SourcePlace | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  const series = await loadSeries(path.join(DIR, 'series.yaml'));
  let built: Buffer | undefined;
  let places: ((book?: Buffer) => Promise<(f: Finding) => SourcePlace | undefined>) | undefined;
  await buildVolume(series, series.volumes[0], loadArticles(series.volumes[0].chapters), {
    outDir: out,
    browser,
    validate: async (epub, _name, _files, p) => {
      built = epub;
      places = p;
      return { refuse: true, said: '' };
    },
  });
  const zip = await JSZip.loadAsync(built!);
  const name = 'OEBPS/ch01-places.xhtml';
  const xhtml = await zip.file(name)!.async('string');
  const bad = xhtml.replace(' alt="', ' xlt="').replace(/<(\/?)strong>/g, '<$1strang>');
  expect(bad.length).toBe(xhtml.length);
  zip.file(name, bad);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/epub+zip' });
  spoilt = path.join(out, 'spoilt.epub');
  writeFileSync(spoilt, bytes);
  locate = await places!(bytes);
});

afterAll(async () => {
  await browser.close();
  await rm(out, { recursive: true, force: true });
});

const at = (f: Finding) => {
  const p = locate(f);
  return p ? `${path.relative(ROOT, p.file)}:${p.line}:${p.column}` : `(book) ${f.where}`;
};

it('places EPUBCheck’s findings in a chapter at the manuscript line and column of the element they name', async () => {
  const check = await epubcheck(spoilt, { java: true });
  const inChapter = check.findings.filter((f) => f.where?.includes('ch01-places.xhtml'));
  expect(inChapter.map((f) => `${at(f)} ${f.id}`).sort()).toEqual([
    'tests/fixtures/epub/validator-places/places.md:12:1 RSC-005',
    'tests/fixtures/epub/validator-places/places.md:16:8 RSC-005',
    'tests/fixtures/epub/validator-places/places.md:9:14 RSC-005',
  ]);
  const xlt = inChapter.find((f) => f.message.includes('xlt'))!;
  const line = validatorLine('validator-places-1.epub', xlt, xlt.id, locate(xlt));
  expect(line).toMatch(
    /^ {2}tests\/fixtures\/epub\/validator-places\/places\.md:12:1 {2}error {2}.*xlt.* {2}RSC-005 {2}\(in validator-places-1\.epub\/OEBPS\/ch01-places\.xhtml:24:\d+\)$/,
  );
});

it('places Ace’s findings by their CFI, the content document and CFI kept beside', async () => {
  const access = await ace(spoilt);
  expect(access.findings.map((f) => `${at(f)} ${f.id}`)).toContain('tests/fixtures/epub/validator-places/places.md:12:1 image-alt');
  const alt = access.findings.find((f) => f.id === 'image-alt')!;
  expect(validatorLine('validator-places-1.epub', alt, `ace:${alt.id}`, locate(alt))).toMatch(
    /^ {2}tests\/fixtures\/epub\/validator-places\/places\.md:12:1 {2}error {2}.* {2}ace:image-alt {2}\(in validator-places-1\.epub\/ch01-places\.xhtml#epubcfi\(\/4\/[\d/]+\)\)$/,
  );
});

it('leaves a finding outside the chapters at its place in the book', () => {
  const opf: Finding = { id: 'OPF-999', severity: 'error', message: 'in the package', where: 'OEBPS/content.opf:3:4' };
  expect(locate(opf)).toBeUndefined();
  expect(validatorLine('b.epub', opf, opf.id, undefined)).toBe('  b.epub/OEBPS/content.opf:3:4  error  in the package  OPF-999');
});
