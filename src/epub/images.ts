// Images for e-readers: JPEG (photos) or PNG (images with transparency), at most `maxSide` px on
// the long side, metadata stripped. The same source always gives the same bytes (no timestamps).
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

export async function convertImage(source: string | Buffer, base: string, options: ImageOptions): Promise<BookImage> {
  const input = sharp(source, { failOn: 'error' });
  const meta = await input.metadata();
  const png = meta.hasAlpha === true || meta.format === 'png' || meta.format === 'gif';
  const pipeline = input
    .rotate() // apply EXIF orientation before it is stripped
    .resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true });
  const { data, info } = png
    ? await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true })
    : await pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: options.jpegQuality, mozjpeg: options.mozjpeg === true }).toBuffer({ resolveWithObject: true });
  return {
    href: `images/${base}.${png ? 'png' : 'jpg'}`,
    mediaType: png ? 'image/png' : 'image/jpeg',
    data,
    width: info.width,
    height: info.height,
  };
}
