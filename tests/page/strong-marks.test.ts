// ？ and ！ doubled for strong feeling (？？ ！！ ？！), which GB/T 15834 allows and the desk passes,
// printed in one and a half em: Chromium trims the first mark and leaves the second its whole em, a
// gap after the marks. clreq sets two of them in one em, each half-width; the typesetter now sets the
// run as one span.halt (src/typeset/cjk-compress.ts). Measured in the printed PDF
// (tests/page/fixtures/strong-marks): the marks' advance on each one-line paragraph, from where the
// line starts and ends less the Han characters and the full stop around them; a single ？ is the
// control (one em, as always).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/strong-marks');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-strong-marks-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('prints ？ and ！ doubled in one em, three in one and a half, a single ？ in one', { timeout: 300_000 }, async () => {
  const r = runCli(['build:pdf', FIX, '--out', out, '--no-preview']);
  expect(r.code, r.stderr).toBe(0);
  const { doc } = await openPdf(path.join(out, 'strong-marks', 'page.pdf'));
  const items = (await textItems(doc)).filter((i) => i.str.trim() && Math.abs(i.size - 9) < 0.05);
  await doc.destroy();
  // each body line with the marks: its items on one baseline, left to right
  const rows = new Map<string, typeof items>();
  for (const i of items) rows.set(i.y.toFixed(1), [...(rows.get(i.y.toFixed(1)) ?? []), i]);
  const measured = [...rows.values()]
    .filter((row) => row.some((i) => /[？！]/.test(i.str)))
    .sort((a, b) => b[0].y - a[0].y)
    .map((row) => {
      row.sort((a, b) => a.x - b.x);
      const text = row.map((i) => i.str).join('');
      const marks = text.replace(/[^？！]/g, '');
      // the last item ends in the paragraph's 。 and is set at full width: its width is its advance
      const last = row[row.length - 1];
      const advance = last.x + last.width - row[0].x - (text.length - marks.length) * 9;
      return `${text} ${marks} ${(advance / 9).toFixed(2)} em`;
    });
  expect(measured).toEqual([
    '真的吗？好的。 ？ 1.00 em',
    '真的吗？？好的。 ？？ 1.00 em',
    '太好了！！好的。 ！！ 1.00 em',
    '这也叫协商？！好的。 ？！ 1.00 em',
    '难道还要等？？？好的。 ？？？ 1.50 em',
  ]);
});
