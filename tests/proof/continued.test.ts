// A proof of more than one page (--pages auto): the text runs from page 1 onto page 2
// (tests/proof/fixtures/continued: nine paragraphs on a layout of 20 lines a page, a half-width
// comma in paragraph 9 on page 2). What page 1 gets, page 2 gets too: the finding marked and
// annotated on page 2, a change of round 2 on page 2 underlined there, a reviewer's mark on page 2
// brought back to its manuscript line; and every place names its page (第2页第1栏第5行), since
// each page numbers its columns' lines from 1.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofJson } from '../../src/proof/build-proof.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { findPhrase, markWithPdfLib } from './helpers/review.js';

const LAYOUT = path.join(ROOT, 'tests/page/fixtures/layouts/two-columns.yaml');
const BUILD = ['--layout', LAYOUT, '--pages', 'auto', '--no-preview'];

let tmp: string;
let out: string;
let dir: string;
let source: string;
let paragraphs: string[];

const open = async (file: string): Promise<PDFDocumentProxy> =>
  getDocument({ data: new Uint8Array(await readFile(file)), isEvalSupported: false }).promise;
const proofJson = async (): Promise<ProofJson> => JSON.parse(await readFile(path.join(out, 'continued/proof.json'), 'utf8'));
/** line:column of a phrase in a manuscript text. */
const placeOf = (text: string, phrase: string) => {
  const before = text.slice(0, text.indexOf(phrase)).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
};
/** The annotations of each PDF page: [page, subtype, contents]. */
async function annotations(doc: PDFDocumentProxy): Promise<Array<[number, string, string]>> {
  const all: Array<[number, string, string]> = [];
  for (let p = 1; p <= doc.numPages; p++)
    for (const a of await (await doc.getPage(p)).getAnnotations()) all.push([p, a.subtype, a.contentsObj?.str ?? '']);
  return all;
}
const pageText = async (doc: PDFDocumentProxy, p: number) =>
  (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');

beforeAll(async () => {
  // the manuscript and its outputs in folders of their own (a build refuses an output folder that is its manuscript's)
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-continued-'));
  out = path.join(tmp, 'out');
  dir = path.join(tmp, 'continued');
  await cp(path.join(ROOT, 'tests/proof/fixtures/continued'), dir, { recursive: true });
  source = await readFile(path.join(dir, 'article.md'), 'utf8');
  paragraphs = source.split('-->\n')[1].trim().split('\n\n');
  expect(paragraphs).toHaveLength(9);
  const r = runCli(['build:proof', dir, '--out', out, ...BUILD]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/2 pages \+ findings sheet\n/); // no proof.png (--no-preview), so nothing said of it
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('a proof that runs onto a second page (--pages auto)', () => {
  it('marks the finding on page 2 where its text is printed, and names the page in its place', async () => {
    const json = await proofJson();
    const comma = json.findings.find((f) => f.ruleId === 'half-width-punctuation')!;
    const p9 = placeOf(source, paragraphs[8]);
    expect(comma).toMatchObject({
      line: p9.line,
      column: p9.column + 6,
      place: { page: 2, label: '第2页第1栏第5行', column: 1, columnLine: 5 },
    });
    const doc = await open(path.join(out, 'continued/proof.pdf'));
    expect(doc.numPages).toBe(3); // two pages and the findings sheet
    // its highlight on page 2 (none on page 1), over the comma as printed there
    const own = (await annotations(doc)).filter(([, , c]) => c.startsWith('#'));
    expect(own.filter(([, , c]) => c.includes('half-width-punctuation')).map(([p, s]) => [p, s])).toEqual([[2, 'Highlight']]);
    const page2 = await doc.getPage(2);
    const highlight = (await page2.getAnnotations()).find((a) => a.subtype === 'Highlight')!;
    const at = await findPhrase(doc, 2, `${paragraphs[8].slice(5, 6)}，`);
    const [left, bottom, right, top] = highlight.rect;
    expect(at[2]).toBeGreaterThan(left);
    expect(at[2]).toBeLessThan(right + 1);
    expect((at[1] + at[5]) / 2).toBeGreaterThan(bottom);
    expect((at[1] + at[5]) / 2).toBeLessThan(top);
    // the sheet lists it at its page, column and line
    expect((await pageText(doc, 3)).replace(/\s+/g, '')).toContain('第2页第1栏第5行');
    await doc.destroy();
  });

  it('names the manuscript, the round, its inputs and the page on every page (a page printed alone says what it is)', async () => {
    const json = await proofJson();
    const doc = await open(path.join(out, 'continued/proof.pdf'));
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    for (const p of [1, 2]) {
      const text = squeeze(await pageText(doc, p));
      // the whole slug, to its last part (a small page's slug ran off the sheet)
      for (const s of ['continued/article.md', `输入${json.inputHash}`, '第一校(round1)', `第${p}页（共2页）`, 'two-columns120×80mm'])
        expect(text).toContain(s);
    }
    // the sign-off box once, on page 1, whose legend sends the reviewer to the findings sheet on page 3
    expect(await pageText(doc, 1)).toContain('第一校 签字');
    expect(squeeze(await pageText(doc, 1))).toContain('全部列在问题清单（第3页起）');
    expect(await pageText(doc, 2)).not.toContain('签字');
    await doc.destroy();
  });

  it('brings a reviewer’s mark on page 2 back to its manuscript line and column', async () => {
    const phrase = paragraphs[8].slice(14, 18); // on its second printed line
    const doc = await open(path.join(out, 'continued/proof.pdf'));
    const quads = await findPhrase(doc, 2, phrase);
    await doc.destroy();
    const marked = await markWithPdfLib(new Uint8Array(await readFile(path.join(out, 'continued/proof.pdf'))), [
      { subtype: 'StrikeOut', page: 2, quads, contents: '删去', author: '校对 王五' },
    ]);
    const returned = path.join(out, 'returned.pdf');
    await writeFile(returned, marked);
    const r = runCli(['proof:notes', returned, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const [note] = JSON.parse(r.stdout);
    const at = placeOf(source, phrase);
    expect(note).toMatchObject({ line: at.line, column: at.column, endColumn: at.column + 4 });
    expect(note.mark).toMatchObject({ kind: 'strikeout', text: phrase, label: '第2页第1栏第6行', comment: '删去' });
  });

  it('puts a mark whose text was deleted since the proof where that text stood, saying so, never at a line that is gone', async () => {
    // Paragraph 9, which the strike-out marks, is deleted: the file now ends with paragraph 8.
    const edited = source.replace(`\n\n${paragraphs[8]}`, '');
    await writeFile(path.join(dir, 'article.md'), edited);
    const r = runCli(['proof:notes', path.join(out, 'returned.pdf'), '--format', 'json']);
    await writeFile(path.join(dir, 'article.md'), source);
    expect(r.code, r.stderr).toBe(1);
    const [note] = JSON.parse(r.stdout);
    const proofAt = placeOf(source, paragraphs[8].slice(14, 18));
    const lines = edited.split('\n');
    // after the last character still there: the end of paragraph 8, the file's last line of text
    expect(note).toMatchObject({ line: lines.length - 1, column: paragraphs[7].length + 1, endLine: null });
    expect(lines[note.line - 1]).toBe(paragraphs[7]);
    expect(note.message).toContain(
      `(the marked text is no longer in the manuscript; it stood here, at ${proofAt.line}:${proofAt.column} of the proof's text)`,
    );
  });

  it('in round 2, underlines a change made on page 2 there', async () => {
    const from = paragraphs[7].slice(2, 6);
    await writeFile(path.join(dir, 'article.md'), source.replace(from, '新的词语'));
    const r = runCli(['build:proof', dir, '--out', out, ...BUILD]);
    expect(r.code, r.stderr).toBe(0);
    const json = await proofJson();
    expect(json.round).toBe(2);
    expect(json.changes.length).toBeGreaterThan(0);
    for (const c of json.changes) expect(c.place, JSON.stringify(c)).toMatchObject({ page: 2, label: '第2页第1栏第2行' });
    const doc = await open(path.join(out, 'continued/proof.pdf'));
    const changes = (await annotations(doc)).filter(([, s]) => s === 'Underline' || s === 'StrikeOut');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every(([p]) => p === 2)).toBe(true);
    await doc.destroy();
  });
});

describe('the summary of a text on two pages', () => {
  it('says that page.png and proof.png show only the first page', () => {
    const pdf = runCli(['build:pdf', dir, '--out', path.join(tmp, 'pdf'), '--layout', LAYOUT, '--pages', 'auto']);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stdout).toMatch(/, 2 pages \(page\.png shows page 1\), /);
    const proof = runCli(['build:proof', dir, '--out', path.join(tmp, 'proof'), '--layout', LAYOUT, '--pages', 'auto']);
    expect(proof.code, proof.stderr).toBe(0);
    expect(proof.stdout).toMatch(/2 pages \+ findings sheet \(proof\.png shows its first page\)/);
  }, 240_000);
});
