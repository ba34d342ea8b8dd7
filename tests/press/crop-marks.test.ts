// Crop marks and the bleed. A layout with a 5 mm bleed and crop marks 2 mm off the trim was built, and
// its preflight passed: the marks printed from 2 to 5 mm inside the BleedBox, on the bleed that is
// trimmed off, where they show on the page wherever the knife cuts a little outside the trim (what the
// bleed is there to allow); a plant's preflight reports printer's marks in the bleed. The layout is
// refused at page.cropMarks.offset; with the marks outside the bleed, page.pdf read back on the plates
// has nothing between the BleedBox and the TrimBox, and its marks beyond the BleedBox.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { eachPixel, separations } from './helpers/press.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-crop-marks-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const build = (layout: string) =>
  runCli([
    'build:pdf',
    path.join(ROOT, 'tests/press/fixtures/rule'),
    '--layout',
    path.join(ROOT, `tests/press/fixtures/layouts/${layout}.yaml`),
    '--out',
    path.join(out, layout),
    '--no-preview',
  ]);

describe('crop marks and the bleed', () => {
  it('marks inside the bleed: the layout is refused at the offset, and nothing is written', { timeout: 300_000 }, () => {
    const cli = build('marks-in-bleed');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(
      'marks-in-bleed.yaml:7:24: page.cropMarks.offset is 2mm, inside the 5mm bleed: the marks would print on the bleed and show on the page where the trim falls a little outside; make it at least 5mm',
    );
    expect(cli.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(out, 'marks-in-bleed', 'rule'))).toBe(false);
  });

  it('marks outside the bleed: on the plates, nothing prints between the BleedBox and the TrimBox; the marks print beyond', {
    timeout: 300_000,
  }, async () => {
    const cli = build('marks-outside-bleed');
    expect(cli.code, cli.stderr).toBe(0);
    const bytes = readFileSync(path.join(out, 'marks-outside-bleed', 'rule', 'page.pdf'));
    const page = (await PDFDocument.load(bytes, { updateMetadata: false })).getPage(0);
    const box = (b: { x: number; y: number; width: number; height: number }) => ({
      left: b.x,
      right: b.x + b.width,
      bottom: b.y,
      top: b.y + b.height,
    });
    const trim = box(page.getTrimBox());
    const bleed = box(page.getBleedBox());
    expect(trim.left - bleed.left).toBeCloseTo((5 * 72) / 25.4, 1);
    // 0: the trim and a pixel round it; 1: the bleed, 1 pt inside its edge (a mark that starts on the edge is drawn smooth across it)
    const px = 72 / 300;
    const inset = (b: typeof trim, by: number) => ({ left: b.left + by, right: b.right - by, bottom: b.bottom + by, top: b.top - by });
    let inBleed = 0;
    let beyond = 0;
    eachPixel(separations(bytes, 300), [inset(trim, -px), inset(bleed, 1)], (c, m, y, k, inBox) => {
      if (!(c || m || y || k)) return;
      if (inBox === 1) inBleed++;
      else if (inBox === -1) beyond++;
    });
    expect(inBleed).toBe(0);
    expect(beyond).toBeGreaterThan(100);
  });
});
