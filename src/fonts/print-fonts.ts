// The fonts a browser page prints in (a newspaper page, an edition's pages, a proof). Where a face
// has its whole file in every weight it loads (templates/fonts.yaml faces.<role>.whole), the page
// does not load the package's web slices: each weight is cut with harfbuzz (subset-font) to the
// characters of the build's text, one TrueType file, held in memory and served to the tab like any
// font (browser/served.ts: under /fonts/cut/, so a remote browser gets it the same way).
//
// Why: a page of Chinese text touches 60 to 90 slices, and to the browser and in the PDF each is a
// font of its own: it is decoded, matched character by character and embedded as one more font.
// One file per face and weight (5 in all) cost the bench edition's renderers ~1.3 s less CPU of
// ~3.9 s, and each page PDF carries 5 fonts instead of ~65. The same outlines, metrics and version
// as the slices (templates/fonts.yaml says so of `whole`): the pages break the same lines.
//
// The cuts grow with the build: the first of a face and weight has the text's characters and
// printable ASCII (which slugs, dates and file names bring); text with characters no cut has gets
// one more cut, of those alone, declared for them alone: text already laid out never changes font
// (a face declared for characters already shown would make the browser lay them out again, in a
// fallback's metrics while it loads). A tab
// keeps the faces it declared, loaded, and declares only new ones. What a cut covers is read back
// from its own cmap; a character the whole file lacks but a slice has keeps that slice, and a face
// without whole files keeps its slices.
//
// Cutting costs ~0.3 s of CPU for the five files of an edition (harfbuzz's wasm compiled, five
// whole files of 10–15 MB read); a night desk rebuilds the same pages again and again, so each cut
// is kept in node_modules/.cache/baoban-fonts/, named by a hash of its whole file (path, size,
// mtime) and its characters: a rebuild reads five small files instead.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import subsetFont from 'subset-font';
import { fontCodePoints, type FontSlice, planFace, wholeFiles } from '../config/font-coverage.js';
import { cmapOfBytes } from '../config/font-cmap.js';
import { type FaceConfig, type FontConfig, loadFontConfig } from '../config/fonts.js';
import { readConfined } from '../core/confine.js';
import { NODE_MODULES } from '../core/paths.js';
import { CUT_PREFIX } from './fontsource.js';

// Named where the bench's baseline, bundled on its own, can import it without harfbuzz.
export { CUT_PREFIX } from './fontsource.js';

/** The cuts made in this process, by URL path: what a page tab serves under CUT_PREFIX. */
const files = new Map<string, Uint8Array>();

export function cutFontFiles(): ReadonlyMap<string, Uint8Array> {
  return files;
}

interface Cut {
  file: string;
  covers: Set<number>;
  unicodeRange: string;
}

/** `family|weight|whole file` → its cuts, in the order they were made; the faces whose whole file could not be cut (they keep their slices). */
const cuts = new Map<string, Cut[]>();
const failed = new Set<string>();
let made = 0;
const sources = new Map<string, Promise<Buffer>>();
/** One planning at a time: two tabs warming at once would otherwise cut the same characters twice. */
let queue: Promise<unknown> = Promise.resolve();

/** The font files to declare for `text`, and the characters the body face cannot show (as planFonts). */
export function printFonts(text: string, config: FontConfig = loadFontConfig()): Promise<{ slices: FontSlice[]; missing: number[] }> {
  const run = queue.then(() => plan(text, config));
  queue = run.catch(() => undefined);
  return run;
}

async function plan(text: string, config: FontConfig): Promise<{ slices: FontSlice[]; missing: number[] }> {
  const cps = fontCodePoints(text);
  const slices: FontSlice[] = [];
  let missing: number[] = [];
  for (const [role, face] of Object.entries(config.faces)) {
    const planned = planFace(face, cps);
    if (role === 'body') missing = planned.missing;
    const whole = wholeFiles(face, face.weights);
    if (!whole) {
      slices.push(...planned.slices);
      continue;
    }
    const lacking = new Set(planned.missing);
    const need = [...cps].filter((cp) => !lacking.has(cp));
    const uncut = new Set<number>();
    for (const w of whole) {
      const list = await cutsFor(face, w, need);
      for (const c of list)
        if (need.some((cp) => c.covers.has(cp)))
          slices.push({ family: face.family, weight: w.weight, file: c.file, unicodeRange: c.unicodeRange });
      for (const cp of need) if (!list.some((c) => c.covers.has(cp))) uncut.add(cp);
    }
    if (uncut.size) slices.push(...planFace(face, uncut).slices.filter((s) => !whole.some((w) => w.file === s.file)));
  }
  return { slices, missing };
}

/** Printable ASCII: in the first cut of each face and weight, so that a slug, a date or a file name needs no cut of its own. */
const ASCII = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => 0x20 + i);

