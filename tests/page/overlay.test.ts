// The proof PDF (a later issue) is the print page plus an overlay, never a second layout: the
// `overlay` hook receives the laid-out page, the layout result (with every block's manuscript line
// and box) and draws over it before printing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { ROOT } from '../helpers/cli.js';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadArticle } from '../../src/pipeline.js';
import { loadLayoutFile } from '../../src/config/layout.js';
import { buildPage } from '../../src/page/write-page.js';
import type { LayoutResult } from '../../src/page/engine/protocol.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures');
let browser: Browser;
let out: string;

beforeAll(async () => {
  browser = await launchBrowser();
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-overlay-'));
});
afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('overlay hook', () => {
  it('draws over the same layout, with each block located by its manuscript line', async () => {
    const layout = loadLayoutFile(path.join(FIX, 'layouts/two-columns.yaml'));
    const plain = await buildPage(await loadArticle(path.join(FIX, 'overflow/article.md')), {
      layout,
      outDir: path.join(out, 'plain'),
      browser,
      preview: false,
    });
    let seen: LayoutResult | undefined;
    const marked = await buildPage(await loadArticle(path.join(FIX, 'overflow/article.md')), {
      layout,
      outDir: path.join(out, 'marked'),
      browser,
      preview: false,
      overlay: async ({ page, result }) => {
        seen = result;
        const box = result.boxes[0];
        // A proof mark on the first block (characters the page's fonts have).
        await page.evaluate(
          `document.querySelector('.sheet').insertAdjacentHTML('beforeend', '<div class="proof-mark" style="position:absolute;left:${box.left}px;top:${box.top}px;font:9pt \\'Noto Serif SC\\'">测试</div>')`,
        );
        return {};
      },
    });
    expect(seen).toBeDefined();
    // Every piece of every paragraph on the page is located by its manuscript line: paragraphs
    // 1–7 (the 4th split across the columns, the 7th cut by the foot of the page).
    const md = await readFile(path.join(FIX, 'overflow/article.md'), 'utf8');
    const lines = md.split('\n').flatMap((l, i) => (/^\p{Script=Han}{36}。$/u.test(l) ? [i + 1] : []));
    expect(lines).toHaveLength(9);
    expect(seen!.boxes.map((b) => b.line)).toEqual([lines[0], lines[1], lines[2], lines[3], lines[3], lines[4], lines[5], lines[6]]);
    // Same layout: same frames and the same copy fit with and without the overlay.
    expect(marked.pageFit.frames).toEqual(plain.pageFit.frames);
    expect(marked.pageFit.fit).toEqual(plain.pageFit.fit);
    // The mark is on the printed page.
    const file = path.join(out, 'marked.pdf');
    await writeFile(file, marked.pdf);
    const { doc } = await openPdf(file);
    const text = (await textItems(doc)).map((i) => i.str).join('');
    expect(text).toContain('测试');
    await doc.destroy();
  });
});
