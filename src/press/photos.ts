// The press copy of each photo: the same scaling as the copy the browser showed (page/images.ts),
// from the manuscript's own file with its own ICC profile (sRGB when untagged), converted by
// libvips/littleCMS to the printing condition: CMYK through the newsprint profile, whose separation
// tables hold the ink limit and the black generation; a greyscale photo through the grey profile,
// so it prints on K alone. Beside it, a soft proof: the press copy converted back to sRGB at the
// preview's size, which page.png shows instead of the screen original.
// Converting a photo takes a second or more, so every copy is cached beside the scaled one (under
// the profiles' fingerprint) and reused while newer than its source; the conversion starts as soon
// as the photos are known and runs while the browser lays the page out.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { scaling, type Size } from '../output/photo-scaling.js';
import { writeAtomic } from '../core/atomic.js';
import type { PressSettings } from './profiles.js';

export interface PressPhoto {
  /** the figure's manuscript line and src */
  src: string;
  line?: number;
  /** the screen copy's URL in the page document (the preview swaps it for proofUrl) */
  url: string;
  /** sha1 of the scaled copy the browser was given: how its image is found in Chromium's PDF */
  screenHash: string;
  kind: 'cmyk' | 'gray';
  /** the press copy (JPEG: CMYK, or greyscale = K only) */
  file: string;
  width: number;
  height: number;
  /** soft proof (sRGB JPEG), URL relative to the page document */
  proofUrl: string;
}

/** A photo as the page placed it (page/images.ts PlacedImage): the copy it showed and where that came from. */
export interface PlacedPhoto {
  src: string;
  line?: number;
  url?: string;
  width?: number;
  height?: number;
  source?: { file: string; size: Size };
}

/** A colour photo whose pixels differ by at most this much between channels is printed as grey. */
const NEUTRAL = 2;

export async function pressPhotos(
  photos: PlacedPhoto[],
  outDir: string,
  settings: PressSettings,
  proofScale: number,
): Promise<PressPhoto[]> {
  const jobs = new Map<string, Promise<PressPhoto>>();
  const out: Array<Promise<PressPhoto>> = [];
  for (const p of photos) {
    if (!p.url || !p.source) continue;
    const key = p.url;
    if (!jobs.has(key)) jobs.set(key, pressCopy(p, outDir, settings, proofScale));
    out.push(jobs.get(key)!.then((c) => ({ ...c, src: p.src, line: p.line })));
  }
  return Promise.all(out);
}

async function pressCopy(p: PlacedPhoto, outDir: string, settings: PressSettings, proofScale: number): Promise<PressPhoto> {
  const screenFile = path.join(outDir, p.url!);
  const screen = await readFile(screenFile);
  const screenHash = createHash('sha1').update(screen).digest('hex');
  const stem = screenFile.replace(/\.jpg$/, `.${settings.profiles.tag}`);
  const proofWidth = Math.max(1, Math.round(p.width! * proofScale));
  const cached = await reuse(stem, p.source!.file, proofWidth);
  const base = { src: p.src, line: p.line, url: p.url!, screenHash, width: p.width!, height: p.height! };
  if (cached) return { ...base, ...cached, proofUrl: path.relative(outDir, cached.proof).split(path.sep).join('/') };

  const sharp = (await import('sharp')).default;
  const { kind, data } = await toPress(scaling(sharp(p.source!.file), p.source!.size), settings);
  const file = `${stem}.${kind}.jpg`;
  await writeAtomic(file, data);
  // The soft proof starts from the press pixels (with the profile they carry) and returns to sRGB.
  const proof = await sharp(data).resize({ width: proofWidth }).toColourspace('srgb').jpeg({ quality: 85 }).toBuffer();
  const proofFile = `${stem}.proof${proofWidth}w.jpg`;
  await writeAtomic(proofFile, proof);
  return { ...base, kind, file, proofUrl: path.relative(outDir, proofFile).split(path.sep).join('/') };
}

/**
 * Pixels for the press: a grey image through the grey profile (K only), any other through the
 * CMYK profile; both as JPEG carrying the profile they were made for.
 */
export async function toPress(image: import('sharp').Sharp, settings: PressSettings): Promise<{ kind: 'cmyk' | 'gray'; data: Buffer }> {
  const { profiles } = settings;
  const kind = (await isGrey(image.clone())) ? 'gray' : 'cmyk';
  const press =
    kind === 'gray'
      ? image.withIccProfile(profiles.grayFile).toColourspace('b-w').jpeg({ quality: 90 })
      : image.withIccProfile(profiles.cmykFile).toColourspace('cmyk').jpeg({ quality: 90 });
  return { kind, data: await press.toBuffer() };
}

/** The cached press copy and proof, when both exist and are newer than the source. */
async function reuse(
  stem: string,
  source: string,
  proofWidth: number,
): Promise<{ kind: 'cmyk' | 'gray'; file: string; proof: string } | undefined> {
  const sourceTime = (await stat(source)).mtimeMs;
  const proof = `${stem}.proof${proofWidth}w.jpg`;
  for (const kind of ['cmyk', 'gray'] as const) {
    const file = `${stem}.${kind}.jpg`;
    const [a, b] = await Promise.all([stat(file).catch(() => undefined), stat(proof).catch(() => undefined)]);
    if (a && b && a.mtimeMs >= sourceTime && b.mtimeMs >= sourceTime) return { kind, file, proof };
  }
  return undefined;
}

/** A greyscale photo: stored as grey, or colour whose every pixel is neutral. */
async function isGrey(image: import('sharp').Sharp): Promise<boolean> {
  const { data, info } = await image.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  if (info.channels < 3) return true;
  for (let i = 0; i < data.length; i += info.channels) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    if (Math.abs(r - g) > NEUTRAL || Math.abs(g - b) > NEUTRAL || Math.abs(r - b) > NEUTRAL) return false;
  }
  return true;
}
