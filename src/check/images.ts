// The images a manuscript names, resolved inside its folder and measured once per run with sharp
// (metadata only: pixels are never decoded). Shared by the image-* rules through ctx.memo.
import { imageErrorWords } from '../core/image-words.js';
import type { Image, Parent } from 'mdast';
import sharp, { type Metadata } from 'sharp';
import { visitParents } from 'unist-util-visit-parents';
import { ConfinementError, locateConfined, resolveAsset } from '../core/confine.js';
import { hasStandInMark, STANDIN_NAME } from '../core/standin-mark.js';
import type { RuleContext } from './rule.js';
import { limitsFor } from '../config/limits.js';
import type { FigureData } from '../markdown/remark-figure.js';

export interface ImageInfo {
  node: Image;
  /** 0-based number of the figure it belongs to (photo slot), undefined for an inline image. */
  figure?: number;
  /** the figure's caption (printed under the photo, in its slot) */
  caption?: string;
  src: string;
  file?: string;
  /** Why the image is not read: a URL, an absolute path, outside the folder or a link leading out. */
  refused?: string;
  exists: boolean;
  meta?: Metadata;
  /** Why it could not be read or decoded (not a regular file, too large, not an image). */
  unreadable?: string;
  /** What to do about it, when not what imageAdvice says of the decoder's words (export it again). */
  advice?: string;
  standIn?: 'name' | 'metadata';
}

type Found = Pick<ImageInfo, 'node' | 'figure' | 'caption'>;

async function inspect(root: string, found: Found, maxBytes: number): Promise<ImageInfo> {
  const { node, figure, caption } = found;
  const info: ImageInfo = { node, figure, caption, src: node.url, exists: false };
  // ![说明]() names no file: it resolves to the manuscript's folder, which was "a folder, not a file".
  if (!node.url.trim())
    return {
      ...info,
      exists: true,
      unreadable: 'the image names no file',
      advice: 'write the photo’s path in the parentheses, ![说明](images/photo.jpg)',
    };
  const { file, refused } = resolveAsset(root, node.url);
  if (!file) return { ...info, refused };
  info.file = file;
  // Judged as every output judges it (src/core/confine.ts): real path inside the folder, a regular
  // file, bounded size. The checks then report exactly what the builds will leave out. sharp reads
  // only the header of the real file.
  let real: string;
  try {
    real = await locateConfined(root, file, { shown: node.url, maxBytes });
  } catch (error) {
    const reason = error instanceof ConfinementError ? error.reason : 'unreadable';
    if (reason === 'missing') return info;
    const message = error instanceof ConfinementError ? error.message : String(error);
    if (reason === 'link-outside' || reason === 'outside') return { ...info, exists: true, refused: message };
    // A folder, a pipe or a device is no photo to export again: the reference names the wrong thing.
    const advice = reason === 'not-file' ? 'name the photo file itself, e.g. images/photo.jpg' : undefined;
    return { ...info, exists: true, unreadable: message, advice };
  }
  info.exists = true;
  if (STANDIN_NAME.test(file)) info.standIn = 'name';
  try {
    info.meta = await sharp(real).metadata();
    if (!info.standIn && hasStandInMark(info.meta)) info.standIn = 'metadata';
  } catch (error) {
    info.unreadable = imageErrorWords(error);
  }
  return info;
}

export function manuscriptImages(ctx: RuleContext<unknown>): Promise<ImageInfo[]> {
  return ctx.memo('images', async () => {
    const found: Found[] = [];
    let figures = 0;
    visitParents(ctx.tree, 'image', (node: Image, ancestors: Parent[]) => {
      const figure = ancestors.find((a) => a.type === ('figure' as never));
      const data = figure?.data as { figure?: FigureData } | undefined;
      found.push(figure ? { node, figure: figures++, caption: data?.figure?.caption ?? '' } : { node });
    });
    const maxBytes = limitsFor(ctx.root).maxImageBytes;
    return Promise.all(found.map((f) => inspect(ctx.root, f, maxBytes)));
  });
}

/** Pixel size as displayed: EXIF orientations 5–8 swap width and height. */
export function displaySize(meta: Metadata): { width: number; height: number } {
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: h, height: w } : { width: w, height: h };
}
