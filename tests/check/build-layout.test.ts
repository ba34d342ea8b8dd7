// The checks that measure against a page layout judge the layout the page is built on: with
// `build:pdf --layout X` (and build:proof --layout X) a photo's resolution is measured at X's photo
// slots, not at those of the front matter's `layout:`. A photo too small for the front matter's
// big slot but ample for X's small one is not reported; one too small for X is, naming X.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const ONE_PHOTO = path.join(ROOT, 'tests/page/fixtures/layouts/one-photo.yaml');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-build-layout-'));
const dir = path.join(tmp, 'photos');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A photo of w × h pixels with some detail (a gradient). */
async function photo(w: number, h: number): Promise<Buffer> {
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) raw.fill((i % w) % 256, i * 3, i * 3 + 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg()
    .toBuffer();
}

beforeAll(async () => {
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  // tabloid-5col's slot 1 is 130 × 123 mm (200 ppi needs 1025 × 967 px); one-photo's is 86 × 41 mm
  // (675 × 323 px). Figure 2 has no slot in either: it is measured across the text column it prints in.
  writeFileSync(path.join(dir, 'images', 'big.jpg'), await photo(1000, 700));
  writeFileSync(path.join(dir, 'images', 'small.jpg'), await photo(250, 200));
  writeFileSync(
    path.join(dir, 'article.md'),
    '---\nheadline: 图片分辨率\nlayout: tabloid-5col\n---\n\n正文第一段。\n\n![2023年7月15日，座谈会召开。李明 摄](images/big.jpg)\n\n' +
      '正文第二段。\n\n![2023年7月15日，委员们发言。李明 摄](images/small.jpg)\n\n正文第三段。\n',
  );
});

/** The image-resolution findings in a console's output, one per line. */
const resolution = (text: string) => text.split('\n').filter((l) => l.includes('image-resolution'));

describe('image-resolution under --layout', () => {
  it('check (no --layout) measures the front matter’s layout: the big photo is too small for its slot', () => {
    const r = runCli(['check', dir]);
    const found = resolution(r.stdout + r.stderr);
    expect(
      found.some((l) => /images\/big\.jpg" is 1000 × 700 px: .* \(photo slot 1 of tabloid-5col\)/.test(l)),
      found.join('\n'),
    ).toBe(true);
  });

  it('build:pdf --layout X measures X’s slots: only the photo too small for X is reported, naming X', () => {
    const out = path.join(tmp, 'out');
    const r = runCli(['build:pdf', dir, '--layout', ONE_PHOTO, '--out', out, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    for (const text of [r.stdout + r.stderr, readFileSync(path.join(out, 'photos', 'findings.txt'), 'utf8')]) {
      const found = resolution(text);
      expect(found, text).toHaveLength(1);
      expect(found[0]).toMatch(/images\/small\.jpg" is 250 × 200 px: 154 ppi at 41\.3 mm \(1 column, no slot in one-photo\)/);
    }
  });

  it('build:proof --layout X does the same', () => {
    const r = runCli(['build:proof', dir, '--layout', ONE_PHOTO, '--out', path.join(tmp, 'proof'), '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const found = resolution(r.stdout + r.stderr);
    expect(found, r.stdout + r.stderr).toHaveLength(1);
    expect(found[0]).toMatch(/images\/small\.jpg" is 250 × 200 px: .*no slot in one-photo/);
  });
});
