// Glyphs of a Type3 font: Chromium writes a font it cannot embed as TrueType or CFF (a colour emoji
// font such as Noto Color Emoji where the machine has one, a bitmap font) as Type3, whose glyphs are
// content streams of their own, with colours and images in the font's resources. The press and the
// preflight walked pages and forms only: a red glyph and an RGB emoji bitmap went to press as they
// were, and the preflight listed DeviceCMYK alone. Here, on a page written by hand.
import path from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, type PDFDict, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { writePdfx } from '../../src/press/pdfx.js';
import { preflight, type PreflightReport } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT } from '../helpers/cli.js';
import { colourOperators, colourSpacesInFile, images, streamText } from './helpers/press.js';

const N = (s: string) => PDFName.of(s);
const layout = loadLayoutFile(path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml'));
const settings = pressSettings(layout);

describe('a Type3 font (a colour emoji) on the press page', () => {
  let out: PDFDocument;
  let report: PreflightReport;
  let glyph = '';

  beforeAll(async () => {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const stream = (dict: Record<string, unknown>, bytes: Buffer) =>
      ctx.register(PDFRawStream.of(ctx.obj(dict as never) as unknown as PDFDict, bytes));
    // a 2 × 2 RGB bitmap: the emoji's pixels, as Chromium embeds them
    const bitmap = stream(
      { Type: 'XObject', Subtype: 'Image', Width: 2, Height: 2, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 },
      Buffer.from([255, 200, 0, 255, 200, 0, 200, 40, 40, 30, 30, 30]),
    );
    const emoji = stream({}, Buffer.from('1000 0 d0 q 1000 0 0 1000 0 0 cm /Im1 Do Q', 'latin1'));
    const red = stream({}, Buffer.from('1000 0 d0 0.8 0.1 0.1 rg 0 0 1000 1000 re f', 'latin1'));
    const font = ctx.obj({
      Type: 'Font',
      Subtype: 'Type3',
      FontBBox: [0, 0, 1000, 1000],
      FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
      CharProcs: { g1: emoji, g2: red },
      Encoding: { Type: 'Encoding', Differences: [1, 'g1', 'g2'] },
      FirstChar: 1,
      LastChar: 2,
      Widths: [1000, 1000],
      Resources: { XObject: { Im1: bitmap } },
    });
    const page = doc.addPage([200, 200]);
    page.node.set(N('Contents'), stream({}, Buffer.from('BT /T3 12 Tf 100 100 Td <0102> Tj ET', 'latin1')));
    page.node.set(N('Resources'), ctx.obj({ Font: { T3: font } }));
    doc.setTitle('type3'); // as pdf-finish.ts sets it before the press
    const written = await writePdfx(doc, layout, settings, [], { title: 'type3', lang: 'zh-CN' });
    out = await PDFDocument.load(written.bytes);
    report = await preflight(out, written.bytes, settings, [], 200);
    const t3 = (out.getPage(0).node.Resources()!.lookup(N('Font')) as PDFDict).lookup(N('T3')) as PDFDict;
    glyph = streamText(out.context.lookup((t3.lookup(N('CharProcs')) as PDFDict).get(N('g2')) as PDFRef) as PDFRawStream);
  });

  it('converts the glyphs’ colours and bitmaps: nothing RGB is left in the file', () => {
    expect(colourSpacesInFile(out).filter((s) => /RGB|ICCBased\/N3/.test(s))).toEqual([]);
    expect(colourOperators(out)).not.toHaveProperty('rg');
    expect(glyph).toMatch(/^1000 0 d0 [\d.]+ [\d.]+ [\d.]+ [\d.]+ k 0 0 1000 1000 re f$/);
    expect(images(out).map((i) => i.colourSpace)).toEqual(['/DeviceCMYK']);
  });

  it('is read by the preflight: the glyphs’ colour spaces and ink, and no photo made of the bitmap', () => {
    expect(Object.keys(report.colourSpaces).sort()).toEqual(['DeviceCMYK']);
    // (a page made here has no TrimBox or BleedBox: press-boxes is not this test's)
    expect(report.problems.filter((p) => p.rule !== 'press-boxes')).toEqual([]);
    expect(report.photos).toEqual([]);
    expect(report.ink.max).toBeGreaterThan(100);
    expect(report.ink.max).toBeLessThanOrEqual(settings.inkLimit);
  });
});
