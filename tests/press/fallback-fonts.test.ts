// Text the browser printed in a font of the machine's own (src/press/fallback-fonts.ts). The
// project's faces claim Arabic letters in their unicode-range, so the check lets them pass, but
// Chromium cannot join them in those faces and sets them in a system font (DejaVu Sans here): a face
// that differs between machines, which the press names, with what it printed, at the manuscript's
// line and column. Letters with combining marks the faces do place (Zoë, Niño) are not reported.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fallbackFonts, toUnicode } from '../../src/press/fallback-fonts.js';
import type { PreflightReport } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/press/fixtures/fallback-font');
const OURS = ['Noto Serif SC', 'Noto Sans SC'];

describe('fonts that are not the project’s', () => {
  it('reads what a font printed from its ToUnicode map: single codes and ranges, in UTF-16', async () => {
    const doc = await PDFDocument.create();
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '2 beginbfchar <0003> <0627> <0004> <D83DDE00> endbfchar',
      '2 beginbfrange <0010> <0012> <FE91> <0020> <0021> [<006E0308> <00E9>] endbfrange',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    const stream = doc.context.flateStream(cmap);
    expect(toUnicode(stream)).toEqual(['ا', '😀', 'ﺑ', 'ﺒ', 'ﺓ', 'n̈', 'é']);
  });

  it('names a font none of the project’s families has, and leaves theirs alone', async () => {
    const doc = await PDFDocument.create();
    const font = (name: string, text?: string) =>
      doc.context.obj({
        Type: 'Font',
        BaseFont: name,
        ...(text ? { ToUnicode: doc.context.register(doc.context.flateStream(`1 beginbfchar <0001> <${text}> endbfchar`)) } : {}),
      });
    const found = fallbackFonts(
      [
        { name: 'AAAAAA+NotoSerifSCExtraLight-Regular', dict: font('AAAAAA+NotoSerifSCExtraLight-Regular', '4E2D') },
        { name: 'BAAAAA+NotoSansSCThin-Bold', dict: font('BAAAAA+NotoSansSCThin-Bold') },
        { name: 'CAAAAA+DejaVuSans', dict: font('CAAAAA+DejaVuSans', '0631') },
      ],
      OURS,
    );
    expect(found).toEqual([{ name: 'DejaVuSans', text: 'ر' }]);
    expect(font('x').get(PDFName.of('ToUnicode'))).toBeUndefined();
  });
});

describe('a page whose text the browser set in a system font', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-fallback-'));
  let build: ReturnType<typeof runCli>;
  let report: PreflightReport;
  beforeAll(() => {
    build = runCli(['build:pdf', FIX, '--out', tmp, '--no-preview']);
    report = JSON.parse(readFileSync(path.join(tmp, 'fallback-font', 'page.preflight.json'), 'utf8'));
  }, 300_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reports every font of page.pdf that is not the project’s, with what it printed, at the manuscript line', () => {
    expect(build.code, build.stderr).toBe(0);
    const others = [...new Set(report.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))].filter((n) => !/^NotoS(erif|ans)SC/.test(n));
    // This machine has DejaVu (fonts-dejavu-core), which Chromium takes for the Arabic.
    expect(others.length, 'no system font was used: the test has nothing to check here').toBeGreaterThan(0);
    const problems = report.problems.filter((p) => p.rule === 'press-font-fallback');
    expect(problems.map((p) => /printed in (\S+),/.exec(p.message)?.[1]).sort()).toEqual(others.sort());
    expect(problems.every((p) => p.error)).toBe(true);
    const said = build.stdout + build.stderr;
    // the Arabic, found in the manuscript by its letters (the map gives their joined forms)
    expect(said).toMatch(
      /6:13\s+error\s+Press: text printed in DejaVuSans, a font of this machine and not one of the project's faces.*press-font-fallback/,
    );
    expect(report.problems.some((p) => p.rule === 'press-font-fallback' && /ﺮ|ر/.test(p.text ?? ''))).toBe(true);
  });

  it('stops a --final build', () => {
    const r = runCli(['build:pdf', FIX, '--out', path.join(tmp, 'final'), '--no-preview', '--final']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/the press preflight failed \(\d+ press-\* error\(s\)\); --final writes nothing/);
  });
});
