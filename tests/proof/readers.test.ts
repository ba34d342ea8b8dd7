// A proof returned from the readers reviewers really use, each mark written the way that reader
// writes it (tests/proof/helpers/readers.ts): Acrobat's Replace Text (a caret grouped with a
// strike-out), review states (Accepted, Cancelled, Rejected) on a mark and on one of the proof's
// own findings, a thread of replies to replies, a comment given only as rich text, a comment with
// Acrobat's line ends and with control characters, a callout text box whose arrow points at the
// text, a note with no /Rect, a note in the empty part of the page and one on the findings sheet,
// and the encodings /Contents comes in. Every mark reaches its manuscript line and column with its
// text, and what has no place in the text is reported as such, never dropped and never put at a
// line it is not about. Fixture: tests/proof/fixtures/readers (a short story of four paragraphs).
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { PDFArray, type PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { findPhrase, pageLines } from './helpers/review.js';
import { annotate, MODIFIED, rawString, rectOf, utf16 } from './helpers/readers.js';

interface NoteJson {
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  ruleId: string;
  message: string;
  mark: {
    kind: string;
    comment: string;
    text: string;
    label: string;
    author: string;
    page: number;
    finding?: number;
    state?: string;
    unplaced?: string;
    sheet?: boolean;
    change?: number;
  };
}

let out: string;
let source: string;
let proof: Uint8Array;

/** line:column of the first occurrence of a phrase in the manuscript. */
function placeOf(phrase: string): { line: number; column: number } {
  const at = source.indexOf(phrase);
  if (at < 0) throw new Error(`“${phrase}” is not in the manuscript`);
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function notes(file: string) {
  const json = runCli(['proof:notes', file, '--format', 'json']);
  const text = runCli(['proof:notes', file]);
  return { json: json.code === 2 ? [] : (JSON.parse(json.stdout) as NoteJson[]), code: json.code, stderr: json.stderr, text };
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-readers-'));
  const dir = path.join(out, 'readers');
  await cp(path.join(ROOT, 'tests/proof/fixtures/readers'), dir, { recursive: true });
  const built = runCli(['build:proof', dir, '--out', path.join(out, 'dist'), '--no-preview']);
  expect(built.code, built.stderr).toBe(0);
  source = await readFile(path.join(dir, 'article.md'), 'utf8');
  proof = new Uint8Array(await readFile(path.join(out, 'dist/readers/proof.pdf')));
}, 180_000);
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a proof returned with marks as the readers write them', () => {
  let result: ReturnType<typeof notes>;
  const by = (comment: string) => result.json.find((n) => n.mark.comment.includes(comment));

  beforeAll(async () => {
    const doc = await getDocument({ data: proof.slice(), isEvalSupported: false }).promise;
    const q = {
      replaced: await findPhrase(doc, 1, '闲置的活动'),
      stated: await findPhrase(doc, 1, '一万两千多人次'),
      thread: await findPhrase(doc, 1, '退休教师'),
      rich: await findPhrase(doc, 1, '文化阵地'),
      lines: await findPhrase(doc, 1, '李女士'),
      callout: await findPhrase(doc, 1, '志愿者轮流值守'),
      latin: await findPhrase(doc, 1, '社区工作人员'),
      utf8: await findPhrase(doc, 1, '每周值守两个晚上'),
      preview: await findPhrase(doc, 1, '在全区推广'),
      loop: await findPhrase(doc, 1, '群众身边'),
      slug: await findPhrase(doc, 1, 'feature-8col'),
    };
    // The line that holds 退休教师 (a note in the left margin beside it).
    const lines = await pageLines(doc, 1);
    const text = (l: (typeof lines)[number]) => l.map((g) => g.ch).join('');
    const beside = lines.find((l) => text(l).includes('退休教师'))!;
    const [, , width, height] = (await doc.getPage(1)).view;
    // On the findings sheet (page 2): the row of finding 1, by its rule id as printed there.
    const row = (await pageLines(doc, 2)).find((l) => text(l).includes('half-width-punctuation'))!;
    await doc.destroy();
    const bytes = await annotate(proof, (w) => {
      const who = utf16('校对 王五');
      // Acrobat's Replace Text: the caret holds the new text; the strike-out is grouped with it.
      const r = q.replaced;
      const caret = w.add({
        Type: 'Annot',
        Subtype: 'Caret',
        IT: 'Replace',
        Subj: PDFString.of('Inserted Text'),
        Rect: [r[2] - 3, r[5] - 1, r[2] + 3, r[5] + 5],
        RD: [0.9, 0.9, 0.9, 0.9],
        T: who,
        M: MODIFIED,
        Contents: utf16('空置的会议室'),
        F: 4,
      });
      w.add({
        Type: 'Annot',
        Subtype: 'StrikeOut',
        IT: 'StrikeOutTextEdit',
        Subj: PDFString.of('Cross-Out'),
        Rect: rectOf(r),
        QuadPoints: r,
        IRT: caret,
        RT: 'Group',
        T: who,
        M: MODIFIED,
        F: 4,
      });
      // A highlight, then two state replies: Acrobat's (with its own words) and one with none.
      const hl = w.add({
        Type: 'Annot',
        Subtype: 'Highlight',
        Rect: rectOf(q.stated),
        QuadPoints: q.stated,
        T: utf16('审读 李四'),
        M: MODIFIED,
        Contents: utf16('数字请核实'),
        F: 4,
      });
      const state = (irt: unknown, s: string, t: string, contents?: string) =>
        w.add({
          Type: 'Annot',
          Subtype: 'Text',
          Rect: [0, 0, 20, 20],
          IRT: irt,
          State: PDFString.of(s),
          StateModel: PDFString.of('Review'),
          T: utf16(t),
          M: MODIFIED,
          F: 30,
          ...(contents ? { Contents: utf16(contents) } : {}),
        });
      state(hl, 'Accepted', '校对 王五', 'Accepted set by 校对 王五');
      state(hl, 'Cancelled', '值班总编 赵六');
      // The duty editor rejects the proof's own finding #1, saying nothing more.
      state(w.finding(1), 'Rejected', '值班总编 赵六');
      // A thread: a squiggly, a reply to it, a reply to that reply.
      const a = w.add({
        Type: 'Annot',
        Subtype: 'Squiggly',
        Rect: rectOf(q.thread),
        QuadPoints: q.thread,
        T: who,
        M: MODIFIED,
        Contents: utf16('姓氏请核实'),
        F: 4,
      });
      const b = w.add({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [0, 0, 20, 20],
        IRT: a,
        T: utf16('记者 王晓'),
        M: MODIFIED,
        Contents: utf16('已核实，姓赵'),
        F: 4,
      });
      w.add({ Type: 'Annot', Subtype: 'Text', Rect: [0, 0, 20, 20], IRT: b, T: who, M: MODIFIED, Contents: utf16('好，不改'), F: 4 });
      // A highlight over the slug under the trim: text of the proof, not of the manuscript.
      w.add({
        Type: 'Annot',
        Subtype: 'Highlight',
        Rect: rectOf(q.slug),
        QuadPoints: q.slug,
        T: who,
        M: MODIFIED,
        Contents: utf16('版式名不对'),
        F: 4,
      });
      // A damaged file: a highlight and a reply that each answer the other (/IRT in a loop).
      const looped = w.add({
        Type: 'Annot',
        Subtype: 'Highlight',
        Rect: rectOf(q.loop),
        QuadPoints: q.loop,
        T: who,
        M: MODIFIED,
        Contents: utf16('环一'),
        F: 4,
      });
      const answer = w.add({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [0, 0, 20, 20],
        IRT: looped,
        T: who,
        M: MODIFIED,
        Contents: utf16('环二'),
        F: 4,
      });
      (w.doc.context.lookup(looped) as PDFDict).set(PDFName.of('IRT'), answer);
      // The comment only as rich text (/RC), no /Contents.
      w.add({
        Type: 'Annot',
        Subtype: 'Highlight',
        Rect: rectOf(q.rich),
        QuadPoints: q.rich,
        T: who,
        M: MODIFIED,
        RC: utf16(
          '<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml" xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/" ' +
            'xfa:APIVersion="Acrobat:24.2.0" xfa:spec="2.0.2"><p dir="ltr"><span style="font-size:10pt">改为<b>“文化家园”</b> &amp; 加引号</span></p></body>',
        ),
        F: 4,
      });
      // Acrobat's line ends (\r), and control and bidirectional characters a reviewer's paste brings.
      w.add({
        Type: 'Annot',
        Subtype: 'Underline',
        Rect: rectOf(q.lines),
        QuadPoints: q.lines,
        T: who,
        M: MODIFIED,
        Contents: utf16('第一行\r第二行\r\n\u202e第三行\u0007'),
        F: 4,
      });
      // A callout text box in the right margin, its arrow's tip in the middle of 志愿者轮流值守.
      const c = q.callout;
      const tip = [(c[0] + c[2]) / 2, (c[1] + c[5]) / 2];
      w.add({
        Type: 'Annot',
        Subtype: 'FreeText',
        IT: 'FreeTextCallout',
        Rect: [tip[0] - 2, tip[1] - 80, width - 5, tip[1] + 2],
        CL: [tip[0], tip[1], width - 80, tip[1] - 60, width - 60, tip[1] - 60],
        DA: PDFString.of('/Helv 9 Tf 1 0 0 rg'),
        LE: 'OpenArrow',
        T: who,
        M: MODIFIED,
        Contents: utf16('小标题改为“志愿者值守”'),
        F: 4,
      });
      // Notes: one with no /Rect; one in the empty lower part of the page; one at the foot of the
      // findings sheet, by no row; one in the left margin (outside the trim) beside the line of 退休教师.
      w.add({ Type: 'Annot', Subtype: 'Text', T: who, M: MODIFIED, Contents: utf16('没有位置的批注'), F: 4 });
      w.add({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [width / 2, height * 0.2, width / 2 + 20, height * 0.2 + 20],
        T: who,
        M: MODIFIED,
        Contents: utf16('此处留白太多'),
        Name: 'Comment',
        F: 4,
      });
      w.add(
        {
          Type: 'Annot',
          Subtype: 'Text',
          Rect: [20, 20, 40, 40],
          T: who,
          M: MODIFIED,
          Contents: utf16('清单看过了'),
          Name: 'Comment',
          F: 4,
        },
        2,
      );
      // …and one in the sheet's left margin beside finding 1's row.
      const rowTop = row[0].y + row[0].size * 0.88;
      w.add(
        {
          Type: 'Annot',
          Subtype: 'Text',
          Rect: [row[0].x - 40, rowTop - 16, row[0].x - 24, rowTop],
          T: who,
          M: MODIFIED,
          Contents: utf16('第1条不改'),
          Name: 'Comment',
          F: 4,
        },
        2,
      );
      const top = beside[0].y + beside[0].size * 0.88;
      w.add({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [8, top - 16, 24, top],
        T: who,
        M: MODIFIED,
        Contents: utf16('这一行请核实'),
        Name: 'Comment',
        F: 4,
      });
      // /Contents and /T in PDFDocEncoding (0x84 is an em dash there), and in UTF-8 with its byte-order mark (PDF 2.0).
      w.add({
        Type: 'Annot',
        Subtype: 'Underline',
        Rect: rectOf(q.latin),
        QuadPoints: q.latin,
        T: PDFString.of('Proofreader'),
        M: MODIFIED,
        Contents: rawString(Buffer.from('d\xe9j\xe0 vu \x84 ok', 'latin1')),
        F: 4,
      });
      w.add({
        Type: 'Annot',
        Subtype: 'Highlight',
        Rect: rectOf(q.utf8),
        QuadPoints: q.utf8,
        T: rawString([0xef, 0xbb, 0xbf, ...Buffer.from('校对 王五')]),
        M: MODIFIED,
        Contents: rawString([0xef, 0xbb, 0xbf, ...Buffer.from('改为“每周值守三个晚上”')]),
        F: 4,
      });
      // Preview: quad points a little outside the /Rect (pdf.js then drops them; the /Rect still places the mark).
      const p = q.preview;
      const pr = rectOf(p);
      w.add({
        Type: 'Annot',
        Subtype: 'Highlight',
        Rect: [pr[0] + 3, pr[1] + 2, pr[2] - 3, pr[3] - 2],
        QuadPoints: p,
        T: who,
        M: MODIFIED,
        Contents: utf16('核实推广范围'),
        F: 4,
      });
    });
    const file = path.join(out, 'returned.pdf');
    await writeFile(file, bytes);
    result = notes(file);
  }, 180_000);

  it('reads Acrobat’s Replace Text as one mark: the struck-out text, at its place, and the new text', () => {
    const replace = result.json.filter((n) => n.mark.kind === 'replace');
    expect(replace).toHaveLength(1);
    const at = placeOf('闲置的活动');
    const [r] = replace;
    expect([r.line, r.column, r.endLine, r.endColumn]).toEqual([at.line, at.column, at.line, at.column + 5]);
    expect(r.mark.text).toBe('闲置的活动');
    expect(r.mark.comment).toBe('空置的会议室');
    expect(r.ruleId).toBe('proof-replace');
    expect(result.json.filter((n) => n.mark.kind === 'caret' || n.mark.kind === 'strikeout')).toEqual([]);
    expect(result.text.stdout).toContain('替换 replace on “闲置的活动” at 第');
    expect(result.text.stdout).toContain(': with “空置的会议室” — 校对 王五');
  });

  it('keeps every reply of a thread and the review state the thread was set to', () => {
    const hl = by('数字请核实')!;
    expect([hl.line, hl.column]).toEqual(Object.values(placeOf('一万两千多人次')));
    expect(hl.mark.comment).toBe(
      '数字请核实\n校对 王五: Accepted set by 校对 王五\n值班总编 赵六: Cancelled (已取消)'.replaceAll('\n', ' / '),
    );
    expect(hl.mark.state).toBe('Cancelled');
    const thread = by('姓氏请核实')!;
    expect(thread.mark.comment).toBe('姓氏请核实 / 记者 王晓: 已核实，姓赵 / 校对 王五: 好，不改');
    expect([thread.line, thread.column]).toEqual(Object.values(placeOf('退休教师')));
    // Replies in a loop: one mark, both comments, nothing lost and no endless walk.
    const loop = by('环一')!;
    expect([loop.mark.comment, loop.mark.text]).toEqual(['环一 / 校对 王五: 环二', '群众身边']);
    // A state on the proof's own finding, with no words: the finding's place, and the state said.
    const rejected = result.json.find((n) => n.mark.finding === 1)!;
    expect(rejected.mark.state).toBe('Rejected');
    expect(rejected.mark.comment).toBe('Rejected (已拒绝)');
    expect([rejected.line, rejected.column]).toEqual([placeOf('以来,').line, placeOf('以来,').column + 2]);
  });

  it('reads a comment given only as rich text, and keeps a comment’s line ends without its control characters', () => {
    const rich = result.json.find((n) => n.mark.text === '文化阵地')!;
    expect(rich.mark.comment).toBe('改为“文化家园” & 加引号');
    const lines = result.json.find((n) => n.mark.text === '李女士')!;
    expect(lines.mark.comment).toBe('第一行\n第二行\n第三行');
    // Printed, each mark is one line; no control or bidirectional character reaches the terminal.
    const printed = result.text.stdout.split('\n').find((l) => l.includes('李女士'))!;
    expect(printed).toContain('“第一行 ↵ 第二行 ↵ 第三行”');
    expect(result.text.stdout).not.toMatch(/[\u0007\u202e]/);
  });

  it('places a callout where its arrow points, not at its box in the margin', () => {
    const callout = by('小标题改为')!;
    const at = placeOf('志愿者轮流值守');
    expect(callout.line).toBe(at.line);
    expect(callout.column!).toBeGreaterThan(at.column);
    expect(callout.column!).toBeLessThan(at.column + 7);
    // A point, as a caret is: not the text of the lines its box and arrow happen to lie over.
    expect([callout.endLine, callout.mark.text]).toEqual([null, '']);
  });

  it('reports a note with no place in the text as such, and places a note in the margin beside its line', () => {
    const none = by('没有位置的批注')!;
    expect([none.line, none.mark.unplaced]).toEqual([null, 'no-rect']);
    expect(none.message).toContain('with no place of its own (the annotation has no /Rect)');
    const empty = by('此处留白太多')!;
    expect([empty.line, empty.mark.unplaced]).toEqual([null, 'margin']);
    expect(empty.message).toContain('in the margin of page 1, near no line of the text');
    const slug = by('版式名不对')!;
    expect([slug.line, slug.mark.unplaced]).toEqual([null, 'no-text']);
    expect(slug.message).toContain('over no text of the manuscript on page 1');
    const sheet = by('清单看过了')!;
    expect([sheet.line, sheet.mark.page, sheet.mark.unplaced, sheet.mark.finding]).toEqual([null, 2, 'sheet', undefined]);
    expect(sheet.message).toContain('on the findings sheet (page 2)');
    // Beside a finding's row on the sheet: that finding's place in the manuscript.
    const row = by('第1条不改')!;
    expect([row.line, row.column, row.mark.finding, row.mark.sheet]).toEqual([placeOf('以来,').line, placeOf('以来,').column + 2, 1, true]);
    expect(row.message).toContain("(on the findings sheet at the proof's finding #1)");
    const beside = by('这一行请核实')!;
    expect(beside.mark.unplaced).toBeUndefined();
    expect(beside.line).toBe(placeOf('退休教师').line);
  });

  it('decodes /Contents in PDFDocEncoding and in UTF-8 with its byte-order mark, and places quad points outside their /Rect', () => {
    expect(result.json.find((n) => n.mark.text === '社区工作人员')?.mark).toMatchObject({ comment: 'déjà vu — ok', author: 'Proofreader' });
    const utf8 = result.json.find((n) => n.mark.text === '每周值守两个晚上')!;
    expect(utf8.mark).toMatchObject({ comment: '改为“每周值守三个晚上”', author: '校对 王五' });
    const preview = by('核实推广范围')!;
    expect([preview.line, preview.column, preview.mark.text]).toEqual([...Object.values(placeOf('在全区推广')), '在全区推广']);
  });

  it('piped into a command that stops reading early (| head): no broken-pipe error, the exit code kept', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'src/cli/run.mjs'), 'proof:notes', path.join(out, 'returned.pdf')], {
      cwd: ROOT,
    });
    child.stdout.destroy(); // the reader of the output is gone before the marks are printed
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(stderr).not.toMatch(/error|EPIPE/);
    expect(code).toBe(1);
  });

  it('drops nothing: one finding for each mark a reviewer made, all counted', () => {
    expect(result.code).toBe(1);
    // replace, highlight+states, rejected finding, thread, loop, slug, rich, lines, callout, 5 notes, latin, utf8, preview
    expect(result.json).toHaveLength(17);
    expect(result.text.stdout).toMatch(/17 warnings/);
    const said = result.json.map((n) => n.mark.comment).join('\n');
    for (const written of [
      '空置的会议室',
      '数字请核实',
      'Accepted set by',
      'Cancelled',
      'Rejected',
      '姓氏请核实',
      '已核实，姓赵',
      '好，不改',
    ]) {
      expect(said).toContain(written);
    }
  });
});

