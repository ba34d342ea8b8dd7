// The body face embedded in the e-book, cut down to exactly the characters of the volume. The
// @fontsource package holds the face as unicode-range slices (woff2); each slice the volume touches
// is subset to the volume's characters in it and written as TrueType (harfbuzz keeps chws/halt/vert).
// TrueType by default: the zip deflates it to about two thirds, in a tenth of WOFF2's time;
// templates/epub/book.yaml `fonts.format: woff2` trades build time for a smaller book.
import subsetFont from 'subset-font';
import { readFile } from 'node:fs/promises';
import { parseUnicodeRange, planFace, printableCodePoints, type FontSlice } from '../config/font-coverage.js';
import { loadFontConfig, type FaceConfig } from '../config/fonts.js';
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
  /** Code points this file covers */
  codePoints: number[];
}

export interface EmbeddedFonts {
  family: string;
  files: FontFile[];
  /** @font-face rules for the package's stylesheet (URLs relative to it) */
  css: string;
  bytes: number;
  /** Characters of the volume the body face cannot show */
  missing: number[];
}

/** Compact unicode-range: U+4E00-4E03,U+4E07 */
export function unicodeRange(cps: number[]): string {
  const sorted = [...cps].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(j > i ? `U+${hex(sorted[i])}-${hex(sorted[j])}` : `U+${hex(sorted[i])}`);
    i = j + 1;
  }
  return parts.join(',');
}

async function subsetWeight(
  face: FaceConfig,
  slices: FontSlice[],
  weight: number,
  cps: Set<number>,
  format: FontFormat,
): Promise<FontFile[]> {
  const files: FontFile[] = [];
  const family = asciiName(face.family, 'font');
  const taken = new Set<number>();
  for (const slice of slices) {
    // Slices can overlap: each character goes to the first slice that has it. Walking the slice's
    // ranges (small runs) is far cheaper than testing every character against every slice.
    const mine: number[] = [];
    for (const { from, to } of parseUnicodeRange(slice.unicodeRange)) {
      for (let cp = from; cp <= to; cp++) {
        if (cps.has(cp) && !taken.has(cp)) {
          taken.add(cp);
          mine.push(cp);
        }
      }
    }
    if (mine.length === 0) continue;
    const data = await subsetFont(await readFile(slice.file), String.fromCodePoint(...mine), { targetFormat: format });
    files.push({
      href: `fonts/${family}-${weight}-${String(files.length + 1).padStart(2, '0')}.${FORMATS[format].ext}`,
      mediaType: FORMATS[format].mediaType,
      data,
      weight,
      codePoints: mine.sort((a, b) => a - b),
    });
  }
  return files;
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

export async function embedBodyFont(
  regularText: string,
  boldText: string,
  settings: { role: string; regular: number; bold: number; format?: FontFormat },
): Promise<EmbeddedFonts> {
  const face = loadFontConfig().faces[settings.role];
  if (!face) throw new Error(`templates/fonts.yaml has no face "${settings.role}" (templates/epub/book.yaml fonts.role)`);
  const all = withSpaces(regularText + boldText);
  const bold = withSpaces(boldText);
  // One plan for both weights: the bold text is part of the volume's text.
  const plan = planFace(face, all, [settings.regular, settings.bold]);
  const format = settings.format ?? 'truetype';
  const regularFiles = await subsetWeight(
    face,
    plan.slices.filter((s) => s.weight === settings.regular),
    settings.regular,
    all,
    format,
  );
  const boldFiles = bold.size
    ? await subsetWeight(
        face,
        plan.slices.filter((s) => s.weight === settings.bold),
        settings.bold,
        bold,
        format,
      )
    : [];
  const files = [...regularFiles, ...boldFiles];
  const css = files
    .map(
      (f) =>
        `@font-face { font-family: '${face.family}'; font-style: normal; font-weight: ${f.weight}; ` +
        `src: url('${f.href}') format('${format}'); unicode-range: ${unicodeRange(f.codePoints)}; }`,
    )
    .join('\n');
  return { family: face.family, files, css, bytes: files.reduce((n, f) => n + f.data.length, 0), missing: plan.missing };
}
