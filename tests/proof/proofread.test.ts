// Proofs as reviewers read them, on manuscripts the other proof tests do not cover
// (tests/proof/fixtures/proofread/README.md): what is printed is mapped to its manuscript line,
// marked when a finding is about it, and a reviewer's mark on it comes back to that line.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofJson } from '../../src/proof/build-proof.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { imageBoxes, textItems } from '../page/helpers/pdf.js';
import { findPhrase, markWithPdfLib, pageLines } from './helpers/review.js';
import { annotate, MODIFIED, utf16 } from './helpers/readers.js';

const FIXTURES = path.join(ROOT, 'tests/proof/fixtures/proofread');

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-proofread-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const open = async (file: string): Promise<PDFDocumentProxy> =>
  getDocument({ data: new Uint8Array(await readFile(file)), isEvalSupported: false }).promise;
/** line:column of a phrase in a manuscript text. */
const placeOf = (text: string, phrase: string) => {
  const before = text.slice(0, text.indexOf(phrase)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
};
type JsonNote = { line: number; column: number; ruleId: string; message: string; mark: { text: string; label: string; comment: string } };
const notesOf = (stdout: string): JsonNote[] => JSON.parse(stdout);

/** A copy of a fixture folder (a test edits it for the next round) and its proof, round 1. */
async function proofOf(
  fixture: string,
  name = fixture,
  options: string[] = [],
): Promise<{ dir: string; dist: string; source: string; json: ProofJson; pdf: string }> {
  const dir = path.join(out, name);
  await cp(path.join(FIXTURES, fixture), dir, { recursive: true });
  const dist = path.join(out, `${name}-dist`);
  const built = runCli(['build:proof', dir, '--out', dist, '--no-preview', ...options]);
  expect(built.stderr).not.toMatch(/\n\s+at /);
  expect(built.code, built.stderr).toBe(0);
  const json = JSON.parse(await readFile(path.join(dist, name, 'proof.json'), 'utf8')) as ProofJson;
  return { dir, dist, source: await readFile(path.join(dir, 'article.md'), 'utf8'), json, pdf: path.join(dist, name, 'proof.pdf') };
}

describe('footnotes printed after text that runs from column to column', () => {
  let proof: Awaited<ReturnType<typeof proofOf>>;
  beforeAll(async () => {
    proof = await proofOf('footnotes');
  }, 120_000);

  it('proof:notes reads the proof as build:proof wrote it', () => {
    const r = runCli(['proof:notes', proof.pdf, '--format', 'json']);
    expect(r.stderr).not.toContain('no unit');
    expect(r.code, r.stderr).toBe(0);
    expect(notesOf(r.stdout)).toEqual([]);
  });

  it('marks a finding in a footnote where the footnote is printed', () => {
    const at = placeOf(proof.source, ',这里');
    const f = proof.json.findings.find((x) => x.ruleId === 'half-width-punctuation' && x.line === at.line);
    expect(f).toBeDefined();
    expect(f!.onPage).toBe(true);
    expect(f!.place?.label).toMatch(/^第\d栏第\d+行$/);
    expect(f!.text).toMatch(/^[,，]/); // printed full-width
  });

  it("brings a reviewer's mark on a footnote back to its manuscript line", async () => {
    const doc = await open(proof.pdf);
    const quads = await findPhrase(doc, 1, '第二条注释');
    await doc.destroy();
    const marked = await markWithPdfLib(new Uint8Array(await readFile(proof.pdf)), [
      { subtype: 'Highlight', quads, contents: '核实出处', author: '校对 孙敏' },
    ]);
    const returned = path.join(out, 'footnotes-returned.pdf');
    await writeFile(returned, marked);
    const r = runCli(['proof:notes', returned, '--manuscript', path.join(proof.dir, 'article.md'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const [note] = notesOf(r.stdout);
    expect([note.line, note.column]).toEqual(Object.values(placeOf(proof.source, '第二条注释')));
    expect(note.mark.text).toBe('第二条注释');
    expect(note.mark.label).toMatch(/^第\d栏第\d+行$/);
  });

  it('locates a change to a footnote in round 2', async () => {
    const file = path.join(proof.dir, 'article.md');
    const edited = proof.source.replace('据旗教育局统计', '据旗教育局2023年统计');
    await writeFile(file, edited);
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(proof.dist, 'footnotes', 'proof.json'), 'utf8')) as ProofJson;
    expect(json.round).toBe(2);
    // compared with round 1, named by the file that keeps it (proof.pdf is now round 2), relative to proof.json's folder
    expect(json.against?.file).toBe('proof-r1.pdf');
    expect(json.changes.map((c) => [c.kind, c.text, c.line, c.place?.label.startsWith('第')])).toEqual([
      ['insert', '2023年', placeOf(edited, '2023年统计').line, true],
    ]);
  }, 120_000);
});

describe('a page with a photo, a quotation, lists, a table and a footnote', () => {
  let proof: Awaited<ReturnType<typeof proofOf>>;
  let bytes: Uint8Array;
  /** The photo's box and the first quad of the proof's own highlight of a finding, PDF points. */
  let photo: [number, number, number, number];
  let findingQuad: number[];
  let finding: number;
  beforeAll(async () => {
    proof = await proofOf('photo');
    bytes = new Uint8Array(await readFile(proof.pdf));
    const f = proof.json.findings.find((x) => x.ruleId === 'half-width-punctuation');
    expect(f?.onPage).toBe(true);
    finding = f!.n;
    const doc = await open(proof.pdf);
    const own = await (await doc.getPage(1)).getAnnotations();
    findingQuad = Array.from(own.find((a) => a.contentsObj?.str.startsWith(`#${finding} `))!.quadPoints as ArrayLike<number>).slice(0, 8);
    // The photo is drawn as an image: the largest image on page 1, as much of it as its slot shows.
    const [largest] = (await imageBoxes(doc, 1)).sort(
      (x, y) => (y.right - y.left) * (y.top - y.bottom) - (x.right - x.left) * (x.top - x.bottom),
    );
    photo = [largest.left, largest.bottom, largest.right, largest.top];
    await doc.destroy();
  }, 120_000);

  /** proof:notes on the proof with marks added as a desktop reader writes them. */
  async function notesWith(marks: Parameters<typeof markWithPdfLib>[1]): Promise<JsonNote[]> {
    const returned = path.join(out, `photo-returned-${marks[0].subtype}.pdf`);
    await writeFile(returned, await markWithPdfLib(bytes, marks));
    const r = runCli(['proof:notes', returned, '--manuscript', path.join(proof.dir, 'article.md'), '--format', 'json']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(1);
    return notesOf(r.stdout);
  }
  const figureLine = () => proof.source.split('\n').findIndex((l) => l.startsWith('![')) + 1;

  it('a box drawn on the photo is at the photo, not at the nearest line of text', async () => {
    const [x1, y1, x2, y2] = photo;
    expect(x2 - x1).toBeGreaterThan(100);
    const w = (x2 - x1) / 4;
    const h = (y2 - y1) / 4;
    const [note] = await notesWith([
      { subtype: 'Square' as 'Ink', rect: [x1 + w, y1 + h, x2 - w, y2 - h], contents: '换一张横幅的照片', author: '美术编辑 赵强' },
    ]);
    expect([note.line, note.mark.label, note.mark.text]).toEqual([figureLine(), '图片', '']);
    expect(note.message).toContain('at 图片');
  });

  it('a sticky note on the photo is at the photo', async () => {
    const [x1, y1, x2, y2] = photo;
    const [note] = await notesWith([
      {
        subtype: 'Text',
        rect: [(x1 + x2) / 2, (y1 + y2) / 2 - 20, (x1 + x2) / 2 + 20, (y1 + y2) / 2],
        contents: '人物太小',
        author: '校对 孙敏',
      },
    ]);
    expect([note.line, note.mark.label]).toEqual([figureLine(), '图片']);
  });

  it("a highlight over a finding's numbered marker is about that finding", async () => {
    // The marker stands at the top-left corner of the finding's text, over the top of its line: a
    // reader's selection of its number is the digit's box (5.5 pt type).
    const [l, top] = [Math.min(findingQuad[0], findingQuad[4]), Math.max(findingQuad[1], findingQuad[5])];
    const [note] = await notesWith([
      { subtype: 'Highlight', quads: [l + 1, top + 5, l + 4.5, top + 5, l + 1, top, l + 4.5, top], contents: '不改', author: '校对 孙敏' },
    ]);
    expect(note.message).toContain(`(over the marker of the proof's finding #${finding})`);
    expect([note.line, note.column]).toEqual(Object.values(placeOf(proof.source, ',复式')));
  });

  it('a circle drawn round the marker is about that finding too', async () => {
    const [l, top] = [Math.min(findingQuad[0], findingQuad[4]), Math.max(findingQuad[1], findingQuad[5])];
    const [note] = await notesWith([
      { subtype: 'Circle' as 'Ink', rect: [l - 4, top - 5, l + 8, top + 9], contents: '已核', author: '校对 孙敏' },
    ]);
    expect(note.message).toContain(`(over the marker of the proof's finding #${finding})`);
    expect(note.line).toBe(placeOf(proof.source, ',复式').line);
  });
});

describe('a table whose cells wrap, after a paragraph with a www. address set after a Chinese mark', () => {
  let proof: Awaited<ReturnType<typeof proofOf>>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    proof = await proofOf('ledger');
    bytes = new Uint8Array(await readFile(proof.pdf));
  }, 120_000);

  /** proof:notes on the proof with a highlight (or another mark) over each phrase, as a desktop reader writes them. */
  async function notesOver(marks: Array<{ phrase: string; subtype?: 'Highlight' | 'StrikeOut' }>): Promise<JsonNote[]> {
    const doc = await open(proof.pdf);
    const quads = await Promise.all(marks.map((m) => findPhrase(doc, 1, m.phrase)));
    await doc.destroy();
    const returned = path.join(out, 'ledger-returned.pdf');
    await writeFile(
      returned,
      await markWithPdfLib(
        bytes,
        marks.map((m, i) => ({ subtype: m.subtype ?? 'Highlight', quads: quads[i], contents: `核对${i + 1}`, author: '校对 刘畅' })),
      ),
    );
    const r = runCli(['proof:notes', returned, '--manuscript', path.join(proof.dir, 'article.md'), '--format', 'json']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(1);
    return notesOf(r.stdout).sort((a, b) => a.mark.comment.localeCompare(b.mark.comment));
  }
  const span = (phrase: string) => {
    const at = placeOf(proof.source, phrase);
    return [at.line, at.column, at.column + phrase.length];
  };

  it("a mark on a cell's second line, or on a row under a cell that wraps, is at those characters", async () => {
    // 出栏羔羊（只）: （只） on the cell's second line; 9,80 part of a figure in the next cell (a figure is never broken: tests/page/table-numbers)
    const notes = await notesOver([{ phrase: '9,80' }, { phrase: '（只）', subtype: 'StrikeOut' }, { phrase: '比收购' }]);
    expect(notes.map((n) => [n.line, n.column, (n as unknown as { endColumn: number }).endColumn, n.mark.text])).toEqual([
      [...span('9,80'), '9,80'],
      [...span('（只）'), '（只）'],
      [...span('比收购'), '比收购'],
    ]);
  });

  it("a highlight over a whole cell takes its last character, though the next cell's text stands far from it", async () => {
    // 项目 is left-aligned, the next cell's 2023年 right-aligned across its column
    const [note] = await notesOver([{ phrase: '项目' }]);
    expect([note.line, note.column, note.mark.text]).toEqual([...span('项目').slice(0, 2), '项目']);
  });

  it('a mark in a paragraph with a www. address after （ is at its own characters', async () => {
    const [before, after] = await notesOver([{ phrase: '用手机记账' }, { phrase: '羊肉达到' }]);
    expect([before.line, before.column, before.mark.text]).toEqual([...span('用手机记账').slice(0, 2), '用手机记账']);
    expect([after.line, after.column, after.mark.text]).toEqual([...span('羊肉达到').slice(0, 2), '羊肉达到']);
  });

  it("a cell's second, third, fourth line of type is the 第M行 the margin's numbers count it, in the proof and in proof:notes", async () => {
    // The numbers printed every 5th line left of column 1 (small digits at the column's left edge):
    // the line a phrase is on is counted from them, as a reviewer counts it on paper.
    const doc = await open(proof.pdf);
    const lines = await pageLines(doc, 1);
    await doc.destroy();
    const textOf = (l: Array<{ ch: string }>) => l.map((g) => g.ch).join('');
    const body = lines.filter((l) => l[0].size > 6);
    const left = body.find((l) => textOf(l).startsWith('项目'))![0].x;
    const numbers = lines
      .filter((l) => l[0].size < 5 && /^\d+$/.test(textOf(l)) && Math.abs(l[0].x - left) < 12)
      .map((l) => ({ n: Number(textOf(l)), mid: l[0].y + l[0].size * 0.35 }))
      .sort((a, b) => a.n - b.n);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    const [a, b] = [numbers[0], numbers[numbers.length - 1]];
    const pitch = (a.mid - b.mid) / (b.n - a.n);
    const lineOf = (phrase: string) => {
      const line = body.find((l) => textOf(l).includes(phrase))!;
      const g = line[textOf(line).indexOf(phrase)];
      return `第1栏第${Math.round(a.n + (a.mid - (g.y + g.size * 0.35)) / pitch)}行`;
    };
    const f = proof.json.findings.find((x) => x.ruleId === 'half-width-punctuation');
    expect(f?.place?.label).toBe(lineOf('商，高'));
    const notes = await notesOver([{ phrase: '（只）' }, { phrase: '比收购' }, { phrase: '数' }, { phrase: '14,650' }]);
    expect(notes.map((n) => n.mark.label)).toEqual([lineOf('（只）'), lineOf('比收购'), lineOf('数'), lineOf('14,650')]);
    // the rows' lines are not all one number: the row of 加价（元）比收购商，高 is four lines
    expect(new Set(notes.map((n) => n.mark.label)).size).toBe(4);
  });

  it("the proof's highlight of a finding in a wrapped cell is one line of type high, not the row's height", async () => {
    const f = proof.json.findings.find((x) => x.ruleId === 'half-width-punctuation');
    expect(f?.onPage).toBe(true);
    expect([f!.line, f!.column]).toEqual(Object.values(placeOf(proof.source, ',高')));
    const doc = await open(proof.pdf);
    const own = await (await doc.getPage(1)).getAnnotations();
    await doc.destroy();
    const q = Array.from(own.find((a) => a.contentsObj?.str.startsWith(`#${f!.n} `))!.quadPoints as ArrayLike<number>);
    const ys = [q[1], q[3], q[5], q[7]];
    // the table's type is 7.5 pt on its lines; the row (three lines of type) is more than 30 pt high
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(12);
  });
});

describe('a table longer than the page: cut between its rows from column to column, the rest overset', () => {
  it('marks on the page the findings in the rows printed, and the rows that did not fit as not on the page', async () => {
    const proof = await proofOf('tall-table');
    const doc = await open(proof.pdf);
    const page = await doc.getPage(1);
    const printed = (await pageLines(doc, 1)).map((l) => l.map((g) => g.ch).join('')).join('\n');
    const own = (await page.getAnnotations()).filter((a) => /^#\d+ /.test(a.contentsObj?.str ?? ''));
    const [, bottom] = page.view; // the sheet's foot; the trim is above it
    await doc.destroy();
    const commas = proof.json.findings.filter((f) => f.ruleId === 'half-width-punctuation');
    expect(commas).toHaveLength(30);
    const rowOf = (line: number) => Number(proof.source.split('\n')[line - 1].match(/第(\d+)号/)![1]);
    const onPage = commas.filter((f) => printed.includes(`第${rowOf(f.line!)}号`));
    // the overset is said from the first row that did not fit, not from the header printed again above it (续表)
    const overset = proof.json.findings.find((f) => f.ruleId === 'page-overset');
    expect(overset?.message).toMatch(/from “第\d+号牧户\d+合作社/);
    // some rows are printed, the rest overset: each finding is on the page exactly when its row is
    expect(onPage.length).toBeGreaterThan(5);
    expect(onPage.length).toBeLessThan(30);
    expect(commas.map((f) => f.onPage)).toEqual(commas.map((f) => onPage.includes(f)));
    // and its comment lies over its row, above the page's foot line (no mark below the frame)
    const lowest = Math.min(...own.filter((a) => commas.some((f) => a.contentsObj.str.startsWith(`#${f.n} `))).map((a) => a.rect[1]));
    expect(lowest).toBeGreaterThan(bottom + 60);
    expect(own.filter((a) => commas.some((f) => !f.onPage && a.contentsObj.str.startsWith(`#${f.n} `)))).toEqual([]);
  }, 120_000);
});

describe("a table wider than its column, its right-hand cells cut at the frame's edge", () => {
  it('maps the cells cut off as not printed, and lists their text with the finding that the table is cut', async () => {
    const proof = await proofOf('wide-table');
    const commas = proof.json.findings.filter((f) => f.ruleId === 'half-width-punctuation');
    // the comma after 首格文字 (the first cell) and the one after 末格文字 (the last)
    const at = (f: (typeof commas)[number]) => proof.source.split('\n')[f.line! - 1].slice(f.column! - 3, f.column! + 2);
    expect(commas.map(at).sort()).toEqual(['文字,右边', '文字,左边']);
    // the first cell is printed, its finding marked on the page; the last cell is cut off: on the sheet only
    const left = commas.find((f) => at(f).endsWith('左边'))!;
    const right = commas.find((f) => at(f).endsWith('右边'))!;
    expect([left.onPage, left.place?.label]).toEqual([true, expect.stringMatching(/^第1栏第\d+行$/)]);
    expect([right.onPage, right.place, right.text]).toEqual([false, null, undefined]);
    // the table's finding names what is cut off, in proof.json, on the sheet and in its PDF comment
    const wide = proof.json.findings.find((f) => f.ruleId === 'page-block-too-wide')!;
    expect(wide.onPage).toBe(true);
    expect(wide.unprinted).toMatch(/列9/);
    expect(wide.unprinted).toMatch(/末格文字[,，]右边/);
    expect(wide.unprinted).not.toMatch(/列0|首格/);
    const doc = await open(proof.pdf);
    const sheet = (await pageLines(doc, 2)).map((l) => l.map((g) => g.ch).join('')).join('');
    const comments = (await (await doc.getPage(1)).getAnnotations()).map((a) => String(a.contentsObj?.str ?? ''));
    await doc.destroy();
    expect(sheet.replace(/\s+/g, '')).toContain('未印出(notprinted):');
    expect(comments.find((c) => c.includes('page-block-too-wide'))).toContain(`未印出: ${wide.unprinted}`);
  }, 120_000);
});

describe('round 2 of a table that lost a row', () => {
  it('gives the deleted row as its cells joined by “ | ”, in proof.json, its PDF comment and proof:notes', async () => {
    const proof = await proofOf('table-rows');
    await writeFile(path.join(proof.dir, 'article.md'), proof.source.replace('| 羔羊 | 150 | 980 |\n', ''));
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const pdf = path.join(proof.dist, 'table-rows', 'proof.pdf');
    const json = JSON.parse(await readFile(path.join(proof.dist, 'table-rows', 'proof.json'), 'utf8')) as ProofJson;
    expect(json.changes.map((c) => [c.kind, c.deleted])).toEqual([['delete', '羔羊 | 150 | 980']]);
    const doc = await open(pdf);
    const caret = (await (await doc.getPage(1)).getAnnotations()).find((a) => a.subtype === 'Caret');
    await doc.destroy();
    expect(caret?.contentsObj.str.split('\n').slice(1)).toEqual(['− 羔羊 | 150 | 980']);
    // a reviewer's reply to the deletion's mark: proof:notes says what was deleted
    const returned = path.join(out, 'table-rows-returned.pdf');
    const bytes = await annotate(new Uint8Array(await readFile(pdf)), (w) => {
      w.add({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [0, 0, 20, 20],
        IRT: w.own('baoban-change-1-deleted'),
        T: utf16('校对 王五'),
        M: MODIFIED,
        Contents: utf16('这一行不该删'),
        F: 30,
      });
    });
    await writeFile(returned, bytes);
    const notes = runCli(['proof:notes', returned, '--format', 'json']);
    expect(notes.code, notes.stderr).toBe(1);
    const [note] = notesOf(notes.stdout);
    expect(note.message).toContain("(reply to the proof's change 1), which deleted “羔羊 | 150 | 980”");
  }, 180_000);
});

describe('round 2 of a story whose paragraph was moved', () => {
  it('marks the move where the paragraph stands now and where it stood (移N原处), in proof.json, on the page and in a PDF comment', async () => {
    const proof = await proofOf('moved');
    const moved = proof.source.split('\n').find((l) => l.startsWith('旗气象局'))!;
    const edited = `${proof.source.replace(`${moved}\n\n`, '').trimEnd()}\n\n${moved}\n`;
    await writeFile(path.join(proof.dir, 'article.md'), edited);
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const pdf = path.join(proof.dist, 'moved', 'proof.pdf');
    const json = JSON.parse(await readFile(path.join(proof.dist, 'moved', 'proof.json'), 'utf8')) as ProofJson;
    expect(json.changes.map((c) => [c.kind, c.text, c.line])).toEqual([['move', moved, placeOf(edited, moved).line]]);
    const [change] = json.changes;
    // where it stood: before 各嘎查…, the paragraph that followed it in round 1
    const doc = await open(pdf);
    const lines = await pageLines(doc, 1);
    const text = (l: (typeof lines)[number]) => l.map((g) => g.ch).join('');
    const followed = lines.find((l) => text(l).includes('各嘎查组织'))!;
    const now = lines.find((l) => text(l).includes('旗气象局提醒'))!;
    const annots = await (await doc.getPage(1)).getAnnotations();
    await doc.destroy();
    expect(change.from?.label).toMatch(/^第\d栏第\d+行$/);
    expect(change.from?.label).not.toBe(change.place?.label);
    expect(lines.some((l) => text(l).includes(`移${change.n}原处`))).toBe(true);
    const caret = annots.find((a) => a.subtype === 'Caret' && String(a.contentsObj?.str).startsWith('Moved away from here'));
    expect(caret?.contentsObj.str).toContain(`(change ${change.n}), now at ${change.place?.label}`);
    // the caret at the line of 各嘎查… (PDF points: y up), not at the paragraph's new place
    const [, y1, , y2] = caret!.rect as number[];
    const lineY = followed[0].y;
    expect(lineY).toBeGreaterThanOrEqual(y1 - 2);
    expect(lineY).toBeLessThanOrEqual(y2 + 2);
    expect(Math.abs(now[0].y - lineY)).toBeGreaterThan(10);
  }, 180_000);
});

describe('a headline block that does not fit', () => {
  it('marks the finding on the headline it is about, not only on the findings sheet', async () => {
    const proof = await proofOf('headline');
    const f = proof.json.findings.find((x) => x.ruleId === 'page-headline-overflow');
    expect(f?.line).toBe(placeOf(proof.source, 'subheadline:').line);
    expect([f?.onPage, f?.place?.label, f?.text]).toEqual([true, '标题区', '——自治区政协2023年度凝聚共识工作回眸']);
  }, 120_000);
});

describe('names written with characters beyond U+FFFF (𬘭, 𬌗: two UTF-16 units each)', () => {
  let proof: Awaited<ReturnType<typeof proofOf>>;
  beforeAll(async () => {
    proof = await proofOf('astral');
  }, 120_000);
  const finding = (ruleId: string, line: number) => proof.json.findings.find((f) => f.ruleId === ruleId && f.line === line);

  it('marks a finding at the end of their paragraph on its own characters, not on the whole paragraph', () => {
    const at = placeOf(proof.source, '。。');
    const f = finding('doubled-punctuation', at.line);
    expect([f?.column, f?.endColumn, f?.text, f?.place?.label]).toEqual([at.column, at.column + 2, '。。', '第1栏第3行']);
  });

  it('marks a finding in a list item after the item that holds one on its own characters, not one character early', () => {
    const at = placeOf(proof.source, '，，内蒙古农业');
    const f = finding('doubled-punctuation', at.line);
    expect([f?.column, f?.text]).toEqual([at.column, '，，']);
  });

  it('brings a reviewer’s mark on a later list item back to its line and column', async () => {
    const doc = await open(proof.pdf);
    const quads = await findPhrase(doc, 1, '内蒙古工业大学');
    await doc.destroy();
    const returned = path.join(out, 'astral-returned.pdf');
    await writeFile(
      returned,
      await markWithPdfLib(new Uint8Array(await readFile(proof.pdf)), [
        { subtype: 'Highlight', quads, contents: '核实校名', author: '校对 孙丽' },
      ]),
    );
    const r = runCli(['proof:notes', returned, '--manuscript', path.join(proof.dir, 'article.md'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const [note] = notesOf(r.stdout);
    expect([note.line, note.column, note.mark.text]).toEqual([...Object.values(placeOf(proof.source, '内蒙古工业大学')), '内蒙古工业大学']);
  });
});

describe('round 2 of a page whose headline, caption and list lost their last words', () => {
  it('marks each deletion where the text stood: after the last character left, not only on the findings sheet', async () => {
    const proof = await proofOf('photo', 'photo-ends');
    const file = path.join(proof.dir, 'article.md');
    const edited = proof.source
      .replace('headline: 草原上的新课堂', 'headline: 草原上的课堂') // inside the headline (placed before)
      .replace('上数学课。李文 摄', '上数学课。') // the caption's end
      .replace('3. 周五下午用来补习。\n', '') // the list's last item
      .replace('由旗里的老师远程授课。', '由旗里的老师远程授课');
    await writeFile(file, edited);
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(proof.dist, 'photo-ends', 'proof.json'), 'utf8')) as ProofJson;
    const deletions = json.changes.filter((c) => c.kind === 'delete');
    expect(deletions.map((c) => [c.deleted?.trim(), c.place?.label.replace(/\d+/g, 'N')])).toEqual([
      ['新', '标题区'],
      ['周五下午用来补习。', '第N栏第N行'],
      ['。', '第N栏第N行'],
      ['李文 摄', '图片说明'],
    ]);
    // each drawn on the page (a caret where the text stood), not listed as not on the page
    const doc = await open(path.join(proof.dist, 'photo-ends', 'proof.pdf'));
    const carets = (await (await doc.getPage(1)).getAnnotations()).filter((a) => a.subtype === 'Caret');
    await doc.destroy();
    expect(carets.map((a) => a.contentsObj.str.split('\n')[1]).sort()).toEqual(deletions.map((c) => `− ${c.deleted?.trim()}`).sort());
  }, 120_000);
});

describe('round 2 of a story that lost a footnote (its reference with it)', () => {
  /** Round 1 of the fixture, then round 2 of it edited; its changes, and the proof's comments and findings sheet. */
  async function round2(name: string, edit: (source: string) => string) {
    const proof = await proofOf('footnote-deleted', name);
    const edited = edit(proof.source);
    await writeFile(path.join(proof.dir, 'article.md'), edited);
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(proof.dist, name, 'proof.json'), 'utf8')) as ProofJson;
    const doc = await open(path.join(proof.dist, name, 'proof.pdf'));
    const annotations = await (await doc.getPage(1)).getAnnotations();
    const comments = annotations.map((a) => a.contentsObj?.str ?? '');
    // the carets of deletions: their comment's deleted text and the middle of their foot
    const carets = annotations
      .filter((a) => a.subtype === 'Caret')
      .map((a) => ({ deleted: String(a.contentsObj.str).split('\n')[1], x: (a.rect[0] + a.rect[2]) / 2, y: a.rect[1] }));
    const lines = await pageLines(doc, 1);
    const sheet = (await textItems(doc, 2)).map((t) => t.str).join('');
    await doc.destroy();
    /** The glyphs of a phrase (on the line that prints it). */
    const glyphsOf = (phrase: string) => {
      for (const l of lines) {
        const at = l
          .map((g) => g.ch)
          .join('')
          .indexOf(phrase);
        if (at >= 0) return l.slice(at, at + phrase.length);
      }
      throw new Error(`“${phrase}” is not printed`);
    };
    return { json, edited, comments, carets, glyphsOf, sheet };
  }

  it('gives the deleted footnote as a footnote, its number and text, where its reference and its text stood, with no ↑ the page never printed', async () => {
    const { json, edited, comments, carets, glyphsOf, sheet } = await round2('footnote-deleted', (s) =>
      s.replace('要讲的内容。[^b]', '要讲的内容。').replace('[^b]: 第二条注释：引自2023年年报。\n\n', ''),
    );
    const gone = json.changes.find((c) => c.kind === 'delete' && c.deleted?.includes('第二条注释'));
    // one change, named (it was the footnote's printed number deleted, and its text another change):
    // where its reference stood, just after the paragraph's 。
    const after = placeOf(edited, '要讲的内容。');
    expect([gone?.deleted, gone?.footnote, gone?.line, gone?.column]).toEqual([
      '脚注2：第二条注释：引自2023年年报。',
      '2',
      after.line,
      after.column + '要讲的内容。'.length,
    ]);
    // and the third footnote's reference numbered again, 3 → 2 (not its number deleted and another inserted)
    expect(json.changes.filter((c) => c !== gone).map((c) => [c.kind, c.deleted, c.text])).toEqual([['replace', '脚注3', '脚注2']]);
    expect(gone?.place?.label).toMatch(/^第1栏第\d+行$/);
    for (const c of json.changes) expect(`${c.text}${c.deleted ?? ''}`).not.toContain('↑');
    // a 删N caret there, and where its text stood: before the footnote that follows it (the third, now numbered 2)
    const marks = carets.filter((c) => c.deleted === '− 脚注2：第二条注释：引自2023年年报。');
    expect(marks).toHaveLength(2);
    expect(comments.filter((x) => x.includes('− 脚注2：第二条注释'))).toHaveLength(2);
    const stop = glyphsOf('内容。')[2];
    const next = glyphsOf('第三条注释')[0];
    expect(marks.some((m) => Math.abs(m.x - stop.right) < 2 && Math.abs(m.y - stop.y) < stop.size)).toBe(true);
    expect(marks.some((m) => Math.abs(m.x - next.x) < 2 && Math.abs(m.y - next.y) < next.size)).toBe(true);
    expect(sheet.replace(/\s+/g, '')).toContain('删deleted脚注2：第二条注释：引自2023年年报。');
    expect(sheet).not.toContain('↑');
  }, 120_000);

  it('marks the last footnote deleted after its paragraph, and after the footnote left before it', async () => {
    const { json, edited, carets, glyphsOf } = await round2('footnote-deleted-last', (s) =>
      s.replace('修缮。[^c]', '修缮。').replace('\n\n[^c]: 第三条注释：记者实地采访。', ''),
    );
    const gone = json.changes.find((c) => c.kind === 'delete' && c.deleted?.includes('第三条注释'));
    expect(gone?.deleted).toBe('脚注3：第三条注释：记者实地采访。');
    expect(gone?.line).toBe(placeOf(edited, '新教室的修缮。').line);
    expect(gone?.place?.label).toMatch(/^第1栏第\d+行$/);
    // 删N after the paragraph's 。 and after the last footnote left
    const marks = carets.filter((c) => c.deleted === `− ${gone?.deleted}`);
    expect(marks).toHaveLength(2);
    for (const stop of [glyphsOf('修缮。')[2], glyphsOf('年报。')[2]])
      expect(marks.some((m) => Math.abs(m.x - stop.right) < 2 && Math.abs(m.y - stop.y) < stop.size)).toBe(true);
  }, 120_000);
});

describe('round 2 of a page whose photo was deleted', () => {
  it('marks the photo deleted where it stood, with its file and caption, not its caption alone off the page', async () => {
    const proof = await proofOf('photo', 'photo-deleted');
    const caption = '2024年3月5日，巴图老师在教室里给学生上数学课。李文 摄';
    await writeFile(path.join(proof.dir, 'article.md'), proof.source.replace(`![${caption}](images/classroom.jpg)\n\n`, ''));
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(proof.dist, 'photo-deleted', 'proof.json'), 'utf8')) as ProofJson;
    // one change: the photo, with its caption; the caption is not a deletion of its own with no place
    expect(json.changes.map((c) => [c.kind, c.deleted, c.place?.label])).toEqual([
      ['delete', `图片 images/classroom.jpg（${caption}）`, '图片'],
    ]);
    // drawn where the photo stood in round 1 (the slot, empty now)
    const before = await open(path.join(proof.dist, 'photo-deleted', 'proof-r1.pdf'));
    const [photo] = (await imageBoxes(before, 1)).sort(
      (x, y) => (y.right - y.left) * (y.top - y.bottom) - (x.right - x.left) * (x.top - x.bottom),
    );
    await before.destroy();
    const doc = await open(path.join(proof.dist, 'photo-deleted', 'proof.pdf'));
    const caret = (await (await doc.getPage(1)).getAnnotations()).find((a) => a.subtype === 'Caret');
    const del = `删${json.changes[0].n}`;
    const label = (await pageLines(doc, 1)).flatMap((l) =>
      l.filter(
        (_g, k) =>
          l
            .slice(k, k + del.length)
            .map((x) => x.ch)
            .join('') === del,
      ),
    );
    await doc.destroy();
    expect(caret?.contentsObj.str.split('\n')[1]).toBe(`− 图片 images/classroom.jpg（${caption}）`);
    const [x1, y1, x2, y2] = caret!.rect as number[];
    expect(x1).toBeGreaterThanOrEqual(photo.left - 1);
    expect(x2).toBeLessThan(photo.left + 20);
    expect(y1).toBeGreaterThanOrEqual(photo.bottom - 1);
    expect(y2).toBeLessThanOrEqual(photo.top + 1);
    // its 删N label at the photo's left edge, not pushed past the empty slot's frame
    // (the legend beside the page counts the round's deletions: 删1 there too)
    expect(label.filter((g) => g.x < photo.right).map((g) => g.x < photo.left + 30)).toEqual([true]);

    // A reviewer's sticky note in the middle of where the photo stood (the slot, empty now) is about
    // the photo deleted, at its figure's place in the manuscript (before the 小标题 that followed
    // it), not about the slot's being empty with no line.
    const note = path.join(out, 'photo-deleted-returned.pdf');
    const [x, y] = [(photo.left + photo.right) / 2, (photo.bottom + photo.top) / 2];
    await writeFile(
      note,
      await markWithPdfLib(new Uint8Array(await readFile(path.join(proof.dist, 'photo-deleted', 'proof.pdf'))), [
        { subtype: 'Text', rect: [x, y - 10, x + 10, y], contents: '这张图片要保留', author: '校对 孙敏' },
      ]),
    );
    const notes = runCli(['proof:notes', note, '--format', 'json']);
    expect(notes.code, notes.stderr).toBe(1);
    const [mark] = notesOf(notes.stdout);
    const edited = await readFile(path.join(proof.dir, 'article.md'), 'utf8');
    const head = placeOf(edited, '一间教室，三个年级');
    expect([mark.line, mark.column, mark.mark.label]).toEqual([head.line, head.column, '图片']);
    expect(mark.message).toContain(`(over the marker of the proof's change 1), which deleted “图片 images/classroom.jpg（`);
    expect(mark.message).not.toContain('page-photo-slot-empty');
  }, 120_000);
});

