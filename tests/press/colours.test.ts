// What every RGB colour Chromium draws with becomes on the press (src/press/colors.ts), and the
// rewrite of a page's colour operators (src/press/pdfx.ts) on a PDF written here by hand: rg/RG,
// sc/scn in an RGB ICC space, cs/CS to pattern spaces, nested q/Q, strings that read like
// operators, inline images, form XObjects inside forms. The converted colours are checked by a
// second colour engine, MuPDF's (test-only), converting them back to sRGB through the same profile.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { PDFDocument, PDFName, PDFRawStream, type PDFDict, type PDFRef } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { colorMap, type ColorMap } from '../../src/press/colors.js';
import { operations } from '../../src/press/content.js';
import { writePdfx } from '../../src/press/pdfx.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT } from '../helpers/cli.js';
import { streamText } from './helpers/press.js';

const layout = loadLayoutFile(path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml'));
const settings = pressSettings(layout);
const RED = layout.colors!.red; // #c8102e → [0, 90, 80, 5]
const rgbOf = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const percent = (c: number[]) => c.map((v) => Math.round(v * 100));

describe('the colour map', () => {
  const unnamed = ['#3a6ea5', '#c04040', '#2e8b57', '#d2b48c', '#403530'];
  const greys = ['#202020', '#808080', '#d0d0d0'];
  let map: ColorMap;
  beforeAll(async () => {
    map = await colorMap(layout, settings.profiles, [RED.css, '#000000', '#ffffff', ...greys, ...unnamed, ...unnamed]);
  });

  it('prints black as K alone, white as no ink, and a layout colour in exactly the CMYK the layout names', () => {
    expect(map.get([0, 0, 0])).toEqual([0, 0, 0, 1]);
    expect(map.get([1, 1, 1])).toEqual([0, 0, 0, 0]);
    expect(percent(map.get(rgbOf(RED.css)))).toEqual(RED.cmyk);
    expect(map.converted.has(RED.css)).toBe(false);
  });

  it('prints greys on K alone, darker greys with more K', () => {
    const ks = greys.map((g) => map.get(rgbOf(g)));
    for (const [c, m, y] of ks) expect([c, m, y]).toEqual([0, 0, 0]);
    expect(ks[0][3]).toBeGreaterThan(ks[1][3]);
    expect(ks[1][3]).toBeGreaterThan(ks[2][3]);
    expect(ks[2][3]).toBeGreaterThan(0);
    for (const g of greys) expect(map.converted.has(g)).toBe(false);
  });

  it('converts any other colour through the profile, once, within the ink limit, and lists it', () => {
    expect([...map.converted.keys()].sort()).toEqual([...unnamed].sort());
    for (const h of unnamed) {
      const total = map.get(rgbOf(h)).reduce((a, b) => a + b, 0) * 100;
      expect(total).toBeLessThanOrEqual(settings.inkLimit);
    }
    // Newsprint black generation: a dark near-neutral is carried mostly by K.
    const [c, m, y, k] = map.get(rgbOf('#403530'));
    expect(k).toBeGreaterThan(Math.max(c, m, y) * 2);
  });

  it('gives separations that print the colour they came from (MuPDF converts them back to sRGB)', () => {
    mupdf.enableICC();
    const profile = new mupdf.ColorSpace(readFileSync(settings.profiles.cmykFile), 'newsprint');
    const pix = new mupdf.Pixmap(profile, [0, 0, unnamed.length, 1], false);
    const samples = pix.getPixels();
    unnamed.forEach((h, i) => {
      map.get(rgbOf(h)).forEach((v, j) => {
        samples[i * 4 + j] = Math.round(v * 255);
      });
    });
    const back = pix.convertToColorSpace(mupdf.ColorSpace.DeviceRGB).getPixels();
    unnamed.forEach((h, i) => {
      const want = rgbOf(h).map((v) => v * 255);
      // these colours lie inside newsprint's gamut: the perceptual table moves them only a little
      for (let j = 0; j < 3; j++) expect(Math.abs(back[i * 3 + j] - want[j])).toBeLessThan(24);
    });
  });
});

describe('the colour rewrite on a hand-made page', () => {
  let converted: Map<string, number[]>;
  let pageText = '';
  let formText = '';
  let innerText = '';
  const lines = (t: string) => t.split('\n');

  beforeAll(async () => {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const stream = (dict: Record<string, unknown>, text: string) =>
      ctx.register(PDFRawStream.of(ctx.obj(dict as never) as unknown as PDFDict, Buffer.from(text, 'latin1')));
    const rgbIcc = stream({ N: 3, Alternate: 'DeviceRGB' }, 'not a real profile: only N is read');
    const inner = stream(
      { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 10, 10], Resources: { ColorSpace: { CSi: ['ICCBased', rgbIcc] } } },
      '/CSi CS 0.2 0.4 0.6 SCN 0 0 m 10 10 l S',
    );
    const form = stream(
      { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100], Resources: { XObject: { Fm1: inner } } },
      'q 0.5 0.5 0.5 rg 0 0 10 10 re f /Fm1 Do Q',
    );
    const content = [
      'q 0 0 0 rg BT /F1 9 Tf (0 0 0 rg 1 1 1 RG) Tj ET Q',
      `${rgbOf(RED.css).join(' ')} RG 0 0 m 100 0 l S`,
      '/CS0 cs 0.2 0.4 0.6 sc 0 0 5 5 re f',
      'q 1 1 1 scn Q 0 0 0 scn',
      '0 g q /CS0 cs Q 0.2 0.4 0.6 sc',
      '/Pattern cs /P0 scn 0 0 5 5 re f',
      '/CS4 cs 0 1 0 0 scn',
      'BI /W 1 /H 1 /CS /RGB /BPC 8 ID \x00rg\x01\nEI',
      '/Fm0 Do',
      // numbers as a PDF writer may spell them: read as the preflight reads them (the same values as above)
      '/CS0 cs .2 +.4 0.60 sc .0 0. -0 rg',
    ].join('\n');
    const cmykIcc = stream({ N: 4 }, 'not a real profile either');
    const page = doc.addPage([200, 200]);
    page.node.set(PDFName.of('Contents'), stream({}, content));
    page.node.set(
      PDFName.of('Resources'),
      ctx.obj({
        ColorSpace: { CS0: ['ICCBased', rgbIcc], CS4: ['ICCBased', cmykIcc] },
        XObject: { Fm0: form },
      }),
    );
    const written = await writePdfx(doc, layout, settings, [], { title: 'colours', lang: 'zh-CN' });
    converted = written.converted;
    const out = await PDFDocument.load(written.bytes);
    const text = (ref: PDFRef | unknown) => streamText(out.context.lookup(ref as PDFRef) as PDFRawStream);
    const p = out.getPage(0);
    pageText = text(p.node.get(PDFName.of('Contents')));
    const fm0 = (p.node.Resources()!.lookup(PDFName.of('XObject')) as PDFDict).get(PDFName.of('Fm0'));
    formText = text(fm0);
    const fm1 = ((out.context.lookup(fm0 as PDFRef) as PDFRawStream).dict.lookup(PDFName.of('Resources')) as PDFDict).lookup(
      PDFName.of('XObject'),
    ) as PDFDict;
    innerText = text(fm1.get(PDFName.of('Fm1')));
  });

  it('writes black fill and stroke as K alone, and leaves a string that reads like an operator alone', () => {
    // (black text overprints: switched on before its text object, off after it)
    expect(lines(pageText)[0]).toBe('q 0 0 0 1 k /BBop gs BT /F1 9 Tf (0 0 0 rg 1 1 1 RG) Tj ET /BBko gs Q');
  });

  it('writes the layout colour as its CMYK, as a stroke', () => {
    expect(lines(pageText)[1]).toBe(`${RED.cmyk.map((v) => v / 100).join(' ')} K 0 0 m 100 0 l S`);
  });

  it('turns an RGB ICC colour space into DeviceCMYK and its sc values into CMYK', () => {
    const [cs, sc] = operations(lines(pageText)[2]);
    expect([cs.op, ...cs.args]).toEqual(['cs', '/DeviceCMYK']);
    expect(sc.op).toBe('sc');
    expect(sc.args.map(Number)).toEqual(converted.get('#336699')!.map((v) => Math.round(v * 10000) / 10000));
  });

  it('follows the colour space through q/Q: restored after Q, and a space set inside q ends there', () => {
    // /CS0 is still the fill space: scn inside and after q/Q are RGB values
    expect(lines(pageText)[3]).toBe('q 0 0 0 0 scn Q 0 0 0 1 scn');
    // after 0 g (grey: K alone, left as it is) the fill space is DeviceGray; /CS0 set inside q ends with Q, so the sc after it stays
    expect(lines(pageText)[4]).toBe('0 g q /DeviceCMYK cs Q 0.2 0.4 0.6 sc');
  });

  it('leaves pattern and CMYK colour spaces, and inline images, as they are', () => {
    expect(lines(pageText)[5]).toBe('/Pattern cs /P0 scn 0 0 5 5 re f');
    expect(lines(pageText)[6]).toBe('/CS4 cs 0 1 0 0 scn');
    expect(pageText).toContain('BI /W 1 /H 1 /CS /RGB /BPC 8 ID \x00rg\x01\nEI');
  });

  it('rewrites forms, and forms inside forms', () => {
    expect(formText).toMatch(/^q 0 0 0 0\.\d+ k 0 0 10 10 re f \/Fm1 Do Q$/);
    const [cs, scn] = operations(innerText);
    expect([cs.op, ...cs.args]).toEqual(['CS', '/DeviceCMYK']);
    expect(scn.args.map(Number)).toEqual(converted.get('#336699')!.map((v) => Math.round(v * 10000) / 10000));
  });

  it('reads colour values however the numbers are spelled (.2, +.4, 0.60, 0., -0)', () => {
    const [cs, sc, rg] = operations(lines(pageText).at(-1)!);
    expect([cs.op, ...cs.args]).toEqual(['cs', '/DeviceCMYK']);
    expect(sc.args.map(Number)).toEqual(converted.get('#336699')!.map((v) => Math.round(v * 10000) / 10000));
    expect([rg.op, ...rg.args]).toEqual(['k', '0', '0', '0', '1']);
  });

  it('reports the colours it had to convert', () => {
    expect([...converted.keys()]).toEqual(['#336699']);
  });
});
