// Black text overprints whatever is under it (overprint.test.ts), so on a shaded box in a colour
// the plates carry the tint's C, M and Y and the text's K together. The preflight judged each colour
// by itself: black text (100 %) on a tint of 0/60/100/0 (160 %) passed, though under the text the
// plates carry 260 %, over the 240 % of coldset newsprint, which a plant's preflight (it simulates
// overprint) rejects. Read back from page-1.pdf: the text overprints in mode 1, the tint prints in
// its CMYK on the plates; the preflight reports the sum where the text stands on the tint, and a
// light tint (0/30/60/0: 190 % under the text) passes (tests/press/fixtures/tint-overprint).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PDFBool, PDFDict, PDFDocument, PDFName, type PDFNumber } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { PreflightProblem } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { separations } from './helpers/press.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-tint-overprint-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const N = (s: string) => PDFName.of(s);

interface Verdict {
  passed: boolean;
  problems: PreflightProblem[];
}

function build(variant: 'strong' | 'light') {
  const cli = runCli([
    'build:pdf',
    path.join(ROOT, `tests/press/fixtures/tint-overprint/${variant}-plan.yaml`),
    '--out',
    out,
    '--no-preview',
  ]);
  const dir = path.join(out, `${variant}-plan`);
  const fit = JSON.parse(readFileSync(path.join(dir, 'edition.fit.json'), 'utf8'));
  // the page's preflight and edition.pdf's, as edition.fit.json gives them
  const page: Verdict = fit.pages[0].preflight;
  const edition: Verdict = fit.edition.preflight;
  return { cli, page, edition, pdf: readFileSync(path.join(dir, 'page-1.pdf')) };
}

describe('black text on a shaded box in a colour', () => {
  it('on a strong tint is over the ink limit where it overprints the tint, and the preflight says so', { timeout: 300_000 }, async () => {
    const { cli, page, edition, pdf } = build('strong');
    expect(cli.code, cli.stderr).toBe(0);

    // the file: black text overprints in the nonzero mode, and the tint prints 0/60/100/0
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const states = doc.getPage(0).node.Resources()?.lookupMaybe(N('ExtGState'), PDFDict);
    const overprinting = (states?.entries() ?? [])
      .map(([, ref]) => doc.context.lookup(ref))
      .filter((s): s is PDFDict => s instanceof PDFDict)
      .filter((s) => (s.get(N('op')) as PDFBool | undefined)?.asBoolean() && (s.get(N('OPM')) as PDFNumber | undefined)?.asNumber() === 1);
    expect(overprinting.length).toBe(1);
    const trim = doc.getPage(0).getTrimBox();
    const plates = separations(pdf, 100);
    // 150 mm down the page, in the first column, below the text (its lines stay empty): the tint alone
    const [x, y] = plates.toPixel(trim.x + trim.width / 4, trim.y + trim.height - (150 * 72) / 25.4);
    const i = (y * plates.width + x) * 4;
    expect([...plates.data.slice(i, i + 4)].map((v) => Math.round((v / 255) * 100))).toEqual([0, 60, 100, 0]);

    // the preflight: 160 % of tint and 100 % of K under the text
    expect(page.passed).toBe(false);
    const problem = page.problems.find((p) => p.rule === 'press-ink-limit');
    expect(problem?.error).toBe(true);
    expect(problem?.message).toMatch(/black text overprints a tint and prints there with 260% total ink .* over the limit of 240%/);
    expect(edition.problems.map((p) => p.message)).toContain(problem?.message);
    // where: on the tint, inside the trim, in the story's text
    expect(problem?.where?.xMm).toBeGreaterThan(0);
    expect(problem?.where?.xMm).toBeLessThan(trim.width * (25.4 / 72));
    expect(problem?.where?.yMm).toBeGreaterThan(0);
    expect(problem?.where?.yMm).toBeLessThan(170);
    expect(cli.stdout).toMatch(/preflight FAILED on 1 of 1 page/);
  });

  it('on a light tint stays within the limit and passes', { timeout: 300_000 }, () => {
    const { cli, page, edition } = build('light');
    expect(cli.code, cli.stderr).toBe(0);
    expect(page).toEqual({ passed: true, problems: [] });
    expect(edition.passed).toBe(true);
    expect(cli.stdout).toMatch(/preflight passed on every page and on edition.pdf/);
  });
});
