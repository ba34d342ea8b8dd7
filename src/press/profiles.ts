// The printing condition of a layout: its CMYK and grey profiles (files in templates/; the CMYK one
// chosen by the ink limit, config/layout.ts outputIntent) and the names the output intent gives
// them. Read once per process.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../core/paths.js';
import { inkLimit, outputIntent, type Layout, type OutputIntent, type PdfxStandard } from '../config/layout.js';

export interface PressProfiles {
  intent: OutputIntent;
  /** the ink limit the shipped CMYK profile was separated for (none for a profile the layout names) */
  separatedFor?: number;
  cmykFile: string;
  grayFile: string;
  /** the CMYK profile's bytes, embedded as the output intent's destination profile */
  cmyk: Uint8Array;
  /** a short fingerprint of both profiles: converted photos are cached under it */
  tag: string;
}

export interface PressSettings {
  pdfx: PdfxStandard;
  inkLimit: number;
  profiles: PressProfiles;
  /** the CMYK (0–1) of each colour the layout names (colors:): a design's coloured text, not black gone rich */
  designColours?: number[][];
}

/** GTS_PDFXVersion per standard, and the X-1a:2001 conformance level */
export const PDFX_VERSION = { x1a: 'PDF/X-1:2001', x4: 'PDF/X-4' } as const;
export const PDFX_CONFORMANCE = 'PDF/X-1a:2001';

const cache = new Map<string, PressProfiles>();

export function pressSettings(layout: Layout): PressSettings {
  const { separatedFor, ...intent } = outputIntent(layout);
  const key = `${intent.profile}|${intent.grayProfile}`;
  let profiles = cache.get(key);
  if (!profiles) {
    const cmykFile = path.join(TEMPLATES, intent.profile);
    const grayFile = path.join(TEMPLATES, intent.grayProfile);
    const cmyk = readFileSync(cmykFile);
    const hash = createHash('sha1').update(cmyk).update(readFileSync(grayFile)).digest('hex');
    profiles = { intent, separatedFor, cmykFile, grayFile, cmyk, tag: hash.slice(0, 8) };
    cache.set(key, profiles);
  }
  return {
    pdfx: layout.pdfx,
    inkLimit: inkLimit(layout),
    profiles: { ...profiles, intent, separatedFor },
    designColours: Object.values(layout.colors ?? {}).map((c) => c.cmyk.map((v) => v / 100)),
  };
}
