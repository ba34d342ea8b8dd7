// Black text overprints whatever is under it (overprint.test.ts), so on a shaded box in a colour
// the plates carry the tint's C, M and Y and the text's K together. The preflight judged each colour
// by itself: black text (100 %) on a tint of 0/60/100/0 (160 %) passed, though under the text the
// plates carry 260 %, over the 240 % of coldset newsprint, which a plant's preflight (it simulates
// overprint) rejects. Such a layout is now refused when it is loaded, at its colors.shade
// (tests/config/ink-limit.test.ts), so the strong tint's plan builds nothing. The preflight still reads
// the sum: on a light tint (0/30/60/0: 190 % under the text) the page passes; read back from page-1.pdf,
// the text overprints in mode 1 and the tint prints in its CMYK, and the same page preflighted for a
// limit of 180 % is refused where the text stands on the tint (tests/press/fixtures/tint-overprint).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PDFBool, PDFDict, PDFDocument, PDFName, type PDFNumber } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { type PreflightProblem, preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { separations } from './helpers/press.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-tint-overprint-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const N = (s: string) => PDFName.of(s);
const FIXTURES = path.join(ROOT, 'tests/press/fixtures/tint-overprint');

interface Verdict {
  passed: boolean;
  problems: PreflightProblem[];
}

function build(variant: 'strong' | 'light') {
  return runCli(['build:pdf', path.join(FIXTURES, `${variant}-plan.yaml`), '--out', out, '--no-preview']);
}

describe('black text on a shaded box in a colour', () => {
  it('on a strong tint: the layout is refused at its shade, before any page is built', { timeout: 300_000 }, () => {
    const cli = build('strong');
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(
      "strong.yaml:29:34: colors.shade.cmyk is [0, 60, 100, 0]: black text overprints a shaded box (box: shaded in an edition plan), so under the text the plates carry 260% total ink (its C, M and Y, 160%, and the text's 100% K), over the layout's ink limit of 240% (inkLimit); lower its C, M and Y to at most 140% together",
    );
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(out, 'strong-plan'))).toBe(false);
  });

  it('on a light tint stays within the limit and passes; the preflight reads the text and the tint together', {
    timeout: 300_000,
  }, async () => {
    const cli = build('light');
    expect(cli.code, cli.stderr).toBe(0);
    const dir = path.join(out, 'light-plan');
    const fit = JSON.parse(readFileSync(path.join(dir, 'edition.fit.json'), 'utf8'));
    // the page's preflight and edition.pdf's, as edition.fit.json gives them
    const page: Verdict = fit.pages[0].preflight;
    expect(page).toEqual({ passed: true, problems: [] });
    expect(fit.edition.preflight.passed).toBe(true);
    expect(cli.stdout).toMatch(/preflight passed on every page and on edition.pdf/);

    // the file: black text overprints in the nonzero mode, and the tint prints 0/30/60/0
    const pdf = readFileSync(path.join(dir, 'page-1.pdf'));
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
    expect([...plates.data.slice(i, i + 4)].map((v) => Math.round((v / 255) * 100))).toEqual([0, 30, 60, 0]);

    // the preflight for a 180 % limit: 90 % of tint and 100 % of K under the text is 190 %
    const settings = { ...pressSettings(loadLayoutFile(path.join(FIXTURES, 'light.yaml'))), inkLimit: 180 };
    const report = await preflight(doc, pdf, settings, [], 200);
    expect(report.ink.max).toBe(190);
    expect(report.ink.at?.what).toBe('overprint');
    const problem = report.problems.find((p) => p.rule === 'press-ink-limit');
    expect(problem?.error).toBe(true);
    expect(problem?.message).toMatch(/black text overprints a tint and prints there with 190% total ink .* over the limit of 180%/);
    // where: on the tint, inside the trim, in the story's text
    expect(problem?.where?.xMm).toBeGreaterThan(0);
    expect(problem?.where?.xMm).toBeLessThan(trim.width * (25.4 / 72));
    expect(problem?.where?.yMm).toBeGreaterThan(0);
    expect(problem?.where?.yMm).toBeLessThan(170);
  });
});
