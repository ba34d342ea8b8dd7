// The press copy of each photo: the same scaling as the copy the browser showed (page/images.ts),
// from the manuscript's own file with its own ICC profile (sRGB when untagged), converted by
// libvips/littleCMS to the printing condition: CMYK through the newsprint profile, whose separation
// tables hold the ink limit and the black generation; a greyscale photo through the grey profile,
// so it prints on K alone. Beside it, a soft proof: the press copy converted back to sRGB at the
// preview's size, which page.png shows instead of the screen original.
// Every copy is cached beside the scaled one (under the profiles' fingerprint and the ink limit)
// and reused while newer than its source; the conversion starts as soon as the photos are known
// and runs while the browser lays the page out.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { scaling, type Size } from '../output/photo-scaling.js';
import { writeAtomic } from '../core/atomic.js';
import { inkPeak, jpegInk, type InkPeak } from './ink.js';
import type { PressSettings } from './profiles.js';

export interface PressPhoto {
  /** the figure's manuscript line and src */
  src: string;
  line?: number;
  /** the manuscript's image file (which manuscript's photo it is, on a page of several) */
  image?: string;
  /** the screen copy's URL in the page document (the preview swaps it for proofUrl) */
  url: string;
  /** sha1 of the scaled copy the browser was given: how its image is found in Chromium's PDF */
  screenHash: string;
  kind: 'cmyk' | 'gray';
  /** how the press copy is stored: JPEG, or Flate-compressed samples (see toPress) */
  format: PressFormat;
  /** the press copy (CMYK, or greyscale = K only) */
  file: string;
  /** sha1 of the press copy's bytes and its total ink, measured when it was made (the preflight
   * takes this for the image whose bytes have this hash, instead of decoding it again) */
  measured?: { sha1: string; ink: InkPeak };
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

export type PressFormat = 'jpeg' | 'flate';

/** Pixels for the press: JPEG (DCTDecode in the PDF) or 8-bit samples deflated (FlateDecode). */
export interface PressPixels {
  kind: 'cmyk' | 'gray';
  format: PressFormat;
  data: Buffer;
  width: number;
  height: number;
  /** the separation as an uncompressed TIFF with its profile: what the soft proof is made from */
  separation: Buffer;
  /** its total ink, measured on these bytes as a RIP decodes them */
  ink: InkPeak;
}

/** A colour photo whose pixels differ by at most this much between channels is printed as grey. */
const NEUTRAL = 2;

/** JPEG qualities tried for a CMYK press copy, before lossless samples (toPress). */
const QUALITIES = [92, 98];
/** JPEG at the first quality passes a separation's highest ink by up to this much (per cent), so a
 * separation closer than this to the limit starts at the next quality. */
const JPEG_HEADROOM = 6;

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
    out.push(jobs.get(key)!.then((c) => ({ ...c, src: p.src, line: p.line, image: p.source!.file })));
  }
  return Promise.all(out);
}

async function pressCopy(p: PlacedPhoto, outDir: string, settings: PressSettings, proofScale: number): Promise<PressPhoto> {
  // The URL is percent-encoded (a photo named 照片.jpg); the file is not.
  const screenFile = path.join(outDir, ...p.url!.split('/').map(decodeURIComponent));
  const screen = await readFile(screenFile);
  const screenHash = createHash('sha1').update(screen).digest('hex');
  // The limit is in the name: the same profile under another limit may need another encoding.
  const stem = screenFile.replace(/\.jpg$/, `.${settings.profiles.tag}-${settings.inkLimit}`);
  const proofWidth = Math.max(1, Math.round(p.width! * proofScale));
  const cached = await reuse(stem, p.source!.file, proofWidth);
  const base = { src: p.src, line: p.line, url: p.url!, screenHash, width: p.width!, height: p.height! };
  if (cached) return { ...base, ...cached, proofUrl: path.relative(outDir, cached.proof).split(path.sep).join('/') };

  const sharp = (await import('sharp')).default;
  // A tagged RGB or grey photo keeps its profile for the one conversion in toPress (sharp would
  // otherwise convert it to sRGB on reading); a CMYK original is read as sRGB first.
  const cmykOriginal = (await sharp(p.source!.file).metadata()).space === 'cmyk';
  const press = await toPress(scaling(sharp(p.source!.file, { ignoreIcc: !cmykOriginal }), p.source!.size), settings);
  const file = `${stem}.${press.kind}.${EXTENSION[press.format]}`;
  // The soft proof starts from the press pixels (with the profile they carry) and returns to sRGB.
  // The soft proof: the separation made small first (in CMYK), then converted back to sRGB.
  const small = await (await pressImage(press.separation, press.kind))
    .resize({ width: proofWidth })
    .keepIccProfile()
    .tiff({ compression: 'none' })
    .toBuffer();
  const proof = await sharp(small).toColourspace('srgb').jpeg({ quality: 85 }).toBuffer();
  const proofFile = `${stem}.proof${proofWidth}w.jpg`;
  const measured = { sha1: createHash('sha1').update(press.data).digest('hex'), ink: press.ink };
  await Promise.all([
    writeAtomic(file, press.data, outDir),
    writeAtomic(proofFile, proof, outDir),
    writeAtomic(`${file}.ink.json`, `${JSON.stringify(measured)}\n`, outDir),
  ]);
  return {
    ...base,
    kind: press.kind,
    format: press.format,
    file,
    measured,
    proofUrl: path.relative(outDir, proofFile).split(path.sep).join('/'),
  };
}

