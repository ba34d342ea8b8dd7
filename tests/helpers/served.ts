// What a served page may ask for (src/browser/served.ts): its document, the fonts cut for the build
// (src/fonts/print-fonts.ts), the font packages' files and the output folder's scaled photos, all
// at ORIGIN; nothing else, not even tried.
import path from 'node:path';
import { expect } from 'vitest';
import { ORIGIN } from '../../src/browser/served.js';
import { NODE_MODULES } from '../../src/core/paths.js';
import { fontDirs } from '../../src/fonts/fontsource.js';
import { CUT_PREFIX } from '../../src/fonts/print-fonts.js';

/** Every URL a browser requested is the served page, a font file or a photo at ORIGIN (and at least one was requested). */
export function expectOnlyServed(requests: string[]): void {
  const fonts = fontDirs().map((d) => `/fonts/${path.relative(NODE_MODULES, d).split(path.sep).join('/')}/`);
  expect(requests.length).toBeGreaterThan(0);
  for (const url of requests) {
    if (url.startsWith('data:') || url === 'about:blank') continue;
    expect(url.startsWith(`${ORIGIN}/`), url).toBe(true);
    const at = decodeURIComponent(new URL(url).pathname);
    expect(at === '/page.html' || at.startsWith('/images/') || at.startsWith(CUT_PREFIX) || fonts.some((f) => at.startsWith(f)), url).toBe(
      true,
    );
  }
}
