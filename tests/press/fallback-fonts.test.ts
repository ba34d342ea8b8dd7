import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fallbackFonts, toUnicode } from '../../src/press/fallback-fonts.js';
import { notdefGlyphs } from '../../src/press/preflight.js';
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

describe('glyph 0 (.notdef) in a text run', () => {
  it('counts the 0000 glyph ids of hex strings, two bytes each, and nothing else', () => {
    expect(notdefGlyphs('<00100000> Tj')).toBe(1);
    expect(notdefGlyphs('[<0000> -12 <00000000 0a00>] TJ')).toBe(3);
    // 0000 across two glyph ids (0100 0012) is none; nor is a run without it
    expect(notdefGlyphs('<01000012> Tj')).toBe(0);
    expect(notdefGlyphs('<4e2d> Tj')).toBe(0);
  });
});

// The build's browser is given no font of this machine (src/browser/font-jail.ts; tests/browser/font-jail.test.ts):
// the Arabic, which the faces' unicode-range lists but neither face has a glyph for, used to print in
// DejaVuSans (press-font-fallback); it now prints as the face's .notdef box, and the press says so
// (and the copy desk, since it reads the faces' own cmap: font-coverage).
describe('a page with text none of the project’s faces can show', () => {
  const press = pressBuild('fallback-font');

  it('prints it in no font of the machine, as empty boxes that the press reports on the page', () => {
    expect(press.build.code, press.build.stderr).toBe(0);
    const names = [...new Set(press.report.fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))];
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^NotoS(erif|ans)SC/);
    expect(press.report.problems.filter((p) => p.rule === 'press-font-fallback')).toEqual([]);
    const notdef = press.report.problems.filter((p) => p.rule === 'press-font-notdef');
    // العربية: seven letters, each a box
    expect(notdef).toHaveLength(1);
    expect(notdef[0]).toMatchObject({ error: true, where: { page: 1 } });
    expect(notdef[0].message).toMatch(/^7 characters print as an empty box/);
    // in the first column's text, on the line of the Arabic (the headline block is above it)
    expect(notdef[0].where!.xMm).toBeLessThan(50);
    const said = press.build.stdout + press.build.stderr;
    expect(said).toMatch(
      /error\s+Press: 7 characters print as an empty box .* \(page 1, [\d.]+ mm from the left and [\d.]+ mm from the top of the trim\)\s+press-font-notdef/,
    );
  });

  it('stops a --final build: the copy desk already (the faces have no glyph for them), and the press where that finding is accepted', () => {
    const r = runCli(['build:pdf', FIX, '--out', path.join(press.out, 'final'), '--no-preview', '--final']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/6:13-6:14\s+error\s+“ا” \(U\+0627\) is not in the body font/);
    // the combining marks of Zoë and Niño are set in the face's ë and ñ: not reported
    expect(r.stdout + r.stderr).not.toMatch(/U\+0308|U\+0303/);
    const accepted = path.join(press.out, 'accepted');
    mkdirSync(accepted, { recursive: true });
    const text = readFileSync(path.join(FIX, 'article.md'), 'utf8');
    writeFileSync(path.join(accepted, 'article.md'), text.replace('会议纪要', '<!-- lint ignore font-coverage -->\n\n会议纪要'));
    const p = runCli(['build:pdf', accepted, '--out', path.join(press.out, 'accepted-out'), '--no-preview', '--final']);
    expect(p.code, p.stderr).toBe(1);
    expect(p.stderr).toMatch(/the press preflight failed \(\d+ press-\* errors?\); --final writes nothing/);
  });
});
