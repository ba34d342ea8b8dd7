// page.png shows what the plant prints: before the screenshot, each photo in the laid-out page is
// swapped for its soft proof (the press copy converted back to sRGB, photos.ts). Text and rules
// need no swap: black stays black, and design colours are drawn in their CSS value.
import type { Page } from 'puppeteer-core';
import type { PressPhoto } from './photos.js';

export async function showAsPrinted(page: Page, photos: PressPhoto[]): Promise<void> {
  const swaps = Object.fromEntries(photos.map((p) => [p.url, p.proofUrl]));
  if (!Object.keys(swaps).length) return;
  await page.evaluate(`(async (swaps) => {
    const imgs = Array.prototype.filter.call(document.images, (img) => swaps[img.getAttribute('src')]);
    for (const img of imgs) img.setAttribute('src', swaps[img.getAttribute('src')]);
    await Promise.all(imgs.map((img) => img.decode().catch(() => {})));
  })(${JSON.stringify(swaps)})`);
}
