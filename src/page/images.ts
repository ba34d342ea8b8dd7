// Photos are scaled to their printed size at the layout's resolution before the browser sees
// them: a full-size camera image makes page.pdf slow and the PDF heavy (docs/layout-engine.md, “Photos and print time”).
// Figure N fills photo slot N, cropped to the slot like a picture editor would (centred, the
// browser's object-fit: cover); figures beyond the slots are set in the text column's width.
import { imageErrorWords } from '../core/image-words.js';
import { createHash } from 'node:crypto';
import { lstat, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { assetOutputStem, ConfinementError, locateConfined, readConfined, resolveAsset } from '../core/confine.js';
import { writeAtomic } from '../core/atomic.js';
import { scaling, type Size } from '../output/photo-scaling.js';
import type { Layout } from '../config/layout.js';
import { limitsFor } from '../config/limits.js';
import { PX_PER_MM, type Geometry } from './geometry.js';

export interface PlacedImage {
  /** as written in the manuscript */
  src: string;
  /** manuscript line of the figure */
  line?: number;
  /** URL relative to the page document (outDir), when the image could be prepared */
  url?: string;
  width?: number;
  height?: number;
  /** why the photo could not be used; the frame is left empty and labelled */
  missing?: string;
  /** the manuscript's image file and the size it was scaled to (the press copy repeats that scaling) */
  source?: { file: string; size: Size };
}

/** Where figure N goes: photo slot N (its box), or the text column (its width) when there are fewer slots. */
export interface PhotoPlaces {
  slots: Array<{ width: number; height: number }>;
  columnWidth: number;
  /** the folder under outDir the scaled copies go to (default images; an edition's stories each have their own) */
  dir?: string;
}

/** The places of a single manuscript's page: the layout's first-page slots. */
export const pagePlaces = (g: Geometry): PhotoPlaces => ({ slots: g.first.photos, columnWidth: g.columnWidth });

export async function preparePhotos(
  figures: Array<{ src: string; line?: number }>,
  root: string,
  outDir: string,
  layout: Layout,
  places: PhotoPlaces,
): Promise<PlacedImage[]> {
  const dir = places.dir ?? 'images';
  const ppi = layout.photoPpi;
  const maxBytes = limitsFor(root).maxImageBytes;
  // One scaling per source and width, however many figures use the same photo (parallel writes
  // of one file would race).
  const jobs = new Map<string, ReturnType<typeof scaled>>();
  const once = (file: string, size: Size) => {
    const key = `${file}|${size.width}|${size.height ?? ''}`;
    if (!jobs.has(key)) jobs.set(key, scaled(root, file, outDir, dir, size, maxBytes));
    return jobs.get(key)!;
  };
  const px = (cssPx: number) => Math.max(1, Math.round((cssPx / PX_PER_MM / 25.4) * ppi));
  return Promise.all(
    figures.map(async ({ src, line }, i) => {
      const slot = places.slots[i];
      // A slot's photo covers the whole slot box (the caption takes its foot), so it needs the
      // pixels of both dimensions; a photo in the text column only its width.
      const target: Size = slot ? { width: px(slot.width), height: px(slot.height) } : { width: px(places.columnWidth) };
      const { file, refused } = resolveAsset(root, src);
      if (!file) return { src, line, missing: refused };
      try {
        // The press copy (press/photos.ts) is made from the same file: its real path, as checked here.
        const { real, ...placed } = await once(file, target);
        return { src, line, ...placed, source: { file: real, size: target } };
      } catch (error) {
        if (error instanceof ConfinementError) return { src, line, missing: error.reason === 'missing' ? 'no such file' : error.message };
        return { src, line, missing: `cannot read the image (${imageErrorWords(error)})` };
      }
    }),
  );
}

/**
 * A copy at `size` pixels (a JPEG: see scaling), named
 * <stem>-<hash>.<content>.<width>w[<height>h].<w>x<h>.jpg (assetOutputStem: one name per source
 * file; <content>: a hash of the source's bytes) so that a later build finds it, with its size,
 * without decoding anything. The name follows the photo's bytes, not its date: a photo replaced by
 * one with an older date (unpacked from an archive, copied with cp -p) is never printed from the
 * old copy. Copies of an earlier version of the photo (screen, press and proof copies) are removed.
 * The source is read under the confinement rule (src/core/confine.ts). sharp is loaded only when
 * there is work.
 */
async function scaled(
  root: string,
  file: string,
  outDir: string,
  rel: string,
  size: Size,
  maxBytes: number,
): Promise<{ url: string; width: number; height: number; real: string }> {
  const dir = path.join(outDir, rel);
  const shown = path.relative(root, file);
  const real = await locateConfined(root, file, { maxBytes, shown });
  const bytes = await readConfined(root, real, { shown, maxBytes });
  const stem = assetOutputStem(root, file);
  const version = `${stem}.${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}.`;
  const prefix = `${version}${size.width}w${size.height ? `${size.height}h` : ''}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const cached = names.find((n) => n.startsWith(prefix) && /^\d+x\d+\.jpg$/.test(n.slice(prefix.length)));
  if (cached && (await lstat(path.join(dir, cached))).isFile()) {
    const [w, h] = cached.slice(prefix.length).split('.')[0].split('x').map(Number);
    return { url: `${rel}/${encodeURIComponent(cached)}`, width: w, height: h, real };
  }
  const sharp = (await import('sharp')).default;
  const { data, info } = await scaling(sharp(bytes), size).jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
  const name = `${prefix}${info.width}x${info.height}.jpg`;
  await writeAtomic(path.join(dir, name), data, outDir);
  // Copies made from an earlier version of this photo (another content hash, or the names before it had one).
  const earlier = (n: string) =>
    n.startsWith(`${stem}.`) && !n.startsWith(version) && /^([0-9a-f]{8}\.|\d+w)/.test(n.slice(stem.length + 1));
  await Promise.all(names.filter(earlier).map((n) => rm(path.join(dir, n), { force: true })));
  return { url: `${rel}/${encodeURIComponent(name)}`, width: info.width, height: info.height, real };
}

/** The name of a copy made here (scaled: <stem>-<hash>.<content>.<W>w[<H>h].<w>x<h>.jpg), or of one the press made from it. */
const COPY_NAME = /-[0-9a-f]{8}\.[0-9a-f]{8}\.\d+w(\d+h)?\.\d+x\d+\./;

/**
 * After a press build (--final): the copies in `dir` of photos this page did not print (a photo
 * since renamed, replaced or taken out; what an earlier layout scaled) are removed with what the
 * press made from them, so that the folder handed on holds nothing stale. Files that are not such
 * copies stay.
 */
export async function removeUnusedCopies(outDir: string, photos: PlacedImage[], dir = 'images'): Promise<void> {
  const used = photos.filter((p) => p.url).map((p) => decodeURIComponent(p.url!.split('/').pop()!).replace(/\.jpg$/, ''));
  const folder = path.join(outDir, dir);
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((n) => COPY_NAME.test(n) && !used.some((u) => n === `${u}.jpg` || n.startsWith(`${u}.`)));
  await Promise.all(stale.map((n) => rm(path.join(folder, n), { force: true })));
}

/**
 * The same for an edition's folder (--final), whose stories keep their copies in images/<flow>/:
 * each story folder keeps the copies of the photos the edition prints, and a folder left empty (a
 * story withdrawn, a page dropped) goes too.
 */
export async function removeUnusedCopiesUnder(outDir: string, photos: PlacedImage[]): Promise<void> {
  const folders = await readdir(path.join(outDir, 'images'), { withFileTypes: true }).catch(() => []);
  for (const f of folders.filter((d) => d.isDirectory())) {
    await removeUnusedCopies(outDir, photos, path.join('images', f.name));
    await rmdir(path.join(outDir, 'images', f.name)).catch(() => undefined); // only when empty
  }
}
