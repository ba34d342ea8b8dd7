// Text in a colour the layout names (the kicker, in the paper's colour) on the press page
// (tests/press/fixtures/kicker). The preflight took any text with K at 50 % or more and some C, M
// or Y for rich black: a layout's burgundy (0/100/80/55) failed the preflight, and --final refused
// the page, though it printed exactly the CMYK the layout names. A named colour with full K under
// C, M and Y is rich black all the same, and is still reported. So is a rule in it: the preflight
// read only text for rich black, and a page whose one rich black was its 报眉 rule (no kicker, the
// rule fixture) passed, though a hairline in four inks misregisters on the press as text does.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { separations } from './helpers/press.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-design-colours-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function build(layout: string, fixture = 'kicker') {
  const dir = path.join(out, `${fixture}-${layout}`);
  const cli = runCli([
    'build:pdf',
    path.join(ROOT, 'tests/press/fixtures', fixture),
    '--layout',
    path.join(ROOT, `tests/press/fixtures/layouts/${layout}.yaml`),
    '--out',
    dir,
    '--no-preview',
  ]);
  const report: PreflightReport = JSON.parse(readFileSync(path.join(dir, fixture, 'page.preflight.json'), 'utf8'));
  return { cli, report, pdf: path.join(dir, fixture, 'page.pdf') };
}

describe('text in a colour the layout names', () => {
  it('a dark design colour (burgundy, 55 % K) prints in its CMYK and passes the preflight', { timeout: 300_000 }, () => {
    const { cli, report } = build('burgundy');
    expect(cli.code, cli.stderr).toBe(0);
    expect(report.text.colours.map((c) => c.cmyk)).toContainEqual([0, 100, 80, 55]);
    expect(report.text.richBlack).toBe(0);
    expect(report.problems.filter((p) => p.rule === 'press-rich-black')).toEqual([]);
    expect(cli.stdout).toMatch(/rich black: text 0, rules 0; preflight passed/);
  });

  it('a design colour that is rich black (full K under C, M and Y) is still reported', { timeout: 300_000 }, () => {
    const { cli, report } = build('rich-red');
    expect(cli.code, cli.stderr).toBe(0);
    expect(report.text.richBlack).toBeGreaterThan(0);
    expect(report.problems.map((p) => p.rule)).toContain('press-rich-black');
  });

  it('a rule in a design colour that is rich black is reported where it prints, with no text in that colour', {
    timeout: 300_000,
  }, async () => {
    const { cli, report, pdf } = build('rich-red', 'rule');
    expect(cli.code, cli.stderr).toBe(0);
    expect(report.text.richBlack).toBe(0);
    expect(report.rules.richBlack).toBeGreaterThan(0);
    const problem = report.problems.find((p) => p.rule === 'press-rich-black');
    expect(problem?.message).toMatch(/rule\(s\) or box\(es\) drawn in rich black/);
    // the summary counts it, not only the error
    expect(cli.stdout).toMatch(/rich black: text 0, rules [1-9]\d*; preflight FAILED/);
    // on the plates, the place named prints K with C, M and Y: the rule under the 报眉
    const bytes = readFileSync(pdf);
    const top = trimTop(await PDFDocument.load(bytes));
    const s = separations(bytes, 300);
    const at = problem!.where!;
    const [x, y] = s.toPixel((at.xMm * 72) / 25.4, top - (at.yMm * 72) / 25.4);
    const i = (y * s.width + x) * 4;
    const [c, m, yy, k] = [...s.data.slice(i, i + 4)];
    expect(k).toBeGreaterThan(250);
    expect(Math.min(c, m, yy)).toBeGreaterThan(60);
  });

  it('the same rule in a dark design colour (burgundy, 55 % K) passes', { timeout: 300_000 }, () => {
    const { cli, report } = build('burgundy', 'rule');
    expect(cli.code, cli.stderr).toBe(0);
    expect(report.rules.richBlack).toBe(0);
    expect(report.problems.filter((p) => p.rule === 'press-rich-black')).toEqual([]);
  });
});

/** the top of the page's trim, in PDF points (places are measured from it) */
function trimTop(doc: PDFDocument): number {
  const t = doc.getPage(0).getTrimBox();
  return t.y + t.height;
}
