// A task list (- [ ] / - [x]) on the press page (tests/press/fixtures/task-list). GFM gives each
// item a check box, <input type="checkbox" disabled>, which Chromium paints with blended states:
// the preflight failed the page ("transparency (0 group(s), 0 soft mask(s), 20 blended state(s));
// PDF/X-1a allows none"), and --final refused any manuscript with a task list. The boxes are printed
// as the marks printed forms use (□ open, √ done), text on K alone like the rest of the body.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pressBuild } from './helpers/press-build.js';
import { openPdf, textItems } from '../page/helpers/pdf.js';

const press = pressBuild('task-list');

describe('a task list on the press page', () => {
  it('passes the preflight: no transparency, no form control', () => {
    expect(press.build.code, press.build.stderr).toBe(0);
    expect(press.report.problems.map((p) => `${p.rule} ${p.message}`)).toEqual([]);
  });

  it('prints each box as its mark, before the item’s text', async () => {
    const pdf = await openPdf(path.join(press.out, 'task-list', 'page.pdf'));
    const text = (await textItems(pdf.doc, 1))
      .map((i) => i.str)
      .join('')
      .replace(/\s+/g, '');
    expect(text).toContain('√印发会议通知□准备会议材料□安排代表食宿');
    await pdf.doc.destroy();
    expect(readFileSync(path.join(press.out, 'task-list', 'findings.txt'), 'utf8')).not.toMatch(/press-/);
  });
});