describe('round 2 of a page whose photo was replaced under the same name', () => {
  it('frames the photo as a change (换N), at its figure, and says so in proof.json, the sheet and a PDF comment', async () => {
    const proof = await proofOf('photo', 'photo-replaced');
    const photo = path.join(proof.dir, 'images', 'classroom.jpg');
    // the desk sends a better picture under the same name; not a word of the manuscript changes
    await writeFile(
      photo,
      await sharp(await readFile(photo))
        .flop()
        .modulate({ brightness: 1.2 })
        .jpeg({ quality: 90 })
        .toBuffer(),
    );
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 photo replaced');
    const json = JSON.parse(await readFile(path.join(proof.dist, 'photo-replaced', 'proof.json'), 'utf8')) as ProofJson;
    expect(json.round).toBe(2);
    const figure = proof.source.split('\n').findIndex((l) => l.startsWith('![')) + 1;
    expect(json.changes.map((c) => [c.kind, c.text, c.deleted, c.line, c.place?.label])).toEqual([
      ['photo', 'images/classroom.jpg', 'images/classroom.jpg', figure, '图片'],
    ]);
    expect(json.counts.changes).toMatchObject({ total: 1, photo: 1 });
    const doc = await open(path.join(proof.dist, 'photo-replaced', 'proof.pdf'));
    const note = (await (await doc.getPage(1)).getAnnotations()).find((a) => a.contentsObj?.str.startsWith('换图 Photo replaced'));
    // the frame is round the photo as printed: the largest image on the page
    const [largest] = (await imageBoxes(doc, 1)).sort(
      (x, y) => (y.right - y.left) * (y.top - y.bottom) - (x.right - x.left) * (x.top - x.bottom),
    );
    const sheet = (await textItems(doc, 2)).map((t) => t.str).join('');
    await doc.destroy();
    expect(note?.subtype).toBe('Square');
    const [x1, y1, x2, y2] = note!.rect as number[];
    for (const [a, b] of [
      [x1, largest.left],
      [y1, largest.bottom],
      [x2, largest.right],
      [y2, largest.top],
    ])
      expect(Math.abs(a - b)).toBeLessThan(2);
    expect(sheet).toContain('换 photo replaced');
    expect(sheet).toContain('同名，图片已更换');
  }, 120_000);

  it('marks no photo change when the photo is the same', async () => {
    const proof = await proofOf('photo', 'photo-same');
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(proof.dist, 'photo-same', 'proof.json'), 'utf8')) as ProofJson;
    expect([json.round, json.changes]).toEqual([2, []]);
  }, 120_000);
});

