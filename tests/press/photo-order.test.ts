// The preflight's most inked place among photos of the same ink is the first drawn, every time.
// Photos not measured when their press copies were made (none known) are decoded by the preflight
// at once, and a small one finished before a large one drawn earlier: the report named whichever
// finished first (an edition with one photo on several pages named another page from run to run).
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { loadLayout } from '../../src/config/layout.js';

/** A CMYK JPEG of one colour, `size` pixels square. */
const cmykJpeg = (size: number) =>
  sharp({ create: { width: size, height: size, channels: 3, background: { r: 20, g: 10, b: 10 } } })
    .toColourspace('cmyk')
    .jpeg({ quality: 100 })
    .toBuffer();

describe('photos of the same ink, measured by the preflight', () => {
  it('names the first one drawn as the most inked place, whatever order they are measured in', async () => {
    const doc = await PDFDocument.create();
    // page 1 draws a large photo (slow to decode), page 2 a small one of the same colour (quick)
    for (const size of [2400, 16]) {
      const image = await doc.embedJpg(await cmykJpeg(size));
      doc.addPage([300, 300]).drawImage(image, { x: 10, y: 10, width: 100, height: 100 });
    }
    const bytes = await doc.save({ useObjectStreams: false });
    const lib = await PDFDocument.load(bytes);
    const settings = pressSettings(loadLayout('feature-8col'));
    const pages = [];
    for (let run = 0; run < 3; run++) pages.push((await preflight(lib, bytes, settings, [], 200)).ink.at?.page);
    expect(pages).toEqual([1, 1, 1]);
  });
});
