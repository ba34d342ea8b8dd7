// A photo with neither caption nor alt text (tests/fixtures/epub/image-no-alt): the copy desk reported
// it (figure-caption, figure-alt), yet the book's metadata still said every image had a text
// alternative (schema:accessibilityFeature alternativeText) and that its text alone sufficed
// (accessModeSufficient textual), and its ONIX record the same (09/14, 09/52): retailers show these
// to screen-reader users, who would meet a photo read as nothing. Those claims are made only when
// every image has its text (volume 2 keeps them); nor is WCAG conformance claimed (dcterms:conformsTo,
// ONIX 09/04, 09/81, 09/85) while an image has none, and the book says so at the image (epub-a11y-unclaimed).
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadSeries } from '../../src/config/series.js';
import { buildVolume, type VolumeResult } from '../../src/epub/build-volume.js';
import { ace, epubcheck } from '../../src/epub/validate.js';
import { loadArticles } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';
import { NS, all, metas, parseXml, readEpub } from './read-epub.js';
import { readFile } from 'node:fs/promises';

const DIR = path.join(ROOT, 'tests/fixtures/epub/image-no-alt');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-image-no-alt-'));
afterAll(() => rm(out, { recursive: true, force: true }));

async function claims(result: VolumeResult) {
  const { opf, text, base } = await readEpub(result.epub);
  const onix = parseXml(await readFile(result.onix, 'utf8'));
  const features = all(onix, NS.onix, 'ProductFormFeature')
    .map((f) => all(f, NS.onix, '*').map((e) => e.textContent))
    .filter(([type]) => type === '09')
    .map(([, value]) => value);
  const alts = all(parseXml(text(`${base}${result.volume.number === 1 ? 'ch01-untold' : 'ch01-described'}.xhtml`)), NS.xhtml, 'img').map(
    (i) => i.getAttribute('alt'),
  );
  return {
    alts,
    features: metas(opf, 'schema:accessibilityFeature'),
    sufficient: metas(opf, 'schema:accessModeSufficient'),
    conformsTo: metas(opf, 'dcterms:conformsTo'),
    certifiedBy: metas(opf, 'a11y:certifiedBy'),
    onix: features,
  };
}

it('claims text alternatives, and text alone as sufficient, only for a book whose every photo has its text', async () => {
  const series = await loadSeries(path.join(DIR, 'series.yaml'));
  const browser = await launchBrowser();
  const results: VolumeResult[] = [];
  try {
    for (const volume of series.volumes) {
      const built = await buildVolume(series, volume, loadArticles(volume.chapters), { outDir: out, browser });
      if (!built) throw new Error(`volume ${volume.number} was not built`);
      results.push(built);
    }
  } finally {
    await browser.close();
  }
  const [untold, described] = await Promise.all(results.map(claims));
  expect(untold.alts).toEqual(['']);
  expect(untold.features).toEqual(['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability']);
  expect(untold.sufficient).toEqual(['textual,visual']);
  // Nor that it conforms to WCAG 2.1 AA (1.1.1 asks a text alternative of every image): no
  // dcterms:conformsTo, no ONIX 09/04 (EPUB Accessibility 1.1), 09/81 (WCAG 2.1), 09/85 (level AA).
  expect(untold.conformsTo).toEqual([]);
  expect(untold.certifiedBy).toEqual([]);
  expect(untold.onix).toEqual(['10', '11', '13', '00']);
  expect(described.alts).toEqual(['蓝色的测试照片']);
  expect(described.features).toEqual([
    'structuralNavigation',
    'tableOfContents',
    'readingOrder',
    'alternativeText',
    'displayTransformability',
  ]);
  expect(described.sufficient).toEqual(['textual', 'textual,visual']);
  expect(described.conformsTo).toEqual(['EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
  // EPUB Accessibility 1.1 (4.2): a claim names who evaluated the book; series.yaml names none, so the publisher.
  expect(described.certifiedBy).toEqual(['测试出版社']);
  // ONIX says who evaluated it too (list 196, 90), with the name in its description.
  expect(described.onix).toEqual(['04', '81', '85', '90', '10', '11', '13', '14', '52', '00']);
  // The copy desk still says what the photo lacks, at its line.
  const said = results[0].files[0].messages.filter((m) => m.ruleId?.startsWith('figure-')).map((m) => `${m.line}:${m.column} ${m.ruleId}`);
  expect(said.sort()).toEqual(['8:1 figure-alt', '8:1 figure-caption']);
  // And the book says why it claims no conformance, at the image.
  const unclaimed = results.map((r) =>
    r.files[0].messages.filter((m) => m.ruleId === 'epub-a11y-unclaimed').map((m) => `${m.line}:${m.column}`),
  );
  expect(unclaimed).toEqual([['8:1'], []]);
  // Ace takes the book without the claim as it took it with one: no violation either way.
  for (const result of results) expect((await ace(result.epub)).findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
  // The a11y: prefix of certifiedBy is one EPUB reserves: EPUBCheck takes the package as it is.
  const check = await epubcheck(results[1].epub);
  expect(check.findings.filter((f) => f.severity !== 'info').map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
}, 180_000);