describe('characters the body face has no glyph for, though its web slices claim them (CO₂, 10⁵, Hangul)', () => {
  it('are findings of the copy desk, marked on the proof where they print', async () => {
    const proof = await proofOf('formulas');
    const coverage = proof.json.findings.filter((f) => f.ruleId === 'font-coverage');
    const at = (ch: string) => Object.values(placeOf(proof.source, ch));
    expect(coverage.map((f) => [f.line, f.column, f.onPage, f.place?.label.replace(/\d+/g, 'N')])).toEqual([
      [...at('₂'), true, '第N栏第N行'],
      [...at('⁵'), true, '第N栏第N行'],
      [...at('한'), true, '第N栏第N行'],
      [...at('국'), true, '第N栏第N行'],
      [...at('어'), true, '第N栏第N行'],
    ]);
    // ² (m²) the face has: no finding
    expect(coverage.some((f) => f.message.includes('U+00B2'))).toBe(false);
  }, 120_000);
});

describe('a page whose photo slot no figure fills', () => {
  it('frames the empty slot as its finding’s place, and a mark drawn in the slot is about that finding', async () => {
    const proof = await proofOf('last-paragraph', 'empty-slot');
    const f = proof.json.findings.find((x) => x.ruleId === 'page-photo-slot-empty');
    expect([f?.onPage, f?.place?.label]).toEqual([true, '空图片位']);
    const doc = await open(proof.pdf);
    const own = (await (await doc.getPage(1)).getAnnotations()).find((a) => a.contentsObj?.str.startsWith(`#${f!.n} `));
    await doc.destroy();
    // a frame the size of the layout's slot (tabloid-5col: three columns by 30 lines), not a note beside the sheet's row
    expect(own?.subtype).toBe('Square');
    const [x1, y1, x2, y2] = own!.rect as number[];
    expect(x2 - x1).toBeGreaterThan(250);
    expect(y2 - y1).toBeGreaterThan(200);
    const returned = path.join(out, 'empty-slot-returned.pdf');
    const [cx, cy] = [(x1 + x2) / 2, (y1 + y2) / 2];
    await writeFile(
      returned,
      await markWithPdfLib(new Uint8Array(await readFile(proof.pdf)), [
        { subtype: 'Square' as 'Ink', rect: [cx - 40, cy - 30, cx + 40, cy + 30], contents: '请补一张现场图', author: '值班总编 周涛' },
      ]),
    );
    const r = runCli(['proof:notes', returned, '--manuscript', path.join(proof.dir, 'article.md'), '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const [note] = notesOf(r.stdout) as Array<JsonNote & { finding?: number; unplaced?: string }>;
    expect(note.mark.label).toBe('空图片位');
    expect((note.mark as unknown as { finding?: number }).finding).toBe(f!.n);
    expect(note.message).not.toContain('margin');
  }, 120_000);
});

describe('a small page with no finding', () => {
  it('prints no text over other text: the slug stops short of the sign-off box and legend beside the page', async () => {
    const proof = await proofOf('small', 'small', ['--layout', path.join(ROOT, 'tests/page/fixtures/layouts/two-columns.yaml')]);
    expect(proof.json.counts.findings).toBe(0);
    const doc = await open(proof.pdf);
    // every piece of text but the watermark, as its box on the sheet (PDF points); pieces of one
    // line are not compared (squeezed marks such as 。” overlap their neighbour's em box by design)
    const boxes = (await textItems(doc, 1))
      .filter((i) => i.str.trim() && i.size < 100)
      .map((i) => ({ str: i.str, y: i.y, l: i.x, r: i.x + i.width, b: i.y - i.size * 0.12, t: i.y + i.size * 0.88 }));
    const sheet = (await textItems(doc, 2)).map((i) => i.str).join('');
    await doc.destroy();
    expect(boxes.some((b) => b.str.includes('two-columns'))).toBe(true); // the slug is there
    const over: string[] = [];
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (Math.abs(a.y - b.y) > 0.5 && Math.min(a.r, b.r) - Math.max(a.l, b.l) > 0.5 && Math.min(a.t, b.t) - Math.max(a.b, b.b) > 0.5)
          over.push(`“${a.str}” over “${b.str}”`);
    expect(over).toEqual([]);
    expect(sheet.replace(/\s+/g, '')).toContain('问题清单Findings(0)');
  }, 120_000);
});

describe('a page lower than the sign-off panel beside it (a strip 50 mm high)', () => {
  it('prints the whole panel: the sheet grows to hold the sign-off box and the legend, and the findings sheet is as large', async () => {
    const proof = await proofOf('strip', 'strip', ['--layout', path.join(ROOT, 'tests/page/fixtures/layouts/strip-50mm.yaml')]);
    const doc = await open(proof.pdf);
    const [one, two] = [await doc.getPage(1), await doc.getPage(2)];
    const [, bottom, , top] = one.view;
    const [, , , top2] = two.view;
    const items = (await textItems(doc, 1)).filter((i) => i.str.trim() && i.size < 100);
    await doc.destroy();
    expect(top2).toBe(top);
    // the legend's last words (行号：每栏每 5 行标一次，标在该栏左侧（第N栏第M行）。) are printed, on the sheet above its foot
    expect(
      items
        .map((i) => i.str)
        .join('')
        .replace(/\s+/g, ''),
    ).toContain('标在该栏左侧（第N栏第M行）。');
    for (const i of items) expect(i.y - i.size * 0.12, i.str).toBeGreaterThan(bottom);
    // the text is where the print page has it: 14 mm from the sheet's top, as on every proof
    expect(proof.json.findings.find((f) => f.ruleId === 'half-width-punctuation')?.onPage).toBe(true);
  }, 120_000);
});

describe('round 2 of a story whose last paragraph is deleted', () => {
  it('marks the deletion after the paragraph before it, not at the 报眉', async () => {
    const proof = await proofOf('last-paragraph');
    const last = '下一步，教育厅将把远程课堂扩展到美术、科学等科目。';
    const edited = proof.source.replace(`\n\n${last}`, '');
    await writeFile(path.join(proof.dir, 'article.md'), edited);
    const r = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(proof.dist, 'last-paragraph', 'proof.json'), 'utf8')) as ProofJson;
    const before = placeOf(edited, '记者在现场看到');
    const end = placeOf(edited, '坐满了学生。');
    // at the end of the paragraph before: its manuscript line, just after its last character, in its column
    expect(json.changes.map((c) => [c.kind, c.deleted, c.line, c.column, c.place?.label.replace(/\d+行$/, 'N行')])).toEqual([
      ['delete', last, before.line, end.column + '坐满了学生。'.length, '第1栏第N行'],
    ]);
    const doc = await open(path.join(proof.dist, 'last-paragraph', 'proof.pdf'));
    const carets = (await (await doc.getPage(1)).getAnnotations()).filter((a) => a.subtype === 'Caret');
    await doc.destroy();
    expect(carets.map((a) => a.contentsObj.str.split('\n')[1])).toEqual([`− ${last}`]);
  }, 120_000);
});

