// A photo's press copy keeps to the ink limit after compression (src/press/photos.ts toPress):
// JPEG at quality 92 when its decoded plates stay within the limit, quality 98 when only that
// does, lossless Flate samples when neither does; a profile that separates over the limit itself
// is left to the preflight. The limits are set here just above what the profile's own separation
// of each test image reaches, so that JPEG's rounding decides; the lossless copy then goes through
// the PDF writer and the preflight measures it in the written file.
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, type PDFDict } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { inkPeak, jpegInk } from '../../src/press/ink.js';
import { toPress } from '../../src/press/photos.js';
import { writePdfx } from '../../src/press/pdfx.js';
import { preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT } from '../helpers/cli.js';

const layout = loadLayoutFile(path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml'));
const base = pressSettings(layout);
const W = 256;

/** A hard-edged pattern of near-black blue and paper white: where JPEG rings most. */
function pattern(on: (x: number, y: number) => boolean): Buffer {
  const rgb = Buffer.alloc(W * W * 3, 255);
  for (let y = 0; y < W; y++) for (let x = 0; x < W; x++) if (on(x, y)) rgb.set([10, 0, 20], (y * W + x) * 3);
  return rgb;
}
const image = (rgb: Buffer) => sharp(rgb, { raw: { width: W, height: W, channels: 3 } });
/** The profile's own separation of the image, and its highest total ink. */
async function separation(rgb: Buffer) {
  const samples = await image(rgb).withIccProfile(base.profiles.cmykFile).raw().toBuffer();
  return { samples, max: inkPeak(samples, 4, W).max };
}

const checker = pattern((x, y) => (x + y) % 2 === 1);
const dots = pattern((x, y) => !(x % 8 < 2 && y % 8 < 2));

describe('the press copy of a photo', () => {
  it('is a JPEG at quality 92 when its plates stay within the limit', async () => {
    const press = await toPress(image(dots), base);
    expect(press).toMatchObject({ kind: 'cmyk', format: 'jpeg' });
    expect((await jpegInk(press.data, 'cmyk')).max).toBeLessThanOrEqual(base.inkLimit);
    expect(press.ink.max).toBeCloseTo((await jpegInk(press.data, 'cmyk')).max, 5);
  });

  it('is encoded again with less compression when JPEG at 92 passes the limit', async () => {
    const { max } = await separation(dots);
    const q92 = await jpegInk(await image(dots).withIccProfile(base.profiles.cmykFile).jpeg({ quality: 92 }).toBuffer(), 'cmyk');
    const limit = (max + q92.max) / 2;
    const press = await toPress(image(dots), { ...base, inkLimit: limit });
    expect(q92.max).toBeGreaterThan(limit); // the first try had to fail
    expect(press.format).toBe('jpeg');
    expect((await jpegInk(press.data, 'cmyk')).max).toBeLessThanOrEqual(limit);
  });

  it('is stored losslessly when no JPEG keeps to the limit, the samples exactly the separation', async () => {
    const { samples, max } = await separation(checker);
    const limit = max + 0.1;
    const press = await toPress(image(checker), { ...base, inkLimit: limit });
    expect(press.format).toBe('flate');
    expect(Buffer.compare(inflateSync(press.data), samples)).toBe(0);
    expect(press.ink.max).toBeLessThanOrEqual(limit);
  });

  it('is left as JPEG when the profile itself separates over the limit: not mended, reported', async () => {
    const { max } = await separation(checker);
    const press = await toPress(image(checker), { ...base, inkLimit: max - 5 });
    expect(press.format).toBe('jpeg');
    expect(press.ink.max).toBeGreaterThan(max - 5);
  });

  it('prints a greyscale photo through the grey profile on K alone', async () => {
    const grey = Buffer.alloc(W * W * 3);
    for (let i = 0; i < grey.length; i++) grey[i] = Math.floor(i / 3) % 256;
    const press = await toPress(image(grey), base);
    expect(press).toMatchObject({ kind: 'gray', format: 'jpeg' });
    expect((await sharp(press.data).metadata()).channels).toBe(1);
  });
});

describe('a lossless press copy in the PDF', () => {
  it('is embedded as FlateDecode CMYK samples, and the preflight measures it within the limit', async () => {
    const { max } = await separation(checker);
    const settings = { ...base, inkLimit: max + 0.1 };
    // A page drawing the pattern as an RGB image, as Chromium would have drawn a browser bitmap.
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const { deflateSync } = await import('node:zlib');
    const img = ctx.register(
      PDFRawStream.of(
        ctx.obj({
          Type: 'XObject',
          Subtype: 'Image',
          Width: W,
          Height: W,
          ColorSpace: 'DeviceRGB',
          BitsPerComponent: 8,
          Filter: 'FlateDecode',
        }) as unknown as PDFDict,
        deflateSync(checker),
      ),
    );
    const page = doc.addPage([200, 200]);
    page.node.set(PDFName.of('Resources'), ctx.obj({ XObject: { Im0: img } }));
    page.node.set(
      PDFName.of('Contents'),
      ctx.register(PDFRawStream.of(ctx.obj({}) as unknown as PDFDict, Buffer.from('q 100 0 0 100 50 50 cm /Im0 Do Q'))),
    );
    const out = await writePdfx(doc, layout, settings, [], { title: 'lossless', lang: 'zh-CN' });
    expect(out.otherImages).toBe(1);
    const back = await PDFDocument.load(out.bytes);
    const written = back.context.lookup(img) as PDFRawStream;
    expect(String(written.dict.get(PDFName.of('Filter')))).toBe('/FlateDecode');
    expect(String(written.dict.get(PDFName.of('ColorSpace')))).toBe('/DeviceCMYK');
    expect(written.dict.get(PDFName.of('Decode'))).toBeUndefined();
    const report = await preflight(back, out.bytes, settings, [], 200);
    expect(report.photos).toHaveLength(1);
    expect(report.photos[0].maxInk).toBeLessThanOrEqual(settings.inkLimit);
    expect(report.photos[0].maxInk).toBeGreaterThan(settings.inkLimit - 1);
    expect(report.problems.filter((p) => p.rule === 'press-ink-limit')).toEqual([]);
  });
});
