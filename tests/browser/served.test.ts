// A served page (src/browser/served.ts) in a real browser: its document, a file from a served
// folder and a photo held in memory arrive; every other request (another origin, a path outside
// the served folders, a ../ escape, a link out of a served folder, a missing file) is refused and
// recorded, once each, and nothing else is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/browser/launch.js';
import { ORIGIN, servedPage } from '../../src/browser/served.js';

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-served-'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a served page', () => {
  it('gets its document, served files and held photos, and nothing else; each refusal is recorded', async () => {
    const folder = path.join(dir, 'served');
    await mkdir(path.join(folder, 'ok'), { recursive: true });
    await mkdir(path.join(folder, 'not-listed'), { recursive: true });
    const png = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    await writeFile(path.join(folder, 'ok', 'a.png'), png);
    await writeFile(path.join(folder, 'not-listed', 'b.png'), png);
    await writeFile(path.join(dir, 'outside.png'), png);
    await symlink(path.join(dir, 'outside.png'), path.join(folder, 'ok', 'link.png'));
    const refused = [
      'https://example.com/x.png',
      `${ORIGIN}/elsewhere/c.png`,
      `${ORIGIN}/files/not-listed/b.png`,
      `${ORIGIN}/files/ok/%2e%2e%2f%2e%2e%2foutside.png`,
      `${ORIGIN}/files/ok/link.png`,
      `${ORIGIN}/files/ok/missing.png`,
    ];
    const html = `<!doctype html><html><body>
      <img id="served" src="/files/ok/a.png"><img id="held" src="/photos/p.png">
      <img id="data" src="data:image/png;base64,${png.toString('base64')}">
      ${refused.map((u) => `<img class="refused" src="${u}">`).join('\n')}
      <img class="local" src="file:///etc/passwd">
    </body></html>`;
    const { page, blocked } = await servedPage(browser, {
      documents: new Map([['/page.html', html]]),
      folders: [{ prefix: '/files/', dir: folder, only: ['ok'] }],
      files: new Map([['/photos/p.png', new Uint8Array(png)]]),
    });
    try {
      const response = await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      const sizes = await page.evaluate(() =>
        [...document.images].map((i) => ({ id: i.id || i.className, width: i.naturalWidth, height: i.naturalHeight })),
      );
      expect(sizes.slice(0, 3)).toEqual([
        { id: 'served', width: 3, height: 2 },
        { id: 'held', width: 3, height: 2 },
        { id: 'data', width: 3, height: 2 },
      ]);
      // none of the refused ones loaded, nor the local file (Chromium does not even ask for a
      // file: URL from an https page, so it is not among the refusals)
      expect(sizes.slice(3).map((s) => s.width)).toEqual([...refused, 'file:'].map(() => 0));
      expect([...blocked].sort()).toEqual([...refused].sort());
    } finally {
      await page.close();
    }
  });
});
