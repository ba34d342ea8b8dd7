// Benchmark baseline, run as its own process: the browser printing the already laid-out page
// (no typesetting, no layout engine, no post-processing). Usage: print-baseline.ts <page.html> <out.pdf>
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { launchBrowser, confinedPage } from '../browser/launch.js';
import { NODE_MODULES } from '../core/paths.js';

const [html, out] = process.argv.slice(2);
const browser = await launchBrowser();
try {
  const { page } = await confinedPage(browser, [path.dirname(path.resolve(html)), NODE_MODULES]);
  await page.goto(pathToFileURL(path.resolve(html)).href, { waitUntil: 'load' });
  await page.evaluate('(async () => { document.body.offsetHeight; await document.fonts.ready; })()');
  await writeFile(out, await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
} finally {
  await browser.close();
}
