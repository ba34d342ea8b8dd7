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

export async function inputHash(article: Article, layout: Layout, photos: PlacedImage[]): Promise<string> {
  const hash = createHash('sha256');
  const add = (label: string, data: string | Uint8Array) => {
    hash.update(`${label}\0${data.length}\0`);
    hash.update(data);
  };
  add('manuscript', String(article.file.value ?? ''));
  for (const p of photos) {
    const { file } = resolveAsset(article.root, p.src);
    // Read under the confinement rule: a link out of the folder, a FIFO or a device reads as missing.
    const data = file ? await readConfined(article.root, file).catch(() => undefined) : undefined;
    add(`image ${p.src}`, data ?? 'missing');
  }
  add('layout', await readFile(layout.file));
  for (const f of await templateFiles()) add(path.relative(TEMPLATES, f), await readFile(f).catch(() => new Uint8Array()));
  return hash.digest('hex').slice(0, 12);
}
