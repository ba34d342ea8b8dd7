// A thematic break (--- in the manuscript) on the press page (tests/press/fixtures/rule). page.css
// draws it as a CSS gradient, which Chromium writes as an axial shading in DeviceRGB behind a
// shading pattern: the colour-operator rewrite did not reach it, so page.pdf carried RGB, and the
// preflight reported only "Pattern is used on the page", with no place (and --final refused any
// manuscript with a ---). The shading's colour stops now go through the same colour map as the
// colour operators (black on K alone), and the preflight reads what a pattern paints with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { writePdfx } from '../../src/press/pdfx.js';
import { preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT } from '../helpers/cli.js';
import { pressBuild } from './helpers/press-build.js';
import { separations } from './helpers/press.js';

const N = (s: string) => PDFName.of(s);
const press = pressBuild('rule');

/** Every shading dictionary in the file (inline in a pattern, or an object of its own). */
function shadings(doc: PDFDocument): PDFDict[] {
  const out: PDFDict[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict) continue;
    if (dict.get(N('ShadingType'))) out.push(dict);
    const inner = dict.get(N('Shading'));
    if (inner instanceof PDFDict && inner.get(N('ShadingType'))) out.push(inner);
  }
  return out;
}

const stops = (shading: PDFDict) => {
  const fn = shading.get(N('Function')) as PDFDict;
  return ['C0', 'C1'].map((k) => (fn.get(N(k)) as PDFArray).asArray().map((v) => Number(String(v))));
};

/** The page's K plate with the shadings' stops as they are, and with them set to no ink: where they differ is what the shadings print. */
async function shadingPixels(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const s of shadings(doc)) {
    const fn = s.get(N('Function')) as PDFDict;
    for (const k of ['C0', 'C1']) fn.set(N(k), doc.context.obj([0, 0, 0, 0]));
  }
  const blank = separations(await doc.save({ useObjectStreams: false }), 150);
  const page = separations(bytes, 150);
  const printed: number[][] = [];
  for (let i = 0; i < page.data.length; i += 4)
    if ([0, 1, 2, 3].some((j) => page.data[i + j] !== blank.data[i + j])) printed.push([...page.data.subarray(i, i + 4)]);
  return printed;
}

describe('a thematic break (---) on the press page', () => {
  it('builds with no colour-space finding: the rule is a shading in DeviceCMYK, black on K alone', async () => {
    expect(press.build.code, press.build.stderr).toBe(0);
    expect(press.report.problems.filter((p) => p.rule === 'press-colour-space')).toEqual([]);
    expect(Object.keys(press.report.colourSpaces).sort()).toEqual(['DeviceCMYK']);
    const doc = await PDFDocument.load(readFileSync(path.join(press.out, 'rule', 'page.pdf')), { updateMetadata: false });
    const found = shadings(doc);
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) {
      expect(s.get(N('ColorSpace'))).toBe(N('DeviceCMYK'));
      expect(stops(s)).toEqual([
        [0, 0, 0, 1],
        [0, 0, 0, 1],
      ]);
    }
  });

  it('prints the rule on the K plate alone', async () => {
    const printed = await shadingPixels(new Uint8Array(readFileSync(path.join(press.out, 'rule', 'page.pdf'))));
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.filter(([c, m, y]) => c || m || y)).toEqual([]);
    expect(Math.max(...printed.map((p) => p[3]))).toBeGreaterThan(200);
  });
});

