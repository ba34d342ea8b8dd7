// Overset text is not on the page: the proof lists the overset finding on its findings sheet and
// prints the text that did not fit there in full (a small two-column test page whose copy is
// 7 lines too long: the last line of paragraph 7, and paragraphs 8 and 9).
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';
import { openPdf, textItems } from '../page/helpers/pdf.js';
import type { ProofJson } from '../../src/proof/build-proof.js';

const FIX = path.join(ROOT, 'tests/page/fixtures');
let out: string;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the proof of overset copy', () => {
  it('lists the overset finding on the sheet and prints the text that did not fit in full', async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'baoban-overset-'));
    const r = runCli([
      'build:proof',
      path.join(FIX, 'overflow'),
      '--layout',
      path.join(FIX, 'layouts/two-columns.yaml'),
      '--out',
      out,
      '--no-preview',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/OVERSET: 87 characters are not on the page/);
    const json: ProofJson = JSON.parse(await readFile(path.join(out, 'overflow/proof.json'), 'utf8'));
    const overset = json.findings.find((f) => f.ruleId === 'page-overset')!;
    expect(overset.onPage).toBe(false);
    expect(json.counts.oversetChars).toBe(87);
    const paragraphs = (await readFile(path.join(FIX, 'overflow/article.md'), 'utf8'))
      .split('\n')
      .filter((l) => /^\p{Script=Han}{36}。$/u.test(l));
    const { doc } = await openPdf(path.join(out, 'overflow/proof.pdf'));
    let sheet = '';
    for (let p = 2; p <= doc.numPages; p++) sheet += (await textItems(doc, p)).map((i) => i.str).join('');
    sheet = sheet.replace(/\s+/g, '');
    expect(sheet).toContain('未排入版面的文字Oversettext');
    // paragraph 7 from its 25th character (11 + 13 printed), then paragraphs 8 and 9 whole
    expect(sheet).toContain(paragraphs[6].slice(24) + paragraphs[7] + paragraphs[8]);
    expect(sheet).toContain(`${overset.n}warningpage-overset`);
    await doc.destroy();
  });
});
