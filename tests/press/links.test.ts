// Links and footnotes on the press page (tests/press/fixtures/links): a web link prints as its text
// in the body's black, on K alone (the browser's link blue went to press in four colours, reported
// only as an unnamed colour with no place), and its address, which paper cannot carry, is reported
// at the link's line and column; a footnote prints under a Chinese heading, without the screen's
// way back to its reference.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { pressBuild } from './helpers/press-build.js';

const press = pressBuild('links');

describe('a link and a footnote on the press page', () => {
  it('prints every text run in 100 % K alone, with no colour the layout does not name', () => {
    expect(press.build.code, press.build.stderr).toBe(0);
    expect(press.report.text.colours.map((c) => c.cmyk)).toEqual([[0, 0, 0, 100]]);
    expect(press.build.stdout + press.build.stderr).not.toMatch(/press-colour-unnamed/);
  });

  it('reports the link’s address, which is not printed, at the link', () => {
    expect(press.build.stdout + press.build.stderr).toMatch(
      /6:5-6:48\s+warning\s+The link “自治区政协网站” prints as its text alone: its address https:\/\/www\.example\.org\/zhengxie is not on the page; write the address in the text if readers need it\s+page-link-address/,
    );
  });

  it('prints the link’s text and the footnote under 注释, without the way back (↩) or an English heading', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(path.join(press.out, 'links', 'page.pdf'))), isEvalSupported: false })
      .promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join('')
      .replace(/\s+/g, '');
    await doc.destroy();
    expect(text).toContain('自治区政协网站');
    expect(text).toContain('注释');
    expect(text).toContain('汇总材料见会议文件之三');
    expect(text).not.toMatch(/Footnotes|↩|example\.org/);
  });
});
