// The characters a whole font file has glyphs for, read from its OpenType `cmap` table (formats 4
// and 12: the BMP and the whole of Unicode). A face's web slices (@fontsource's unicode-range
// files) leave out characters its whole file has: rare name characters beyond U+FFFF (𬘭, 𬌗) and
// symbols (Ⅻ). Those are served from the whole file (config/font-coverage.ts), read here once per
// file and process (its cmap table only: a few milliseconds).
import { closeSync, openSync, readSync } from 'node:fs';

const cache = new Map<string, Set<number>>();

/**
 * The code points `file` (a TrueType/OpenType font) maps to a glyph other than .notdef; empty if it
 * cannot be read. Only its table directory and its cmap are read (a few hundred KB of a 15 MB face:
 * ~2 ms instead of ~60), so every text may be checked against it.
 */
export function cmapCodePoints(file: string): Set<number> {
  let set = cache.get(file);
  if (set) return set;
  set = new Set();
  try {
    read(cmapBytes(file), set);
  } catch {
    set.clear(); // a file that is not a font, or is cut short: it covers nothing
  }
  cache.set(file, set);
  return set;
}

/** The font's table directory and its cmap table, read alone, as a font whose only table is its cmap. */
function cmapBytes(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const at = (length: number, position: number) => {
      const b = Buffer.alloc(length);
      if (readSync(fd, b, 0, length, position) !== length) throw new Error('cut short');
      return b;
    };
    const head = at(12, 0);
    const tables = head.readUInt16BE(4);
    const directory = Buffer.concat([head, at(16 * tables, 12)]);
    for (let i = 0; i < tables; i++) {
      if (directory.toString('latin1', 12 + 16 * i, 16 + 16 * i) !== 'cmap') continue;
      const offset = directory.readUInt32BE(20 + 16 * i);
      const length = directory.readUInt32BE(24 + 16 * i);
      // the directory, its cmap entry pointing just after it, and the cmap
      directory.writeUInt32BE(directory.length, 20 + 16 * i);
      return Buffer.concat([directory, at(length, offset)]);
    }
    return directory;
  } finally {
    closeSync(fd);
  }
}

/** The code points a font file's bytes map (a cut read back); empty if they are not a font. */
export function cmapOfBytes(bytes: Uint8Array): Set<number> {
  const set = new Set<number>();
  try {
    read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), set);
  } catch {
    set.clear();
  }
  return set;
}

function read(b: Buffer, set: Set<number>): void {
  const tables = b.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (b.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'cmap') cmap = b.readUInt32BE(20 + 16 * i);
  if (cmap < 0) return;
  const subtables = b.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + b.readUInt32BE(cmap + 8 + 8 * i);
    const format = b.readUInt16BE(at);
    if (format === 12) format12(b, at, set);
    else if (format === 4) format4(b, at, set);
  }
}

/** Segmented coverage: groups of (first, last, first glyph). */
function format12(b: Buffer, at: number, set: Set<number>): void {
  const groups = b.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const first = b.readUInt32BE(at + 16 + 12 * g);
    const last = b.readUInt32BE(at + 20 + 12 * g);
    const glyph = b.readUInt32BE(at + 24 + 12 * g);
    for (let c = first; c <= last; c++) if (glyph + (c - first) !== 0) set.add(c);
  }
}

/** Segment mapping to delta values (the BMP): a code point whose glyph works out to 0 is .notdef. */
function format4(b: Buffer, at: number, set: Set<number>): void {
  const segments = b.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const offsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const end = b.readUInt16BE(ends + 2 * s);
    const start = b.readUInt16BE(starts + 2 * s);
    const delta = b.readInt16BE(deltas + 2 * s);
    const offset = b.readUInt16BE(offsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (offset === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = b.readUInt16BE(offsets + 2 * s + offset + 2 * (c - start));
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) set.add(c);
    }
  }
}
