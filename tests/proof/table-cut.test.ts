// A table in a quotation, cut between its rows from column to column with its header row printed
// again at the head of each piece (续表): tests/proof/fixtures/table-cut, 60 rows on tabloid-5col,
// each with a half-width comma (合作社,k). The header printed again is not the manuscript's text
// for the engine's line map nor for the proof's page: counted by one and not the other (the
// engine's index skipped only a header that is its block's own child, the proof's any), the
// offsets part (the build stopped: “IndexSizeError … setStart”), or a finding is marked lines away
// from its row. Each finding's highlight is read back from the PDF, on the line that prints its
// row's comma.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProofJson } from '../../src/proof/build-proof.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/proof/fixtures/table-cut');
let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a proof of a table cut from column to column inside a quotation', () => {
  it('marks each row’s finding on its row, in every piece of the table', async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'baoban-table-cut-'));
    const r = runCli(['build:proof', FIX, '--out', out, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(out, 'table-cut', 'proof.json'), 'utf8')) as ProofJson;
    const source = (await readFile(path.join(FIX, 'article.md'), 'utf8')).split('\n');
    const commas = json.findings.filter((f) => f.ruleId === 'half-width-punctuation');
    expect(commas).toHaveLength(60);
    expect(commas.every((f) => f.onPage)).toBe(true);
    // the table runs through the columns: findings in four of them
    expect(new Set(commas.map((f) => f.place?.column)).size).toBe(4);

    const doc = await getDocument({
      data: new Uint8Array(await readFile(path.join(out, 'table-cut', 'proof.pdf'))),
      isEvalSupported: false,
    }).promise;
    const page = await doc.getPage(1);
    const highlights = (await page.getAnnotations()).filter((a) => /^#\d+ /.test(a.contentsObj?.str ?? ''));
    const items = (await page.getTextContent()).items.flatMap((i) =>
      'str' in i && i.str.trim() ? [{ str: i.str, x: i.transform[4], y: i.transform[5] }] : [],
    );
    await doc.destroy();
    const misplaced: string[] = [];
    for (const f of commas) {
      const row = source[f.line! - 1].match(/第(\d+)号/)![1];
      const [left, bottom, right] = highlights.find((a) => a.contentsObj.str.startsWith(`#${f.n} `))!.rect as number[];
      // the comma printed on the highlight's line, in its column (13 em of 9 pt: 117 pt; the
      // margin's line numbers are items of their own)
      const printed = items
        .filter((g) => Math.abs(g.y - bottom) < 6 && g.x > left - 117 && g.x < right + 30 && g.str.includes('社，'))
        .map((g) => g.str);
      if (!printed.some((s) => new RegExp(`社，${row}(?!\\d)`).test(s)))
        misplaced.push(`第${row}号 (${f.place?.label}): ${printed.join(' ')}`);
    }
    expect(misplaced).toEqual([]);
  }, 180_000);
});
