// Reviewer round trip: a proof goes out, a reviewer marks it in a PDF reader, and proof:notes
// brings every mark back at its manuscript line and column, with the comment and the marked text.
// Marks are made by pdf.js's own editor (its incremental save) and by pdf-lib as desktop readers
// write them (quad points, sticky notes, carets, replies); the expected places come from the
// manuscript text itself, not from the proof's map.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createDeflate } from 'node:zlib';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFArray, PDFDocument, PDFHexString, PDFName, type PDFDict, PDFString, type PDFRef } from 'pdf-lib';
import { runCli, ROOT } from '../helpers/cli.js';
import { readData } from '../../src/proof/data.js';
import * as mupdf from 'mupdf';
import { findPhrase, markWithPdfjs, markWithPdfLib, pageLines } from './helpers/review.js';

let out: string;

/** line:column of the first occurrence of a phrase in a manuscript. */
function placeOf(source: string, phrase: string): { line: number; column: number } {
  const at = source.indexOf(phrase);
  if (at < 0) throw new Error(`“${phrase}” is not in the manuscript`);
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
}

/** The proof's own annotation for finding n (a reviewer replies to it). */
async function findingRef(bytes: Uint8Array, n: number): Promise<PDFRef> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
  for (let i = 0; i < annots.size(); i++) {
    const nm = (annots.lookup(i) as PDFDict).lookup(PDFName.of('NM'));
    if (nm instanceof PDFString && nm.decodeText() === `baoban-finding-${n}`) return annots.get(i) as PDFRef;
  }
  throw new Error(`no annotation for finding ${n}`);
}

interface NoteJson {
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  ruleId: string;
  message: string;
  note?: string;
  mark: { kind: string; comment: string; text: string; label: string; author: string; finding?: number };
}

