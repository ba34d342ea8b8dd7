// Round 2 of stories whose paragraphs moved or whose last photo went, where the place they left
// is not beside a printed block (tests/proof/fixtures/proofread/README.md: moves/, photo-end/):
// each is marked where that place falls on the page, or listed on the findings sheet as not on
// it, and a reviewer's comment on the mark of a move's old place comes back as about that place.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofJson } from '../../src/proof/build-proof.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { markWithPdfLib, pageLines } from './helpers/review.js';
import { annotate, MODIFIED, utf16 } from './helpers/readers.js';

const FIXTURES = path.join(ROOT, 'tests/proof/fixtures/proofread');
const SMALL = ['--layout', path.join(ROOT, 'tests/page/fixtures/layouts/two-columns.yaml')];

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-moves-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const open = async (file: string): Promise<PDFDocumentProxy> =>
  getDocument({ data: new Uint8Array(await readFile(file)), isEvalSupported: false }).promise;
/** line:column of a phrase in a manuscript text (of its end: just after it). */
const placeOf = (text: string, phrase: string, end = false) => {
  const before = text.slice(0, text.indexOf(phrase) + (end ? phrase.length : 0)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
};
type JsonNote = { line: number; column: number; message: string; mark: { label: string } };

/** Round 1 of a fixture, then round 2 of it edited: its proof.json, its PDF and the edited text. */
async function round2(fixture: string, name: string, edit: (s: string) => string, options: string[] = []) {
  const dir = path.join(out, name);
  await cp(path.join(FIXTURES, fixture), dir, { recursive: true });
  const dist = path.join(out, `${name}-dist`);
  const build = () => {
    const r = runCli(['build:proof', dir, '--out', dist, '--no-preview', ...options]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
  };
  build();
  const edited = edit(await readFile(path.join(dir, 'article.md'), 'utf8'));
  await writeFile(path.join(dir, 'article.md'), edited);
  build();
  const json = JSON.parse(await readFile(path.join(dist, name, 'proof.json'), 'utf8')) as ProofJson;
  return { json, edited, pdf: path.join(dist, name, 'proof.pdf') };
}

/** Text of each printed line of a page, with the baseline of its first glyph (PDF points). */
async function linesOf(doc: PDFDocumentProxy, page: number) {
  return (await pageLines(doc, page)).map((l) => ({ text: l.map((g) => g.ch).join(''), glyphs: l, y: l[0].y }));
}

/** proof:notes on a returned copy, as JSON. */
function notes(file: string): JsonNote[] {
  const r = runCli(['proof:notes', file, '--format', 'json']);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code, r.stderr).toBe(1);
  return JSON.parse(r.stdout);
}

const AGENT = '旗农牧局派出技术员，分片包干指导牧户科学播种。';
const FIRST = '开春以来，旗里各苏木组织牧民检修农机，备足种子化肥。';
const HEARD = '不少牧民说，听了课心里有了底，今年要多种饲草。';

describe('round 2 of a story whose moved paragraph stood before a rule (***), which prints no text', () => {
  let r: Awaited<ReturnType<typeof round2>>;
  beforeAll(async () => {
    // the paragraph between the first one and the rule goes down the page
    r = await round2('moves', 'moves-rule', (s) => s.replace(`${AGENT}\n\n`, '').replace('据统计', `${AGENT}\n\n据统计`), SMALL);
  }, 120_000);

  it('marks its old place after the paragraph before it (移N原处), in proof.json, on the page and in a PDF comment', async () => {
    expect(r.json.changes.map((c) => [c.kind, c.text, c.line])).toEqual([['move', AGENT, placeOf(r.edited, AGENT).line]]);
    const [change] = r.json.changes;
    // it stood just after 化肥。, the first paragraph's end
    expect([change.fromLine, change.fromColumn]).toEqual(Object.values(placeOf(r.edited, FIRST, true)));
    expect(change.from?.label).toMatch(/^第1栏第\d+行$/);
    const doc = await open(r.pdf);
    const lines = await linesOf(doc, 1);
    const annots = await (await doc.getPage(1)).getAnnotations();
    await doc.destroy();
    expect(lines.some((l) => l.text.includes(`移${change.n}原处`))).toBe(true);
    const caret = annots.find((a) => a.subtype === 'Caret');
    expect(caret?.contentsObj.str).toContain(
      `Moved away from here since the last round (change ${change.n}), now at ${change.place?.label}`,
    );
    // the caret on the line that ends 化肥。, just after it
    const end = lines.find((l) => l.text.endsWith('化肥。'))!;
    const [x1, y1, x2, y2] = caret!.rect as number[];
    expect(end.y).toBeGreaterThanOrEqual(y1 - 2);
    expect(end.y).toBeLessThanOrEqual(y2 + 2);
    expect((x1 + x2) / 2).toBeGreaterThan(end.glyphs.at(-1)!.x);
    const note = annots.find((a) => a.subtype === 'Text' && String(a.contentsObj?.str).startsWith('Moved since'));
    expect(note?.contentsObj.str).toContain(`from ${change.from?.label}`);
  });

  it('proof:notes says a comment on 移N原处, or a reply to its caret, is on the old place of the paragraph moved to line L', async () => {
    const [change] = r.json.changes;
    const doc = await open(r.pdf);
    const label = (await linesOf(doc, 1)).find((l) => l.text.includes(`移${change.n}原处`))!;
    await doc.destroy();
    const g = label.glyphs[label.text.indexOf('移')];
    // a sticky note put on the label, as a reviewer clicks on it
    const x = g.x + 1;
    const top = g.y + g.size * 0.6;
    let bytes = await markWithPdfLib(new Uint8Array(await readFile(r.pdf)), [
      { subtype: 'Text', rect: [x, top - 10, x + 10, top], contents: '这段原来的位置更好', author: '校对 孙丽' },
    ]);
    // and a reply to the proof's own caret there
    bytes = await annotate(bytes, (w) => {
      w.add({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [0, 0, 20, 20],
        IRT: w.own(`baoban-change-${change.n}-from`),
        T: utf16('责任编辑 王芳'),
        M: MODIFIED,
        Contents: utf16('同意移走'),
        F: 30,
      });
    });
    const returned = path.join(out, 'moves-rule-returned.pdf');
    await writeFile(returned, bytes);
    const found = notes(returned);
    expect(found).toHaveLength(2);
    const movedTo = placeOf(r.edited, AGENT).line;
    for (const n of found) {
      expect(n.message).toContain(
        `the old place of the proof's change ${change.n}, 移${change.n}原处: the paragraph moved to line ${movedTo} stood here`,
      );
      // at the old place (after 化肥。), not at the paragraph's new line
      expect([n.line, n.column]).toEqual([change.fromLine, change.fromColumn]);
      expect(n.mark.label).toBe(change.from?.label);
    }
    expect(found.map((n) => n.message).join('\n')).toMatch(/over the marker of the old place[\s\S]*reply to the old place/);
  }, 120_000);
});

describe('round 2 of a story whose moved paragraph stood where the page has no room (overset text)', () => {
  it('lists its old place as not on the page: in proof.json, on the findings sheet and in its PDF comment', async () => {
    // the paragraph between the last two (both overset) goes to the top
    const r = await round2(
      'moves',
      'moves-overset',
      (s) => s.replace(`${HEARD}\n\n`, '').replace('开春以来', `${HEARD}\n\n开春以来`),
      SMALL,
    );
    expect(r.json.changes.map((c) => [c.kind, c.text, c.place?.label])).toEqual([['move', HEARD, '第1栏第1行']]);
    const [change] = r.json.changes;
    // its old place: before 旗农牧局表示…, the last paragraph, which is overset
    expect([change.from, change.fromLine, change.fromColumn]).toEqual([null, ...Object.values(placeOf(r.edited, '旗农牧局表示'))]);
    const doc = await open(r.pdf);
    const sheet = (await linesOf(doc, 2)).map((l) => l.text).join('');
    const annots = await (await doc.getPage(1)).getAnnotations();
    const page = (await linesOf(doc, 1)).map((l) => l.text).join('');
    await doc.destroy();
    // (the sheet's two columns run side by side: their lines come interleaved)
    expect(sheet.replace(/\s+/g, '')).toContain('原处(movedfrom)不在版面');
    expect(sheet.replace(/\s+/g, '')).toContain(`(notonthepage),line${change.fromLine}:1`);
    expect(page).not.toContain('原处'); // no 移N原处 on the page: it has no such place (the legend does not name it either)
    const note = annots.find((a) => a.subtype === 'Text' && String(a.contentsObj?.str).startsWith('Moved since'));
    expect(note?.contentsObj.str).toContain(`from manuscript line ${change.fromLine}, a place not on the page (in the overset text)`);
  }, 120_000);
});

describe('round 2 of a story that lost a paragraph', () => {
  it('proof:notes puts a sticky note on its 删N at the place of the deletion, not at the line above the label stands over', async () => {
    const gone = '农资站延长了营业时间，节假日照常供应化肥和种子。';
    const r = await round2('moves', 'moves-deleted', (s) => s.replace(`${gone}\n\n`, ''), SMALL);
    expect(r.json.changes.map((c) => [c.kind, c.deleted, c.line, c.column])).toEqual([
      ['delete', gone, ...Object.values(placeOf(r.edited, '旗里为困难'))],
    ]);
    const doc = await open(r.pdf);
    const label = (await linesOf(doc, 1)).find((l) => l.text.includes('删1'))!;
    await doc.destroy();
    const g = label.glyphs[label.text.indexOf('删1')];
    const top = g.y + g.size * 0.6;
    const returned = path.join(out, 'moves-deleted-returned.pdf');
    await writeFile(
      returned,
      await markWithPdfLib(new Uint8Array(await readFile(r.pdf)), [
        { subtype: 'Text', rect: [g.x + 1, top - 10, g.x + 11, top], contents: '这段不能删', author: '校对 孙丽' },
      ]),
    );
    const [note] = notes(returned);
    expect(note.message).toContain("(over the marker of the proof's change 1), which deleted");
    expect([note.line, note.column]).toEqual(Object.values(placeOf(r.edited, '旗里为困难')));
  }, 120_000);
});

describe('round 2 of a table whose cell was emptied', () => {
  it('marks the deletion in its row, after the cell before it, not at the next row and not on the page', async () => {
    const r = await round2('table-rows', 'table-cell-emptied', (s) => s.replace('| 羔羊 | 150 | 980 |', '| 羔羊 | 150 | |'));
    // just after 150, in the manuscript and on the page (the row of 羔羊)
    expect(r.json.changes.map((c) => [c.kind, c.deleted, c.line, c.column])).toEqual([
      ['delete', '980', ...Object.values(placeOf(r.edited, '| 羔羊 | 150', true))],
    ]);
    expect(r.json.changes[0].place?.label).toMatch(/^第\d栏第\d+行$/);
    const doc = await open(r.pdf);
    const lines = await linesOf(doc, 1);
    const caret = (await (await doc.getPage(1)).getAnnotations()).find((a) => a.subtype === 'Caret');
    await doc.destroy();
    const row = lines.find((l) => l.text.includes('羔羊'))!;
    const [, y1, , y2] = caret!.rect as number[];
    expect(row.y).toBeGreaterThanOrEqual(y1 - 2);
    expect(row.y).toBeLessThanOrEqual(y2 + 2);
  }, 120_000);
});

describe('round 2 of a story whose last photo, with no caption, was deleted', () => {
  const edit = (s: string) => s.replace('\n![](images/classroom.jpg)\n', '');
  const LAST = '孩子们说，新教室又亮堂又暖和，上课更有精神了。';

  it('in the text’s flow: one deletion, the photo, marked after the paragraph before it, not an empty 删N and the photo at no line', async () => {
    const r = await round2('photo-end', 'photo-end-flow', edit, SMALL);
    expect(r.json.changes.map((c) => [c.kind, c.deleted, c.line, c.column])).toEqual([
      ['delete', '图片 images/classroom.jpg', ...Object.values(placeOf(r.edited, LAST, true))],
    ]);
    const [change] = r.json.changes;
    expect(change.place?.label).toMatch(/^第1栏第\d+行$/);
    const doc = await open(r.pdf);
    const lines = await linesOf(doc, 1);
    const carets = (await (await doc.getPage(1)).getAnnotations()).filter((a) => a.subtype === 'Caret');
    await doc.destroy();
    // its caret just after 精神了。, on that line (the text has closed up over where the photo was)
    expect(carets).toHaveLength(1);
    const end = lines.find((l) => l.text.endsWith('精神了。'))!;
    const [x1, y1, x2, y2] = carets[0].rect as number[];
    expect(end.y).toBeGreaterThanOrEqual(y1 - 2);
    expect(end.y).toBeLessThanOrEqual(y2 + 2);
    expect((x1 + x2) / 2).toBeGreaterThan(end.glyphs.at(-1)!.x);
    expect(carets[0].contentsObj.str.split('\n')[1]).toBe('− 图片 images/classroom.jpg');
  }, 120_000);

  it('moved up the text with a caption now: a move of the photo (移N on it), not an empty deletion', async () => {
    const r = await round2(
      'photo-end',
      'photo-end-moved',
      (s) => edit(s).replace('孩子们说', '![新教室](images/classroom.jpg)\n\n孩子们说'),
      SMALL,
    );
    const figure = placeOf(r.edited, '![新教室]').line;
    expect(r.json.changes.map((c) => [c.kind, c.text, c.deleted, c.line, c.place?.label])).toEqual([
      ['insert', '新教室', undefined, figure, expect.stringMatching(/^第2栏第\d+行$/)],
      ['move', '图片 images/classroom.jpg', undefined, figure, '图片'],
    ]);
    // it stood after the last paragraph, which is overset now
    const moved = r.json.changes[1];
    expect([moved.from, moved.fromLine, moved.fromColumn]).toEqual([null, ...Object.values(placeOf(r.edited, LAST, true))]);
  }, 120_000);

  it('in a photo slot: marked where it stood, at the manuscript line after the paragraph before it, not at no line', async () => {
    const r = await round2('photo-end', 'photo-end-slot', edit);
    expect(r.json.changes.map((c) => [c.kind, c.deleted, c.place?.label, c.line, c.column])).toEqual([
      ['delete', '图片 images/classroom.jpg', '图片', ...Object.values(placeOf(r.edited, LAST, true))],
    ]);
  }, 120_000);
});
