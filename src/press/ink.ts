// Total ink: the sum of the four plates (per cent) of press pixels, measured where a plant's
// preflight measures it, on the pixels as the RIP decodes them. Shared by the press copy of a
// photo (photos.ts, which checks its JPEG before using it) and the preflight (preflight.ts).

export interface InkPeak {
  /** highest total ink, per cent (grey: its K) */
  max: number;
  /** where, as 0–1 from the image's top-left corner */
  x: number;
  y: number;
}

/** A part of an image, as 0–1 from its top-left corner: what the page shows of it (the rest is clipped). */
export interface Window {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The highest total ink of 8-bit samples: 4 channels CMYK, 1 channel K as grey (0 = solid K); of
 * the pixels in `window` only, when given (no ink when it holds no pixel).
 */
export function inkPeak(data: Uint8Array, channels: 1 | 4, width: number, window?: Window): InkPeak {
  const height = data.length / channels / width;
  const [c0, c1] = window ? [Math.floor(window.x0 * width), Math.ceil(window.x1 * width)] : [0, width];
  const [r0, r1] = window ? [Math.floor(window.y0 * height), Math.ceil(window.y1 * height)] : [0, height];
  let max = -1;
  let at = 0;
  for (let r = Math.max(0, r0); r < Math.min(height, r1); r++) {
    for (let c = Math.max(0, c0), i = (r * width + c) * channels; c < Math.min(width, c1); c++, i += channels) {
      const s = channels === 4 ? data[i] + data[i + 1] + data[i + 2] + data[i + 3] : 255 - data[i];
      if (s > max) {
        max = s;
        at = r * width + c;
      }
    }
  }
  if (max < 0) return { max: 0, x: 0.5, y: 0.5 };
  return { max: (max / 255) * 100, x: ((at % width) + 0.5) / width, y: (Math.floor(at / width) + 0.5) / height };
}

/** The ink of a press JPEG (CMYK or grey) as libjpeg decodes it (in `window` only, when given). */
export async function jpegInk(jpeg: Uint8Array, kind: 'cmyk' | 'gray', window?: Window): Promise<InkPeak> {
  const sharp = (await import('sharp')).default;
  const input = sharp(jpeg, { ignoreIcc: true });
  const { data, info } = await (kind === 'cmyk' ? input.pipelineColourspace('cmyk').toColourspace('cmyk') : input.toColourspace('b-w'))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return inkPeak(data, kind === 'cmyk' ? 4 : 1, info.width, window);
}
