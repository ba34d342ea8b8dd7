// A layout's design colours and its ink limit (tests/fixtures/config/ink-limit). Black text
// overprints a shaded box, so under the text the plates carry the shade's C, M and Y and the text's
// 100 % K: a shade of 0/60/100/0 (160 %) was loaded without a word and every page with a shaded box
// failed its preflight (260 %, over 240 %), told at the page, not at the layout's line. Such a shade,
// and a colour over the limit by itself (the 报眉 rule's red), are refused when the layout is loaded:
// exit 2, nothing written, each at its file:line:col with the total, the limit and what to lower. A
// layout at exactly the limit loads, and its page passes the preflight with 240 % of ink where the
// text stands on the shade.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLayoutFile, UNDER_BLACK_TEXT } from '../../src/config/layout.js';
import { preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT, runCli } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'tests/fixtures/config/ink-limit');
const rel = (name: string) => path.relative(ROOT, path.join(DIR, name));
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-ink-limit-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** build:pdf of a small manuscript on the layout, as a layout editor tries one. */
const build = (layout: string) =>
  runCli([
    'build:pdf',
    path.join(ROOT, 'tests/press/fixtures/rule'),
    '--layout',
    path.join(DIR, `${layout}.yaml`),
    '--out',
    path.join(out, layout),
    '--no-preview',
  ]);

describe("a layout's colours and its ink limit", () => {
  it('a shade over the limit less 100 % is refused at colors.shade: with the text over it, the total, the limit and the highest C + M + Y', () => {
    const cli = build('shade-over');
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd()).toBe(
      `error: ${rel('shade-over.yaml')}:32:34: colors.shade.cmyk is [0, 60, 100, 0]: black text overprints a shaded box (box: shaded in an edition plan), so under the text the plates carry 260% total ink (its C, M and Y, 160%, and the text's 100% K), over the layout's ink limit of 240% (inkLimit); lower its C, M and Y to at most 140% together (its own K does not count: the text's covers it)`,
    );
    expect(existsSync(path.join(out, 'shade-over'))).toBe(false);
  });

  it('a rule colour over the limit is refused at colors.red, with its total, the limit and how much to take out', () => {
    const cli = build('rule-over');
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd()).toBe(
      `error: ${rel('rule-over.yaml')}:30:32: colors.red.cmyk is [30, 100, 100, 20]: 250% total ink, over the layout's ink limit of 240% (inkLimit); lower C, M or Y by 10% in all`,
    );
    expect(existsSync(path.join(out, 'rule-over'))).toBe(false);
  });

  it('every problem at once, each at its place', () => {
    const cli = runCli(['check', '--config-only', path.join(DIR, 'shade-over.yaml'), path.join(DIR, 'rule-over.yaml')]);
    expect(cli.code).toBe(2);
    expect(
      cli.stderr
        .trimEnd()
        .split('\n')
        .map((l) => l.split(': colors.')[0]),
    ).toEqual(['error: 2 problems in the configuration:', `${rel('shade-over.yaml')}:32:34`, `${rel('rule-over.yaml')}:30:32`]);
  });

  it('at exactly the limit the layout loads (a red of 240 %, a shade of 140 % C + M + Y), and its page passes the preflight with 240 % where the text stands on the shade', {
    timeout: 300_000,
  }, async () => {
    const cli = runCli(['build:pdf', path.join(DIR, 'at-limit-plan.yaml'), '--out', out, '--no-preview']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/preflight passed on every page and on edition.pdf/);
    const pdf = readFileSync(path.join(out, 'at-limit-plan', 'page-1.pdf'));
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const report = await preflight(doc, pdf, pressSettings(loadLayoutFile(path.join(DIR, 'at-limit.yaml'))), [], 200);
    expect(report.problems).toEqual([]);
    expect(report.ink).toMatchObject({ limit: 240, max: 240, at: { what: 'overprint' } });
  });

  it('the shipped layouts load', () => {
    const layouts = path.join(ROOT, 'templates/newspaper/layouts');
    const cli = runCli(['check', '--config-only', ...readdirSync(layouts).map((f) => path.join(layouts, f))]);
    expect(cli.code, cli.stderr).toBe(0);
  });

  it('the colours checked under black text are the ones page.css draws as a background', () => {
    const css = readFileSync(path.join(ROOT, 'templates/newspaper/page.css'), 'utf8');
    const backgrounds = [...css.matchAll(/background(?:-color)?\s*:[^;}]*var\(--color-([a-z0-9-]+)/g)].map((m) => m[1]);
    expect(backgrounds.length).toBeGreaterThan(0);
    expect([...new Set(backgrounds)].sort()).toEqual(Object.keys(UNDER_BLACK_TEXT).sort());
  });
});
