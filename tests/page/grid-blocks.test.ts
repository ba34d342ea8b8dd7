// Blocks markdown has beyond paragraphs and heads, on the line grid (tests/page/fixtures/grid-blocks).
// A thematic break (---) and the footnotes (注释) kept the browser's own margins, so each was
// reported off the grid (the footnotes with no line at all) and every line after them missed the
// next column's lines; a footnote reference (a superscript) made its line taller than the grid.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { MM, openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/grid-blocks');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-grid-blocks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const PT = 72 / 96;

describe('thematic breaks, a footnote reference and the footnotes', () => {
  it('stay on the line grid: no block off it, every body line of the column on a grid line', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/page-off-grid/);
    const fit = JSON.parse(readFileSync(path.join(tmp, 'grid-blocks', 'page.fit.json'), 'utf8'));
    expect(fit.offGrid).toEqual([]);
    const { doc, lib } = await openPdf(path.join(tmp, 'grid-blocks', 'page.pdf'));
    const trim = lib.getPage(0).getTrimBox();
    // The type area's lines: below its top (36 mm from the trim in feature-8col), not the 报眉 above it.
    const items = (await textItems(doc)).filter((i) => i.y < trim.y + trim.height - 36 * MM);
    await doc.destroy();
    // The grid as Chromium lays it: 11.6 pt rounded to 1/64 px.
    const grid = (Math.round((11.6 / PT) * 64) / 64) * PT;
    const body = items.filter((i) => Math.abs(i.size - 9) < 0.1 && i.str.trim());
    const text = body
      .map((i) => i.str)
      .join('')
      .replace(/\s+/g, '');
    expect(text).toContain('又一条分隔线之后的一段');
    expect(text).toContain('注释');
    expect(text).toContain('排在正文之后的注释里');
    const baselines = [...new Set(body.map((i) => Math.round(i.y * 100) / 100))].sort((a, b) => b - a);
    expect(baselines.length).toBeGreaterThan(10);
    // Chromium prints baselines at whole CSS pixels: a line is on the grid within one pixel (0.75 pt).
    const off = baselines.map((y) => (baselines[0] - y) / grid).filter((n) => Math.abs(n - Math.round(n)) * grid > PT + 0.01);
    expect(off).toEqual([]);
  });
});
