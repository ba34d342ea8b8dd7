// The short hash of everything a proof is made from (manuscript, its images, the layout, the
// templates), printed in the slug: two proofs with the same hash show the same page.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../core/article.js';
import type { Layout } from '../config/layout.js';
import type { PlacedImage } from '../page/images.js';
import { readConfined, resolveAsset } from '../core/confine.js';
import { TEMPLATES } from '../core/paths.js';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Template files that shape the page and the proof (not the EPUB's). */
async function templateFiles(): Promise<string[]> {
  const files = [path.join(TEMPLATES, 'article.css'), path.join(TEMPLATES, 'fonts.yaml'), path.join(TEMPLATES, 'newspaper', 'page.css')];
  const proofDir = path.join(TEMPLATES, 'proof');
  for (const name of (await readdir(proofDir).catch(() => [] as string[])).sort()) files.push(path.join(proofDir, name));
  return files;
}

/** A photo of the manuscript as read for the hash: its file's sha256 (null when it could not be read). */
export interface PhotoFile {
  src: string;
  /** manuscript line of its figure */
  line?: number;
  sha256: string | null;
}

/** The inputs' short hash, and each photo's own (the next round tells a photo replaced under the same name by it). */
export async function inputHash(article: Article, layout: Layout, photos: PlacedImage[]): Promise<{ hash: string; photos: PhotoFile[] }> {
  const hash = createHash('sha256');
  const add = (label: string, data: string | Uint8Array) => {
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  add('manuscript', String(article.file.value ?? ''));
  const files: PhotoFile[] = [];
  for (const p of photos) {
    const { file } = resolveAsset(article.root, p.src);
    // Read under the confinement rule: a link out of the folder, a FIFO or a device reads as missing.
    const data = file ? await readConfined(article.root, file).catch(() => undefined) : undefined;
    add(`image ${p.src}`, data ?? 'missing');
    files.push({ src: p.src, ...(p.line !== undefined ? { line: p.line } : {}), sha256: data ? sha256(data) : null });
  }
  add('layout', await readFile(layout.file));
  for (const f of await templateFiles()) add(path.relative(TEMPLATES, f), await readFile(f).catch(() => new Uint8Array()));
  return { hash: hash.digest('hex').slice(0, 12), photos: files };
}
