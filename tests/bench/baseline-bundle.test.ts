// The bench's baseline (src/bench/print-baseline.ts), bundled as `npm run bench` bundles it, prints a
// page set in the fonts a build cuts, served from the fonts/cut/ folder beside it. Its bundle once
// took in harfbuzz's subsetter through an import of the cut fonts' URL prefix, and failed at its
// first line ('__dirname is not defined'): the bench stopped with no figure.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { bundle } from '../../src/bench/page.js';
import { writePlainA4Cut } from '../../src/bench/plain-a4.js';
import { loadArticle } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-baseline-'));
afterAll(() => rm(tmp, { recursive: true, force: true }));

it('runs bundled and prints plain A4 in the cut fonts', { timeout: 120_000 }, async () => {
  const article = await loadArticle(path.join(ROOT, 'manuscript/ningju-gongshi/article.md'), { check: false });
  const html = path.join(tmp, 'a4.html');
  await writePlainA4Cut([article], html);
  const { baseline, cleanup } = await bundle();
  try {
    const out = path.join(tmp, 'a4.pdf');
    // as npm run bench runs it: the CLI tells the project's folder (BAOBAN_ROOT) to what it starts
    const r = spawnSync(process.execPath, [baseline, html, out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, BAOBAN_ROOT: ROOT },
    });
    expect(r.status, r.stderr).toBe(0);
    const pdf = await PDFDocument.load(await readFile(out), { updateMetadata: false });
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    // the cut fonts were served, none refused: the PDF names the project's faces only
    const fonts = (await readFile(out)).toString('latin1').match(/\/BaseFont\s*\/[A-Z]{6}\+([\w-]+)/g) ?? [];
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/NotoS(erif|ans)SC-/);
  } finally {
    await cleanup();
  }
});