describe('a proof re-saved by other writers', () => {
  it('reads marks from a file MuPDF rewrote with object streams and a compressed cross-reference stream', async () => {
    const doc = await getDocument({ data: proof.slice(), isEvalSupported: false }).promise;
    const q = await findPhrase(doc, 1, '文化阵地');
    await doc.destroy();
    const mu = mupdf.Document.openDocument(proof, 'application/pdf') as mupdf.PDFDocument;
    const page = mu.loadPage(0) as mupdf.PDFPage;
    const top = page.getBounds()[3];
    const annot = page.createAnnotation('StrikeOut');
    annot.setQuadPoints([[q[0], top - q[1], q[2], top - q[3], q[4], top - q[5], q[6], top - q[7]]]);
    annot.setContents('删');
    annot.update();
    const saved = mu.saveToBuffer('garbage=compact,compress=yes,objstms=yes').asUint8Array().slice();
    mu.destroy();
    expect(Buffer.from(saved).includes('/ObjStm')).toBe(true);
    const file = path.join(out, 'mupdf-objstm.pdf');
    await writeFile(file, saved);
    const r = notes(file);
    expect(r.json.map((n) => [n.mark.kind, n.line, n.column, n.mark.text, n.mark.comment])).toEqual([
      ['strikeout', ...Object.values(placeOf('文化阵地')), '文化阵地', '删'],
    ]);
  });

  it('refuses a proof printed to PDF (its page only, no marks, no proof data) in one line, exit 2', async () => {
    const src = await PDFDocument.load(proof, { updateMetadata: false });
    const printed = await PDFDocument.create();
    const [p] = await printed.copyPages(src, [0]);
    p.node.delete(PDFName.of('Annots'));
    printed.addPage(p);
    const file = path.join(out, 'printed.pdf');
    await writeFile(file, await printed.save());
    const r = runCli(['proof:notes', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/printed\.pdf: no proof data inside .*A proof printed to PDF.*ask for the file as the PDF reader saved it/);
  });
});

describe('a second round returned', () => {
  it('takes a reply to one of the proof’s change marks to that change’s place, and says which change', { timeout: 180_000 }, async () => {
    const dir = path.join(out, 'readers');
    const file = path.join(dir, 'article.md');
    await writeFile(file, source.replace('每周值守两个晚上', '每周值守三个晚上'));
    try {
      const built = runCli(['build:proof', dir, '--out', path.join(out, 'dist'), '--no-preview']);
      expect(built.code, built.stderr).toBe(0);
      const round2 = new Uint8Array(await readFile(path.join(out, 'dist/readers/proof.pdf')));
      // A reply as Acrobat files it: a hidden /Text with /IRT to the proof's mark of change 1 and a state, at the page's corner.
      const bytes = await annotate(round2, (w) => {
        const changed = w.own('baoban-change-1');
        w.add({
          Type: 'Annot',
          Subtype: 'Text',
          Rect: [0, 0, 20, 20],
          IRT: changed,
          State: PDFString.of('Rejected'),
          StateModel: PDFString.of('Review'),
          T: utf16('值班总编 赵六'),
          M: MODIFIED,
          Contents: utf16('改回“两个晚上”'),
          F: 30,
        });
      });
      const returned = path.join(out, 'returned-r2.pdf');
      await writeFile(returned, bytes);
      const r = notes(returned);
      expect(r.json).toHaveLength(1);
      const [reply] = r.json;
      const at = placeOf('两个晚上');
      expect(reply.mark).toMatchObject({ change: 1, state: 'Rejected', comment: '改回“两个晚上”' });
      expect([reply.line, reply.column]).toEqual([at.line, at.column]);
      expect(reply.mark.label).toMatch(/^第1栏第\d+行$/);
      expect(reply.message).toContain("(reply to the proof's change 1)");
    } finally {
      await writeFile(file, source);
    }
  });
});

describe('a returned copy whose reader dropped the proof data', () => {
  it('is read with --proof, the proof as it was sent; refused without it, or with another round’s proof, in one line (exit 2)', {
    timeout: 180_000,
  }, async () => {
    // After the second round above: dist/readers holds proof-r1.pdf and proof-r2.pdf.
    const r1 = path.join(out, 'dist/readers/proof-r1.pdf');
    const r2 = path.join(out, 'dist/readers/proof-r2.pdf');
    const doc = await getDocument({ data: proof.slice(), isEvalSupported: false }).promise;
    const q = await findPhrase(doc, 1, '文化阵地');
    await doc.destroy();
    // A reader that keeps no attached files and no annotation names: the data and every /NM gone.
    const bytes = await annotate(proof, (w) => {
      w.add({
        Type: 'Annot',
        Subtype: 'StrikeOut',
        Rect: rectOf(q),
        QuadPoints: q,
        T: utf16('校对 王五'),
        M: MODIFIED,
        Contents: utf16('删'),
        F: 4,
      });
      w.doc.catalog.delete(PDFName.of('Names'));
      w.doc.catalog.delete(PDFName.of('AF'));
      for (const page of w.doc.getPages()) {
        const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
        for (let i = 0; annots && i < annots.size(); i++) (annots.lookup(i) as PDFDict).delete(PDFName.of('NM'));
      }
    });
    const file = path.join(out, 'dropped.pdf');
    await writeFile(file, bytes);
    const without = runCli(['proof:notes', file]);
    expect(without.code).toBe(2);
    expect(without.stderr.trim().split('\n')).toHaveLength(1);
    expect(without.stderr).toMatch(
      /dropped\.pdf: no proof data inside .*; or name the proof as it was sent out with --proof dist\/<name>\/proof-r<N>\.pdf/,
    );
    const other = runCli(['proof:notes', file, '--proof', r2]);
    expect(other.code).toBe(2);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/dropped\.pdf: its page 1 is not page 1 of .*proof-r2\.pdf \(the printed text differs\)/);
    const r = runCli(['proof:notes', file, '--proof', r1, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as NoteJson[];
    // the reviewer's strike-out only: the proof's own annotations are known by author and comment without their names
    expect(json.map((n) => [n.mark.kind, n.line, n.column, n.mark.text, n.mark.comment])).toEqual([
      ['strikeout', ...Object.values(placeOf('文化阵地')), '文化阵地', '删'],
    ]);
  });
});

describe('a proof asked of an edition plan', () => {
  it('says that an edition’s proofs are its stories’ own, and how to make them, in one line (exit 2)', () => {
    const r = runCli(['build:proof', 'manuscript/editions/2024-01-19.yaml', '--out', path.join(out, 'edition')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      "manuscript/editions/2024-01-19.yaml: an edition plan has no proof of its own: make the proof of each story's manuscript (npm run build:proof -- <manuscript>)",
    );
  });
});
