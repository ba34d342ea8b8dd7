import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fallbackFonts, toUnicode } from '../../src/press/fallback-fonts.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { pressBuild } from './helpers/press-build.js';

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
  const press = pressBuild('fallback-font');

  it('reports every font of page.pdf that is not the project’s, with what it printed, at the manuscript line', () => {
    expect(press.build.code, press.build.stderr).toBe(0);
    const others = [...new Set(press.report.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))].filter(
      (n) => !/^NotoS(erif|ans)SC/.test(n),
    );
    // This machine has DejaVu (fonts-dejavu-core), which Chromium takes for the Arabic.
    expect(others.length, 'no system font was used: the test has nothing to check here').toBeGreaterThan(0);
    const problems = press.report.problems.filter((p) => p.rule === 'press-font-fallback');
    expect(problems.map((p) => /printed in (\S+),/.exec(p.message)?.[1]).sort()).toEqual(others.sort());
    expect(problems.every((p) => p.error)).toBe(true);
    const said = press.build.stdout + press.build.stderr;
    // the Arabic, found in the manuscript by its letters (the map gives their joined forms)
    expect(said).toMatch(
      /6:13\s+error\s+Press: text printed in DejaVuSans, a font of this machine and not one of the project's faces.*press-font-fallback/,
    );
    expect(press.report.problems.some((p) => p.rule === 'press-font-fallback' && /ﺮ|ر/.test(p.text ?? ''))).toBe(true);
  });

  it('stops a --final build', () => {
    const r = runCli(['build:pdf', FIX, '--out', path.join(press.out, 'final'), '--no-preview', '--final']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/the press preflight failed \(\d+ press-\* errors?\); --final writes nothing/);
  });
});
