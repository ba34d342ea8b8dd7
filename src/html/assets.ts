// Copy what an article document references (font slices, images) into its output folder, so the
// document opens on its own. Images are confined to the manuscript folder.
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';
import { resolveAsset } from '../core/assets.js';
import type { FontSlice } from '../config/font-coverage.js';

async function copyIfChanged(from: string, to: string): Promise<void> {
  const [a, b] = await Promise.all([stat(from), stat(to).catch(() => undefined)]);
  if (b && b.size === a.size && b.mtimeMs >= a.mtimeMs) return;
  await mkdir(path.dirname(to), { recursive: true });
  const tmp = `${to}.${process.pid}.tmp`;
  await copyFile(from, tmp);
  await rename(tmp, to);
}

/** Copy font slices into `outDir/fonts/`; returns the relative URL for each slice file. */
export async function copyFonts(slices: FontSlice[], outDir: string): Promise<(file: string) => string> {
  const files = [...new Set(slices.map((s) => s.file))];
  await Promise.all(files.map((f) => copyIfChanged(f, path.join(outDir, 'fonts', path.basename(f)))));
  return (file) => `fonts/${path.basename(file)}`;
}

/**
 * Point every <img> at a copy in `outDir/images/`. Missing or refused images keep their
 * reference; the checks report them.
 */
export async function copyImages(tree: Root, root: string, outDir: string): Promise<number> {
  const images: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'img' && typeof node.properties.src === 'string') images.push(node);
  });
  let copied = 0;
  for (const img of images) {
    const { file } = resolveAsset(root, String(img.properties.src));
    if (!file) continue;
    try {
      await copyIfChanged(file, path.join(outDir, 'images', path.basename(file)));
      img.properties.src = `images/${path.basename(file)}`;
      copied++;
    } catch {
      /* unreadable image: reported by the image checks */
    }
  }
  return copied;
}
