// The seed's page.pdf as a newspaper plant receives it, built through the CLI and read back: the
// PDF/X identification, output intent, XMP, boxes, fonts, no RGB and no transparency anywhere;
// then rendered to CMYK separations: text and rules on the K plate alone, the red rule in the
// layout's CMYK, the photo within the ink limit. The preflight report must say the same.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFName, type PDFDocument } from 'pdf-lib';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { PreflightReport } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { fonts, imageBoxes, openPdf } from '../page/helpers/pdf.js';
import {
  colourOperators,
  colourSpacesInFile,
  eachPixel,
  images,
  infoString,
  inkOutsidePhotos,
  separations,
  transparencyInFile,
  xmpOf,
  type Separations,
} from './helpers/press.js';

const SEED = path.join(ROOT, 'manuscript/ningju-gongshi');
const layout = parseYaml(await readFile(path.join(ROOT, 'templates/newspaper/layouts/feature-8col.yaml'), 'utf8'));
const RED = layout.colors.red.cmyk as number[];

let out: string;
let bytes: Uint8Array;
let lib: PDFDocument;
let doc: PDFDocumentProxy;
let preflight: PreflightReport;
let plates: Separations;
let photoBoxes: Awaited<ReturnType<typeof imageBoxes>>;
let cli: ReturnType<typeof runCli>;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-press-'));
  cli = runCli(['build:pdf', SEED, '--out', out, '--no-preview']);
  const dir = path.join(out, 'ningju-gongshi');
  ({ doc, lib, bytes } = await openPdf(path.join(dir, 'page.pdf')));
  preflight = JSON.parse(await readFile(path.join(dir, 'page.preflight.json'), 'utf8'));
  // The photo's visible area, grown by a pixel's worth for the edge pixels it shares with the page.
  photoBoxes = (await imageBoxes(doc)).map((b) => ({ left: b.left - 1, right: b.right + 1, bottom: b.bottom - 1, top: b.top + 1 }));
  plates = separations(bytes, 150);
});

afterAll(async () => {
  await doc?.destroy();
  await rm(out, { recursive: true, force: true });
});

