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

/** The highest total ink of 8-bit samples: 4 channels CMYK, 1 channel K as grey (0 = solid K). */
export function inkPeak(data: Uint8Array, channels: 1 | 4, width: number): InkPeak {
  let max = -1;
  let at = 0;
  for (let i = 0; i < data.length; i += channels) {
    const s = channels === 4 ? data[i] + data[i + 1] + data[i + 2] + data[i + 3] : 255 - data[i];
    if (s > max) {
      max = s;
      at = i / channels;
    }
  }
  const height = data.length / channels / width;
  return { max: (max / 255) * 100, x: ((at % width) + 0.5) / width, y: (Math.floor(at / width) + 0.5) / height };
}

/** The ink of a press JPEG (CMYK or grey) as libjpeg decodes it. */
export async function jpegInk(jpeg: Uint8Array, kind: 'cmyk' | 'gray'): Promise<InkPeak> {
  const sharp = (await import('sharp')).default;
  const input = sharp(jpeg, { ignoreIcc: true });
  const { data, info } = await (kind === 'cmyk' ? input.pipelineColourspace('cmyk').toColourspace('cmyk') : input.toColourspace('b-w'))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return inkPeak(data, kind === 'cmyk' ? 4 : 1, info.width);
}
