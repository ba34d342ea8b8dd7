// The press summary of an edition whose preflight fails on one page of two
// (tests/press/fixtures/edition-summary: page 1's Arabic, which no face can join, prints as .notdef boxes). It said
// "preflight FAILED (1 error(s)) on every page"; it names how many pages failed, of how many.
// edition.pdf, the file a printing plant receives, was not preflighted at all (only its pages
// were): it is now parsed back and preflighted as a whole, its verdict in edition.fit.json and the
// summary, and a fault of the join itself (one no page has) is its own finding. A content stream
// of edition.pdf that is byte for byte one of a page preflighted before (with what it draws with)
// is taken as that page's preflight read it; one the join changed is read again.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFName, type PDFRawStream, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { preflight, preflightMemo, type PreflightReport } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { decoded, latin1 } from '../../src/press/pdf-objects.js';
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
  edition: {
    file: string;
    preflight: { passed: boolean; problems: PreflightReport['problems']; contentStreams: { read: number; sameAsPages: number } };
  };
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
    // every content stream of the join is one of its pages', byte for byte: none was read twice
    expect(f.edition.preflight.contentStreams.read).toBe(0);
    expect(f.edition.preflight.contentStreams.sameAsPages).toBeGreaterThanOrEqual(2);
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

  /** PDF/X-1a bytes of a document as this test changed it */
  const saved = async (doc: PDFDocument) => {
    const bytes = await doc.save({ useObjectStreams: false });
    bytes.set(Buffer.from('%PDF-1.3'), 0);
    return bytes;
  };
  /**
   * Page 1 (as written, or as `prepare` changed it) preflighted as the press stage does, its
   * readings in a memo, and edition.pdf's preflight of a copy that `change` changed, with that memo
   * and without one.
   */
  const changedCopy = async (change: (doc: PDFDocument) => void, prepare?: (doc: PDFDocument) => void) => {
    const layout = loadLayoutFile(path.join(ROOT, 'tests/page/fixtures/layouts/edition-2col.yaml'));
    let bytes: Uint8Array = readFileSync(path.join(dir, 'page-1.pdf'));
    if (prepare) {
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      prepare(doc);
      bytes = await saved(doc);
    }
    const memo = preflightMemo();
    const own = await preflight(await PDFDocument.load(bytes, { updateMetadata: false }), bytes, pressSettings(layout), [], 200, [], memo);
    const copy = await PDFDocument.load(bytes, { updateMetadata: false });
    change(copy);
    const changed = await saved(copy);
    const page = { pdf: new Uint8Array(), preflight: own, unnamedColours: new Map(), placed: [] };
    return { joined: await preflightJoined(changed, layout, [page], memo), fresh: await preflightJoined(changed, layout, [page]), own };
  };
  /** the page's first content stream, with `more` drawn at its end */
  const drawMore = (doc: PDFDocument, more: string) => {
    const c = doc.getPages()[0].node.get(PDFName.of('Contents'));
    const ref = (c instanceof PDFArray ? c.get(0) : c) as PDFRef;
    const stream = doc.context.lookup(ref) as PDFRawStream;
    doc.context.assign(ref, doc.context.flateStream(`${latin1(decoded(stream))}\n${more}\n`));
  };
  const namedSpace = (doc: PDFDocument, space: string) =>
    doc
      .getPages()[0]
      .node.Resources()!
      .set(PDFName.of('ColorSpace'), doc.context.obj({ CS0: PDFName.of(space) }));

  it('takes a page stream the join kept as the page read it, and reads again one the join changed (an RGB fill added)', async () => {
    const same = await changedCopy(() => undefined);
    expect(same.joined.contentStreams).toEqual({ read: 0, sameAsPages: same.fresh.contentStreams.read });
    expect(JSON.stringify(same.joined.report)).toBe(JSON.stringify(same.fresh.report));
    const { joined, fresh, own } = await changedCopy((doc) => drawMore(doc, 'q 1 0 0 rg 0 0 10 10 re f Q'));
    expect(own.problems.map((p) => p.rule)).not.toContain('press-colour-space');
    expect(joined.contentStreams.read).toBe(1);
    expect(joined.added).toEqual([
      expect.objectContaining({ rule: 'press-colour-space', message: expect.stringMatching(/^DeviceRGB is used/) }),
    ]);
    // the same report as a preflight that reads every stream
    expect(JSON.stringify(joined.report)).toBe(JSON.stringify(fresh.report));
  });

  it('reads again a page stream of the same bytes whose resources changed (the colour space it names)', async () => {
    const { joined, fresh, own } = await changedCopy(
      (doc) => namedSpace(doc, 'DeviceRGB'),
      (doc) => {
        drawMore(doc, 'q /CS0 cs 0.5 sc 0 0 10 10 re f Q');
        namedSpace(doc, 'DeviceGray');
      },
    );
    expect(own.colourSpaces).not.toHaveProperty('DeviceRGB');
    expect(joined.contentStreams.read).toBe(1);
    expect(joined.added).toEqual([
      expect.objectContaining({ rule: 'press-colour-space', message: expect.stringMatching(/^DeviceRGB is used/) }),
    ]);
    expect(JSON.stringify(joined.report)).toBe(JSON.stringify(fresh.report));
  });
});
