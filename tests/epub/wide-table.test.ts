// A table wider than a phone's screen (tests/fixtures/epub/wide-table): its cells held what a reader
// cannot break on its own (14-digit figures, a web address, a long English word), so at 480 px the
// table ran past the screen's edge, its last columns cut off or scrolled out of reach. The book's
// stylesheet lets a cell break such text anywhere when nothing else fits (overflow-wrap: anywhere):
// the table is no wider than the text, every cell on the screen.
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, readEpub } from './read-epub.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-wide-table-'));
afterAll(() => rm(out, { recursive: true, force: true }));

it('shows a table of long figures, an address and long words within a 480 px screen', async () => {
  const result = await buildFirstVolume(path.join(ROOT, 'tests/fixtures/epub/wide-table/series.yaml'), out);
  const book = await readEpub(result.epub);
  // The book unpacked as a reading system has it, then the chapter shown as the stylesheet says.
  const dir = path.join(out, 'unpacked');
  for (const name of book.names) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), book.bytes(name));
  }
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 480, height: 800 });
    await page.goto(pathToFileURL(path.join(dir, book.base, 'ch01-table.xhtml')).href, { waitUntil: 'load' });
    const shown = await page.evaluate(() => {
      const text = document.querySelector('p')!.getBoundingClientRect();
      const cells = [...document.querySelectorAll('th, td')].map((c) => ({ text: c.textContent, right: c.getBoundingClientRect().right }));
      return { text: { left: text.left, right: text.right }, table: document.querySelector('table')!.getBoundingClientRect().right, cells };
    });
    expect(shown.cells.length).toBe(18);
    expect(shown.table).toBeLessThanOrEqual(shown.text.right + 1);
    for (const c of shown.cells) expect(c.right, c.text ?? '').toBeLessThanOrEqual(shown.text.right + 1);
  } finally {
    await browser.close();
  }
});