/** The cuts of one face and weight, with one more for the characters of `need` that none of them has. */
async function cutsFor(face: FaceConfig, whole: { weight: number; file: string }, need: number[]): Promise<Cut[]> {
  const key = `${face.family}|${whole.weight}|${whole.file}`;
  const list = cuts.get(key) ?? [];
  cuts.set(key, list);
  const fresh = need.filter((cp) => !list.some((c) => c.covers.has(cp)));
  if (!fresh.length || failed.has(key)) return list;
  const wanted = [...new Set(list.length ? fresh : [...ASCII, ...fresh])].sort((a, b) => a - b);
  const ttf = await cutOf(face, whole.file, wanted);
  const covers = ttf ? cmapOfBytes(ttf) : new Set<number>();
  if (!ttf || !covers.size) {
    failed.add(key);
    return list;
  }
  const file = `${CUT_PREFIX}${face.family.replace(/[^A-Za-z0-9]+/g, '')}-${whole.weight}-${++made}.ttf`;
  files.set(file, ttf);
  list.push({ file, covers, unicodeRange: unicodeRange(covers) });
  return list;
}

/** The cut of `file` to `cps`, from the cache or made (and kept); undefined when the whole file cannot be read. */
async function cutOf(face: FaceConfig, file: string, cps: number[]): Promise<Uint8Array | undefined> {
  const st = await stat(file).catch(() => undefined);
  if (!st) return undefined;
  const key = createHash('sha256')
    .update([CUT_VERSION, file, st.size, st.mtimeMs, cps.join(',')].join('\0'))
    .digest('hex')
    .slice(0, 40);
  const kept = path.join(CACHE, `${key}.ttf`);
  const cached = await readFile(kept).catch(() => undefined);
  if (cached && cmapOfBytes(cached).size) return cached;
  const source = await sourceOf(face, file);
  if (!source) return undefined;
  const ttf = await subsetFont(source, String.fromCodePoint(...cps), { targetFormat: 'truetype', preserveNameIds: NAME_IDS });
  await keep(kept, ttf);
  return ttf;
}

/** Where cuts are kept between builds, and how much (the oldest go first). */
const CACHE = path.join(NODE_MODULES, '.cache', 'baoban-fonts');
const CACHE_BYTES = 64 * 1024 * 1024;
/** Changes when the way a cut is made changes (its options), so that older cuts are not taken for new ones. */
const CUT_VERSION = 'subset-font 2.9 truetype names 0-14 all features';

/** Keep a cut (temp file, then rename); a cache that cannot be written (read-only node_modules) is only slower. */
async function keep(file: string, ttf: Uint8Array): Promise<void> {
  try {
    await mkdir(CACHE, { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, ttf);
    await rename(temp, file);
    const names = (await readdir(CACHE)).filter((n) => n.endsWith('.ttf'));
    const kept = await Promise.all(names.map(async (n) => ({ n, st: await stat(path.join(CACHE, n)).catch(() => undefined) })));
    let bytes = kept.reduce((sum, k) => sum + (k.st?.size ?? 0), 0);
    for (const k of kept.sort((x, y) => (x.st?.mtimeMs ?? 0) - (y.st?.mtimeMs ?? 0))) {
      if (bytes <= CACHE_BYTES) break;
      if (k.n === path.basename(file)) continue;
      await rm(path.join(CACHE, k.n), { force: true });
      bytes -= k.st?.size ?? 0;
    }
  } catch {
    // no cache: the next build cuts again
  }
}

/** The font's naming (0–6) and its maker, designer, URLs and licence (7–14): the SIL OFL asks a cut copy to carry them. */
const NAME_IDS = Array.from({ length: 15 }, (_, id) => id);

/** The whole file, read once per process under the confinement rule (inside its package: no link out); undefined when it cannot be read. */
function sourceOf(face: FaceConfig, file: string): Promise<Buffer | undefined> {
  let read = sources.get(file);
  if (!read) {
    const dir = path.join(NODE_MODULES, face.whole!.package);
    read = readConfined(dir, file, { maxBytes: 256 * 1024 * 1024, hardLinks: true });
    sources.set(file, read);
  }
  return read.catch(() => undefined);
}

/** A CSS unicode-range of exactly these code points, runs joined (U+4E00-4E03,U+4E07). */
export function unicodeRange(cps: Iterable<number>): string {
  const sorted = [...cps].sort((a, b) => a - b);
  const out: string[] = [];
  const hex = (cp: number) => cp.toString(16).toUpperCase();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j === i ? `U+${hex(sorted[i])}` : `U+${hex(sorted[i])}-${hex(sorted[j])}`);
    i = j + 1;
  }
  return out.join(',');
}
