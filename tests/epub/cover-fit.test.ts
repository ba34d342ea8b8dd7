// The cover is drawn from templates/epub/cover.html; its body clips what overflows. A long title
// (or tagline) must be set smaller rather than push the rest of the cover, or its own end, out of
// sight (tests/fixtures/epub/cover-text); text no size can fit is refused in one line, and so is a
// character the cover's faces lack (it would be drawn as an empty box), at its line of series.yaml.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser } from 'puppeteer-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadBookConfig } from '../../src/config/book.js';
import { CoverTextError, renderCover, type CoverText } from '../../src/epub/cover.js';
import { InputError } from '../../src/core/input-error.js';
import { ROOT, runCli } from '../helpers/cli.js';

const texts = parse(readFileSync(path.join(ROOT, 'tests/fixtures/epub/cover-text/texts.yaml'), 'utf8'));
const config = loadBookConfig().cover;
const cover = (t: { title: string; tagline: string }): CoverText => ({
  lang: 'zh-CN',
  series: '政协委员履职丛书',
  number: '十二',
  publisher: '内蒙古自治区政协办公厅',
  ...t,
});
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Grey pixels of a horizontal band of the cover, as drawn. */
async function band(jpeg: Buffer, top: number, height: number): Promise<Buffer> {
  return sharp(jpeg).extract({ left: 0, top, width: config.width, height }).greyscale().raw().toBuffer();
}

describe('the cover text', () => {
  it('keeps the publisher’s line in its place at the foot of the cover however long the title is', async () => {
    const [short, long] = await Promise.all([
      renderCover(browser, cover(texts.short), config),
      renderCover(browser, cover(texts.long), config),
    ]);
    // The publisher's line sits just above the bottom padding of the cover (180 px in cover.html).
    const top = config.height - 180 - 90;
    const [a, b] = await Promise.all([band(short, top, 90), band(long, top, 90)]);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - b[i]);
    expect(diff / a.length).toBeLessThan(2);
    // …and the band does hold text (light letters on the dark ground), not only the ground.
    expect(a.reduce((m, v) => Math.max(m, v), 0)).toBeGreaterThan(180);
  });

  it('refuses a title no size can fit, naming what to shorten', async () => {
    const error = await renderCover(browser, cover({ title: '长'.repeat(400), tagline: '' }), config).catch((e) => e);
    expect(error).toBeInstanceOf(CoverTextError);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/does not fit templates\/epub\/cover\.html .*; shorten the title or the tagline$/);
  });
});

describe('a character the cover’s faces lack', () => {
  it('is refused at the line of series.yaml that writes it, for every text of the cover at once, and nothing is written', () => {
    const out = path.join(ROOT, 'dist', 'test-cover-glyphs');
    const cli = runCli(['build:epub', '--series', 'tests/fixtures/epub/cover-text/missing-glyphs.yaml', '--out', out, '--no-validate']);
    expect(cli.code).toBe(2);
    const lack =
      "which the cover's faces (templates/fonts.yaml) lack: the drawn cover would show an empty box. " +
      "Write the text without it, or give the designer's cover as cover.image";
    const file = 'tests/fixtures/epub/cover-text/missing-glyphs.yaml';
    expect(cli.stderr.split('\n').filter((l) => l.startsWith(file))).toEqual([
      `${file}:7:14: volume 1: series.publisher "𗀀出版社" has “𗀀” (U+17000), ${lack}`,
      `${file}:13:12: volume 1: title "𪚥之书" has “𪚥” (U+2A6A5), ${lack}`,
      `${file}:17:16: volume 1: cover.tagline "履职纪实😀" has “😀” (U+1F600), ${lack}`,
    ]);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