const EXTENSION: Record<PressFormat, string> = { jpeg: 'jpg', flate: 'zz' };

/**
 * Pixels for the press: a grey image through the grey profile (K only), any other through the
 * CMYK profile. The conversion is one littleCMS transform, from the photo's own profile (sRGB when
 * untagged) to the press profile: withIccProfile alone, not toColourspace('cmyk'), which would
 * first separate the photo through libvips's built-in CMYK profile and then convert that CMYK to
 * ours (two separations, the first clipping to another press's gamut, and some twenty times
 * slower).
 * The profile's separation keeps to the ink limit, but JPEG rounds every plate a little, and four
 * plates rounded up can pass it by a few per cent. So a CMYK copy is decoded again and measured:
 * over the limit, it is encoded with less compression, and as a last resort stored losslessly. A
 * separation within JPEG_HEADROOM of the limit (a photo with full shadows) starts at quality 98.
 */
export async function toPress(image: import('sharp').Sharp, settings: PressSettings): Promise<PressPixels> {
  const { profiles } = settings;
  const sharp = (await import('sharp')).default;
  // An untagged photo is decoded once: the grey test and the conversion share the pixels (raw
  // pixels count as sRGB). A tagged one is converted from the file, where its profile is.
  const tagged = (await image.metadata()).hasProfile;
  const { data, info } = await image.clone().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const kind: PressPixels['kind'] = isGrey(data, info.channels) ? 'gray' : 'cmyk';
  const from = tagged ? image : sharp(data, { raw: { width, height, channels: info.channels } });
  // The one transform, kept as an uncompressed TIFF (sharp reads no raw CMYK): every JPEG, the
  // lossless samples and the soft proof are made from it without converting again.
  const separation = await from
    .withIccProfile(kind === 'gray' ? profiles.grayFile : profiles.cmykFile)
    .tiff({ compression: 'none' })
    .toBuffer();
  const asJpeg = async (quality: number): Promise<PressPixels> => {
    const jpeg = await (await pressImage(separation, kind)).keepIccProfile().jpeg({ quality }).toBuffer();
    return { kind, format: 'jpeg', data: jpeg, width, height, separation, ink: await jpegInk(jpeg, kind) };
  };
  // Grey prints on K alone: at most 100 %, within any limit.
  if (kind === 'gray') return asJpeg(QUALITIES[0]);
  const samples = await (await pressImage(separation, kind)).raw().toBuffer();
  const ink = inkPeak(samples, 4, width);
  // A profile that separates over the limit itself (a plant's own profile, not ours) is not
  // mended by encoding: the preflight reports it.
  if (ink.max > settings.inkLimit) return asJpeg(QUALITIES[0]);
  const qualities = ink.max <= settings.inkLimit - JPEG_HEADROOM ? QUALITIES : QUALITIES.slice(1);
  for (const quality of qualities) {
    const copy = await asJpeg(quality);
    if (copy.ink.max <= settings.inkLimit) return copy;
  }
  return { kind, format: 'flate', data: deflateSync(samples), width, height, separation, ink };
}

/**
 * Press pixels read as they are, with their profile kept: sharp would otherwise convert them to
 * sRGB on reading (CMYK through its pipeline in CMYK, grey by not applying its profile).
 */
async function pressImage(data: Buffer, kind: PressPixels['kind']): Promise<import('sharp').Sharp> {
  const sharp = (await import('sharp')).default;
  return kind === 'cmyk'
    ? sharp(data).pipelineColourspace('cmyk').toColourspace('cmyk')
    : sharp(data, { ignoreIcc: true }).toColourspace('b-w');
}

/** The cached press copy and proof, when both exist and are newer than the source. */
async function reuse(
  stem: string,
  source: string,
  proofWidth: number,
): Promise<{ kind: 'cmyk' | 'gray'; format: PressFormat; file: string; proof: string; measured?: PressPhoto['measured'] } | undefined> {
  const sourceTime = (await stat(source)).mtimeMs;
  const proof = `${stem}.proof${proofWidth}w.jpg`;
  const proofStat = await stat(proof).catch(() => undefined);
  if (!proofStat || proofStat.mtimeMs < sourceTime) return undefined;
  for (const kind of ['cmyk', 'gray'] as const) {
    for (const format of ['jpeg', 'flate'] as const) {
      const file = `${stem}.${kind}.${EXTENSION[format]}`;
      const copy = await stat(file).catch(() => undefined);
      if (!copy || copy.mtimeMs < sourceTime) continue;
      // with the ink measured when it was made (a copy without it is made again)
      const measured = await readFile(`${file}.ink.json`, 'utf8')
        .then((t) => JSON.parse(t) as PressPhoto['measured'])
        .catch(() => undefined);
      if (measured) return { kind, format, file, proof, measured };
    }
  }
  return undefined;
}

/** A greyscale photo: stored as grey, or colour whose every pixel is neutral. */
function isGrey(data: Buffer, channels: number): boolean {
  if (channels < 3) return true;
  for (let i = 0; i < data.length; i += channels) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    if (Math.abs(r - g) > NEUTRAL || Math.abs(g - b) > NEUTRAL || Math.abs(r - b) > NEUTRAL) return false;
  }
  return true;
}