describe('two findings that begin at the same character', () => {
  it('draws both numbered markers, side by side, and a mark over the second is about the second', async () => {
    const proof = await proofOf('same-place');
    const at = placeOf(proof.source, '"我们明天就去');
    const both = proof.json.findings.filter((f) => f.line === at.line && f.column === at.column);
    expect(both.map((f) => f.ruleId).sort()).toEqual(['duplicate-passage', 'half-width-quotes']);
    const doc = await open(proof.pdf);
    // the markers: the proof's 5.5 pt numbers on the page
    const markers = (await textItems(doc, 1)).filter((i) => /^\d+$/.test(i.str) && Math.abs(i.size - 5.5) < 0.1);
    await doc.destroy();
    const onPage = proof.json.findings.filter((f) => f.onPage).map((f) => String(f.n));
    expect(markers.map((m) => m.str).sort()).toEqual(onPage.sort());
    const [first, second] = both.map((f) => markers.find((m) => m.str === String(f.n))!);
    expect(second.y).toBeCloseTo(first.y, 1);
    expect(Math.abs(second.x - first.x)).toBeGreaterThanOrEqual(Math.min(first.width, second.width));
    // a reviewer's highlight over the second marker's digit (a reader's selection of it: its box)
    const [l, r, b] = [second.x, second.x + second.width, second.y];
    const returned = path.join(out, 'same-place-returned.pdf');
    await writeFile(
      returned,
      await markWithPdfLib(new Uint8Array(await readFile(proof.pdf)), [
        { subtype: 'Highlight', quads: [l, b + 5, r, b + 5, l, b - 0.5, r, b - 0.5], contents: '保留', author: '校对 孙丽' },
      ]),
    );
    const notes = runCli(['proof:notes', returned, '--manuscript', path.join(proof.dir, 'article.md'), '--format', 'json']);
    expect(notes.code, notes.stderr).toBe(1);
    const [note] = notesOf(notes.stdout);
    const secondN = both.find((f) => String(f.n) === second.str)!.n;
    expect(note.message).toContain(`(over the marker of the proof's finding #${secondN})`);
  }, 120_000);
});

