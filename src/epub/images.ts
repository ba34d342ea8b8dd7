// Images for e-readers: JPEG (photos) or PNG (images with transparency), at most `maxSide` px on
// the long side, metadata stripped. The same source always gives the same bytes (no timestamps).
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export interface BookImage {
  /** Path inside the package, e.g. images/ch01-photo-1.jpg */
  href: string;
  mediaType: 'image/jpeg' | 'image/png';
  data: Buffer;
  width: number;
  height: number;
}

export interface ImageOptions {
  maxSide: number;
  jpegQuality: number;
  mozjpeg?: boolean;
}

/** File-name part from any name: readable ASCII, never empty. */
export function asciiName(name: string, fallback: string): string {
  const ascii = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii || fallback;
}

/**
 * Raster formats accepted, by their first bytes. Anything else (SVG above all: its renderer may
 * follow references to other files) is refused before sharp sees it.
 */
export function rasterFormat(data: Buffer): string | undefined {
  const ascii = (from: number, to: number) => data.subarray(from, to).toString('latin1');
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(4, 8) === 'ftyp' && /^(avif|avis|heic|heix|mif1)$/.test(ascii(8, 12))) return 'heif';
  return undefined;
}

/**
 * Whether the book converts an image of this kind itself (convertImage: sharp reads it, the book
 * carries a JPEG or PNG): WebP, GIF, TIFF, and AVIF (HEIF in AV1; HEIC, in HEVC, sharp cannot read).
 * The copy desk's image-format then does not hold the format against a manuscript build:epub builds.
 */
export function bookConvertsImage(meta: { format?: string; compression?: string }): boolean {
  if (meta.format === 'heif') return meta.compression === 'av1';
  return meta.format === 'webp' || meta.format === 'gif' || meta.format === 'tiff';
}

/** An image converted for the book, before a chapter names its file. */
export type ConvertedImage = Omit<BookImage, 'href'>;

export async function convertImage(bytes: Buffer, options: ImageOptions): Promise<ConvertedImage> {
  if (!rasterFormat(bytes)) throw new Error('not a JPEG, PNG, WebP, GIF, TIFF or AVIF image');
  const input = sharp(bytes, { failOn: 'error' });
  const meta = await input.metadata();
  const png = meta.hasAlpha === true || meta.format === 'png' || meta.format === 'gif';
  const pipeline = input
    .rotate() // apply EXIF orientation before it is stripped
    .resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true });
  const { data, info } = png
    ? await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
    : await pipeline
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: options.jpegQuality, mozjpeg: options.mozjpeg === true })
        .toBuffer({ resolveWithObject: true });
  return {
    mediaType: png ? 'image/png' : 'image/jpeg',
    data,
    width: info.width,
    height: info.height,
  };
}

/**
 * The converter of one volume: the same source bytes, in any chapter and under any name, are
 * converted once (sharp is the costly step); each use gets the file name `images/<base>.jpg|png`.
 * It takes the bytes, read by the chapter under the confinement rule (src/core/confine.ts).
 */
export function imageConverter(options: ImageOptions): (bytes: Buffer, base: string) => Promise<BookImage> {
  const converted = new Map<string, Promise<ConvertedImage>>();
  return async (bytes, base) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    let job = converted.get(key);
    if (!job) {
      job = convertImage(bytes, options);
      converted.set(key, job);
    }
    const image = await job;
    return { ...image, href: `images/${base}.${image.mediaType === 'image/png' ? 'png' : 'jpg'}` };
  };
}
