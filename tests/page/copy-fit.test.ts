// Copy fit and bad input on small test pages: a manuscript made to overflow by a known amount,
// a press build that refuses an overset page, a missing photo, a photo with no slot, a broken layout.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';
import { openPdf, textItems, linesByColumn, imageBoxes, MM } from './helpers/pdf.js';
import type { PageFit } from '../../src/page/write-page.js';

const FIX = path.join(ROOT, 'tests/page/fixtures');
const TWO_COLUMNS = path.join(FIX, 'layouts/two-columns.yaml');
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-fit-'));
});
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** The fixture's paragraphs as written (body lines after the front matter and the comment). */
async function paragraphs(): Promise<string[]> {
  const md = await readFile(path.join(FIX, 'overflow/article.md'), 'utf8');
  return md.split('-->')[1].trim().split(/\n\n+/);
}

describe('copy fit', () => {
  let cli: ReturnType<typeof runCli>;
  let pageFit: PageFit;
  beforeAll(async () => {
    cli = runCli(['build:pdf', path.join(FIX, 'overflow'), '--layout', TWO_COLUMNS, '--out', path.join(out, 'draft')]);
    pageFit = JSON.parse(await readFile(path.join(out, 'draft/overflow/page.fit.json'), 'utf8'));
  }, 120_000);

  it('reports a manuscript overset by a known amount: 7 lines, 87 characters, and the first words', async () => {
    const paras = await paragraphs();
    expect(paras).toHaveLength(9);
    expect(paras.every((p) => [...p].length === 37)).toBe(true);
    expect(cli.code, cli.stderr).toBe(0);
    expect(pageFit.fit.status).toBe('overset');
    expect(pageFit.fit.oversetLines).toBe(7);
    expect(pageFit.fit.oversetChars).toBe(13 + 37 + 37);
    const rest = paras[6].slice(24) + paras[7] + paras[8];
    expect(pageFit.fit.firstWords).toBe(rest.slice(0, pageFit.fit.firstWords.length));
    expect(pageFit.fit.firstWords.length).toBeGreaterThanOrEqual(12);
    const md = await readFile(path.join(FIX, 'overflow/article.md'), 'utf8');
    expect(pageFit.fit.firstLine).toBe(md.split('\n').indexOf(paras[6]) + 1);
  });

  it('says so loudly and in the summary, and as a located finding', () => {
    expect(cli.stderr).toMatch(/✗ .*OVERSET 7 lines, 87 characters did not fit/);
    expect(cli.stderr).toMatch(/NOT on the page/);
    // at the overset's first character: the 25th of its paragraph's line, not the paragraph's start
    expect(cli.stderr).toMatch(new RegExp(`${pageFit.fit.firstLine}:25\\s+warning\\s+Overset: 7 lines.*page-overset`));
    expect(cli.stdout).toMatch(/fit: OVERSET 7 lines, 87 characters/);
  });

  it('prints exactly the text that fits, and none of the overset text', async () => {
    const paras = await paragraphs();
    const { doc, lib } = await openPdf(path.join(out, 'draft/overflow/page.pdf'));
    const trim = lib.getPage(0).getTrimBox();
    const typeLeft = trim.x + (trim.width - (2 * 13 + 1) * 9) / 2;
    const typeTop = trim.y + trim.height - 10 * MM;
    const lines = linesByColumn(
      (await textItems(doc)).filter((i) => Math.abs(i.size - 9) < 0.05 && i.y < typeTop),
      typeLeft,
      14 * 9,
      9,
      2,
    );
    expect(lines).toHaveLength(20);
    expect(lines.filter((l) => l.column === 1)).toHaveLength(10);
    expect(lines.map((l) => l.text).join('')).toBe(paras.join('').slice(0, 6 * 37 + 24));
    // This layout has no bleed and no crop marks: the sheet is the trim.
    const page = lib.getPage(0);
    expect(trim.width).toBeCloseTo(120 * MM, 2);
    expect(trim.height).toBeCloseTo(80 * MM, 2);
    expect(page.getBleedBox()).toEqual(trim);
    expect(page.getMediaBox().width).toBeCloseTo(trim.width, 0);
    await doc.destroy();
  });

  it('agrees with the frames: every line used, nothing underset', () => {
    expect(pageFit.frames.lines).toBe(20);
    expect(pageFit.frames.usedLines).toBe(20);
    expect(pageFit.fit.undersetLines).toBe(0);
    // The paragraph split between the columns continues without an indent.
    expect(pageFit.continued).toHaveLength(1);
    expect(pageFit.continued[0].column).toBe(2);
    expect(Math.abs(pageFit.continued[0].indent)).toBeLessThan(0.5);
  });

  it('refuses a press build of an overset page and writes nothing', () => {
    const final = runCli(['build:pdf', path.join(FIX, 'overflow'), '--layout', TWO_COLUMNS, '--out', path.join(out, 'final'), '--final']);
    expect(final.code).toBe(1);
    expect(final.stderr).toMatch(/overset; --final writes nothing/);
    for (const f of ['page.pdf', 'page.png', 'page.fit.json']) expect(existsSync(path.join(out, 'final/overflow', f))).toBe(false);
  });
});

