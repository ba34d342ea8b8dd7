// Emphasis on the page (tests/page/fixtures/emphasis). Chinese faces have no italic and the page
// makes no synthetic one, so *…* printed as plain body text: the author's emphasis was lost unsaid.
// It prints in the heading face (黑体, Noto Sans SC Medium); **…** stays the body face's bold.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/emphasis');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-emphasis-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('emphasis', () => {
  it('prints in the heading face, strong in the body face’s bold, the rest in the body face', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', FIX, '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/press-font-fallback|press-font-notdef|page-font-coverage/);
    const doc = await getDocument({ data: new Uint8Array(readFileSync(path.join(tmp, 'emphasis', 'page.pdf'))), isEvalSupported: false })
      .promise;
    const page = await doc.getPage(1);
    await page.getOperatorList(); // loads the fonts, so that their names can be read
    const faceOf = new Map<string, Set<string>>();
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue;
      // the PDF's font name without its subset tag: NotoSansSC-Medium
      const name = String(page.commonObjs.get(item.fontName)?.name ?? '').replace(/^[A-Z]{6}\+/, '');
      for (const ch of item.str.replace(/\s+/g, '')) faceOf.set(ch, (faceOf.get(ch) ?? new Set()).add(name));
    }
    await doc.destroy();
    const face = (text: string) => [...new Set([...text].flatMap((ch) => [...(faceOf.get(ch) ?? [])]))].sort();
    expect(face('要印得与众不同')).toEqual(['NotoSansSC-Medium']);
    expect(face('加粗用体')).toEqual(['NotoSerifSC-Bold']);
    expect(face('其余是普通')).toEqual(['NotoSerifSC-Regular']);
  });
});
