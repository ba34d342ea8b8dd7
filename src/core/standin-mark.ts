// How a stand-in photo is told from a real one: its name, or the mark the generator
// (standin.ts) writes into its metadata. Kept apart from the generator so that the checks can
// read the marks without loading the browser.
import type { Metadata } from 'sharp';

export const STANDIN_MARK = 'BAOBAN-STAND-IN';
export const STANDIN_NAME = /\.standin\.(jpe?g|png)$/i;

/** True when the image's EXIF, XMP or comments carry STANDIN_MARK. */
export function hasStandInMark(meta: Metadata): boolean {
  const blobs = [meta.exif, meta.xmp, ...(meta.comments ?? []).map((c: { text: string }) => Buffer.from(c.text))];
  return blobs.some((b) => b && Buffer.from(b).includes(STANDIN_MARK));
}