describe('photos and layouts', () => {
  it('labels the frame of a missing photo, sets a photo without a slot in the column, and keeps going', async () => {
    const cli = runCli(['build:pdf', path.join(FIX, 'photos'), '--layout', path.join(FIX, 'layouts/one-photo.yaml'), '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(
      /8:1\s+error\s+Photo 1 \(“images\/missing\.jpg”\) cannot be placed: no such file; .*: put the photo at that path.*page-photo-missing/,
    );
    expect(cli.stdout).toMatch(/photos: 1 in slots, 1 in the text/);
    const { doc, lib } = await openPdf(path.join(out, 'photos/page.pdf'));
    const text = (await textItems(doc)).map((i) => i.str).join('');
    expect(text).toContain('图片缺失');
    const boxes = await imageBoxes(doc);
    expect(boxes).toHaveLength(1);
    // The unslotted photo is one column wide: 13 characters of 9 pt.
    const trim = lib.getPage(0).getTrimBox();
    const typeLeft = trim.x + (trim.width - 27 * 9) / 2;
    expect(boxes[0].left).toBeCloseTo(typeLeft, 0);
    expect(boxes[0].right - boxes[0].left).toBeCloseTo(13 * 9, 0);
    await doc.destroy();
  });

  it('never fetches a remote photo: the frame is labelled and the reference reported', async () => {
    const cli = runCli(['build:pdf', path.join(FIX, 'remote'), '--layout', path.join(FIX, 'layouts/one-photo.yaml'), '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(
      /8:1\s+error\s+Photo 1 \(“https:\/\/example\.com\/photo\.jpg”\) cannot be placed: remote or non-file reference.*page-photo-missing/,
    );
    const pageFit = JSON.parse(await readFile(path.join(out, 'remote/page.fit.json'), 'utf8'));
    expect(pageFit.blocked).toEqual([]);
    expect(pageFit.figures.photos[0].url).toBeUndefined();
    const { doc } = await openPdf(path.join(out, 'remote/page.pdf'));
    expect((await textItems(doc)).map((i) => i.str).join('')).toContain('图片缺失');
    expect(await imageBoxes(doc)).toEqual([]);
    await doc.destroy();
  });

  it('stops on a broken layout file with one line naming the file and the key', () => {
    const cli = runCli(['build:pdf', path.join(FIX, 'photos'), '--layout', path.join(FIX, 'layouts/broken.yaml'), '--out', out]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^error: .*broken\.yaml:11:12: grid\.columns is "eight"; write a whole number of at least 1/m);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
  });
});
