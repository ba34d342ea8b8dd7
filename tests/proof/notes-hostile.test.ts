// Returned proofs as a damaged or hostile PDF comes back: marks and a page tree no reader writes,
// each read in one pass over what the file holds. The proof data is
// tests/proof/fixtures/edited-data/valid.json (one printed line, 正文一段。, at manuscript 3:1) in a
// PDF made here, with:
// - an ink mark of 200,000 points drawn over the line (Math.min(...xs) overflowed the stack:
//   "Maximum call stack size exceeded", with no file and no mark named);
// - a page tree whose /Kids holds its own /Pages (pdf-lib's getPages() recursed until the stack
//   overflowed);
// - a thread of 15,000 replies, each to the one before (each reply walked the chain to its head
//   again, and looked it up in a list: cubic, minutes for this file);
// - an ink mark whose /InkList holds no point, over the line (its box was Infinity, so the mark
//   was put wherever the nearest line to nowhere was; its /Rect is where it is);
// - a page whose /Annots is a dictionary ("Expected instance of PDFArray2, but got instance of
//   PDFDict2"), and a comment whose rich text (/RC) is a string of 700,000 characters (pdf-lib's
//   decodeText overflowed the stack: "Maximum call stack size exceeded");
// - marks pdf.js leaves out for display, and with them the reviewer's comment, unsaid: a highlight,
//   a strike-out and an underline whose /QuadPoints cannot be read (three numbers, a string, none),
//   a note flagged NoView and a highlight flagged Invisible;
// - the proof cut short on its way back, and a file of `%PDF-1.7` alone ("Cannot read properties of
//   undefined (reading 'lookupMaybe')", pdf-lib's parser notes on the console).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type PDFDocument as Doc, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

interface NoteJson {
  line: number | null;
  column: number | null;
  ruleId: string;
  mark: { kind: string; comment: string; unplaced?: string };
}

let tmp: string;

// The data's one line, 正文一段。, in PDF points: trim left 45 pt and top 1616.25 pt, 0.75 pt a px;
// the line at left 95 px, top 1235 px, 66 × 12 px.
const LINE = { left: 45 + 95 * 0.75, right: 45 + 161 * 0.75, top: 1616.25 - 1235 * 0.75, bottom: 1616.25 - 1247 * 0.75 };
const OVER_LINE = [LINE.left, LINE.bottom, LINE.right, LINE.top];

/** A PDF carrying the valid proof data, with the annotations `mark` adds to its one page. */
async function returned(name: string, mark: (doc: Doc, add: (o: Record<string, unknown>) => PDFRef) => void): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([1300, 1700]);
  const data = await readFile(path.join(ROOT, 'tests/proof/fixtures/edited-data/valid.json'));
  await doc.attach(new Uint8Array(data), 'baoban-proof.json', { mimeType: 'application/json' });
  const annots = doc.context.obj([]);
  page.node.set(PDFName.of('Annots'), annots);
  mark(doc, (o) => {
    const ref = doc.context.register(doc.context.obj({ Type: 'Annot', F: 4, T: PDFHexString.fromText('校对 王五'), ...o }));
    annots.push(ref);
    return ref;
  });
  const file = path.join(tmp, `${name}.pdf`);
  await writeFile(file, await doc.save({ useObjectStreams: false }));
  return file;
}

