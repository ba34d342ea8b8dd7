// How a photo is scaled for the page, shared by the copy the browser shows (page/images.ts) and
// the press copy (press/photos.ts), so that both show the same pixels.

export interface Size {
  width: number;
  /** when given, the copy is cropped (centred) to width × height */
  height?: number;
}

/**
 * The one scaling of a photo: upright, cropped to the slot (centred) or set to the column's width,
 * never enlarged, transparency flattened onto the paper's white (a press PDF/X-1a has no
 * transparency, and a photo on a newspaper page sits on paper).
 */
export function scaling(input: import('sharp').Sharp, size: Size): import('sharp').Sharp {
  return input
    .rotate()
    .resize(
      size.height
        ? { ...size, fit: 'cover', position: 'centre', withoutEnlargement: true }
        : { width: size.width, withoutEnlargement: true },
    )
    .flatten({ background: '#ffffff' });
}
