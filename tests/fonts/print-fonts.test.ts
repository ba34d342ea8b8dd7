// The fonts a page prints in (src/fonts/print-fonts.ts): for each face with whole files, one file
// per weight cut to the text's characters (and printable ASCII), served from memory; when later
// text brings characters no cut has, one more cut of those alone, declared for them alone; the web
// slices for a face without whole files. Each cut is read back from its own bytes: it maps exactly
// the characters asked for.
import { describe, expect, it } from 'vitest';
import { cmapOfBytes } from '../../src/config/font-cmap.js';
import { loadFontConfig } from '../../src/config/fonts.js';
import { CUT_PREFIX, cutFontFiles, printFonts, unicodeRange } from '../../src/fonts/print-fonts.js';

const config = loadFontConfig();
const cps = (text: string) => [...new Set([...text].map((c) => c.codePointAt(0)!))];
const ASCII = Array.from({ length: 95 }, (_, i) => 0x20 + i);
const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);
const mapped = (file: string) => sorted(cmapOfBytes(cutFontFiles().get(file)!));
const faceWeights = Object.values(config.faces).flatMap((f) => f.weights.map((w) => `${f.family}|${w}`));

describe('printFonts', () => {
  it('cuts one file per face and weight, mapping the text’s characters, rare ones too, and printable ASCII', async () => {
    const text = '凝聚共识 钱𬘭，第Ⅻ届';
    const { slices, missing } = await printFonts(text, config);
    expect(missing).toEqual([]);
    expect(slices.map((s) => `${s.family}|${s.weight}`)).toEqual(faceWeights);
    for (const s of slices) {
      expect(s.file.startsWith(CUT_PREFIX), s.file).toBe(true);
      expect(mapped(s.file)).toEqual(sorted(new Set([...ASCII, ...cps(text)])));
      expect(s.unicodeRange).toBe(unicodeRange(mapped(s.file)));
    }
  });

  it('cuts again only for characters no cut has, and only those, declared for them alone', async () => {
    const first = await printFonts('新闻出版', config);
    expect((await printFonts('出版新闻', config)).slices).toEqual(first.slices);
    const more = await printFonts('新闻出版社', config);
    const added = more.slices.filter((s) => !first.slices.some((f) => f.file === s.file));
    expect(added).toHaveLength(faceWeights.length);
    for (const s of added) {
      expect(mapped(s.file)).toEqual([0x793e]);
      expect(s.unicodeRange).toBe('U+793E');
    }
    // characters that cuts have make no new cut
    const made = cutFontFiles().size;
    expect((await printFonts('社新闻', config)).slices).toEqual(more.slices);
    expect(cutFontFiles().size).toBe(made);
  });

  it('reports what no face has, and keeps the web slices of a face without whole files', async () => {
    const body = { ...config.faces.body, whole: undefined };
    const { slices, missing } = await printFonts('新闻𠀀', { faces: { body } });
    expect(missing).toEqual([0x20000]);
    expect(slices.length).toBeGreaterThan(0);
    for (const s of slices) expect(s.file).toMatch(/@fontsource\/noto-serif-sc\/files\/.*\.woff2$/);
  });

  it('writes a unicode-range of runs', () => {
    expect(unicodeRange([0x4e07, 0x4e00, 0x4e01, 0x4e02, 0x20])).toBe('U+20,U+4E00-4E02,U+4E07');
  });
});
