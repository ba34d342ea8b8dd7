// The body face embedded in the e-book: exactly one font file per weight, holding exactly the
// volume's characters. Readers built on Adobe RMSDK, and many e-ink readers, ignore unicode-range,
// so the @fontsource slices (joined by it) cannot be shipped: each file is cut with harfbuzz
// (subset-font) from the whole face in one file (templates/fonts.yaml `whole`: the same outlines,
// metrics and version as the print slices), keeping the layout features the text needs
// (templates/epub/book.yaml `fonts.features`: halt, chws, vert…). What a file covers is read back
// from its own cmap (harfbuzzjs), so a character the face lacks is reported, never assumed.
// TrueType by default: the zip deflates it to about two thirds, in a tenth of WOFF2's time;
// `fonts.format: woff2` trades build time for a smaller book.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import subsetFont from 'subset-font';
import { printableCodePoints } from '../config/font-coverage.js';
import { loadFontConfig, type FaceConfig } from '../config/fonts.js';
import { NODE_MODULES } from '../core/paths.js';
import { asciiName } from './images.js';

export type FontFormat = 'truetype' | 'woff2';

const FORMATS: Record<FontFormat, { ext: string; mediaType: FontFile['mediaType'] }> = {
  truetype: { ext: 'ttf', mediaType: 'font/ttf' },
  woff2: { ext: 'woff2', mediaType: 'font/woff2' },
};

export interface FontFile {
  href: string;
  mediaType: 'font/ttf' | 'font/woff2';
  data: Buffer;
  weight: number;
  /** Code points this file covers (read from its cmap) */
  codePoints: number[];
}

export interface EmbeddedFonts {
  family: string;
  /** One file per weight: regular, then bold when the volume has bold text */
  files: FontFile[];
  /** @font-face rules for the package's stylesheet (URLs relative to it) */
  css: string;
  bytes: number;
  /** Characters of the volume the body face cannot show */
  missing: number[];
}

export interface FontSettings {
  /** Face role in templates/fonts.yaml */
  role: string;
  regular: number;
  bold: number;
  format?: FontFormat;
  /** OpenType layout features kept in the subset; the others (and the glyphs only they reach) are dropped */
  features: string[];
}

/** The whole face of one weight, as one file from the face's `whole` package. */
async function wholeFace(role: string, face: FaceConfig, weight: number): Promise<Buffer> {
  const where = `templates/fonts.yaml faces.${role}.whole`;
  const file = face.whole?.files?.[weight];
  if (!face.whole?.package || !file)
    throw new Error(`${where} names no file for weight ${weight}: the e-book needs the whole face in one file per weight`);
  const dir = path.join(NODE_MODULES, face.whole.package);
  const full = path.resolve(dir, file);
  if (!full.startsWith(dir + path.sep)) throw new Error(`${where}.files.${weight} must be a path inside ${face.whole.package}`);
  try {
    return await readFile(full);
  } catch {
    throw new Error(`${where}.files.${weight}: ${path.relative(NODE_MODULES, full)} is not installed (run npm ci)`);
  }
}

/** The code points a TrueType font maps (its cmap). harfbuzzjs loads its wasm on first use only. */
async function cmapOf(ttf: Buffer): Promise<Set<number>> {
  const hb = await import('harfbuzzjs');
  return new Set(new hb.Face(new hb.Blob(ttf)).collectUnicodes());
}

/**
 * The characters to cover: the printable ones, and the spaces the text uses. A space has a width
 * that matters (“亮丽内蒙古 奋进新征程”): left out, the reader borrows it from another font.
 */
function withSpaces(text: string): Set<number> {
  const cps = printableCodePoints(text);
  for (const space of [0x20, 0xa0, 0x3000]) if (text.includes(String.fromCodePoint(space))) cps.add(space);
  return cps;
}

/** The font's naming: family, style, version (0–6), trademark, maker, designer, description, URLs, licence (7–14). */
const NAME_IDS = Array.from({ length: 15 }, (_, id) => id);

async function cutWeight(source: Buffer, cps: Set<number>, name: string, weight: number, settings: FontSettings): Promise<FontFile> {
  const format = settings.format ?? 'truetype';
  const text = Array.from(cps, (cp) => String.fromCodePoint(cp)).join('');
  // harfbuzz keeps name IDs 0–6 only; the SIL OFL asks every copy, a cut one too, to carry the
  // licence: 7 trademark … 14 licence URL are kept as the whole face words them.
  const options = { keepFeatures: settings.features, preserveNameIds: NAME_IDS };
  const ttf = await subsetFont(source, text, { ...options, targetFormat: 'truetype' });
  const covered = await cmapOf(ttf);
  // WOFF2 from the cut TrueType: the same glyphs, compressed (harfbuzz keeps them as they are).
  const data = format === 'truetype' ? ttf : await subsetFont(ttf, text, { ...options, targetFormat: format });
  return {
    href: `fonts/${name}-${weight}.${FORMATS[format].ext}`,
    mediaType: FORMATS[format].mediaType,
    data,
    weight,
    codePoints: [...covered].sort((a, b) => a - b),
  };
}

export async function embedBodyFont(regularText: string, boldText: string, settings: FontSettings): Promise<EmbeddedFonts> {
  const face = loadFontConfig().faces[settings.role];
  if (!face) throw new Error(`templates/fonts.yaml has no face "${settings.role}" (templates/epub/book.yaml fonts.role)`);
  const name = asciiName(face.family, 'font');
  // Regular covers every character of the volume, the bold text included (a reader that drops the
  // bold file still has every glyph); bold covers what is set bold.
  const all = withSpaces(regularText + boldText);
  const bold = withSpaces(boldText);
  const files = [await cutWeight(await wholeFace(settings.role, face, settings.regular), all, name, settings.regular, settings)];
  if (bold.size) files.push(await cutWeight(await wholeFace(settings.role, face, settings.bold), bold, name, settings.bold, settings));
  const missing = new Set<number>();
  for (const [file, wanted] of [
    [files[0], all],
    [files[1], bold],
  ] as const) {
    if (!file) continue;
    const has = new Set(file.codePoints);
    for (const cp of wanted) if (!has.has(cp)) missing.add(cp);
  }
  const format = settings.format ?? 'truetype';
  const css = files
    .map(
      (f) =>
        `@font-face { font-family: '${face.family}'; font-style: normal; font-weight: ${f.weight}; ` +
        `src: url('${f.href}') format('${format}'); }`,
    )
    .join('\n');
  return {
    family: face.family,
    files,
    css,
    bytes: files.reduce((n, f) => n + f.data.length, 0),
    missing: [...missing].sort((a, b) => a - b),
  };
}
