// A page the press was not tuned on: a saturated colour photo, a greyscale photo and a PNG with
// transparency (made here with sharp), on a layout with no bleed and its own red
// (fixtures/layouts/held-out.yaml), built through the CLI and put through the same checks as the
// seed: PDF/X structure, K-only text and rules, the red rule in the layout's CMYK, photos within
// the ink limit, the greyscale photo on K alone, the PNG's transparent corners without ink. Then
// the same page with `inkLimit: 220%`: the conversion itself keeps the photos within 220 %.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { PreflightReport } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { fonts, imageBoxes, openPdf } from '../page/helpers/pdf.js';
import {
  colourOperators,
  colourSpacesInFile,
  images,
  infoString,
  inkOutsidePhotos,
  maxInkInside,
  separations,
  transparencyInFile,
  type Separations,
} from './helpers/press.js';
import { writeHeldOut } from './helpers/held-out.js';

const LAYOUT = path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml');
const layoutText = await readFile(LAYOUT, 'utf8');
const RED = parseYaml(layoutText).colors.red.cmyk as number[];

interface Built {
  cli: ReturnType<typeof runCli>;
  opened: Awaited<ReturnType<typeof openPdf>>;
  preflight: PreflightReport;
  plates: Separations;
  boxes: Awaited<ReturnType<typeof imageBoxes>>;
}

let tmp: string;
let page: Built;
let limited: Built;

async function build(dir: string, layout: string, out: string, preview = false): Promise<Built> {
  const cli = runCli(['build:pdf', dir, '--layout', layout, '--out', out, ...(preview ? [] : ['--no-preview'])]);
  const pageDir = path.join(out, path.basename(dir));
  const opened = await openPdf(path.join(pageDir, 'page.pdf'));
  const preflight = JSON.parse(await readFile(path.join(pageDir, 'page.preflight.json'), 'utf8'));
  return { cli, opened, preflight, plates: separations(opened.bytes, 100), boxes: await imageBoxes(opened.doc) };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-held-out-'));
  const dir = path.join(tmp, 'held-out');
  await writeHeldOut(dir);
  page = await build(dir, LAYOUT, path.join(tmp, 'out'));
  const at220 = path.join(tmp, 'held-out-220.yaml');
  await writeFile(at220, `${layoutText}inkLimit: 220%\n`);
  limited = await build(dir, at220, path.join(tmp, 'out-220'), true);
});

afterAll(async () => {
  await page?.opened.doc.destroy();
  await limited?.opened.doc.destroy();
  await rm(tmp, { recursive: true, force: true });
});

const grown = (boxes: Built['boxes']) => boxes.map((b) => ({ left: b.left - 1, right: b.right + 1, bottom: b.bottom - 1, top: b.top + 1 }));

describe('a held-out page with a colour photo, a greyscale photo and a transparent PNG', () => {
  it('is PDF/X-1a with an output intent, its boxes nested without bleed, fonts embedded, no RGB and no transparency', () => {
    expect(page.cli.code).toBe(0);
    expect(page.cli.stdout).toMatch(/press: PDF\/X-1a:2001, output intent CGATS TR 002, .*preflight passed/);
    const { lib } = page.opened;
    expect(infoString(lib, 'GTS_PDFXVersion')).toBe('PDF/X-1:2001');
    expect(page.preflight.outputIntent?.profile.embedded).toBe(true);
    expect(fonts(lib).filter((f) => !f.embedded)).toEqual([]);
    expect(colourOperators(lib).rg ?? 0).toBe(0);
    expect(colourOperators(lib).RG ?? 0).toBe(0);
    expect(colourSpacesInFile(lib).filter((s) => /RGB|ICCBased\/N3|CalRGB|Lab/.test(s))).toEqual([]);
    expect(transparencyInFile(lib)).toEqual([]);
    // No bleed: TrimBox = BleedBox = MediaBox, the trim exactly 120 × 140 mm.
    const p = lib.getPage(0);
    const mm = (pt: number) => Math.round(((pt * 25.4) / 72) * 100) / 100;
    expect([mm(p.getTrimBox().width), mm(p.getTrimBox().height)]).toEqual([120, 140]);
    expect(p.getBleedBox()).toEqual(p.getTrimBox());
    expect(p.getMediaBox()).toEqual(p.getTrimBox());
    expect(page.preflight.problems).toEqual([]);
  });

  it('prints the greyscale photo on K alone and the others in CMYK, every photo within the ink limit', () => {
    const imgs = images(page.opened.lib);
    expect(imgs).toHaveLength(3);
    expect(imgs.filter((i) => i.colourSpace === '/DeviceGray')).toHaveLength(1);
    expect(imgs.filter((i) => i.colourSpace === '/DeviceCMYK')).toHaveLength(2);
    expect(imgs.every((i) => !i.smask)).toBe(true);
    const bySrc = Object.fromEntries(page.preflight.photos.map((p) => [p.src, p]));
    expect(bySrc['images/grey.jpg'].colourSpace).toBe('DeviceGray');
    expect(bySrc['images/colour.jpg'].colourSpace).toBe('DeviceCMYK');
    expect(bySrc['images/cutout.png'].colourSpace).toBe('DeviceCMYK');
    for (const p of page.preflight.photos) expect(p.maxInk).toBeLessThanOrEqual(240);
  });

  it('on the plates: text and rules on K alone, the red rule and kicker in the layout CMYK, photos within 240 %', () => {
    const ink = inkOutsidePhotos(page.plates, grown(page.boxes), RED);
    expect(ink.other).toEqual([]);
    expect(ink.kOnly).toBeGreaterThan(5000); // the text, the column rule and the running head
    expect(ink.red).toBeGreaterThan(200);
    expect(ink.fullRed).toEqual(RED);
    const max = maxInkInside(page.plates, grown(page.boxes));
    expect(max).toBeLessThanOrEqual(240);
    expect(max).toBeGreaterThan(220); // the colour photo's shadows use the room the limit gives
  });

  it('prints the cut-out PNG without ink where it was transparent, and its disc in C and M', () => {
    const cut = page.preflight.photos.find((p) => p.src === 'images/cutout.png')!;
    const png = page.boxes.filter((b) => b.pixels?.[0] === cut.pixels[0] && b.pixels?.[1] === cut.pixels[1]);
    expect(png).toHaveLength(1);
    const { left, right, top, bottom } = png[0];
    const at = (x: number, y: number) => {
      const [px, py] = page.plates.toPixel(x, y);
      const i = (py * page.plates.width + px) * 4;
      return [...page.plates.data.subarray(i, i + 4)];
    };
    for (const [x, y] of [
      [left + 3, top - 3],
      [right - 3, top - 3],
      [left + 3, bottom + 3],
      [right - 3, bottom + 3],
    ])
      expect(at(x, y)).toEqual([0, 0, 0, 0]);
    const [c, m] = at((left + right) / 2, (top + bottom) / 2);
    expect(c).toBeGreaterThan(100);
    expect(m).toBeGreaterThan(20);
  });
});