describe('shadings on a hand-made page', () => {
  const layout = loadLayoutFile(path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml'));
  const settings = pressSettings(layout);
  const red = layout.colors!.red;
  const rgbOf = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);

  it('puts the colour stops of type 2 and stitched (type 3) functions through the colour map; reports a shading it cannot convert, where it paints', async () => {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const axial = (fn: Record<string, unknown>) => ({ ShadingType: 2, ColorSpace: 'DeviceRGB', Coords: [0, 0, 10, 0], Function: fn });
    const black = { FunctionType: 2, Domain: [0, 1], N: 1, C0: [0, 0, 0], C1: [0, 0, 0] };
    const stitched = {
      FunctionType: 3,
      Domain: [0, 1],
      Bounds: [0.5],
      Encode: [0, 1, 0, 1],
      Functions: [
        { FunctionType: 2, Domain: [0, 1], N: 1, C0: rgbOf(red.css), C1: [1, 1, 1] },
        { FunctionType: 2, Domain: [0, 1], N: 1, C0: [1, 1, 1], C1: [0, 0, 0] },
      ],
    };
    // a PostScript calculator function: not colour stops, so it stays as written
    const calculator = ctx.register(
      PDFRawStream.of(
        ctx.obj({ FunctionType: 4, Domain: [0, 1], Range: [0, 1, 0, 1, 0, 1] }) as unknown as PDFDict,
        Buffer.from('{ dup dup }', 'latin1'),
      ),
    );
    const page = doc.addPage([200, 200]);
    const content = ctx.register(
      PDFRawStream.of(
        ctx.obj({}) as unknown as PDFDict,
        Buffer.from('/Pattern cs /P0 scn 0 0 50 10 re f\n/Sh1 sh\n/P2 scn 100 100 20 20 re f', 'latin1'),
      ),
    );
    page.node.set(N('Contents'), content);
    page.node.set(
      N('Resources'),
      ctx.obj({
        Pattern: {
          P0: { Type: 'Pattern', PatternType: 2, Shading: axial(black) },
          P2: { Type: 'Pattern', PatternType: 2, Shading: axial({ FunctionType: 2, C0: [0, 0, 0], C1: [1, 1, 1] }) },
        },
        Shading: { Sh1: axial(stitched) },
      }),
    );
    // P2's function becomes the calculator (a reference), after the pattern is built
    const p2 = ((page.node.Resources()!.lookup(N('Pattern')) as PDFDict).get(N('P2')) as PDFDict).get(N('Shading')) as PDFDict;
    p2.set(N('Function'), calculator as PDFRef);

    const written = await writePdfx(doc, layout, settings, [], { title: 'shadings', lang: 'zh-CN' });
    const out = await PDFDocument.load(written.bytes);
    const resources = out.getPage(0).node.Resources()!;
    const shading = (d: PDFDict) => d.get(N('Shading')) as PDFDict;
    const patterns = resources.lookup(N('Pattern')) as PDFDict;
    const p0 = shading(patterns.get(N('P0')) as PDFDict);
    expect(p0.get(N('ColorSpace'))).toBe(N('DeviceCMYK'));
    expect(stops(p0)).toEqual([
      [0, 0, 0, 1],
      [0, 0, 0, 1],
    ]);
    const sh1 = (resources.lookup(N('Shading')) as PDFDict).get(N('Sh1')) as PDFDict;
    expect(sh1.get(N('ColorSpace'))).toBe(N('DeviceCMYK'));
    const parts = ((sh1.get(N('Function')) as PDFDict).get(N('Functions')) as PDFArray).asArray() as PDFDict[];
    const partStops = parts.map((f) => ['C0', 'C1'].map((k) => (f.get(N(k)) as PDFArray).asArray().map((v) => Number(String(v)))));
    expect(partStops).toEqual([
      [red.cmyk.map((v) => v / 100), [0, 0, 0, 0]],
      [
        [0, 0, 0, 0],
        [0, 0, 0, 1],
      ],
    ]);
    expect(written.converted.size).toBe(0);
    expect(shading(patterns.get(N('P2')) as PDFDict).get(N('ColorSpace'))).toBe(N('DeviceRGB'));

    const report = await preflight(out, written.bytes, settings, [], 200);
    expect(report.colourSpaces).toEqual({ DeviceCMYK: 2, DeviceRGB: 1 });
    const found = report.problems.filter((p) => p.rule === 'press-colour-space');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^DeviceRGB is used on the page/);
    // where P2 fills: the centre of its rectangle, 110 pt from the left and 90 pt from the top of a 200 pt page (no TrimBox)
    expect(found[0].where).toEqual({ page: 1, xMm: 38.8, yMm: 31.7 });
    // the red stop is the most inked colour of the shadings
    expect(report.ink.max).toBe(red.cmyk.reduce((a, b) => a + b, 0));
  });
});
