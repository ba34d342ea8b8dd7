// The designer's cover art as the book's cover (series.yaml `cover.image`,
// tests/fixtures/epub/cover-image): transparency laid on white, CMYK made sRGB, EXIF orientation
// applied, an original larger than the cover fitted to it; a file that is no image, one smaller than
// distributors accept, a pixel bomb, a missing one and one outside the series' folder refused in one line each at
// the line of series.yaml that names them, nothing written.
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadSeries } from '../../src/config/series.js';
import { buildVolume, type VolumeResult } from '../../src/epub/build-volume.js';
import { epubcheck } from '../../src/epub/validate.js';
import { loadArticles } from '../../src/pipeline.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { readEpub } from './read-epub.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/cover-image');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-cover-'));
const built = new Map<number, VolumeResult>();

beforeAll(async () => {
  const series = await loadSeries(path.join(DIR, 'series.yaml'));
  const browser = await launchBrowser();
  try {
    for (const v of series.volumes.filter((v) => v.number <= 4))
      built.set(v.number, (await buildVolume(series, v, loadArticles(v.chapters), { outDir: out, browser }))!);
  } finally {
    await browser.close();
  }
});
afterAll(() => rm(out, { recursive: true, force: true }));

async function cover(n: number) {
  const book = await readEpub(built.get(n)!.epub);
  const data = book.bytes(`${book.base}images/cover.jpg`);
  const meta = await sharp(data).metadata();
  const pixel = [...(await sharp(data).extract({ left: 100, top: 100, width: 1, height: 1 }).removeAlpha().raw().toBuffer())];
  const img = /<img [^>]*>/.exec(book.text(`${book.base}cover.xhtml`))![0];
  return { meta, pixel, img };
}

const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 12);

describe('cover.image', () => {
  it('lays a transparent cover on white, as a JPEG of the image’s own size', async () => {
    const { meta, pixel, img } = await cover(1);
    expect([meta.format, meta.width, meta.height, meta.space, meta.channels]).toEqual(['jpeg', 1400, 2100, 'srgb', 3]);
    expect(near(pixel, [127, 177, 227]), String(pixel)).toBe(true);
    expect(img).toContain('width="1400" height="2100"');
  });

  it('makes a CMYK cover sRGB with its colour kept', async () => {
    const { meta, pixel } = await cover(2);
    expect([meta.space, meta.channels]).toEqual(['srgb', 3]);
    // Red stays red (the CMYK → sRGB profiles move it a little: about 200, 8, 3 from 200, 30, 30).
    const [r, g, b] = pixel;
    expect(r > 170 && g < 60 && b < 60, String(pixel)).toBe(true);
  });

  it('turns a cover stored on its side upright (EXIF orientation), and the book passes EPUBCheck', async () => {
    const { meta } = await cover(3);
    expect([meta.width, meta.height, meta.orientation]).toEqual([1400, 2100, undefined]);
    const check = await epubcheck(built.get(3)!.epub, { java: true });
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
  });

  it('fits a cover larger than the book’s cover size to it', async () => {
    const { meta, img } = await cover(4);
    expect([meta.width, meta.height]).toEqual([1600, 2400]);
    expect(img).toContain('width="1600" height="2400"');
  });

  it('refuses a cover file that is no image in one line at its line of series.yaml, and writes nothing', () => {
    const dir = path.join(out, 'cli');
    const cli = runCli(['build:epub', '5', '--series', path.join(DIR, 'series.yaml'), '--out', dir, '--no-validate']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(
      'series.yaml:45:14: volume 5: cover.image "cover-not-an-image.jpg" cannot be used: it is not a JPEG, PNG, WebP, GIF, TIFF or AVIF image; give the cover as a JPEG or PNG file',
    );
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'cover-image-5.epub'))).toBe(false);
  });

  it('refuses a cover smaller than distributors accept at its line, saying the size wanted', () => {
    const dir = path.join(out, 'small');
    const cli = runCli(['build:epub', '6', '--series', path.join(DIR, 'series.yaml'), '--out', dir, '--no-validate']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(
      'series.yaml:52:14: volume 6: cover.image "cover-small.jpg" cannot be used: it is 800 × 1200 px, under the 1400 px on its short side ' +
        'distributors require; give the original artwork, 1600 × 2400 px or larger (templates/epub/book.yaml cover.min-side)',
    );
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'cover-image-6.epub'))).toBe(false);
  });

  it('refuses a cover whose header says 30000 × 30000 px as too large to scale, not as no PNG', () => {
    const dir = path.join(out, 'bomb');
    const cli = runCli(['build:epub', '7', '--series', path.join(DIR, 'series.yaml'), '--out', dir, '--no-validate']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(
      'series.yaml:59:14: volume 7: cover.image "cover-pixel-bomb.png" cannot be used: it has more than 268 million pixels; ' +
        'scale it down: the cover is 1600 × 2400 px',
    );
    expect(existsSync(path.join(dir, 'cover-image-7.epub'))).toBe(false);
  });

  it('refuses a missing cover image and one outside the series’ folder at their lines', () => {
    const cli = runCli(['build:epub', '--series', path.join(DIR, 'missing.yaml'), '--out', path.join(out, 'missing'), '--no-validate']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/missing\.yaml:15:14: volumes\[0\]\.cover\.image: cover image "images\/cover\.jpg" does not exist/);
    expect(cli.stderr).toMatch(/missing\.yaml:22:14: volumes\[1\]\.cover\.image: cover image "\.\.\/gfm\/blocks\.md" is outside/);
    expect(existsSync(path.join(out, 'missing'))).toBe(false);
  });
});
