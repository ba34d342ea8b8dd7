// Photos that are not a figure of their own (tests/fixtures/epub/inline-images): in a paragraph, a
// quotation or a list item an image kept its width (800 px) and only figure.photo img was fitted to
// the screen, so a reading system following the book's stylesheet showed it wider than the screen.
// Every image of the book is fitted to the text's width, its proportions kept.
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, readEpub } from './read-epub.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-inline-images-'));
afterAll(() => rm(out, { recursive: true, force: true }));

it('shows a photo in a paragraph, a quotation or a list no wider than a 480 px screen', async () => {
  const result = await buildFirstVolume(path.join(ROOT, 'tests/fixtures/epub/inline-images/series.yaml'), out);
  const book = await readEpub(result.epub);
  // The book unpacked as a reading system has it, then the chapter shown as the stylesheet says.
  const dir = path.join(out, 'unpacked');
  for (const name of book.names) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), book.bytes(name));
  }
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 480, height: 800 });
    await page.goto(pathToFileURL(path.join(dir, book.base, 'ch01-inline.xhtml')).href, { waitUntil: 'load' });
    const shown = await page.$$eval('img', (imgs) =>
      imgs.map((i) => {
        const r = i.getBoundingClientRect();
        return { alt: i.alt, natural: i.naturalWidth, width: r.width, ratio: Math.round((r.width / r.height) * 100) / 100 };
      }),
    );
    const body = await page.$eval('body', (b) => b.getBoundingClientRect().right);
    expect(shown.map((s) => s.alt)).toEqual(['段落里的蓝色照片', '引用里的蓝色照片', '列表里的蓝色照片']);
    for (const s of shown) {
      expect(s.natural).toBe(800);
      expect(s.width).toBeGreaterThan(0);
      expect(s.width).toBeLessThanOrEqual(body);
      expect(s.ratio).toBe(1.33);
    }
  } finally {
    await browser.close();
  }
});
