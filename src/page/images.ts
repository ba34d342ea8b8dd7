// Photos are scaled to their printed size at the layout's resolution before the browser sees
// them: a full-size camera image makes page.pdf slow and the PDF heavy (docs/layout-engine.md, “Photos and print time”).
// Figure N fills photo slot N, cropped to the slot like a picture editor would (centred, the
// browser's object-fit: cover); figures beyond the slots are set in the text column's width.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveAsset } from '../core/assets.js';
import { writeAtomic } from '../core/atomic.js';
import { scaling, type Size } from '../output/photo-scaling.js';
import type { Layout } from '../config/layout.js';
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

export async function preparePhotos(
  figures: Array<{ src: string; line?: number }>,
  root: string,
  outDir: string,
  layout: Layout,
  g: Geometry,
): Promise<PlacedImage[]> {
  const ppi = layout.photoPpi;
  // One scaling per source and width, however many figures use the same photo (parallel writes
  // of one file would race).
  const jobs = new Map<string, ReturnType<typeof scaled>>();
  const once = (file: string, size: Size) => {
    const key = `${file}|${size.width}|${size.height ?? ''}`;
    if (!jobs.has(key)) jobs.set(key, scaled(file, path.join(outDir, 'images'), size));
    return jobs.get(key)!;
  };
  const px = (cssPx: number) => Math.max(1, Math.round((cssPx / PX_PER_MM / 25.4) * ppi));
  return Promise.all(
    figures.map(async ({ src, line }, i) => {
      const slot = g.first.photos[i];
      // A slot's photo covers the whole slot box (the caption takes its foot), so it needs the
      // pixels of both dimensions; a photo in the text column only its width.
      const target: Size = slot ? { width: px(slot.width), height: px(slot.height) } : { width: px(g.columnWidth) };
      const { file, refused } = resolveAsset(root, src);
      if (!file) return { src, line, missing: refused };
      try {
        return { src, line, ...(await once(file, target)), source: { file, size: target } };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { src, line, missing: code === 'ENOENT' ? 'no such file' : `cannot read the image (${(error as Error).message})` };
      }
    }),
  );
}

/**
 * A copy at `size` pixels (a JPEG: see scaling), named
 * <stem>.<width>w[<height>h].<w>x<h>.jpg so that a later build finds it, with its size, without
 * decoding anything; it is reused while newer than its source. sharp is loaded only when there is work.
 */
async function scaled(file: string, dir: string, size: Size): Promise<{ url: string; width: number; height: number }> {
  const source = await stat(file);
  const prefix = `${path.basename(file, path.extname(file))}.${size.width}w${size.height ? `${size.height}h` : ''}.`;
  const cached = (await readdir(dir).catch(() => [] as string[])).find(
    (n) => n.startsWith(prefix) && /^\d+x\d+\.jpg$/.test(n.slice(prefix.length)),
  );
  if (cached) {
    const existing = await stat(path.join(dir, cached));
    const [w, h] = cached.slice(prefix.length).split('.')[0].split('x').map(Number);
    if (existing.mtimeMs >= source.mtimeMs) return { url: `images/${cached}`, width: w, height: h };
  }
  const sharp = (await import('sharp')).default;
  const { data, info } = await scaling(sharp(file), size).jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
  const name = `${prefix}${info.width}x${info.height}.jpg`;
  await writeAtomic(path.join(dir, name), data);
  if (cached && cached !== name) await rm(path.join(dir, cached), { force: true }); // stale copy of an older source
  return { url: `images/${name}`, width: info.width, height: info.height };
}