describe('the rounds kept in the output folder', () => {
  it('never replaces a kept round: --round of a kept one is refused, and without proof.pdf the next round follows the last kept', async () => {
    const layout = ['--layout', path.join(ROOT, 'tests/page/fixtures/layouts/two-columns.yaml')];
    const proof = await proofOf('small', 'small-rounds', layout);
    const folder = path.join(proof.dist, 'small-rounds');
    const again = () => runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview', ...layout]);
    expect(again().code).toBe(0); // round 2
    const kept = async () => Promise.all(['proof-r1.pdf', 'proof-r2.pdf'].map((f) => readFile(path.join(folder, f))));
    const before = await kept();
    const latest = await readFile(path.join(folder, 'proof.pdf'));

    const redo = runCli(['build:proof', proof.dir, '--out', proof.dist, '--no-preview', '--round', '1', ...layout]);
    expect(redo.code).toBe(2);
    expect(redo.stderr).not.toMatch(/\n\s+at /);
    expect(redo.stderr).toMatch(/proof-r1\.pdf already holds 第一校 \(round 1\).*--round 3/);
    expect(await kept()).toEqual(before);
    expect(await readFile(path.join(folder, 'proof.pdf'))).toEqual(latest);

    // proof.pdf moved away (sent to the reviewers, say): round 3, compared with round 2, not round 1 again
    await rm(path.join(folder, 'proof.pdf'));
    const next = again();
    expect(next.code, next.stderr).toBe(0);
    const json = JSON.parse(await readFile(path.join(folder, 'proof.json'), 'utf8')) as ProofJson;
    expect([json.round, json.against?.round, json.against?.file]).toEqual([3, 2, 'proof-r2.pdf']);
    expect(await kept()).toEqual(before);
  }, 180_000);
});

