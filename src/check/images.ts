// The images a manuscript names, resolved inside its folder and measured once per run with sharp
// (metadata only: pixels are never decoded). Shared by the image-* rules through ctx.memo.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Image, Parent } from 'mdast';
import sharp, { type Metadata } from 'sharp';
import { visitParents } from 'unist-util-visit-parents';
import { resolveAsset } from '../core/assets.js';
import { hasStandInMark, STANDIN_NAME } from '../core/standin-mark.js';
import type { RuleContext } from './rule.js';

export interface ImageInfo {
  node: Image;
  /** 0-based number of the figure it belongs to (photo slot), undefined for an inline image. */
  figure?: number;
  src: string;
  file?: string;
  refused?: string;
  exists: boolean;
  meta?: Metadata;
  /** Why sharp could not read it. */
  unreadable?: string;
  standIn?: 'name' | 'metadata';
}

async function inspect(root: string, node: Image, figure: number | undefined): Promise<ImageInfo> {
  const info: ImageInfo = { node, figure, src: node.url, exists: false };
  const { file, refused } = resolveAsset(root, node.url);
  if (!file) return { ...info, refused };
  info.file = file;
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return info;
  }
  info.exists = true;
  // A symbolic link must not lead out of the manuscript folder either.
  const rel = path.relative(await realpath(root), real);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    return { ...info, refused: `"${node.url}" links to a file outside the manuscript folder` };
  if (STANDIN_NAME.test(file)) info.standIn = 'name';
  try {
    info.meta = await sharp(real).metadata();
    if (!info.standIn && hasStandInMark(info.meta)) info.standIn = 'metadata';
  } catch (error) {
    info.unreadable = (error as Error).message.split('\n')[0];
  }
  return info;
}

export function manuscriptImages(ctx: RuleContext<unknown>): Promise<ImageInfo[]> {
  return ctx.memo('images', async () => {
    const found: Array<{ node: Image; figure?: number }> = [];
    let figures = 0;
    visitParents(ctx.tree, 'image', (node: Image, ancestors: Parent[]) => {
      const inFigure = ancestors.some((a) => a.type === ('figure' as never));
      found.push({ node, figure: inFigure ? figures++ : undefined });
    });
    return Promise.all(found.map((f) => inspect(ctx.root, f.node, f.figure)));
  });
}

/** Pixel size as displayed: EXIF orientations 5–8 swap width and height. */
export function displaySize(meta: Metadata): { width: number; height: number } {
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: h, height: w } : { width: w, height: h };
}
