// Font subsets in edition.pdf (tests/press/fixtures/edition-fonts): each page of an edition is
// printed on its own, and Chromium tags the font subsets of every file it prints AAAAAA+, BAAAAA+…
// Joined as they were, edition.pdf held two different subsets of the body face under one name
// (AAAAAA+… on page 1 and on page 2, other glyphs in each): the PDF standard asks a tag per subset,
// and a RIP that takes a font it has met by name prints page 2's text in page 1's glyphs. The join
// gives each subset its own tag, and the preflight reports a file that has two under one name.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import type { PreflightReport } from '../../src/press/preflight.js';
import { type PressedPage, preflightJoined } from '../../src/press/stage.js';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-edition-fonts-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const PLAN = path.join(ROOT, 'tests/press/fixtures/edition-fonts/plan.yaml');
const LAYOUT = path.join(ROOT, 'tests/page/fixtures/layouts/edition-2col.yaml');
const dir = path.join(out, 'plan');
let r: ReturnType<typeof runCli>;
beforeAll(() => {
  r = runCli(['build:pdf', PLAN, '--out', out, '--no-preview']);
}, 300_000);

const N = (s: string) => PDFName.of(s);

/** Each font a file's pages use: its name as written and a hash of its embedded program. */
async function fontsOf(bytes: Uint8Array): Promise<Array<{ page: number; name: string; program: string }>> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const found: Array<{ page: number; name: string; program: string }> = [];
  doc.getPages().forEach((p, i) => {
    const fonts = p.node.Resources()?.lookupMaybe(N('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref) as PDFDict;
      const cid = doc.context.lookup(font.lookup(N('DescendantFonts'), PDFArray).get(0)) as PDFDict;
      const descriptor = cid.lookup(N('FontDescriptor'), PDFDict);
      const program = descriptor.lookup(N('FontFile2')) as PDFRawStream;
      // the Type0 font, its CIDFont and its descriptor name the subset alike
      expect(String(cid.get(N('BaseFont')))).toBe(String(font.get(N('BaseFont'))));
      expect(String(descriptor.get(N('FontName')))).toBe(String(font.get(N('BaseFont'))));
      found.push({
        page: i + 1,
        name: String(font.get(N('BaseFont'))),
        program: createHash('sha1').update(program.contents).digest('hex'),
      });
    }
  });
  return found;
}

/** Names given to more than one font program. */
function sharedNames(fonts: Array<{ name: string; program: string }>): string[] {
  const programs = new Map<string, Set<string>>();
  for (const f of fonts) programs.set(f.name, (programs.get(f.name) ?? new Set()).add(f.program));
  return [...programs].filter(([, p]) => p.size > 1).map(([n]) => n);
}

describe("an edition's pages printed one by one, joined into edition.pdf", () => {
  it('each page as printed tags its subsets from AAAAAA: the same names, other glyphs', async () => {
    expect(r.code, r.stderr).toBe(0);
    const pages = await Promise.all([1, 2].map(async (n) => fontsOf(new Uint8Array(readFileSync(path.join(dir, `page-${n}.pdf`))))));
    const both = pages.flat();
    expect(sharedNames(both).length).toBeGreaterThan(0);
    expect(sharedNames(both).every((n) => /^\/[A-Z]{6}\+NotoS(ans|erif)SC-/.test(n))).toBe(true);
  });

  it('gives every subset in edition.pdf a name of its own, and its preflight passes', async () => {
    const fonts = await fontsOf(new Uint8Array(readFileSync(path.join(dir, 'edition.pdf'))));
    expect(new Set(fonts.map((f) => f.page))).toEqual(new Set([1, 2]));
    expect(sharedNames(fonts)).toEqual([]);
    // page 1's fonts keep the names Chromium gave them
    const page1 = await fontsOf(new Uint8Array(readFileSync(path.join(dir, 'page-1.pdf'))));
    expect(fonts.filter((f) => f.page === 1).map((f) => f.name)).toEqual(page1.map((f) => f.name));
    const fit = JSON.parse(readFileSync(path.join(dir, 'edition.fit.json'), 'utf8'));
    expect(fit.edition.preflight.problems).toEqual([]);
  });

  it('a file that joins the pages without renaming their subsets fails the preflight (press-font-subset)', async () => {
    const joined = await PDFDocument.create();
    for (const n of [1, 2]) {
      const page = await PDFDocument.load(new Uint8Array(readFileSync(path.join(dir, `page-${n}.pdf`))), { updateMetadata: false });
      for (const p of await joined.copyPages(page, page.getPageIndices())) joined.addPage(p);
    }
    const pressed = (): PressedPage => ({
      pdf: new Uint8Array(),
      preflight: { problems: [] } as unknown as PreflightReport,
      unnamedColours: new Map(),
      placed: [],
    });
    const { report } = await preflightJoined(await joined.save(), loadLayoutFile(LAYOUT), [pressed(), pressed()]);
    const subset = report.problems.filter((p) => p.rule === 'press-font-subset');
    expect(subset.length).toBeGreaterThan(0);
    expect(subset[0].error).toBe(true);
    expect(subset[0].message).toMatch(/^2 different subsets of a font share the name [A-Z]{6}\+NotoS(ans|erif)SC-/);
  });
});
