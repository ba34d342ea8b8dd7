// Proofs as reviewers read them, on manuscripts the other proof tests do not cover
// (tests/proof/fixtures/proofread/README.md): what is printed is mapped to its manuscript line,
// marked when a finding is about it, and a reviewer's mark on it comes back to that line.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofJson } from '../../src/proof/build-proof.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { findPhrase, markWithPdfLib } from './helpers/review.js';

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
type JsonNote = { line: number; column: number; ruleId: string; reason: string; mark: { text: string; label: string; comment: string } };
const notesOf = (stdout: string): JsonNote[] => JSON.parse(stdout);

/** A copy of a fixture folder (a test edits it for the next round) and its proof, round 1. */
async function proofOf(name: string): Promise<{ dir: string; dist: string; source: string; json: ProofJson; pdf: string }> {
  const dir = path.join(out, name);
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  const dist = path.join(out, `${name}-dist`);
  const built = runCli(['build:proof', dir, '--out', dist, '--no-preview']);
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
    expect(json.changes.map((c) => [c.kind, c.text, c.line, c.place?.label.startsWith('第')])).toEqual([
      ['insert', '2023年', placeOf(edited, '2023年统计').line, true],
    ]);
  }, 120_000);
});
