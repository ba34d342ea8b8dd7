// The e-book's embedded face, cut from the real font packages: one file per weight, exactly the
// characters asked for, the layout features the text needs, and the same metrics as the print face
// (the @fontsource slices the page uses).
import { readFile } from 'node:fs/promises';
import { Blob, Buffer as HbBuffer, Face, Feature, Font, shape } from 'harfbuzzjs';
import subsetFont from 'subset-font';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadBookConfig } from '../../src/config/book.js';
import { embedBodyFont, type FontFile } from '../../src/epub/font-subset.js';
import { planFace } from '../../src/config/font-coverage.js';
import { loadFontConfig } from '../../src/config/fonts.js';

const require = createRequire(import.meta.url);
const settings = loadBookConfig().fonts;
const TEXT = '人心是最大的政治，共识是奋进的动力。“凝聚共识”——2023年，自治区政协（第十三届）Tolerance!';
// Both carry full-width punctuation: the features that act on it stay only where such glyphs are.
const BOLD = '广聚共识增合力 团结奋进谱新篇——“回眸”，';

const face = (data: Buffer) => new Face(new Blob(data));
const cmap = (file: FontFile) => new Set(face(file.data).collectUnicodes());
const chars = (text: string) => new Set(Array.from(text.replace(/[\n\t]/g, ''), (c) => c.codePointAt(0)!));

/** Horizontal advance of each character, shaped with no features, in font units. */
function advances(data: Buffer, text: string): number[] {
  const font = new Font(face(data));
  return Array.from(text, (ch) => {
    const buffer = new HbBuffer();
    buffer.addText(ch);
    buffer.guessSegmentProperties();
    shape(font, buffer);
    return buffer.getGlyphPositions()[0].xAdvance;
  });
}

describe('embedBodyFont', async () => {
  const fonts = await embedBodyFont(TEXT + BOLD, BOLD, settings);
  const [regular, bold] = fonts.files;

  it('ships exactly one TrueType file per weight, named by family and weight', () => {
    expect(fonts.files.map((f) => [f.href, f.weight, f.mediaType])).toEqual([
      ['fonts/noto-serif-sc-400.ttf', 400, 'font/ttf'],
      ['fonts/noto-serif-sc-700.ttf', 700, 'font/ttf'],
    ]);
    for (const f of fonts.files) expect(f.data.readUInt32BE(0)).toBe(0x00010000);
    expect(fonts.bytes).toBe(regular.data.length + bold.data.length);
  });

  it('carries the face’s copyright, trademark and licence (SIL OFL 1.1 asks every copy to), as the whole face words them', async () => {
    const whole = face(await readFile(require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf')));
    for (const file of fonts.files) {
      const cut = face(file.data);
      // 0 copyright, 7 trademark, 13 licence description, 14 licence URL
      for (const id of [0, 7, 13, 14]) expect(cut.getName(id, 'en'), `name ${id} of ${file.href}`).toBe(whole.getName(id, 'en'));
    }
    expect(whole.getName(13, 'en')).toMatch(/SIL Open Font License, Version 1\.1/);
  });

  it("maps exactly the text's characters (spaces included), read from each file's cmap", () => {
    expect([...cmap(regular)].sort()).toEqual([...chars(TEXT + BOLD)].sort());
    expect([...cmap(bold)].sort()).toEqual([...chars(BOLD)].sort());
    expect(regular.codePoints).toEqual([...cmap(regular)].sort((a, b) => a - b));
    expect(fonts.missing).toEqual([]);
  });

  it('declares one @font-face per weight, without unicode-range (RMSDK and e-ink readers ignore it)', () => {
    const rules = fonts.css.split('\n');
    expect(rules).toHaveLength(2);
    expect(fonts.css).not.toMatch(/unicode-range/);
    expect(rules[0]).toContain("src: url('fonts/noto-serif-sc-400.ttf') format('truetype')");
    expect(rules[1]).toContain('font-weight: 700');
  });

  it('keeps the layout features the text needs: halt and chws (punctuation), vert (vertical forms)', () => {
    for (const f of fonts.files) {
      const gpos = face(f.data).getTableFeatureTags('GPOS');
      const gsub = face(f.data).getTableFeatureTags('GSUB');
      expect(gpos).toEqual(expect.arrayContaining(['halt', 'chws', 'vhal', 'vchw']));
      expect(gsub).toEqual(expect.arrayContaining(['vert']));
      // Only the configured features: the rest (aalt, fwid, ruby…) would pull in unused glyphs.
      for (const tag of [...gpos, ...gsub]) expect(settings.features).toContain(tag);
    }
    // halt really applies: a full-width comma shaped with it is half as wide.
    const font = new Font(face(regular.data));
    const width = (features: Feature[]) => {
      const buffer = new HbBuffer();
      buffer.addText('，');
      buffer.guessSegmentProperties();
      shape(font, buffer, features);
      return buffer.getGlyphPositions()[0].xAdvance;
    };
    expect(width([])).toBe(1000);
    expect(width([new Feature('halt', 1)])).toBe(500);
  });

  it('has the print face’s metrics: units per em, extents and every advance as in the @fontsource slices', async () => {
    const body = loadFontConfig().faces[settings.role];
    for (const [file, text] of [
      [regular, TEXT + BOLD],
      [bold, BOLD],
    ] as const) {
      const plan = planFace(body, chars(text), [file.weight]);
      const cut = new Font(face(file.data));
      for (const slice of plan.slices) {
        const sliceTtf = await subsetFont(await readFile(slice.file), undefined, { targetFormat: 'truetype', keepAllGlyphs: true });
        const sliceFont = new Font(face(sliceTtf));
        expect(face(file.data).upem).toBe(face(sliceTtf).upem);
        expect(cut.hExtents()).toEqual(sliceFont.hExtents());
        const covered = new Set(face(sliceTtf).collectUnicodes());
        const mine = Array.from(text).filter((c) => covered.has(c.codePointAt(0)!) && c !== ' ');
        const cutAdvances = advances(file.data, mine.join(''));
        expect(cutAdvances.length > 0 && cutAdvances.every((a) => a > 0), slice.file).toBe(true);
        expect(cutAdvances, slice.file).toEqual(advances(sliceTtf, mine.join('')));
      }
      expect(plan.slices.length).toBeGreaterThan(1); // the text spans several slices: they were joined
    }
  });

  it('reports the characters the face lacks, and still cuts the others', async () => {
    const result = await embedBodyFont('丙篇正文含生僻字𠀀。', '', settings);
    expect(result.missing.map((cp) => String.fromCodePoint(cp))).toEqual(['𠀀']);
    expect(result.files).toHaveLength(1);
    expect(cmap(result.files[0]).has(0x4e19)).toBe(true); // 丙
  });

  it('writes WOFF2 when book.yaml asks for it, with the same coverage', async () => {
    const result = await embedBodyFont(TEXT, '', { ...settings, format: 'woff2' });
    expect(result.files.map((f) => [f.href, f.mediaType])).toEqual([['fonts/noto-serif-sc-400.woff2', 'font/woff2']]);
    expect(result.files[0].data.subarray(0, 4).toString('latin1')).toBe('wOF2');
    const ttf = await subsetFont(result.files[0].data, undefined, { targetFormat: 'truetype', keepAllGlyphs: true });
    expect([...new Set(face(ttf).collectUnicodes())].sort()).toEqual([...chars(TEXT)].sort());
    expect(result.css).toContain("format('woff2')");
  });
});
