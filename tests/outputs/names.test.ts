// Output names are unique per source file: two photos both named photo.jpg, in different folders,
// are two photos in every output (the page printed the first twice, the EPUB had a duplicate id);
// a % in a file name (50%.jpg) is a photo like any other, never a silently broken image; a photo
// replaced by another is printed as it is now, whatever its file date.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { readEpub } from '../epub/read-epub.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-names-'));
const manuscript = path.join(dir, 'names');
const out = path.join(dir, 'out');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLOURS = { 'a/photo.jpg': [200, 30, 30], 'b/photo.jpg': [30, 30, 200], '50%.jpg': [30, 160, 30] } as const;

/** The mean colour of an image, to tell the three photos apart in any output. */
async function mean(bytes: Buffer): Promise<number[]> {
  const { channels } = await sharp(bytes).removeAlpha().stats();
  return channels.slice(0, 3).map((c) => Math.round(c.mean));
}

function which(rgb: number[]): string | undefined {
  return Object.entries(COLOURS).find(([, c]) => c.every((v, i) => Math.abs(v - rgb[i]) < 40))?.[0];
}

beforeAll(async () => {
  for (const [name, [r, g, b]] of Object.entries(COLOURS)) {
    const file = path.join(manuscript, 'images', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r, g, b } } })
        .jpeg()
        .toBuffer(),
    );
  }
  const figure = (src: string, day: number) => `![2023年7月${day}日，委员们在会上发言。李明 摄](${src})\n`;
  writeFileSync(
    path.join(manuscript, 'article.md'),
    `---\nheadline: 同名照片\nauthor: 张悦\n---\n\n正文第一段，委员们围绕议题深入讨论。\n\n${figure('images/a/photo.jpg', 15)}\n${figure('images/b/photo.jpg', 16)}\n${figure('images/50%.jpg', 17)}\n`,
  );
  writeFileSync(
    path.join(dir, 'series.yaml'),
    'series:\n  name: 测试丛书\n  slug: names\n  publisher: 测试出版社\n  rights: © 2024 测试出版社\n  accessibility:\n    summary: 测试。\n' +
      'volumes:\n  - number: 1\n    title: 测试卷\n    date: 2024-01-20\n    description: 测试。\n    chapters:\n      - names\n',
  );
});

