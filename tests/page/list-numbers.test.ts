// Numbered lists that run over a column's foot (tests/page/fixtures/list-numbers: items 1–20, and
// a list written to start at 5). The part of a list that went on in the next column was a copy of
// the list, numbered from 1 again (1–6, 1–7, …), and an item cut in two showed its number twice.
// Read back from the PDF: every number once, in reading order, as the manuscript numbers them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/list-numbers');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-list-numbers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a numbered list over several columns', () => {
  it('goes on counting in each column, and shows the number of an item cut in two once', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--layout', 'tabloid-5col', '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const { doc } = await openPdf(path.join(tmp, 'list-numbers', 'page.pdf'));
    const markers = (await textItems(doc)).filter((g) => /^\d+\.$/.test(g.str.trim())).sort((a, b) => a.x - b.x);
    // columns: a marker more than 40 pt right of the one before starts the next column
    const columns: Array<typeof markers> = [];
    for (const m of markers) {
      const last = columns.at(-1);
      if (last && m.x - last[last.length - 1].x < 40) last.push(m);
      else columns.push([m]);
    }
    expect(columns.length).toBeGreaterThan(3);
    const inOrder = columns.flatMap((c) => c.sort((a, b) => b.y - a.y).map((m) => Number.parseInt(m.str, 10)));
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    expect(inOrder).toEqual([...range(1, 20), ...range(5, 19)]);
  });
});
