// Rare characters in names (fixtures/rare-characters: 钱𬘭, 李𬌗 — beyond U+FFFF — and 第Ⅻ届): the
// body face's web slices lack them, its whole file has them (templates/fonts.yaml faces.body.whole).
// They were reported as characters no font has (font-coverage errors, and “print as empty boxes”),
// while the browser printed them from that file through fontconfig. Now the page declares the whole
// file for them, they print in the body face and in bold, come back from the PDF as written, and
// only 𠀀, which no face has, is reported — by the copy desk, the page and the press. The headline
// face has its whole file too (templates/fonts.yaml faces.heading.whole): 𬘭 in the headline
// prints in it, not in a fallback, and is not reported either.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { fonts, openPdf, textItems } from './helpers/pdf.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-rare-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('rare characters the body face’s whole file has', () => {
  let cli: ReturnType<typeof runCli>;
  beforeAll(() => {
    cli = runCli(['build:pdf', path.join(ROOT, 'tests/page/fixtures/rare-characters'), '--out', out]);
  });

  it('are not reported; the one no face has is, by the copy desk, the page and the press', () => {
    const said = cli.stdout + cli.stderr;
    const coverage = said.split('\n').filter((l) => /font-coverage|press-font-notdef/.test(l));
    expect(coverage.join('\n')).not.toMatch(/𬘭|𬌗|Ⅻ|U\+2C62D|U\+2C317|U\+216B/);
    expect(said).toMatch(/13:\d+-13:\d+\s+error\s+“𠀀” \(U\+20000\) is not in the body font/);
    expect(said).toMatch(/cannot show 1 character\(s\): 𠀀;/);
    expect(said).toMatch(/Press: a character prints as an empty box/);
  });

  it('print in the body face, regular and bold, and come back from the PDF as written', async () => {
    const { doc, lib } = await openPdf(path.join(out, 'rare-characters/page.pdf'));
    const text = (await textItems(doc))
      .map((i) => i.str)
      .join('')
      .replace(/\s+/g, '');
    expect(text).toContain('获奖者有钱𬘭、李𬌗等人，第Ⅻ届评审委员会主任钱𬘭说');
    expect(text).toContain('钱𬘭等获青年科技奖');
    const names = fonts(lib).map((f) => f.name.replace(/^\/?([A-Z]{6}\+)?/, ''));
    expect(names).toContain('NotoSerifSC-Regular');
    expect(names).toContain('NotoSerifSC-Bold');
    // every font is one of the project's faces
    expect(
      names.every((n) => /^NotoS(erif|ans)SC-/.test(n)),
      names.join(' '),
    ).toBe(true);
    expect(names.some((n) => n.startsWith('NotoSansSC-'))).toBe(true);
    await doc.destroy();
  });
});
