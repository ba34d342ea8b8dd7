// A page the press was not tuned on: a saturated colour photo, a greyscale photo and a PNG with
// transparency (made here with sharp), on the fixture layout (one slot, the others in the text
// column), built through the CLI and put through the same checks as the seed.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { fonts, imageBoxes, openPdf } from '../page/helpers/pdf.js';
import { colourOperators, colourSpacesInFile, eachPixel, images, infoString, separations, transparencyInFile } from './helpers/press.js';

let tmp: string;
let cli: ReturnType<typeof runCli>;
let opened: Awaited<ReturnType<typeof openPdf>>;
let preflight: PreflightReport;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-held-out-'));
  const dir = path.join(tmp, 'held-out');
  await mkdir(path.join(dir, 'images'), { recursive: true });
  const w = 900;
  const h = 600;
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      // saturated hues over the width, dark towards the bottom: the ink limit is tested in the shadows
      const shade = 1 - y / h;
      rgb[i] = Math.round(255 * shade * (x < w / 3 ? 1 : 0.2));
      rgb[i + 1] = Math.round(255 * shade * (x >= w / 3 && x < (2 * w) / 3 ? 1 : 0.1));
      rgb[i + 2] = Math.round(255 * shade * (x >= (2 * w) / 3 ? 1 : 0.3));
    }
  await sharp(rgb, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 92 }).toFile(path.join(dir, 'images/colour.jpg'));
  await sharp(rgb, { raw: { width: w, height: h, channels: 3 } }).greyscale().jpeg({ quality: 92 }).toFile(path.join(dir, 'images/grey.jpg'));
  await sharp({ create: { width: 600, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg width="600" height="400"><circle cx="300" cy="200" r="150" fill="#1060c0"/></svg>') }])
    .png()
    .toFile(path.join(dir, 'images/cutout.png'));
  await writeFile(
    path.join(dir, 'article.md'),
    [
      '---',
      'headline: 新闻图片测试',
      'author: 测试',
      '---',
      '',
      '彩色照片放在图片位里。',
      '',
      '![彩色照片说明。](images/colour.jpg)',
      '',
      '黑白照片排在文字栏里。',
      '',
      '![黑白照片说明。](images/grey.jpg)',
      '',
      '透明背景的图片也排在文字栏里。',
      '',
      '![透明图片说明。](images/cutout.png)',
      '',
      '正文继续排在栏里。',
      '',
    ].join('\n'),
  );
  cli = runCli(['build:pdf', dir, '--layout', path.join(ROOT, 'tests/page/fixtures/layouts/one-photo.yaml'), '--out', tmp, '--no-preview']);
  opened = await openPdf(path.join(tmp, 'held-out/page.pdf'));
  preflight = JSON.parse(await readFile(path.join(tmp, 'held-out/page.preflight.json'), 'utf8'));
});

afterAll(async () => {
  await opened?.doc.destroy();
  await rm(tmp, { recursive: true, force: true });
});

describe('a held-out page with a colour photo, a greyscale photo and a transparent PNG', () => {
  it('is PDF/X-1a with an output intent, fonts embedded, no RGB and no transparency', () => {
    expect(cli.stdout).toMatch(/press: PDF\/X-1:2001/);
    const { lib } = opened;
    expect(infoString(lib, 'GTS_PDFXVersion')).toBe('PDF/X-1:2001');
    expect(preflight.outputIntent?.profile.embedded).toBe(true);
    expect(fonts(lib).filter((f) => !f.embedded)).toEqual([]);
    expect(colourOperators(lib).rg ?? 0).toBe(0);
    expect(colourSpacesInFile(lib).filter((s) => /RGB|ICCBased\/N3/.test(s))).toEqual([]);
    expect(transparencyInFile(lib)).toEqual([]);
    for (const p of lib.getPages()) expect(p.getTrimBox().width).toBeGreaterThan(0);
  });

  it('prints the greyscale photo on K alone and the others in CMYK, every photo within the ink limit', () => {
    const imgs = images(opened.lib);
    expect(imgs).toHaveLength(3);
    expect(imgs.filter((i) => i.colourSpace === '/DeviceGray')).toHaveLength(1);
    expect(imgs.filter((i) => i.colourSpace === '/DeviceCMYK')).toHaveLength(2);
    expect(imgs.every((i) => !i.smask)).toBe(true);
    const byLine = Object.fromEntries(preflight.photos.map((p) => [p.src, p]));
    expect(byLine['images/grey.jpg'].colourSpace).toBe('DeviceGray');
    for (const p of preflight.photos) expect(p.maxInk).toBeLessThanOrEqual(240);
    expect(preflight.problems.filter((p) => p.error)).toEqual([]);
  });

  it('on the plates: text on K alone, photos within 240 %, the cut-out PNG prints no ink where it was transparent', async () => {
    const plates = separations(opened.bytes, 100);
    const boxes = (await imageBoxes(opened.doc)).map((b) => ({ left: b.left - 1, right: b.right + 1, bottom: b.bottom - 1, top: b.top + 1 }));
    let max = 0;
    const wrong: number[][] = [];
    eachPixel(plates, boxes, (c, m, y, k, inBox) => {
      if (inBox >= 0) max = Math.max(max, c + m + y + k);
      else if ((c || m || y) && wrong.length < 5) wrong.push([c, m, y, k]);
    });
    expect(wrong).toEqual([]);
    expect((max / 255) * 100).toBeLessThanOrEqual(240);
    // The PNG's corner (transparent in the source) is paper white on every plate.
    const cut = preflight.photos.find((p) => p.src === 'images/cutout.png')!;
    const png = (await imageBoxes(opened.doc)).find((b) => b.pixels && b.pixels[0] === cut.pixels[0]);
    expect(png).toBeDefined();
    const [x, y0] = plates.toPixel(png!.left + 3, png!.top - 3);
    const i = (y0 * plates.width + x) * 4;
    expect([...plates.data.subarray(i, i + 4)]).toEqual([0, 0, 0, 0]);
  });
});
