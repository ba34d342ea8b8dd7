// Photos written with empty brackets (tests/fixtures/epub/empty-caption): ![](images/uncaptioned.png)
// became <figure><img/><figcaption></figcaption></figure>: an empty caption in the e-book (a figure
// whose caption says nothing to a screen reader), in article.html, and on the page, where the empty
// caption's margin took 1.2 mm of the photo's slot. A photo without a caption has no figcaption; the
// copy desk still reports it (figure-caption, and figure-alt when nothing describes it).
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VolumeResult } from '../../src/epub/build-volume.js';
import { loadLayout, photoBoxMm, photoPrintSizes, toMm } from '../../src/config/layout.js';
import { loadArticle } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, NS, all, readEpub } from './read-epub.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/empty-caption');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-empty-caption-'));
let result: VolumeResult;

beforeAll(async () => {
  result = await buildFirstVolume(path.join(DIR, 'series.yaml'), out);
});

afterAll(() => rm(out, { recursive: true, force: true }));

it('writes no empty figcaption in the e-book: each photo is a figure with its image and its text alternative', async () => {
  const book = await readEpub(result.epub);
  const doc = book.xml(`${book.base}ch01-photos.xhtml`);
  const figures = all(doc, NS.xhtml, 'figure');
  expect(figures.map((f) => all(f, NS.xhtml, '*').map((e) => e.localName))).toEqual([['img'], ['img']]);
  expect(all(doc, NS.xhtml, 'img').map((i) => i.getAttribute('alt'))).toEqual(['', '蓝色的测试照片']);
});

it('gives the page, the proof and article.html no empty figcaption either, and the copy desk still reports both photos', async () => {
  const article = await loadArticle(path.join(DIR, 'photos.md'));
  const figures: Element[] = [];
  visit(article.hast, 'element', (node: Element) => {
    if (node.tagName === 'figure') figures.push(node);
  });
  expect(figures.map((f) => f.children.filter((c): c is Element => c.type === 'element').map((c) => c.tagName))).toEqual([
    ['img'],
    ['img'],
  ]);
  const said = article.file.messages.filter((m) => m.ruleId?.startsWith('figure-')).map((m) => `${m.line}:${m.column} ${m.ruleId}`);
  expect(said.sort()).toEqual(['12:1 figure-caption', '8:1 figure-alt', '8:1 figure-caption']);
});

it('measures an uncaptioned photo in the whole slot above the slot’s foot, as the page prints it (no caption gap)', () => {
  const layout = loadLayout();
  const slot = photoPrintSizes(layout)[0];
  const foot = 0.5 * toMm(layout.type.lineHeight);
  expect(photoBoxMm(layout, slot, '').heightMm).toBeCloseTo(slot.heightMm - foot, 6);
  expect(photoBoxMm(layout, slot, '   ').heightMm).toBeCloseTo(slot.heightMm - foot, 6);
});
