// Rounds: a copy of the seed is proofed (round 1), edited the way a desk edits (a sentence changed,
// a paragraph deleted, one added) and proofed again (round 2). Exactly those changes are marked
// on the page, listed, annotated and counted; round 1's file stays as it was; the comparison base
// is the earlier proof PDF itself (--against), and --round numbers a round.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, ROOT } from '../helpers/cli.js';
import type { ProofJson } from '../../src/proof/build-proof.js';

const CHANGED_FROM = '人心是最大的政治,共识是奋进的动力。';
const CHANGED_TO = '人心是最大的政治,共识是前进的动力。';
const DELETED = '这是政协委员和机关干部们对此次培训的共同感受。';
const ADDED = '第二校新增的一段：凝聚共识是一项长期任务。';

let tmp: string;
let out: string;
let dir: string;
let r1Before: Buffer;
let round2: ProofJson;
let build2: ReturnType<typeof runCli>;
let doc: PDFDocumentProxy;

beforeAll(async () => {
  // the manuscript and its outputs in folders of their own (a build refuses an output folder that is its manuscript's)
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-rounds-'));
  out = path.join(tmp, 'out');
  dir = path.join(tmp, 'seed');
  await cp(path.join(ROOT, 'manuscript/ningju-gongshi'), dir, { recursive: true });
  expect(runCli(['build:proof', dir, '--out', out, '--no-preview']).code).toBe(0);
  r1Before = await readFile(path.join(out, 'seed/proof-r1.pdf'));
  const file = path.join(dir, 'article.md');
  const source = await readFile(file, 'utf8');
  const paragraph = source.split('\n').find((l) => l.startsWith(DELETED))!;
  expect(paragraph).toBeDefined();
  const edited = source
    .replace(CHANGED_FROM, CHANGED_TO)
    .replace(`${paragraph}\n\n`, '')
    .replace('\n## 这一年,自治区政协强引领', `\n${ADDED}\n\n## 这一年,自治区政协强引领`);
  expect(edited).not.toBe(source);
  await writeFile(file, edited);
  build2 = runCli(['build:proof', dir, '--out', out, '--no-preview']);
  round2 = JSON.parse(await readFile(path.join(out, 'seed/proof.json'), 'utf8'));
  doc = await getDocument({ data: new Uint8Array(await readFile(path.join(out, 'seed/proof.pdf'))), isEvalSupported: false }).promise;
}, 240_000);

afterAll(async () => {
  await doc?.destroy();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('round 2 of an edited seed', () => {
  it('is round 2, compared with round 1, and round 1’s file is unchanged', async () => {
    expect(build2.code).toBe(0);
    expect(build2.stdout).toContain('第二校 (round 2)');
    expect(build2.stdout).toMatch(/changes since round 1: 1 inserted, 1 deleted, 1 replaced, 0 moved/);
    expect(round2.round).toBe(2);
    expect(round2.against?.round).toBe(1);
    expect((await readFile(path.join(out, 'seed/proof-r1.pdf'))).equals(r1Before)).toBe(true);
    expect((await readFile(path.join(out, 'seed/proof-r2.pdf'))).length).toBeGreaterThan(0);
  });

  it('finds exactly the three edits, with their text and manuscript lines', async () => {
    const source = await readFile(path.join(dir, 'article.md'), 'utf8');
    const lineOf = (s: string) => source.slice(0, source.indexOf(s)).split('\n').length;
    const c = round2.changes;
    expect(c.map((x) => x.kind).sort()).toEqual(['delete', 'insert', 'replace']);
    const replace = c.find((x) => x.kind === 'replace')!;
    expect([replace.deleted, replace.text]).toEqual(['奋进', '前进']);
    expect(replace.line).toBe(lineOf(CHANGED_TO));
    expect(replace.column).toBe(CHANGED_TO.indexOf('前进') + 1);
    const insert = c.find((x) => x.kind === 'insert')!;
    expect(insert.text).toBe(ADDED);
    expect(insert.line).toBe(lineOf(ADDED));
    const del = c.find((x) => x.kind === 'delete')!;
    expect(del.deleted?.startsWith(DELETED)).toBe(true);
    expect(round2.counts.changes).toEqual({ total: 3, insert: 1, delete: 1, replace: 1, move: 0, photo: 0 });
    // all three are on the page (第N栏第M行)
    for (const x of c) expect(x.place?.label).toMatch(/^第[1-8]栏第\d+行$/);
  });

  it('marks them on the page: underlines for inserted text, a deletion marker where text went', async () => {
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join('')
      .replace(/\s+/g, '');
    const del = round2.changes.find((x) => x.kind === 'delete')!;
    const replace = round2.changes.find((x) => x.kind === 'replace')!;
    expect(text).toContain(`删${del.n}`);
    expect(text).toContain(`删${replace.n}`);
    expect(text).toContain('与第一校相比：增1，删1，改1，移0。');
    const own = (await page.getAnnotations()).filter((a) => a.titleObj?.str === 'baoban');
    const underlines = own.filter((a) => a.subtype === 'Underline');
    expect(underlines.map((a) => a.contentsObj.str.split('\n').pop()).sort()).toEqual([`+ ${ADDED}`, '+ 前进'].sort());
    const carets = own.filter((a) => a.subtype === 'Caret');
    expect(carets).toHaveLength(2);
    // the findings sheet lists the changes
    let sheet = '';
    for (let p = 2; p <= doc.numPages; p++)
      sheet += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    expect(sheet.replace(/\s+/g, '')).toContain('改动Changessince第一校(3)');
    expect(sheet).toContain(ADDED);
  });

  it('compares with any earlier proof (--against) and takes a round number (--round)', async () => {
    const r = runCli([
      'build:proof',
      dir,
      '--out',
      path.join(out, 'other'),
      '--no-preview',
      '--against',
      path.join(out, 'seed/proof-r1.pdf'),
      '--round',
      '5',
    ]);
    expect(r.code).toBe(0);
    const j: ProofJson = JSON.parse(await readFile(path.join(out, 'other/seed/proof.json'), 'utf8'));
    expect(j.round).toBe(5);
    expect(j.against?.round).toBe(1);
    expect(j.counts.changes.total).toBe(3);
    const bad = runCli(['build:proof', dir, '--out', out, '--round', 'two']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--round must be a whole number/);
    const final = runCli(['build:proof', dir, '--out', out, '--final']);
    expect(final.code).toBe(2);
    expect(final.stderr).toMatch(/--final does not apply to proofs/);
  });

  it('a round 1 made where no earlier proof is (rm -rf dist) says there is nothing to compare with', async () => {
    const r = runCli(['build:proof', dir, '--out', path.join(out, 'fresh'), '--no-preview']);
    expect(r.stdout).toContain('round 1: nothing to compare with');
    const j: ProofJson = JSON.parse(await readFile(path.join(out, 'fresh/seed/proof.json'), 'utf8'));
    expect([j.round, j.against, j.changes.length]).toEqual([1, null, 0]);
  });
});
