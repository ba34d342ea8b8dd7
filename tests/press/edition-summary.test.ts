// The press summary of an edition whose preflight fails on one page of two
// (tests/press/fixtures/edition-summary: page 1's Arabic, which no face can join, prints as .notdef boxes). It said
// "preflight FAILED (1 error(s)) on every page"; it names how many pages failed, of how many.
// edition.pdf, the file a printing plant receives, was not preflighted at all (only its pages
// were): it is now parsed back and preflighted as a whole, its verdict in edition.fit.json and the
// summary, and a fault of the join itself (one no page has) is its own finding.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import type { PreflightReport } from '../../src/press/preflight.js';
import { type PressedPage, preflightJoined } from '../../src/press/stage.js';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-edition-summary-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const PLAN = path.join(ROOT, 'tests/press/fixtures/edition-summary/plan.yaml');
const dir = path.join(out, 'plan');
let r: ReturnType<typeof runCli>;
beforeAll(() => {
  r = runCli(['build:pdf', PLAN, '--out', out, '--no-preview']);
}, 300_000);

interface Fit {
  pages: Array<{ preflight: { passed: boolean; problems: PreflightReport['problems'] } }>;
  edition: { file: string; preflight: { passed: boolean; problems: PreflightReport['problems'] } };
}
const readFit = (): Fit => JSON.parse(readFileSync(path.join(dir, 'edition.fit.json'), 'utf8'));

describe('an edition whose press preflight fails on one page', () => {
  it('says on how many pages of how many, and how many errors, and that edition.pdf has them', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/press: preflight FAILED on 1 of 2 pages \(1 error\); edition.pdf has its pages’ errors\n/);
    expect(r.stdout + r.stderr).toMatch(/error\s+Press: 7 characters print as an empty box \(the font.s .notdef glyph\)/);
    // said once, for the page: edition.pdf's preflight found it again, and nothing of its own
    expect((r.stdout + r.stderr).match(/Press: 7 characters print as an empty box/g)).toHaveLength(1);
    expect(r.stdout + r.stderr).not.toContain('Press, edition.pdf');
  });

  it('preflights edition.pdf itself: its verdict in edition.fit.json, the pages’ problems found again in it', () => {
    const f = readFit();
    expect(f.edition.file).toBe('edition.pdf');
    expect(f.edition.preflight.passed).toBe(false);
    const words = (ps: PreflightReport['problems']) => ps.map((p) => `${p.rule} ${p.message}`).sort();
    expect(words(f.edition.preflight.problems)).toEqual(words(f.pages.flatMap((p) => p.preflight.problems)));
    expect(words(f.edition.preflight.problems)).toEqual([expect.stringMatching(/^press-font-notdef 7 characters print as an empty box/)]);
  });
});

describe('edition.pdf preflighted as written (preflightJoined)', () => {
  /** page 2 as the press stage left it: its preflight (it passed) and no photo */
  const page2 = (): PressedPage => ({
    pdf: new Uint8Array(),
    preflight: { problems: [] } as unknown as PreflightReport,
    unnamedColours: new Map(),
    placed: [],
  });

  it('passes the pages as they were joined', async () => {
    const bytes = readFileSync(path.join(dir, 'page-2.pdf'));
    const joined = await preflightJoined(bytes, loadLayoutFile(path.join(ROOT, 'tests/page/fixtures/layouts/edition-2col.yaml')), [
      page2(),
    ]);
    expect(joined.report.problems).toEqual([]);
    expect(joined.added).toEqual([]);
  });

  it('finds a fault of the joined file that no page has (its output intent lost): a press error of its own', async () => {
    const doc = await PDFDocument.load(readFileSync(path.join(dir, 'page-2.pdf')), { updateMetadata: false });
    doc.catalog.delete(PDFName.of('OutputIntents'));
    const bytes = await doc.save({ useObjectStreams: false });
    bytes.set(Buffer.from('%PDF-1.3'), 0);
    const joined = await preflightJoined(bytes, loadLayoutFile(path.join(ROOT, 'tests/page/fixtures/layouts/edition-2col.yaml')), [
      page2(),
    ]);
    expect(joined.added).toEqual([expect.objectContaining({ rule: 'press-output-intent', error: true })]);
  });
});