describe('photos named alike, and a % in a name', () => {
  it('the page places three different photos', async () => {
    const cli = runCli(['build:pdf', manuscript, '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toMatch(/page-photo-missing/);
    const fit = JSON.parse(readFileSync(path.join(out, 'names', 'page.fit.json'), 'utf8'));
    const urls: string[] = fit.figures.photos.map((p: { url: string }) => p.url);
    expect(new Set(urls).size).toBe(3);
    const shown = await Promise.all(urls.map(async (u) => which(await mean(readFileSync(path.join(out, 'names', decodeURIComponent(u)))))));
    expect(shown).toEqual(['a/photo.jpg', 'b/photo.jpg', '50%.jpg']);
  });

  it('article.html shows three different photos, each a plain URL', async () => {
    const cli = runCli(['build:html', manuscript, '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'names', 'article.html'), 'utf8');
    const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toHaveLength(3);
    for (const s of srcs) expect(s).toMatch(/^images\/[\w.-]+$/);
    const shown = await Promise.all(srcs.map(async (s) => which(await mean(readFileSync(path.join(out, 'names', s))))));
    expect(shown).toEqual(['a/photo.jpg', 'b/photo.jpg', '50%.jpg']);
  });

  it('the EPUB holds three image files with three ids, each showing its own photo', async () => {
    const cli = runCli(['build:epub', '--series', path.join(dir, 'series.yaml'), '--out', path.join(out, 'epub'), '--no-validate']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toMatch(/epub-image-missing/);
    const epub = await readEpub(path.join(out, 'epub', 'names-1.epub'));
    const items = [...epub.opf.getElementsByTagNameNS('http://www.idpf.org/2007/opf', 'item')]
      .filter((i) => /^image\//.test(i.getAttribute('media-type') ?? '') && !/cover/.test(i.getAttribute('href') ?? ''))
      .map((i) => ({ id: i.getAttribute('id'), href: i.getAttribute('href')! }));
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
    expect(new Set(items.map((i) => i.href)).size).toBe(3);
    const shown = await Promise.all(items.map(async (i) => which(await mean(epub.bytes(`${epub.base}${i.href}`)))));
    expect(shown.sort()).toEqual(['50%.jpg', 'a/photo.jpg', 'b/photo.jpg']);
  });
});

/** The mean colour (sRGB, as MuPDF converts them) of every image drawn on page 1 of a PDF. */
function printedPhotos(pdf: Buffer): number[][] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const means: number[][] = [];
  doc
    .loadPage(0)
    .toStructuredText('preserve-images')
    .walk({
      onImageBlock(_bbox, _transform, image) {
        const pix = image.toPixmap().convertToColorSpace(mupdf.ColorSpace.DeviceRGB);
        const px = pix.getPixels();
        const n = pix.getNumberOfComponents() + pix.getAlpha();
        const sum = [0, 0, 0];
        for (let i = 0; i < px.length; i += n) for (let k = 0; k < 3; k++) sum[k] += px[i + k];
        means.push(sum.map((v) => Math.round(v / (px.length / n))));
      },
    });
  doc.destroy();
  return means;
}

describe('a photo replaced under the same name', () => {
  it('is printed as it is now even when its file is older than the last build, and the copies of the old one are removed', async () => {
    const copy = path.join(dir, 'replaced');
    cpSync(manuscript, copy, { recursive: true });
    const first = runCli(['build:pdf', copy, '--out', out, '--no-preview']);
    expect(first.code, first.stderr).toBe(0);
    // The photographer's new file, unpacked from an archive: its date is years before the first build.
    const photo = path.join(copy, 'images', 'b', 'photo.jpg');
    writeFileSync(
      photo,
      await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 230, g: 210, b: 20 } } })
        .jpeg()
        .toBuffer(),
    );
    utimesSync(photo, new Date('2001-01-01'), new Date('2001-01-01'));
    const second = runCli(['build:pdf', copy, '--out', out, '--no-preview']);
    expect(second.code, second.stderr).toBe(0);
    const folder = path.join(out, 'replaced');
    const fit = JSON.parse(readFileSync(path.join(folder, 'page.fit.json'), 'utf8'));
    const url: string = fit.figures.photos.find((p: { src: string }) => p.src === 'images/b/photo.jpg').url;
    const [r, g, b] = await mean(readFileSync(path.join(folder, decodeURIComponent(url))));
    expect(r > 150 && g > 150 && b < 100, `the page shows ${[r, g, b]}`).toBe(true);
    // The press PDF prints the yellow photo, and no photo is blue any more.
    const printed = printedPhotos(readFileSync(path.join(folder, 'page.pdf')));
    expect(
      printed.some(([pr, pg, pb]) => pr > 150 && pg > 150 && pb < 100),
      JSON.stringify(printed),
    ).toBe(true);
    expect(
      printed.some(([pr, pg, pb]) => pb > 150 && pr < 100 && pg < 100),
      JSON.stringify(printed),
    ).toBe(false);
    // Every copy of b/photo.jpg left in images/ (screen, press, soft proof) is made from the new bytes.
    const stem = decodeURIComponent(url).slice('images/'.length).split('.')[0];
    const version = decodeURIComponent(url).slice('images/'.length).split('.').slice(0, 2).join('.');
    const copies = readdirSync(path.join(folder, 'images')).filter((n) => n.startsWith(`${stem}.`));
    expect(copies.length).toBeGreaterThan(1);
    for (const n of copies) expect(n.startsWith(`${version}.`), n).toBe(true);
  });
});