function notes(pdf: string, extra: string[] = []) {
  const r = runCli(['proof:notes', pdf, '--format', 'json', ...extra]);
  return { ...r, json: r.code === 2 ? [] : (JSON.parse(r.stdout) as NoteJson[]) };
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-notes-'));
});
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('proof:notes on the seed', () => {
  let source: string;
  let reviewed: string;
  let result: ReturnType<typeof notes>;
  let text: ReturnType<typeof runCli>;
  const seedDir = () => path.join(out, 'seed');

  beforeAll(async () => {
    await cp(path.join(ROOT, 'manuscript/ningju-gongshi'), seedDir(), { recursive: true });
    const built = runCli(['build:proof', seedDir(), '--out', path.join(out, 'dist')]);
    expect(built.code).toBe(0);
    source = await readFile(path.join(seedDir(), 'article.md'), 'utf8');
    const proofBytes = new Uint8Array(await readFile(path.join(out, 'dist/seed/proof.pdf')));
    const doc = await open(proofBytes);
    const highlight = await findPhrase(doc, 1, '人心是最大的政治');
    const strike = await findPhrase(doc, 1, '磅礴伟力');
    const squiggly = await findPhrase(doc, 1, '新一届政协党组');
    const inked = await findPhrase(doc, 1, '凝聚共识工作');
    const underlined = await findPhrase(doc, 1, '总书记强调');
    const boxed = await findPhrase(doc, 1, '十三届政协');
    // A sticky note in the margin beside the printed line that holds 刚刚胜: its top-left corner at the line's top.
    const line = (await pageLines(doc, 1)).find((l) =>
      l
        .map((g) => g.ch)
        .join('')
        .includes('刚刚胜'),
    )!;
    const top = line[0].y + line[0].size * 0.88;
    // A caret between 共识 and 是奋进 (an insertion point: “add something here”).
    const caretAt = await findPhrase(doc, 1, '是奋进的动力');
    await doc.destroy();
    // A desktop reader: strike-out, squiggly, sticky note, caret, and a reply to the proof's finding #7; then saved whole.
    let bytes = await markWithPdfLib(proofBytes, [
      { subtype: 'StrikeOut', quads: strike, contents: '删去“磅礴”', author: '校对 王五' },
      { subtype: 'Squiggly', quads: squiggly, contents: '核实', author: '校对 王五' },
      { subtype: 'Underline', quads: underlined, contents: '加粗？', author: '审读 李四' },
      { subtype: 'FreeText', rect: [boxed[0], boxed[5], boxed[2], boxed[1]], contents: '改为“第一年”', author: '审读 李四' },
      { subtype: 'Text', rect: [line[0].x - 20, top - 16, line[0].x - 4, top], contents: '这一行的日期请核实', author: '审读 李四' },
      {
        subtype: 'Caret',
        rect: [caretAt[0] - 3, caretAt[5] - 2, caretAt[0] + 3, caretAt[5] + 4],
        contents: '此处加“，”',
        author: '校对 王五',
      },
    ]);
    const lib = await PDFDocument.load(bytes, { updateMetadata: false });
    const reply = lib.context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [0, 0, 10, 10],
      IRT: await findingRef(bytes, 7),
      T: PDFHexString.fromText('值班总编 赵六'),
    });
    reply.set(PDFName.of('Contents'), PDFHexString.fromText('同意，改为全角'));
    lib.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray).push(lib.context.register(reply));
    bytes = await lib.save();
    // The browser's viewer (pdf.js): a highlight with a comment and an ink stroke, saved as an incremental update.
    const before = bytes;
    bytes = await markWithPdfjs(bytes, [
      { kind: 'highlight', quads: highlight, text: '此句加引号？', author: '值班总编 赵六' },
      {
        kind: 'ink',
        points: [inked[0], (inked[1] + inked[5]) / 2, inked[2], (inked[1] + inked[5]) / 2],
        text: '圈出',
        author: '美编 孙七',
      },
    ]);
    // an incremental update: the file as it was, then the changes appended
    expect(bytes.length).toBeGreaterThan(before.length);
    expect(Buffer.from(bytes.subarray(0, before.length)).equals(Buffer.from(before))).toBe(true);
    reviewed = path.join(out, 'returned.pdf');
    await writeFile(reviewed, bytes);
    result = notes(reviewed);
    text = runCli(['proof:notes', reviewed]);
  }, 240_000);

  it('the proof data survives both savers (a full rewrite and an incremental update)', async () => {
    const bytes = new Uint8Array(await readFile(reviewed));
    expect((await readData(bytes, 'returned.pdf')).manuscript.text).toBe(source);
  });

  it('reports each mark at its manuscript line and column, with the comment and the marked text', () => {
    expect(result.code).toBe(1); // marks remain to be taken in
    const find = (kind: string) => result.json.filter((n) => n.mark.kind === kind);
    const expectAt = (n: NoteJson | undefined, phrase: string) => {
      const at = placeOf(source, phrase);
      expect(n, phrase).toBeDefined();
      expect([n!.line, n!.column]).toEqual([at.line, at.column]);
      expect([n!.endLine, n!.endColumn]).toEqual([at.line, at.column + phrase.length]);
      expect(n!.mark.text).toBe(phrase);
      expect(n!.mark.label).toMatch(/^第[1-8]栏第\d+行$/);
    };
    const [hl] = find('highlight');
    expectAt(hl, '人心是最大的政治');
    expect(hl.mark.comment).toBe('此句加引号？');
    expect(hl.mark.author).toBe('值班总编 赵六');
    expect(hl.ruleId).toBe('proof-highlight');
    const [so] = find('strikeout');
    expectAt(so, '磅礴伟力');
    expect(so.mark.comment).toBe('删去“磅礴”');
    expectAt(find('squiggly')[0], '新一届政协党组');
    expectAt(find('underline')[0], '总书记强调');
    const [ft] = find('freetext');
    expect(ft.mark.text).toBe('十三届政协');
    expect(ft.mark.comment).toBe('改为“第一年”');
    // the ink stroke drawn through a phrase: that phrase is the text under it
    expect(find('ink')[0].mark.text).toBe('凝聚共识工作');
    expect(find('ink')[0].mark.comment).toBe('圈出');
  });

  it('places a sticky note beside a line at that line’s first character, and a caret between two characters', () => {
    const note = result.json.find((n) => n.mark.kind === 'note' && n.mark.comment === '这一行的日期请核实')!;
    expect(note).toBeDefined();
    const at = placeOf(source, '区政协十三届一次会议刚刚胜');
    expect([note.line, note.column]).toEqual([at.line, at.column]);
    const caret = result.json.find((n) => n.mark.kind === 'caret')!;
    const c = placeOf(source, '是奋进的动力');
    expect([caret.line, caret.column]).toEqual([c.line, c.column]);
    expect(caret.mark.comment).toBe('此处加“，”');
  });

  it('takes a reply to one of the proof’s findings to that finding’s place', async () => {
    const data = await readData(new Uint8Array(await readFile(reviewed)), 'x');
    const f7 = data.findings.find((f) => f.n === 7)!;
    const reply = result.json.find((n) => n.mark.finding === 7)!;
    expect(reply).toBeDefined();
    expect([reply.line, reply.column]).toEqual([f7.line, f7.column]);
    expect(reply.message).toContain('同意，改为全角');
    // the proof's own findings are not the reviewer's marks
    expect(result.json.every((n) => n.mark.author !== 'baoban')).toBe(true);
    expect(result.json).toHaveLength(9);
  });

  it('prints the marks like `npm run check`: file:line:col, kind, text, place, comment, rule id', () => {
    const at = placeOf(source, '磅礴伟力');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(
        `${at.line}:${at.column}-${at.line}:${at.column + 4}\\s+warning\\s+删除线 strike-out on “磅礴伟力” at 第\\d栏第\\d+行: “删去“磅礴”” — 校对 王五\\s+proof-strikeout`,
      ),
    );
    expect(text.stdout).toMatch(/9 warnings/);
    expect(text.stdout).toMatch(/proof:notes: .*returned\.pdf: 9 marks by .* on round 1 of /);
  });

  it('reads a mark that MuPDF added and saved as an incremental update', async () => {
    const bytes = new Uint8Array(await readFile(path.join(out, 'dist/seed/proof.pdf')));
    const pdf = await open(bytes);
    const q = await findPhrase(pdf, 1, '磅礴伟力');
    await pdf.destroy();
    const doc = mupdf.Document.openDocument(bytes, 'application/pdf') as mupdf.PDFDocument;
    const page = doc.loadPage(0) as mupdf.PDFPage;
    const top = page.getBounds()[3]; // MuPDF's page space runs downwards from the top
    const annot = page.createAnnotation('StrikeOut');
    annot.setQuadPoints([[q[0], top - q[1], q[2], top - q[3], q[4], top - q[5], q[6], top - q[7]]]);
    annot.setContents('删去（MuPDF）');
    annot.setAuthor('校对 MuPDF');
    annot.update();
    const saved = doc.saveToBuffer('incremental').asUint8Array().slice();
    doc.destroy();
    expect(Buffer.from(saved.subarray(0, bytes.length)).equals(Buffer.from(bytes))).toBe(true);
    const file = path.join(out, 'mupdf.pdf');
    await writeFile(file, saved);
    const r = notes(file);
    const at = placeOf(source, '磅礴伟力');
    expect(r.json.map((n) => [n.mark.kind, n.line, n.column, n.mark.text, n.mark.comment])).toEqual([
      ['strikeout', at.line, at.column, '磅礴伟力', '删去（MuPDF）'],
    ]);
  });

  it('maps a proof of an older round to its own text, and says when the manuscript has changed since', async () => {
    const file = path.join(seedDir(), 'article.md');
    // Two lines added above the body: every mark moves down two lines in the current text.
    await writeFile(file, source.replace('\n人心是最大的政治', '\n新加的一段。\n\n人心是最大的政治'));
    try {
      const moved = notes(reviewed);
      const hl = moved.json.find((n) => n.mark.kind === 'highlight')!;
      const at = placeOf(source, '人心是最大的政治');
      expect([hl.line, hl.column]).toEqual([at.line + 2, at.column]);
      expect(hl.note).toContain(`the manuscript has changed since this proof; in the proof's text this was at ${at.line}:${at.column}`);
    } finally {
      await writeFile(file, source);
    }
  });

  it('gives positions in the proof’s own text when the manuscript has changed past carrying them over', { timeout: 180_000 }, async () => {
    // Another text of 4.5 MB named as the manuscript: a character diff against it would run for hours.
    const other = path.join(out, 'rewritten.md');
    const line = '委员们围绕议题深入讨论，提出了许多建议。'.repeat(20);
    await writeFile(other, `---\nheadline: 另一篇\n---\n\n${`${line}\n\n`.repeat(10_000)}`);
    const r = notes(reviewed, ['--manuscript', other]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/has changed too much since this proof to carry positions over/);
    const hl = r.json.find((n) => n.mark.kind === 'highlight')!;
    const at = placeOf(source, '人心是最大的政治');
    expect([hl.line, hl.column]).toEqual([at.line, at.column]);
    expect(hl.note).toContain(
      "changed too much since this proof to carry positions over (more than 3000 characters); positions are in the proof's own text",
    );
    // Of about the same length but another text: the diff gives up at its edit limit.
    await writeFile(
      other,
      source.replace(/[\u4e00-\u9fff]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 1)),
    );
    const near = notes(reviewed, ['--manuscript', other]);
    expect(near.code, near.stderr).toBe(1);
    expect(near.stderr).toMatch(/has changed too much since this proof/);
  });

  it('refuses a PDF that is not a proof, with a clear message (exit 2)', async () => {
    const page = runCli(['build:pdf', seedDir(), '--out', path.join(out, 'dist'), '--no-preview']);
    expect(page.code).toBe(0);
    const r = runCli(['proof:notes', path.join(out, 'dist/seed/page.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/page\.pdf: no proof data inside \(baoban-proof\.json\)/);
    const missing = runCli(['proof:notes', path.join(out, 'nothing.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing\.pdf: no such file/);
  });

  it('refuses a named pipe or a device given as the proof, or as its manuscript, in one line (exit 2), never waiting on it', {
    timeout: 180_000,
  }, async () => {
    const pipe = path.join(out, 'returned-pipe.pdf');
    execFileSync('mkfifo', [pipe]);
    const refusals = [
      [runCli(['proof:notes', pipe]), /^error: .*returned-pipe\.pdf: is a named pipe \(FIFO\), not a file; name the proof PDF/],
      [runCli(['proof:notes', '/dev/zero']), /^error: \/dev\/zero: is a device, not a file; name the proof PDF/],
      [
        runCli(['proof:notes', reviewed, '--manuscript', '/dev/zero']),
        /^error: --manuscript \/dev\/zero cannot be read: is a device, not a file/,
      ],
      [
        runCli(['proof:notes', reviewed, '--manuscript', pipe]),
        /^error: --manuscript .*returned-pipe\.pdf cannot be read: is a named pipe/,
      ],
    ] as const;
    // The manuscript the proof names has become a named pipe.
    const file = path.join(seedDir(), 'article.md');
    await rename(file, `${file}.away`);
    try {
      execFileSync('mkfifo', [file]);
      const named = runCli(['proof:notes', reviewed]);
      await rm(file);
      await rename(`${file}.away`, file);
      for (const [r, says] of [
        ...refusals,
        [named, /^error: .*returned\.pdf: the manuscript it names, .*article\.md, cannot be read: is a named pipe/],
      ] as const) {
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(says);
        expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      }
    } finally {
      if (existsSync(`${file}.away`)) {
        await rm(file, { force: true });
        await rename(`${file}.away`, file);
      }
    }
  });
});

/** A PDF whose embedded-files tree holds `files` (a stream's raw bytes and filter), or whose tree's /Kids lead back to itself. */
async function hostilePdf(files: { contents?: Uint8Array; filter?: string; cyclic?: boolean }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const { context } = doc;
  let tree: PDFRef;
  if (files.cyclic) {
    tree = context.nextRef();
    context.assign(tree, context.obj({ Kids: [tree] }));
  } else {
    const stream = context.stream(files.contents!, { Type: 'EmbeddedFile', ...(files.filter ? { Filter: files.filter } : {}) });
    const spec = context.register(
      context.obj({ Type: 'Filespec', F: PDFString.of('baoban-proof.json'), EF: { F: context.register(stream) } }),
    );
    tree = context.register(context.obj({ Names: [PDFString.of('baoban-proof.json'), spec] }));
  }
  doc.catalog.set(PDFName.of('Names'), context.obj({ EmbeddedFiles: tree }));
  return doc.save({ useObjectStreams: false });
}

/** `megabytes` MB of zeros, deflated (some 1 KB a MB). */
async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
  await new Promise((r) => deflate.end(r));
  return Buffer.concat(chunks);
}

describe('proof:notes on a hostile PDF', () => {
  it('refuses proof data that inflates past its limit, a name tree that loops, and data stored otherwise, each in one line (exit 2)', {
    timeout: 180_000,
  }, async () => {
    const cases: Array<[string, Uint8Array, RegExp]> = [
      [
        'bomb.pdf',
        await hostilePdf({ contents: await deflatedZeros(600), filter: 'FlateDecode' }),
        /bomb\.pdf: the proof data inside is larger than 256 MB/,
      ],
      ['loop.pdf', await hostilePdf({ cyclic: true }), /loop\.pdf: no proof data inside \(baoban-proof\.json\)/],
      [
        'lzw.pdf',
        await hostilePdf({ contents: new Uint8Array([1, 2, 3]), filter: 'LZWDecode' }),
        /lzw\.pdf: the proof data inside is stored with LZWDecode/,
      ],
    ];
    for (const [name, bytes, says] of cases) {
      const file = path.join(out, name);
      await writeFile(file, bytes);
      const r = runCli(['proof:notes', file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    }
  });
});

describe('proof:notes on a manuscript written for other tests', () => {
  it('brings a highlight and a strike-out back to their places', async () => {
    const dir = path.join(out, 'plain');
    await cp(path.join(ROOT, 'tests/fixtures/manuscripts/plain'), dir, { recursive: true });
    expect(runCli(['build:proof', dir, '--out', path.join(out, 'dist')]).code).toBe(0);
    const source = await readFile(path.join(dir, 'article.md'), 'utf8');
    const bytes = new Uint8Array(await readFile(path.join(out, 'dist/plain/proof.pdf')));
    const doc = await open(bytes);
    const marks = await markWithPdfLib(bytes, [
      { subtype: 'Highlight', quads: await findPhrase(doc, 1, '有刚下班的年轻人'), contents: '改为“上班族”', author: '校对' },
      { subtype: 'StrikeOut', quads: await findPhrase(doc, 1, '街角的城市书'), contents: '删', author: '校对' },
    ]);
    await doc.destroy();
    const file = path.join(out, 'plain-returned.pdf');
    await writeFile(file, marks);
    const r = notes(file);
    expect(r.json).toHaveLength(2);
    for (const [kind, phrase] of [
      ['highlight', '有刚下班的年轻人'],
      ['strikeout', '街角的城市书'],
    ]) {
      const n = r.json.find((x) => x.mark.kind === kind)!;
      const at = placeOf(source, phrase);
      expect([n.line, n.column, n.mark.text]).toEqual([at.line, at.column, phrase]);
    }
  });
});
