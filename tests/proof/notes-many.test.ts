// A returned proof with more reviewer marks than a screenful: proof:notes shows a screenful, counts
// the rest, and says where the full list is: its own --format json (it said `npm run check`, whose
// report holds no reviewer's mark). The proof is tests/proof/fixtures/edited-data/valid.json's data
// in a PDF with 45 sticky notes beside the text.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const MARKS = 45;
let tmp: string;
let pdf: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-notes-many-'));
  const doc = await PDFDocument.create();
  const page = doc.addPage([600, 800]);
  const data = await readFile(path.join(ROOT, 'tests/proof/fixtures/edited-data/valid.json'));
  await doc.attach(new Uint8Array(data), 'baoban-proof.json', { mimeType: 'application/json' });
  const annots = doc.context.obj([]);
  for (let i = 1; i <= MARKS; i++) {
    const note = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [20, 700 - i * 10, 40, 720 - i * 10],
      Contents: PDFHexString.fromText(`第${i}条意见`),
      T: PDFHexString.fromText('校对 王五'),
    });
    annots.push(doc.context.register(note));
  }
  page.node.set(PDFName.of('Annots'), annots);
  pdf = path.join(tmp, 'returned.pdf');
  await writeFile(pdf, await doc.save());
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('proof:notes with more marks than a screenful', () => {
  it('shows a screenful, counts the rest and points at its own JSON for the full list', () => {
    const r = runCli(['proof:notes', pdf]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.match(/proof-note/g)?.length).toBe(40 + 1); // 40 shown, and the count per rule
    expect(r.stdout).toContain(`5 more findings not shown; ${MARKS} in all`);
    expect(r.stdout).toContain(`full report: \`npm run proof:notes -- ${pdf} --format json\``);
    expect(r.stdout).not.toContain('npm run check');
    const json = runCli(['proof:notes', pdf, '--format', 'json']);
    const marks = JSON.parse(json.stdout) as Array<{ mark: { comment: string; author: string } }>;
    expect(marks.map((m) => m.mark.comment).sort()).toEqual(Array.from({ length: MARKS }, (_, i) => `第${i + 1}条意见`).sort());
    expect(new Set(marks.map((m) => m.mark.author))).toEqual(new Set(['校对 王五']));
  });
});
