// What every RGB colour Chromium wrote prints as. Black and white are design decisions, not
// conversions: black is 100 % K alone (no C, M or Y under text, at any size), white is no ink.
// A colour the layout names (`colors:`) prints in the CMYK the layout gives it. Any other grey
// prints on K alone with newsprint's tone curve (the grey profile); any other colour goes through
// the CMYK profile, and is reported, since a designer should name it. Both conversions are done
// by littleCMS inside sharp/libvips, never by arithmetic here: one transform from sRGB to the
// profile (withIccProfile alone; see toPress in photos.ts for why not toColourspace).
import type { Layout } from '../config/layout.js';
import type { PressProfiles } from './profiles.js';

export type Cmyk = [number, number, number, number];

export interface ColorMap {
  /** CMYK 0–1 for an RGB colour as Chromium wrote it (0–1 components) */
  get(rgb: number[]): Cmyk;
  /** colours that were not in the layout and had to be converted (for the findings) */
  converted: Map<string, Cmyk>;
}

export const hex = (rgb: number[]) =>
  `#${rgb
    .map((v) =>
      Math.round(Math.min(1, Math.max(0, v)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

/**
 * The map for the RGB colours of one PDF: named colours from the layout, every other colour
 * converted up front in one call per profile (a one-row image through libvips).
 */
export async function colorMap(layout: Layout, profiles: PressProfiles, rgbColours: Iterable<string>): Promise<ColorMap> {
  const named = new Map<string, Cmyk>();
  for (const c of Object.values(layout.colors ?? {})) named.set(c.css.toLowerCase(), c.cmyk.map((v) => v / 100) as Cmyk);
  const table = new Map<string, Cmyk>([...named]);
  table.set('#000000', [0, 0, 0, 1]);
  table.set('#ffffff', [0, 0, 0, 0]);
  const greys: string[] = [];
  const colours: string[] = [];
  for (const h of new Set(rgbColours)) {
    if (table.has(h)) continue;
    const [r, g, b] = channels(h);
    (r === g && g === b ? greys : colours).push(h);
  }
  const converted = new Map<string, Cmyk>();
  if (greys.length || colours.length) {
    const sharp = (await import('sharp')).default;
    const row = (list: string[]) => Buffer.from(list.flatMap(channels));
    if (greys.length) {
      const k = await sharp(row(greys), { raw: { width: greys.length, height: 1, channels: 3 } })
        .withIccProfile(profiles.grayFile)
        .raw()
        .toBuffer();
      greys.forEach((h, i) => {
        table.set(h, [0, 0, 0, 1 - k[i] / 255]);
      });
    }
    if (colours.length) {
      const cmyk = await sharp(row(colours), { raw: { width: colours.length, height: 1, channels: 3 } })
        .withIccProfile(profiles.cmykFile)
        .raw()
        .toBuffer();
      colours.forEach((h, i) => {
        const c = [0, 1, 2, 3].map((j) => cmyk[i * 4 + j] / 255) as Cmyk;
        table.set(h, c);
        converted.set(h, c);
      });
    }
  }
  return {
    get: (rgb) => table.get(hex(rgb)) ?? [0, 0, 0, 1],
    converted,
  };
}

function channels(h: string): number[] {
  return [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
}

/** CMYK operands as written in a content stream: few digits, no trailing zeros. */
export function cmykOperands(c: Cmyk): string {
  return c.map((v) => String(Math.round(v * 10000) / 10000)).join(' ');
}
