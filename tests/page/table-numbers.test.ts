// A table of figures in one text column (tests/page/fixtures/table-numbers): its cells broke numbers
// anywhere, “+12.3” with “%” alone on the next line, “9,80” and “0”, “202” and “3年”, and nothing
// said so. The cells' overflow-wrap: anywhere (the article's, for long addresses) let the table
// take each cell as narrow as one character; cells now break a word only where it would not fit
// (break-word), so each figure stays whole, and a long address in a cell still breaks inside it
// without the table growing past the column.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/table-numbers');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-table-numbers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a table of figures in a narrow column', () => {
  it('prints every figure whole on one line, and the long address inside the column', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--layout', 'tabloid-5col', '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/page-block-too-wide/);
    const { doc } = await openPdf(path.join(tmp, 'table-numbers', 'page.pdf'));
    const rows = new Map<number, string[]>();
    for (const g of await textItems(doc)) {
      const y = Math.round(g.y);
      rows.set(y, [...(rows.get(y) ?? []), g.str]);
    }
    const lines = [...rows.values()].map((r) => r.join(''));
    for (const figure of ['8.57', '+12.3%', '2.31', '+9.8%', '9,800', '+49.5%', '2023', '-3.5%'])
      expect(
        lines.some((l) => l.includes(figure)),
        `${figure} in ${JSON.stringify(lines)}`,
      ).toBe(true);
    // the address is broken inside its cell: all of it is printed, over several lines
    const all = lines.join('');
    expect(all).toContain('20240119_2444444');
    expect(lines.filter((l) => /nmg|zfxxgk|tjxx/.test(l)).length).toBeGreaterThan(1);
  });
});
