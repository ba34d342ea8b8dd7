// A chapter with the GFM blocks editors write (tests/fixtures/epub/gfm): a table with aligned
// columns, a task list, footnotes (marked for pop-ups; one with a Chinese label, one referred to from another note). Each must reach the book as XHTML EPUBCheck accepts (no HTML-only
// attributes, no bare boolean attributes, every aria reference to an id of the document), in
// characters the embedded face has, and read back as the manuscript wrote it.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeResult } from '../../src/epub/build-volume.js';
import { ace, epubcheck } from '../../src/epub/validate.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, NS, all, embeddedFaces, readEpub, textOf, type Epub } from './read-epub.js';

const SERIES_FILE = path.join(ROOT, 'tests/fixtures/epub/gfm/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-gfm-'));
let result: VolumeResult;
let book: Epub;

beforeAll(async () => {
  result = await buildFirstVolume(SERIES_FILE, out);
  book = await readEpub(result.epub);
});

afterAll(() => rm(out, { recursive: true, force: true }));

const chapter = () => book.xml(`${book.base}ch01-blocks.xhtml`);

describe('GFM blocks in a chapter', () => {
  it('pass Java EPUBCheck with 0 errors and 0 warnings', async () => {
    const check = await epubcheck(result.epub, { java: true });
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(check.fatals + check.errors + check.warnings).toBe(0);
  });

  it('pass DAISY Ace with no violations', async () => {
    const access = await ace(result.epub);
    expect(access.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
  });

  it('keep each table column’s alignment as text-align', () => {
    const cells = all(chapter(), NS.xhtml, 'td').map((td) => `${textOf(td)} ${td.getAttribute('style')} ${td.hasAttribute('align')}`);
    expect(cells).toEqual([
      '委员 text-align: left false',
      '500 text-align: right false',
      '全体 text-align: center false',
      '提案 text-align: left false',
      '1000 text-align: right false',
      '重点 text-align: center false',
    ]);
  });

  it('show a task list’s boxes as marks the face has, named for screen readers, with no form control', () => {
    expect(all(chapter(), NS.xhtml, 'input')).toEqual([]);
    const items = all(chapter(), NS.xhtml, 'li').filter((li) => li.getAttribute('class') === 'task-list-item');
    expect(items.map((li) => textOf(li))).toEqual(['□ 未完成的任务', '√ 已完成的任务']);
    const marks = items.map((li) => li.getElementsByTagName('span')[0]);
    expect(marks.map((m) => `${m.getAttribute('role')} ${m.getAttribute('aria-label')}`)).toEqual(['img 未完成', 'img 已完成']);
  });

  it('point each footnote reference at the notes’ heading by its id in the book', () => {
    const doc = chapter();
    const refs = all(doc, NS.xhtml, 'a').filter((a) => a.hasAttribute('aria-describedby'));
    expect(refs.map(textOf)).toEqual(['1', '2', '3', '4']);
    for (const ref of refs) {
      const target = all(doc, NS.xhtml, 'h2').find((h) => h.getAttribute('id') === ref.getAttribute('aria-describedby'));
      expect(target && textOf(target)).toBe('注释');
    }
    const notes = all(doc, NS.xhtml, 'div').filter((div) => div.getAttribute('role') === 'doc-footnote');
    expect(notes.map(textOf)).toEqual(['第一个脚注的内容。 ↑', '第二个脚注的内容，另见4。 ↑', '第三个脚注的内容。 ↑', '注中之注。 ↑']);
  });

  it('mark footnotes for pop-ups: each reference a noteref pointing at a footnote, in a list of the notes', () => {
    const doc = chapter();
    const type = (e: { getAttributeNS(ns: string, name: string): string | null }) => e.getAttributeNS(NS.epub, 'type');
    const refs = all(doc, NS.xhtml, 'a').filter((a) => type(a) === 'noteref');
    expect(refs.map((a) => `${textOf(a)} ${a.getAttribute('role')} ${a.getAttribute('href')}`)).toEqual([
      '1 doc-noteref #user-content-fn-1',
      '2 doc-noteref #user-content-fn-note',
      // [^注三]'s ids were percent-encoded (user-content-fn-%E6%B3%A8%E4%B8%89): its link, decoded, named no id and was dropped
      '3 doc-noteref #ch01-id2',
      // referred to from within note 2: a pop-up from a pop-up
      '4 doc-noteref #user-content-fn-4',
    ]);
    for (const ref of refs) {
      const note = all(doc, NS.xhtml, 'div').find((d) => `#${d.getAttribute('id')}` === ref.getAttribute('href'))!;
      expect([type(note), note.getAttribute('role'), (note.parentNode as { localName?: string }).localName]).toEqual([
        'footnote',
        'doc-footnote',
        'li',
      ]);
      // and the note's way back leads to its reference
      const back = all(note, NS.xhtml, 'a').find((a) => a.getAttribute('class') === 'data-footnote-backref')!;
      expect(back.getAttribute('href')).toBe(`#${ref.getAttribute('id')}`);
    }
    const list = all(doc, NS.xhtml, 'section').find((s) => s.getAttribute('class') === 'footnotes')!;
    expect([type(list), list.getAttribute('role')]).toEqual(['footnotes', 'doc-endnotes']);
  });

  it('need no character the embedded face lacks, and the embedded subset has every one the chapter shows', () => {
    expect(result.missingGlyphs).toEqual([]);
    const regular = embeddedFaces(book).find((f) => f.weight === 400)!;
    const shown = new Set(Array.from(textOf(all(chapter(), NS.xhtml, 'body')[0]).replace(/\s/g, '')));
    expect([...shown].filter((c) => !regular.cmap.has(c.codePointAt(0)!))).toEqual([]);
    // A table's header cells are set bold by every reader's own stylesheet: the bold subset holds them.
    const bold = embeddedFaces(book).find((f) => f.weight === 700)!;
    const heads = all(chapter(), NS.xhtml, 'th').map(textOf).join('');
    expect(heads).toBe('项目数量备注');
    expect(Array.from(heads).filter((c) => !bold.cmap.has(c.codePointAt(0)!))).toEqual([]);
  });
});