describe('the same page with inkLimit: 220%', () => {
  it('separates the photos within 220 % (measured on the plates and by the preflight), so the preflight passes', () => {
    expect(limited.cli.code).toBe(0);
    expect(limited.preflight.ink.limit).toBe(220);
    expect(limited.preflight.problems).toEqual([]);
    for (const p of limited.preflight.photos) expect(p.maxInk).toBeLessThanOrEqual(220);
    const max = maxInkInside(limited.plates, grown(limited.boxes));
    expect(max).toBeLessThanOrEqual(220);
    expect(max).toBeGreaterThan(200);
  });

  it('embeds the profile that separated them as the output intent', () => {
    expect(limited.preflight.outputIntent?.profile.description).toMatch(/220%/);
    expect(page.preflight.outputIntent?.profile.description).toMatch(/240%/);
  });
});

describe('page.png', () => {
  it('shows the colour photo as the plant prints it (its soft proof), not the RGB original', async () => {
    const out = path.join(tmp, 'out-220', 'held-out');
    const fit = JSON.parse(await readFile(path.join(out, 'page.fit.json'), 'utf8'));
    const photo = fit.figures.photos.find((p: { src: string }) => p.src === 'images/colour.jpg');
    const proofName = (await readdir(path.join(out, 'images'))).find((f) => /^colour-[0-9a-f]{8}\./.test(f) && /\.proof\d+w\.jpg$/.test(f));
    expect(proofName).toBeDefined();
    // Where the photo is on the PNG: its box in the PDF (no bleed: the sheet is the trim), scaled to the preview.
    const png = sharp(path.join(out, 'page.png'));
    const { width } = await png.metadata();
    const mediaBox = limited.opened.lib.getPage(0).getMediaBox();
    const scale = width! / mediaBox.width;
    const box = limited.boxes.find((b) => b.pixels?.[0] === photo.width && b.pixels?.[1] === photo.height)!;
    const area = {
      left: Math.ceil(box.left * scale) + 2,
      top: Math.ceil((mediaBox.height - box.top) * scale) + 2,
      width: Math.floor((box.right - box.left) * scale) - 4,
      height: Math.floor((box.top - box.bottom) * scale) - 4,
    };
    const pixels = (input: import('sharp').Sharp) => input.removeAlpha().toColourspace('srgb').raw().toBuffer();
    const shown = await pixels(png.extract(area));
    const at = (file: string) =>
      pixels(
        sharp(file)
          .resize(Math.round((box.right - box.left) * scale), Math.round((box.top - box.bottom) * scale), { fit: 'fill' })
          .extract({ left: 2, top: 2, width: area.width, height: area.height }),
      );
    const distance = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;
    const toProof = distance(shown, await at(path.join(out, 'images', proofName!)));
    const toOriginal = distance(shown, await at(path.join(out, photo.url)));
    expect(toProof).toBeLessThan(8);
    expect(toOriginal).toBeGreaterThan(toProof * 2);
  });
});
