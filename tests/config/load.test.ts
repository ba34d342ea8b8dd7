// The one config loader: YAML with positions → schema → typed value, or every problem at once, each
// at file:line:col with what is wrong and how to fix it. Files are written here, as a user would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN_OPTIONS } from '../../src/check/index.js';
import { loadCheckConfig } from '../../src/config/desk.js';
import { DEFAULT_LIMITS, limitsFor, readLimits } from '../../src/config/limits.js';
import { FONTS, loadFontConfig } from '../../src/config/fonts.js';
import { LAYOUT, loadLayout, loadLayoutFile, outputIntent } from '../../src/config/layout.js';
import { ConfigError, checkConfig, loadConfig, MAX_CONFIG_BYTES } from '../../src/config/load.js';
import { suggest } from '../../src/core/suggest.js';
import { loadPlan } from '../../src/config/plan.js';
import type { ConfigKind } from '../../src/config/schema.js';
import { InputError } from '../../src/core/input-error.js';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (text: string, name = `c${n++}.yaml`) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const SEED_LAYOUT = readFileSync(path.join(ROOT, 'tests/fixtures/config/full-layout.yaml'), 'utf8');

/** The problems of a file, as `line:col message` with the file name taken off. */
function problems(file: string, kind: ConfigKind = LAYOUT as ConfigKind): string[] {
  const result = checkConfig(kind, file);
  if (result.ok) return [];
  for (const p of result.problems) expect(p.file).toBe(file);
  return result.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('a value YAML tags as binary data or a set', () => {
  it('is said as what it is, not as a mapping', () => {
    const file = write(
      SEED_LAYOUT.replace('pdfx: x1a', 'pdfx: !!binary eDFh').replace(/^(\s*)photoPpi: 200/m, '$1photoPpi: !!set { 200 }'),
    );
    expect(problems(file).map((p) => p.replace(/ — .*/, ''))).toEqual([
      expect.stringMatching(/^\d+:\d+ photoPpi is a set \(!!set\); write /),
      expect.stringMatching(/^\d+:\d+ pdfx is binary data \(!!binary\); write one of x1a, x4$/),
    ]);
  });
});

describe('a list or a mapping written as a key', () => {
  it('is an unknown key at its own line, and yaml prints no warning of its own', async () => {
    // It was reported at 1:1 (the key was looked for among the written names only), and the yaml
    // package printed "Keys with collection values will be stringified … Set mapAsMap" on the console.
    const file = write(`${SEED_LAYOUT.replace(/^grid:\n/m, 'grid:\n  ? { columns: 8 }\n  : 8\n')}? [grid, columns]\n: 8\n`);
    const warnings: string[] = [];
    const warn = (w: Error | string) => warnings.push(String(w));
    process.on('warning', warn);
    try {
      const found = problems(file).filter((p) => p.includes('unknown key'));
      const lines = SEED_LAYOUT.split('\n').length;
      expect(found.map((p) => p.replace(/;.*/, ''))).toEqual([
        '23:5 unknown key "{ columns: 8 }" in grid',
        `${lines + 2}:3 unknown key "[ grid, columns ]" at the top of the file`,
      ]);
      // Node emits a warning on the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', warn);
    }
    expect(warnings).toEqual([]);
  });
});

describe('a layout with several mistakes', () => {
  it('reports every one at once, each where it is written, with what to write instead', () => {
    const file = write(
      SEED_LAYOUT.replace('  bleed: 3mm ', '  bleed: 3mn ')
        .replace('  columns: 8 ', '  colums: 8 ')
        .replace('  lines: 120 ', '  lines: many')
        .replace('  columnRules: true', '  columnRule: true')
        .replace('photoPpi: 200', 'photoPPI: 200')
        .replace('    top: 14\n', '    top: 100\n')
        .replace('pdfx: x1a', 'pdfx: x3'),
    );
    expect(problems(file)).toEqual([
      '7:10 page.bleed is "3mn"; write a length: a number with mm, cm, pt, px or in, e.g. 9pt or 3mm — bleed outside the trim (0 for none)',
      '23:3 unknown key "colums" in grid; did you mean "columns"? (grid.columns is missing)',
      '26:10 grid.lines is "many"; write a whole number of at least 1 — grid lines in the type area\'s height',
      '27:3 unknown key "columnRule" in grid; did you mean "columnRules"?',
      '44:1 unknown key "photoPPI" at the top of the file; did you mean "photoPpi"?',
      '47:7 pdfx is "x3"; write one of x1a, x4 — the press standard page.pdf is written to: x1a = PDF/X-1a:2001 (most newspaper plants), x4 = PDF/X-4',
    ]);
  });

  it('checks slots against the grid once the grid is right: columns and lines, all slots at once', () => {
    const file = write(SEED_LAYOUT.replace('  columns: [1, 8]\n', '  columns: [1, 9]\n').replace('    top: 14\n', '    top: 100\n'));
    expect(problems(file)).toEqual([
      '35:12 headline.columns: [1, 9] is not on the grid; give [first, last] with 1 ≤ first ≤ last ≤ 8 (grid.columns)',
      "42:12 photos[0].lines: top 100 + lines 57 runs past the grid's 120 lines; make top + lines at most 120 (grid.lines)",
    ]);
  });

  it('the type area and the 报眉 lie on the trim: margins, a grid or type too large for the sheet are refused where they are written', () => {
    // Each of these built a page whose text ran off the sheet, while the build said the text fitted.
    const margins = write(SEED_LAYOUT.replace('margins: { top: 36mm, left: auto }', 'margins: { top: 300mm, left: 200mm }'));
    expect(problems(margins)).toEqual([
      "9:19 page.margins.top is 300mm: the type area (491.1 mm high: 120 lines of 11.6pt) then runs 241.1 mm past the trim's 550 mm; make it at most 58.9 mm",
      "9:32 page.margins.left is 200mm: the type area (352.4 mm wide: 8 columns × 13 + 7 gutters × 1 characters of 9pt) then runs 162.4 mm past the trim's 390 mm; make it at most 37.6 mm",
    ]);
    const big = write(SEED_LAYOUT.replace('bodySize: 9pt', 'bodySize: 14pt').replace('lineHeight: 11.6pt', 'lineHeight: 13pt'));
    expect(problems(big)).toEqual([
      '12:15 type.lineHeight is 13pt, less than type.bodySize 14pt: each line would print over the one above it; make it at least 14pt (body text is usually set on 1.2–1.4 times its size)',
      "24:16 grid.columnWidth: the type area is 548.2 mm wide: 8 columns × 13 + 7 gutters × 1 characters of 14pt, more than the trim's 390 mm; make grid.columns, grid.columnWidth, grid.gutter or type.bodySize smaller",
      "26:10 grid.lines: the type area is 550.3 mm high: 120 lines of 13pt, more than the trim's 550 mm; make grid.lines or type.lineHeight smaller",
    ]);
    const head = write(SEED_LAYOUT.replace('margins: { top: 36mm, left: auto }', 'margins: { top: 2mm, left: auto }'));
    expect(problems(head)).toEqual([
      '9:19 page.margins.top: leaves 2 mm above the type area, less than the 报眉 needs (runningHeadGap 4mm + runningHeadSize 9pt = 7.2 mm), so it would print off the trim; give the top margin at least 7.2 mm',
    ]);
    // A tabloid that fits, with its margins given: no problem.
    const tabloid = write(
      SEED_LAYOUT.replace('width: 390mm, height: 550mm', 'width: 280mm, height: 430mm')
        .replace('margins: { top: 36mm, left: auto }', 'margins: { top: 20mm, left: 15mm }')
        .replace('  columns: 8 ', '  columns: 6 ')
        .replace('lines: 120 ', 'lines: 90 ')
        .replace('  columns: [1, 8]\n', '  columns: [1, 6]\n')
        .replace('    columns: [1, 6]', '    columns: [1, 4]')
        .replace('    lines: 57', '    lines: 40'),
    );
    expect(problems(tabloid)).toEqual([]);
  });

  it('photo slots apart from the headline block and from each other (a photo printed over the headline, or over another photo)', () => {
    const file = write(
      SEED_LAYOUT.replace('    top: 14\n    lines: 57\n', '    top: 5\n    lines: 57\n  - columns: [4, 8]\n    top: 40\n    lines: 30\n'),
    );
    expect(problems(file)).toEqual([
      '41:10 photos[0].top: the slot (columns 1–6, lines 6–62) lies over the headline block (headline) (columns 1–8, lines 1–14): the photo would print over it; start it at top: 14 or give it other columns',
      '44:10 photos[1].top: the slot (columns 4–8, lines 41–70) lies over photo slot 1 (columns 1–6, lines 6–62): the photo would print over it; start it at top: 62 or give it other columns',
    ]);
    // Beside each other, or one below the other: no problem.
    const apart = write(
      SEED_LAYOUT.replace(
        '    lines: 57\n',
        '    lines: 57\n  - columns: [7, 8]\n    top: 14\n    lines: 20\n  - columns: [1, 3]\n    top: 71\n    lines: 20\n',
      ),
    );
    expect(problems(apart)).toEqual([]);
  });

  it('type sizes and the line grid need their unit: a bare number would be millimetres, not the points a layout editor means', () => {
    const file = write(SEED_LAYOUT.replace('bodySize: 9pt', 'bodySize: 9').replace('lineHeight: 11.6pt', 'lineHeight: 11.6'));
    expect(problems(file)).toEqual([
      '11:13 type.bodySize is 9; write a type size above 0 with its unit, e.g. 9pt (a bare number would be millimetres) — body type size (9pt = 小五); one body character is the unit of grid widths',
      '12:15 type.lineHeight is 11.6; write a type size above 0 with its unit, e.g. 9pt (a bare number would be millimetres) — the line grid: distance between body baselines',
    ]);
  });

  it('a colour over the ink limit, and a profile that is not in templates/', () => {
    const file = write(
      SEED_LAYOUT.replace('cmyk: [0, 100, 100, 0]', 'cmyk: [60, 100, 100, 0]').replace(
        '# outputIntent:\n#   profile: press/newsprint-cmyk-240.icc',
        'outputIntent:\n  profile: press/nope.icc',
      ),
    );
    expect(problems(file)).toEqual([
      "53:32 colors.red.cmyk is [60, 100, 100, 0]: 260% total ink, over the layout's ink limit of 240% (inkLimit); lower C, M or Y by 20% in all",
    ]);
    const fixed = write(readFileSync(file, 'utf8').replace('[60, 100, 100, 0]', '[0, 100, 100, 0]'));
    expect(problems(fixed)).toEqual([
      '58:12 outputIntent.profile: names press/nope.icc, which is not in templates/; put the profile there or correct the name',
    ]);
  });

  it('throws one InputError listing them all, never a plain Error', () => {
    const file = write('page: {}\ntype: {}\ngrid: {}\n');
    let error: unknown;
    try {
      loadLayoutFile(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe(`${(error as ConfigError).problems.length} problems in the configuration:`);
    expect((error as ConfigError).problems.map((p) => p.message.split(';')[0])).toEqual([
      'page.trim is missing',
      'type.bodySize is missing',
      'type.lineHeight is missing',
      'type.captionSize is missing',
      'grid.columns is missing',
      'grid.columnWidth is missing',
      'grid.gutter is missing',
      'grid.lines is missing',
    ]);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\S+\.yaml:\d+:\d+: .+; .+/);
  });
});

describe('reading a config file', () => {
  it('a YAML syntax error names the file, line and column', () => {
    const file = write('grid:\n  columns: [1, 2\npage: {}\n');
    expect(() => loadLayoutFile(file)).toThrow(new RegExp(`^${file}:3:1: not valid YAML: .*; correct the YAML syntax here$`));
  });

  it('an alias bomb is refused at its first alias, with the file name, without expanding it', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n' +
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n';
    const file = write(bomb);
    expect(() => loadLayoutFile(file)).toThrow(`${file}:2:8: aliases (*name) expand to more than 100 copies; write the values out instead`);
  });

  it('only regular files of at most MAX_CONFIG_BYTES: a FIFO, a folder and a huge file are refused, nothing hangs', () => {
    const fifo = path.join(dir, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadLayoutFile(fifo)).toThrow(`${fifo}: is not a regular file; give the path of a page layout file (YAML)`);
    expect(() => loadPlan(fifo)).toThrow(`${fifo}: is not a regular file; give the path of an edition plan file (YAML)`);
    expect(() => loadLayoutFile(dir)).toThrow(`${dir}: is not a regular file`);
    const big = write(`# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    expect(() => loadLayoutFile(big)).toThrow(/is \d+ bytes; a config file is at most 1048576 bytes/);
    expect(() => loadLayoutFile(path.join(dir, 'none.yaml'))).toThrow('cannot read this page layout file (no such file or folder)');
  });

  it('a __proto__ key is an unknown key, not a way into the object', () => {
    const file = write('faces:\n  __proto__: { family: X, package: x, weights: [400] }\n');
    expect(problems(file, FONTS as ConfigKind)).toEqual(['2:3 "__proto__" is not a key a config may have (in faces); remove it']);
    const top = write(`${SEED_LAYOUT}__proto__: { polluted: true }\n`);
    expect(problems(top)).toEqual([`${SEED_LAYOUT.split('\n').length}:1 "__proto__" is not a key a config may have; remove it`]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a font package that is not installed, or a whole file not in its package, at its line (a build stopped on “unicode.json”)', () => {
    const fonts = readFileSync(path.join(ROOT, 'templates/fonts.yaml'), 'utf8');
    const file = write(
      fonts
        .replace('package: "@fontsource/noto-serif-sc"', 'package: "@fontsource/noto-serif-tc"')
        .replace('400: 400Regular/NotoSerifSC_400Regular.ttf', '400: 400Regular/Nope.ttf'),
    );
    expect(problems(file, FONTS as ConfigKind)).toEqual([
      '7:14 faces.body.package: @fontsource/noto-serif-tc is not installed (no node_modules/@fontsource/noto-serif-tc); add it with npm install @fontsource/noto-serif-tc --save-exact, or name an installed font package',
      "16:9 faces.body.whole.files.400: 400Regular/Nope.ttf is not in @expo-google-fonts/noto-serif-sc; give the path of the weight's file inside the package",
    ]);
    // A package that is installed but is no @fontsource font package.
    const notFonts = write(fonts.replace('package: "@fontsource/noto-sans-sc"', 'package: "yaml"'));
    expect(problems(notFonts, FONTS as ConfigKind)).toEqual([
      expect.stringMatching(/^\d+:\d+ faces\.heading\.package: yaml is not a @fontsource font package \(it has no unicode\.json\)$/),
    ]);
  });

  it('a byte-order mark and CRLF line ends are read like any other file', () => {
    const file = write(`\ufeff${readFileSync(path.join(ROOT, 'templates/fonts.yaml'), 'utf8').replace(/\n/g, '\r\n')}`);
    expect(loadConfig(FONTS, file)).toEqual(loadFontConfig());
  });
});

describe('defaults are stated once, in the schema', () => {
  it('a minimal layout gets every default; the seed layout loads as written', () => {
    const file = write(
      'page: { trim: { width: 120mm, height: 80mm } }\ntype: { bodySize: 9pt, lineHeight: 11.6pt, captionSize: 7.5pt }\n' +
        'grid: { columns: 2, columnWidth: 13, gutter: 1, lines: 14 }\n',
    );
    const l = loadLayoutFile(file);
    expect(l.page).toEqual({ trim: { width: '120mm', height: '80mm' }, bleed: '0mm', cropMarks: false });
    expect(l.type).toMatchObject({
      headSize: '9pt',
      bylineSize: '9pt',
      runningHeadSize: '9pt',
      headlineSize: '42pt',
      captionLineHeight: '1.35',
    });
    expect(l.lines).toEqual(loadLayout().lines);
    expect(l).toMatchObject({
      runningHead: false,
      photos: [],
      photoPpi: 200,
      preview: { width: 1200 },
      pdfx: 'x1a',
      inkLimit: 240,
      colors: {},
    });
    expect(l.continuation).toEqual({ photos: [], headline: null });
    expect(l.outputIntent).toEqual({});
    expect(outputIntent(l)).toMatchObject({ profile: 'press/newsprint-cmyk-240.icc', separatedFor: 240, identifier: 'CGATS TR 002' });
    const marks = loadLayoutFile(
      write(readFileSync(file, 'utf8').replace('height: 80mm } }', 'height: 80mm }, cropMarks: { offset: 2mm } }')),
    );
    expect(marks.page.cropMarks).toEqual({ offset: '2mm', length: '7mm', weight: '0.25pt' });
  });
});

describe('did you mean', () => {
  it('suggests a key a typo away, ignoring case, - and _; nothing for a word that is not close', () => {
    expect(suggest('colums', ['columns', 'columnWidth', 'gutter'])).toBe('columns');
    expect(suggest('jpeg_quality', ['jpeg-quality', 'max-side'])).toBe('jpeg-quality');
    expect(suggest('photoPPI', ['photoPpi', 'preview'])).toBe('photoPpi');
    expect(suggest('banana', ['columns', 'gutter'])).toBeUndefined();
  });

  it('suggests a key with two neighbouring letters swapped, however short (Levenshtein counts the swap as two edits)', () => {
    expect(suggest('tpo', ['top', 'lines', 'columns'])).toBe('top');
    expect(suggest('lnies', ['top', 'lines', 'columns'])).toBe('lines');
    expect(suggest('pgae', ['page', 'section', 'stories'])).toBe('page');
    expect(suggest('bxo', ['box', 'title'])).toBe('box');
    expect(suggest('Pagse', ['pages', 'paper'])).toBe('pages');
    // two swaps, or letters far apart, are not a slip of the fingers
    expect(suggest('pto', ['top', 'lines'])).toBeUndefined();
    expect(suggest('xob', ['box', 'title'])).toBeUndefined();
  });
});

describe('desk config limits', () => {
  it('defaults when no file sets them; a manuscript folder config lowers the project one limit by limit', () => {
    const project = path.join(ROOT, 'manuscript');
    expect(limitsFor(path.join(project, 'ningju-gongshi'))).toEqual({
      ...DEFAULT_LIMITS,
      ...readLimits(path.join(project, 'config.yaml')).limits,
    });
    const ms = path.join(dir, 'story');
    execFileSync('mkdir', ['-p', ms]);
    writeFileSync(path.join(ms, 'config.yaml'), 'limits:\n  maxNesting: 8\n');
    const limits = limitsFor(ms);
    expect(limits.maxNesting).toBe(8);
    expect(limits.maxInputBytes).toBe(DEFAULT_LIMITS.maxInputBytes);
    const only = write('limits: { maxFindings: 10 }\n', 'only.yaml');
    expect(limitsFor(ms, only)).toEqual({ ...DEFAULT_LIMITS, maxFindings: 10 });
  });

  it('a limit of the wrong kind, or one that does not exist, is refused with its line', () => {
    const file = write('limits:\n  maxNesting: 0\n  maxImageByte: 10\n', 'config.yaml');
    expect(() => loadCheckConfig(file, KNOWN_OPTIONS)).toThrow(/3:3: unknown key "maxImageByte" in limits; did you mean "maxImageBytes"\?/);
    expect(() => loadCheckConfig(file, KNOWN_OPTIONS)).toThrow(/2:15: limits\.maxNesting is 0; write a whole number from 1 to 256/);
    expect(() => limitsFor(dir, write('limits:\n  maxNesting: 1000\n'))).toThrow(
      /2:15: limits\.maxNesting is 1000; write a whole number from 1 to 256/,
    );
  });

  it('an empty desk config, or one of comments only, is valid', () => {
    expect(loadCheckConfig(write('# nothing yet\n'), KNOWN_OPTIONS)).toMatchObject({ rules: {} });
    expect(readLimits(write('# nothing yet\n')).limits).toEqual({});
  });
});
