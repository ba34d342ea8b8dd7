// Photos are scaled to their printed size at the layout's resolution before the browser sees
// them: a full-size camera image makes page.pdf slow and the PDF heavy (layout-engine.md).
// Figure N fills photo slot N; figures beyond the slots are set in the text column's width.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { resolveAsset } from '../manuscript/assets.js';
import { writeAtomic } from '../output/atomic.js';
import type { Layout } from './layout-config.js';
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
}

export async function preparePhotos(figures: Array<{ src: string; line?: number }>, root: string, outDir: string, layout: Layout, g: Geometry): Promise<PlacedImage[]> {
  const ppi = layout.photoPpi ?? 200;
  return Promise.all(
    figures.map(async ({ src, line }, i) => {
      const slot = g.first.photos[i];
      const widthPx = slot ? slot.width : g.columnWidth;
      const target = Math.max(1, Math.round((widthPx / PX_PER_MM / 25.4) * ppi));
      const { file, refused } = resolveAsset(root, src);
      if (!file) return { src, line, missing: refused };
      try {
        return { src, line, ...(await scaled(file, path.join(outDir, 'images'), target)) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { src, line, missing: code === 'ENOENT' ? 'no such file' : `cannot read the image (${(error as Error).message})` };
      }
    }),
  );
}

/** A copy no wider than `width` pixels (JPEG, or PNG when the source has transparency); reused while newer than its source. */
async function scaled(file: string, dir: string, width: number): Promise<{ url: string; width: number; height: number }> {
  const source = await stat(file);
  const meta = await sharp(file).metadata();
  const alpha = Boolean(meta.hasAlpha);
  const name = `${path.basename(file, path.extname(file))}.${width}w.${alpha ? 'png' : 'jpg'}`;
  const out = path.join(dir, name);
  const existing = await stat(out).catch(() => undefined);
  if (existing && existing.mtimeMs >= source.mtimeMs) {
    const m = await sharp(out).metadata();
    return { url: `images/${name}`, width: m.width!, height: m.height! };
  }
  const pipeline = sharp(file).rotate().resize({ width, withoutEnlargement: true });
  const { data, info } = await (alpha ? pipeline.png() : pipeline.jpeg({ quality: 85, mozjpeg: false })).toBuffer({ resolveWithObject: true });
  await writeAtomic(out, data);
  return { url: `images/${name}`, width: info.width, height: info.height };
}