describe('the seed page.pdf is PDF/X-1a:2001', () => {
  it('is written, and the build says it is a press file that passed its preflight', () => {
    expect(cli.stdout).toMatch(/page\.pdf/);
    expect(cli.stdout).toMatch(/press: PDF\/X-1a:2001, output intent CGATS TR 002, DeviceCMYK; .*preflight passed/);
  });

  it('identifies itself: GTS_PDFXVersion, GTS_PDFXConformance, Trapped, XMP, trailer ID, PDF 1.3 with a classic xref table', () => {
    expect(infoString(lib, 'GTS_PDFXVersion')).toBe('PDF/X-1:2001');
    expect(infoString(lib, 'GTS_PDFXConformance')).toBe('PDF/X-1a:2001');
    expect(infoString(lib, 'Trapped')).toBe('False');
    const xmp = xmpOf(lib);
    expect(xmp).toMatch(/<pdfx:GTS_PDFXVersion>PDF\/X-1:2001</);
    expect(xmp).toMatch(/<pdfx:GTS_PDFXConformance>PDF\/X-1a:2001</);
    expect(xmp).toMatch(/<pdf:Trapped>False</);
    expect(xmp).toContain(infoString(lib, 'Title'));
    expect(lib.context.trailerInfo.ID).toBeDefined();
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.slice(0, 8)).toBe('%PDF-1.3');
    expect(text).not.toMatch(/\/Type\s*\/(XRef|ObjStm)\b/);
    expect(text).toMatch(/\nxref\n/);
  });

  it('has an output intent /GTS_PDFX with an embedded CMYK destination profile', () => {
    const oi = preflight.outputIntent!;
    expect(oi.subtype).toBe('GTS_PDFX');
    expect(oi.identifier).toBe('CGATS TR 002');
    expect(oi.profile).toMatchObject({ embedded: true, components: 4 });
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toMatch(/\/S \/GTS_PDFX/);
    expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
  });

  it('has TrimBox and BleedBox on every page, bleed around trim, and no ArtBox', () => {
    for (const page of lib.getPages()) {
      const trim = page.getTrimBox();
      const bleed = page.getBleedBox();
      expect(bleed.x).toBeLessThan(trim.x);
      expect(bleed.x + bleed.width).toBeGreaterThan(trim.x + trim.width);
      expect(page.node.get(PDFName.of('ArtBox'))).toBeUndefined();
    }
    expect(preflight.boxes.every((b) => b.trimBox && b.bleedBox && !b.artBox)).toBe(true);
  });

  it('embeds every font', () => {
    const all = fonts(lib);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((f) => !f.embedded)).toEqual([]);
    expect(preflight.fonts.every((f) => f.embedded)).toBe(true);
  });

  it('has no RGB anywhere: no rg/RG operator, no DeviceRGB or RGB ICC colour space on a page, image or form', () => {
    const ops = colourOperators(lib);
    expect(ops.rg ?? 0).toBe(0);
    expect(ops.RG ?? 0).toBe(0);
    expect(ops.k).toBeGreaterThan(0);
    const spaces = colourSpacesInFile(lib);
    expect(spaces.filter((s) => /RGB|ICCBased\/N3|CalRGB|Lab/.test(s))).toEqual([]);
    for (const img of images(lib)) expect(['/DeviceCMYK', '/DeviceGray']).toContain(img.colourSpace);
    expect(Object.keys(preflight.colourSpaces)).toEqual(['DeviceCMYK']);
  });

  it('has no transparency: no group, no soft mask, no constant alpha below 1, no blend mode', () => {
    expect(transparencyInFile(lib)).toEqual([]);
    expect(preflight.transparency).toEqual({ groups: 0, softMasks: 0, blending: 0 });
  });

  it('replaced the photo by a CMYK JPEG at its printed resolution', () => {
    const imgs = images(lib);
    expect(imgs).toHaveLength(1);
    expect(imgs[0]).toMatchObject({ colourSpace: '/DeviceCMYK', filter: '/DCTDecode', smask: false });
    expect(preflight.photos).toHaveLength(1);
    expect(preflight.photos[0]).toMatchObject({ src: 'images/photo-1.standin.jpg', line: 44, colourSpace: 'DeviceCMYK' });
    expect(preflight.photos[0].effectivePpi).toBeGreaterThanOrEqual(layout.photoPpi - 1);
  });
});

describe('the seed page on the plates', () => {
  it('prints text and rules on the K plate alone; the only other ink outside the photo is the red rule in the layout CMYK', () => {
    const ink = inkOutsidePhotos(plates, photoBoxes, RED);
    expect(ink.other).toEqual([]);
    expect(ink.kOnly).toBeGreaterThan(100_000); // the text and the column rules
    expect(ink.red).toBeGreaterThan(1000);
    expect(ink.fullRed).toEqual(RED);
  });

  it('keeps the photo within the ink limit, and the preflight measured the same', () => {
    let max = 0;
    let pixels = 0;
    eachPixel(plates, photoBoxes, (c, m, y, k, inPhoto) => {
      if (inPhoto < 0) return;
      pixels++;
      max = Math.max(max, c + m + y + k);
    });
    expect(pixels).toBeGreaterThan(100_000);
    const percent = (max / 255) * 100;
    expect(percent).toBeLessThanOrEqual(240);
    expect(percent).toBeGreaterThan(100); // a photo, not an empty frame
    expect(preflight.photos[0].maxInk).toBeLessThanOrEqual(240);
    // The preflight measures every pixel of the photo; the 150 dpi render averages neighbours, so it can only be lower.
    expect(percent).toBeLessThanOrEqual(preflight.photos[0].maxInk + 1);
    expect(preflight.photos[0].maxInk - percent).toBeLessThan(25);
    expect(preflight.ink.limit).toBe(240);
    expect(preflight.text.richBlack).toBe(0);
    expect(preflight.problems).toEqual([]);
  });
});