describe('a story with no front matter', () => {
  it('marks what the 报眉 lacks on the 报眉, not on the headline printed from line 1', async () => {
    const proof = await proofOf('no-matter');
    const f = proof.json.findings.find((x) => x.ruleId === 'page-running-head-missing');
    expect([f?.line, f?.onPage, f?.place?.label]).toEqual([1, true, '报眉']);
    expect(f?.text).not.toContain('草原上的新课堂');
  }, 120_000);
});

describe('what the manuscript says that prints nowhere', () => {
  it('shows the manuscript’s text of each finding not on the page, on the findings sheet and in its comment', async () => {
    const proof = await proofOf('unprinted');
    const off = (ruleId: string) => proof.json.findings.find((f) => f.ruleId === ruleId && !f.onPage);
    const expected = {
      'footnote-duplicate': '[^1]: 据盟教育局统计，全盟共有牧区学校42所。',
      'footnote-unused': '[^2]: 这条注释没有在正文中引用。',
    };
    // raw HTML is dropped and never shown, not even as text
    expect(off('raw-html')).toBeDefined();
    expect(off('raw-html')?.source).toBeUndefined();
    for (const [ruleId, text] of Object.entries(expected)) expect([ruleId, off(ruleId)?.source]).toEqual([ruleId, text]);
    const doc = await open(proof.pdf);
    let sheet = '';
    for (let p = 2; p <= doc.numPages; p++) sheet += (await textItems(doc, p)).map((i) => i.str).join('');
    const comments = (await (await doc.getPage(2)).getAnnotations()).map((a) => a.contentsObj?.str ?? '');
    await doc.destroy();
    for (const text of Object.values(expected)) {
      expect(sheet.replace(/\s+/g, '')).toContain(`稿件原文(manuscript):${text.replace(/\s+/g, '')}`);
      expect(comments.some((c) => c.endsWith(`稿件原文: ${text}`))).toBe(true);
    }
  }, 120_000);
});