function notes(file: string) {
  const r = runCli(['proof:notes', file, '--format', 'json']);
  expect(r.stderr, r.stderr).not.toMatch(/call stack|RangeError|\n\s+at /);
  expect(r.code, r.stderr).toBe(1);
  return JSON.parse(r.stdout) as NoteJson[];
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-notes-hostile-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('proof:notes on a returned proof that is damaged or hostile', () => {
  it('reads an ink mark of 200,000 points over the line it is drawn on', async () => {
    const file = await returned('ink', (_, add) => {
      const points: number[] = [];
      for (let i = 0; i < 200_000; i++) points.push(LINE.left + (i % 80) * 0.5, LINE.bottom + (i % 9));
      add({ Subtype: 'Ink', Rect: OVER_LINE, InkList: [points], Contents: PDFHexString.fromText('圈出') });
    });
    const [ink, ...rest] = notes(file);
    expect(rest).toEqual([]);
    expect(ink.mark).toMatchObject({ kind: 'ink', comment: '圈出' });
    expect([ink.line, ink.column]).toEqual([3, 1]);
  });

  it('reads a page tree whose /Kids holds its own /Pages, each page once', async () => {
    const file = await returned('page-loop', (doc, add) => {
      add({
        Subtype: 'Text',
        Rect: [LINE.left - 30, LINE.top - 20, LINE.left - 10, LINE.top],
        Contents: PDFHexString.fromText('日期请核实'),
      });
      const pages = doc.catalog.lookup(PDFName.of('Pages'), PDFDict);
      pages.lookup(PDFName.of('Kids'), PDFArray).push(doc.catalog.get(PDFName.of('Pages'))!);
    });
    const marks = notes(file);
    expect(marks.map((m) => m.mark.comment)).toEqual(['日期请核实']);
    expect([marks[0].line, marks[0].column]).toEqual([3, 1]);
  });

  it('reads a thread of 15,000 replies, each to the one before, as one mark with every reply', { timeout: 180_000 }, async () => {
    const REPLIES = 15_000;
    const file = await returned('thread', (_, add) => {
      let prev = add({ Subtype: 'Highlight', Rect: OVER_LINE, QuadPoints: quad(), Contents: PDFHexString.fromText('此句核实') });
      for (let i = 1; i <= REPLIES; i++)
        prev = add({ Subtype: 'Text', Rect: OVER_LINE, IRT: prev, Contents: PDFHexString.fromText(`回复${i}`) });
    });
    const [mark, ...rest] = notes(file);
    expect(rest).toEqual([]);
    expect(mark.mark.kind).toBe('highlight');
    const comment = mark.mark.comment;
    expect(comment.startsWith('此句核实')).toBe(true);
    for (const i of [1, 2, 7_500, REPLIES]) expect(comment).toContain(`回复${i}`);
  });

  it('puts an ink mark whose strokes hold no point where its /Rect is', async () => {
    const file = await returned('empty-ink', (_, add) => {
      add({ Subtype: 'Ink', Rect: OVER_LINE, InkList: [[]], Contents: PDFHexString.fromText('空笔画') });
    });
    const [ink] = notes(file);
    expect(ink.mark).toMatchObject({ kind: 'ink', comment: '空笔画' });
    expect(ink.mark.unplaced).toBeUndefined();
    expect([ink.line, ink.column]).toEqual([3, 1]);
  });
});

describe('proof:notes on a returned proof whose structure is damaged', () => {
  it('reads marks whose /QuadPoints cannot be read, or that are flagged not to be shown, by their /Rect', async () => {
    const file = await returned('unshown', (doc, add) => {
      add({ Subtype: 'Highlight', Rect: OVER_LINE, QuadPoints: [1, 2, 3], Contents: PDFHexString.fromText('三个数') });
      add({ Subtype: 'StrikeOut', Rect: OVER_LINE, QuadPoints: doc.context.obj('nope'), Contents: PDFHexString.fromText('不是数组') });
      add({ Subtype: 'Underline', Rect: OVER_LINE, Contents: PDFHexString.fromText('没有四边形') });
      add({ Subtype: 'Text', Rect: OVER_LINE, F: 32, Contents: PDFHexString.fromText('不显示') });
      add({ Subtype: 'Highlight', Rect: OVER_LINE, QuadPoints: quad(), F: 1, Contents: PDFHexString.fromText('不可见') });
    });
    const marks = notes(file);
    expect(marks.map((m) => m.mark.comment).sort()).toEqual(['三个数', '不可见', '不是数组', '不显示', '没有四边形'].sort());
    for (const m of marks) expect([m.line, m.column]).toEqual([3, 1]);
  });

  it('reads a page whose /Annots is a dictionary as holding no mark', async () => {
    const file = await returned('annots-dict', (doc, add) => {
      add({ Subtype: 'Text', Rect: OVER_LINE, Contents: PDFHexString.fromText('一') });
      doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj({ Foo: 1 }));
    });
    const r = runCli(['proof:notes', file, '--format', 'json']);
    expect(r.stderr, r.stderr).not.toMatch(/Expected instance|BAOBAN_DEBUG|\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('reads a comment whose rich text is a string of 700,000 characters by its /Contents', async () => {
    const file = await returned('long-rich-text', (_, add) => {
      const deep = `<body><p>${'<span>'.repeat(50_000)}深${'</span>'.repeat(50_000)}</p></body>`;
      add({ Subtype: 'FreeText', Rect: OVER_LINE, Contents: PDFHexString.fromText('纯文字'), RC: PDFHexString.fromText(deep) });
      add({ Subtype: 'FreeText', Rect: OVER_LINE, RC: PDFHexString.fromText('<body><p>只有富文本</p></body>') });
    });
    const marks = notes(file);
    expect(marks.map((m) => m.mark.comment).sort()).toEqual(['只有富文本', '纯文字']);
  });

  it('reads a rich-text comment holding a DOCTYPE with an internal subset, a comment and CDATA as its words alone (the text of a CDATA section as written)', async () => {
    // The tags' pattern stopped at the first `>` inside each: “ ]>”, “ -->” and “]]>” were left in the comment.
    const file = await returned('rich-text-doctype', (_, add) => {
      add({
        Subtype: 'FreeText',
        Rect: OVER_LINE,
        RC: PDFHexString.fromText(
          '<?xml version="1.0"?><!DOCTYPE x [ <!ENTITY a "b"> <!ENTITY c "d"> ]><body><p>删去<!-- <b>粗体</b> -->此句<![CDATA[ <i>x</i> ]]></p></body>',
        ),
      });
      add({ Subtype: 'FreeText', Rect: OVER_LINE, RC: PDFHexString.fromText('<body><p>未闭合<!DOCTYPE y [ <!ENTITY e "f"></p></body>') });
    });
    const r = runCli(['proof:notes', file, '--format', 'json']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(1);
    expect((JSON.parse(r.stdout) as Array<{ mark: { comment: string } }>).map((m) => m.mark.comment).sort()).toEqual([
      '删去此句 <i>x</i>',
      '未闭合',
    ]);
  });

  it('says a proof cut short on its way back is cut short, and asks for it again (exit 2)', async () => {
    const whole = await readFile(
      await returned('whole', (_, add) => add({ Subtype: 'Text', Rect: OVER_LINE, Contents: PDFHexString.fromText('一') })),
    );
    const cut = [whole.subarray(0, whole.length - 200), whole.subarray(0, whole.length / 2), Buffer.from('%PDF-1.7\n')];
    for (const [i, bytes] of cut.entries()) {
      const file = path.join(tmp, `cut-${i}.pdf`);
      await writeFile(file, bytes);
      const r = runCli(['proof:notes', file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/Cannot read properties|Trying to parse|Invalid object ref|BAOBAN_DEBUG|\n\s+at /);
      expect(r.stderr).toMatch(new RegExp(`cut-${i}\\.pdf: .*cut short on its way.*: ask the reviewer to send it again`));
    }
  });
});

/** Quad points over the whole line. */
function quad(): number[] {
  return [LINE.left, LINE.top, LINE.right, LINE.top, LINE.left, LINE.bottom, LINE.right, LINE.bottom];
}
