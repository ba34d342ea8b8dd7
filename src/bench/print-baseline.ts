// Benchmark baseline, run as its own process: the browser printing the already laid-out page
// (no typesetting, no layout engine, no post-processing). Usage: print-baseline.ts <page.html> <out.pdf>
// The page is served the way a build serves its pages (browser/served.ts): its fonts from the font
// packages, or the fonts a build cut (fonts/print-fonts.ts) from the fonts/cut/ folder beside it
// (writeCutFonts), its photos from the images/ folder beside it.
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { launchBrowser } from '../browser/launch.js';
import { ORIGIN, servedPage } from '../browser/served.js';
import { CUT_PREFIX, fontFolder } from '../fonts/fontsource.js';

const [html, out] = process.argv.slice(2);
const browser = await launchBrowser();
try {
  const documents = new Map([['/page.html', await readFile(html, 'utf8')]]);
  const beside = (...parts: string[]) => path.join(path.dirname(path.resolve(html)), ...parts);
  const cut = { prefix: CUT_PREFIX, dir: beside('fonts', 'cut') };
  const images = { prefix: '/images/', dir: beside('images') };
  const { page } = await servedPage(browser, { documents, folders: [cut, fontFolder(), images] });
  await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'load' });
  await page.evaluate('(async () => { document.body.offsetHeight; await document.fonts.ready; })()');
  await writeFile(out, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 300_000 }));
} finally {
  await browser.close();
}
