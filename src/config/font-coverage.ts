// What the configured fonts cover: each @fontsource face is split into unicode-range slices; a text
// needs only the slices its characters touch. A character no slice has but the face's whole file
// (templates/fonts.yaml faces.<role>.whole, in every weight used) has — a rare name character beyond
// U+FFFF (𬘭), a symbol (Ⅻ) — is served from that file, for those characters alone. Any other is
// reported (never silently substituted by a system font). The checks, the page and the EPUB all ask here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NODE_MODULES } from '../core/paths.js';
import { cmapCodePoints } from './font-cmap.js';
import type { FaceConfig } from './fonts.js';

export interface FontSlice {
  family: string;
  weight: number;
  /** Absolute path of the font file (a woff2 slice, or the face's whole TrueType file), or the URL path of a cut (fonts/print-fonts.ts) */
  file: string;
  unicodeRange: string;
}

export interface Range {
  from: number;
  to: number;
}

/** A CSS unicode-range (U+4E00-4E03,U+4E07) as code point ranges. */
export function parseUnicodeRange(unicodeRange: string): Range[] {
  return unicodeRange.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    return { from: parseInt(a, 16), to: parseInt(b ?? a, 16) };
  });
}

const sliceCache = new Map<string, Array<{ key: string; unicodeRange: string; ranges: Range[] }>>();

function packageSlices(pkg: string) {
  let slices = sliceCache.get(pkg);
  if (slices) return slices;
  const unicode = JSON.parse(readFileSync(path.join(NODE_MODULES, pkg, 'unicode.json'), 'utf8')) as Record<string, string>;
  slices = Object.entries(unicode).map(([key, unicodeRange]) => ({
    key: key.replace(/^\[(\d+)\]$/, '$1'),
    unicodeRange,
    ranges: parseUnicodeRange(unicodeRange),
  }));
  sliceCache.set(pkg, slices);
  return slices;
}

const coverageCache = new Map<string, Map<number, number[]>>();

/** Code point → indexes of the package's slices that contain it (built once per package). */
function packageCoverage(pkg: string): Map<number, number[]> {
  let coverage = coverageCache.get(pkg);
  if (coverage) return coverage;
  coverage = new Map();
  packageSlices(pkg).forEach((slice, index) => {
    for (const r of slice.ranges) {
      for (let cp = r.from; cp <= r.to; cp++) {
        const list = coverage!.get(cp);
        if (list) list.push(index);
        else coverage!.set(cp, [index]);
      }
    }
  });
  coverageCache.set(pkg, coverage);
  return coverage;
}

/** A noncharacter (U+FDD0–FDEF, U+xFFFE and U+xFFFF): never printed (the outputs leave it out; control-characters reports it). */
const nonCharacter = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;

/** Characters that need a glyph (not white space, controls or noncharacters). */
export function printableCodePoints(text: string): Set<number> {
  const set = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0x3000 || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff || nonCharacter(cp))
      continue;
    set.add(cp);
  }
  return set;
}

/** The characters a text needs glyphs for: the printable ones and its spaces (without the slice that holds them, a system font would supply them). */
export function fontCodePoints(text: string): Set<number> {
  const cps = printableCodePoints(text);
  cps.add(0x20);
  if (text.includes('\u3000')) cps.add(0x3000);
  return cps;
}

/**
 * Spaces and format characters, set by the browser without a glyph of the font; combining marks,
 * which the browser sets with the letter before them in the face's precomposed glyph (n + ̃ as ñ);
 * and U+FFFD, which stands for bytes that are not UTF-8 and is reported as such (encoding), not as
 * a character to replace. For these the slices' answer stands.
 */
const UNCHECKED = /^[\p{Zs}\p{Cf}\p{M}\uFFFD]$/u;

/** The slices of one face that the text needs, and the characters that face cannot show. */
export function planFace(face: FaceConfig, codePoints: Set<number>, weights = face.weights) {
  const slices = packageSlices(face.package);
  const coverage = packageCoverage(face.package);
  const id = face.package.split('/').pop()!;
  const used: FontSlice[] = [];
  // One lookup per character (not characters × slices × ranges: that cost seconds on a book).
  const needed = new Set<number>();
  const missing = new Set<number>();
  // A slice's unicode-range claims more than the face has: Noto Serif SC's ranges name ₀–₃, ⁵–⁸,
  // the Hangul of KS X 1001 and some 1,900 other characters neither its slices nor its whole file
  // has a glyph for. With the whole file known, a character is the face's only if that file has it
  // in every weight: H₂O passed the copy desk and printed as H□O. Spaces, format characters and
  // combining marks are left to the slices' answer (UNCHECKED).
  const whole = wholeFiles(face, weights);
  const cmaps = whole?.map((w) => cmapCodePoints(w.file));
  const has = (cp: number) => !cmaps || cmaps.every((c) => c.has(cp));
  for (const cp of codePoints) {
    const found = coverage.get(cp);
    if (found && (has(cp) || UNCHECKED.test(String.fromCodePoint(cp)))) for (const i of found) needed.add(i);
    else missing.add(cp);
  }
  for (const [index, s] of slices.entries()) {
    if (!needed.has(index)) continue;
    for (const weight of weights) {
      used.push({
        family: face.family,
        weight,
        file: path.join(NODE_MODULES, face.package, 'files', `${id}-${s.key}-${weight}-normal.woff2`),
        unicodeRange: s.unicodeRange,
      });
    }
  }
  if (whole && missing.size) {
    const there = [...missing].filter(has).sort((a, b) => a - b);
    for (const cp of there) missing.delete(cp);
    const unicodeRange = there.map((cp) => `U+${cp.toString(16).toUpperCase()}`).join(',');
    if (there.length) for (const w of whole) used.push({ family: face.family, weight: w.weight, file: w.file, unicodeRange });
  }
  return { slices: used, missing: [...missing] };
}

/** The face's whole file of each weight, or undefined unless every weight has one. */
export function wholeFiles(face: FaceConfig, weights: number[]): Array<{ weight: number; file: string }> | undefined {
  const whole = face.whole;
  if (!whole) return undefined;
  const files = weights.map((weight) => ({ weight, file: whole.files[String(weight)] }));
  if (files.some((f) => !f.file)) return undefined;
  return files.map((f) => ({ weight: f.weight, file: path.join(NODE_MODULES, whole.package, f.file) }));
}
