// Text in a colour the layout names (the kicker, in the paper's colour) on the press page
// (tests/press/fixtures/kicker). The preflight took any text with K at 50 % or more and some C, M
// or Y for rich black: a layout's burgundy (0/100/80/55) failed the preflight, and --final refused
// the page, though it printed exactly the CMYK the layout names. A named colour with full K under
// C, M and Y is rich black all the same, and is still reported.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-design-colours-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function build(layout: string) {
  const dir = path.join(out, layout);
  const cli = runCli([
    'build:pdf',
    path.join(ROOT, 'tests/press/fixtures/kicker'),
    '--layout',
    path.join(ROOT, `tests/press/fixtures/layouts/${layout}.yaml`),
    '--out',
    dir,
    '--no-preview',
  ]);
  const report: PreflightReport = JSON.parse(readFileSync(path.join(dir, 'kicker', 'page.preflight.json'), 'utf8'));
  return { cli, report };
}

describe('text in a colour the layout names', () => {
  it('a dark design colour (burgundy, 55 % K) prints in its CMYK and passes the preflight', { timeout: 300_000 }, () => {
    const { cli, report } = build('burgundy');
    expect(cli.code, cli.stderr).toBe(0);
    expect(report.text.colours.map((c) => c.cmyk)).toContainEqual([0, 100, 80, 55]);
    expect(report.text.richBlack).toBe(0);
    expect(report.problems.filter((p) => p.rule === 'press-rich-black')).toEqual([]);
    expect(cli.stdout).toMatch(/rich-black text 0; preflight passed/);
  });

  it('a design colour that is rich black (full K under C, M and Y) is still reported', { timeout: 300_000 }, () => {
    const { cli, report } = build('rich-red');
    expect(cli.code, cli.stderr).toBe(0);
    expect(report.text.richBlack).toBeGreaterThan(0);
    expect(report.problems.map((p) => p.rule)).toContain('press-rich-black');
  });
});
