// A figure and the unit typed after it with a space (tests/page/fixtures/unit-glue: “120 km/h”,
// “49 t”, “3.6 km”, “70 dB”, “500 m”, shifted a character a paragraph through the column). The space
// was a line break: lines ended on “车速 120”, “不超过 49” with “km/h，”, “t，” starting the next,
// a value cut from its unit. The typesetter now glues the figure to its unit (line-glue.ts,
// glueUnits). Read back from the PDF: no line starts with a unit, and every paragraph is printed.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/unit-glue');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-unit-glue-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a figure and its unit', () => {
  it('are never parted at a line end', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--layout', 'tabloid-5col', '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const { doc } = await openPdf(path.join(tmp, 'unit-glue', 'page.pdf'));
    const items = await textItems(doc);
    // lines: items on one baseline within one column (13 em and a 1 em gutter of 9 pt: 126 pt a column)
    const left = Math.min(...items.map((g) => g.x));
    const lines = new Map<string, typeof items>();
    for (const g of items) {
      const key = `${Math.floor((g.x - left + 9) / 126)}:${Math.round(g.y)}`;
      lines.set(key, [...(lines.get(key) ?? []), g]);
    }
    const texts = [...lines.values()].map((l) =>
      l
        .sort((a, b) => a.x - b.x)
        .map((g) => g.str)
        .join('')
        .trim(),
    );
    expect(texts.filter((t) => /^(km\/h|t|km|dB|m)(?![A-Za-z])/.test(t))).toEqual([]);
    const all = texts.join('').replace(/\s+/g, '');
    expect(all.match(/设置一处。/g)).toHaveLength(16);
    expect(all.match(/120km\/h/g)).toHaveLength(16);
  });
});
