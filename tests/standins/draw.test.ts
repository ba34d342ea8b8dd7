// A stand-in drawn by `npm run standins` (src/standins/draw.ts) is one the checks tell from a real
// photo by its mark alone: drawn here under an ordinary name, read back with sharp, and checked.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { checkPath } from '../../src/check/run.js';
import { hasStandInMark } from '../../src/core/standin-mark.js';
import { drawStandIn } from '../../src/standins/draw.js';

let browser: Browser;
let dir: string;
let file: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-standin-'));
  await mkdir(path.join(dir, 'images'));
  file = path.join(dir, 'images', 'lead.jpg');
  await drawStandIn(browser, { file, root: dir, caption: '2023年7月15日，座谈会召开。', width: 600, height: 400 });
});
afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a drawn stand-in', () => {
  it('has the requested size and carries the mark the checks read', async () => {
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 600, 400]);
    expect(hasStandInMark(meta)).toBe(true);
  });

  it('is reported by image-standin even under an ordinary file name', async () => {
    const manuscript = path.join(dir, 'article.md');
    await writeFile(manuscript, '# 主题\n\n![2023年7月15日，座谈会召开。](images/lead.jpg)\n');
    const checked = await checkPath(manuscript);
    const found = checked.file.messages.filter((m) => m.ruleId === 'image-standin');
    expect(found.map((m) => [m.line, m.column])).toEqual([[3, 1]]);
    expect(found[0].reason).toContain('BAOBAN-STAND-IN mark');
  });

  it('is told from a real photo, which has no mark', async () => {
    const real = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#789' } })
      .jpeg()
      .toBuffer();
    expect(hasStandInMark(await sharp(real).metadata())).toBe(false);
  });
});
