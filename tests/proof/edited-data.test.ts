// Proof data edited by hand (tests/proof/fixtures/edited-data: the baoban-proof.json a proof
// carries, as a person or a newsroom system might have changed it). proof:notes and build:proof
// --against refuse it in one line (exit 2) naming the PDF, the embedded file's line and column,
// what is wrong and how to mend it; never a TypeError, never a proof built on it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/proof/fixtures/edited-data');
const MEND =
  'use the proof PDF as build:proof wrote it (marks saved by a PDF reader keep its data), or make the proof again with `npm run build:proof`';

/** What each fixture gives: the embedded file's line:column, and what is wrong there. */
const EXPECTED: Record<string, [string, string]> = {
  'trailing-comma.json': ['21:1', 'the proof data is not valid JSON: property name expected'],
  'round-as-text.json': ['4:12', 'the proof data is not as build:proof wrote it: round: expected number, received string'],
  'units-missing.json': ['1:1', 'the proof data is not as build:proof wrote it: units: missing (array expected)'],
  'offset-past-text.json': [
    '11:88',
    'the proof data is not as build:proof wrote it: units[0].src[0]: a run past the end of the manuscript text it carries (12 characters)',
  ],
  'line-of-no-unit.json': ['15:15', 'the proof data is not as build:proof wrote it: lines[0].unit: no unit "block:9" in the data'],
  // A hostile PDF naming a file of its choosing as its manuscript: proof:notes read /etc/passwd and exited 0.
  'manuscript-not-markdown.json': [
    '7:27',
    'the proof data is not as build:proof wrote it: manuscript.path: "/etc/passwd" is not a manuscript file (.md, .markdown or .txt)',
  ],
  // Its path written with terminal escape codes: proof:notes printed them as they were, and the
  // terminal cleared itself and showed a forged line.
  'manuscript-control.json': [
    '7:27',
    'the proof data is not as build:proof wrote it: manuscript.path: "\\u001B[2J\\u001B[31mcheck: 0 errors\\u001B[0m.md" holds control characters, which no manuscript\'s name build:proof writes has',
  ],
  'manuscript-up-out.json': [
    '7:27',
    'the proof data is not as build:proof wrote it: manuscript.path: "../../../../home/user/diary.md" leads out of the folder it names with ..',
  ],
};

let tmp: string;

/** A one-page PDF carrying `json` as its proof data, stored as build:proof stores it (pdf-lib's attach, deflated). */
async function proofWith(name: string, json: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage();
  await doc.attach(new TextEncoder().encode(json), 'baoban-proof.json', { mimeType: 'application/json' });
  const file = path.join(tmp, name.replace(/\.json$/, '.pdf'));
  await writeFile(file, await doc.save());
  return file;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-edited-data-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('proof data edited by hand', () => {
  it('covers every fixture', async () => {
    const fixtures = (await readdir(FIX)).filter((f) => f.endsWith('.json') && f !== 'valid.json');
    expect(fixtures.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('is read when it is as build:proof writes it (the fixtures’ unedited data)', async () => {
    const pdf = await proofWith('valid.json', await readFile(path.join(FIX, 'valid.json'), 'utf8'));
    const r = runCli(['proof:notes', pdf]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/0 marks on round 1/);
  });

  for (const [name, [at, what]] of Object.entries(EXPECTED)) {
    it(`${name}: proof:notes names the PDF, ${at} of its data, what is wrong and how to mend it (exit 2)`, async () => {
      const pdf = await proofWith(name, await readFile(path.join(FIX, name), 'utf8'));
      const r = runCli(['proof:notes', pdf]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim()).toBe(`error: ${pdf} › baoban-proof.json:${at}: ${what}; ${MEND}`);
    });
  }

  it('proof:notes does not follow a link that the manuscript named by the proof is, out of its folder (exit 2)', async () => {
    // The PDF names its manuscript; whoever wrote it chose the path, so it is read as a manuscript names a file.
    const folder = path.join(tmp, 'linked');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(tmp, 'secret.md'), 'outside the folder\n');
    await symlink(path.join(tmp, 'secret.md'), path.join(folder, 'article.md'));
    const data = JSON.parse(await readFile(path.join(FIX, 'valid.json'), 'utf8'));
    data.manuscript.path = path.join(folder, 'article.md');
    const pdf = await proofWith('linked.json', JSON.stringify(data));
    const r = runCli(['proof:notes', pdf]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe(
      `error: ${pdf}: the manuscript it names, ${data.manuscript.path}, cannot be read: is a symbolic link (or lies in a linked folder) ` +
        'that leads outside the manuscript folder; copy the file itself into the folder; name the manuscript file with --manuscript FILE',
    );
    // the user may still name it: a path the user gives is followed
    const given = runCli(['proof:notes', pdf, '--manuscript', path.join(folder, 'article.md')]);
    expect(given.code, given.stderr).toBe(0);
  });

  it('build:proof --against such a proof stops the same way and writes nothing', { timeout: 300_000 }, async () => {
    const pdf = await proofWith('round-as-text.json', await readFile(path.join(FIX, 'round-as-text.json'), 'utf8'));
    const out = path.join(tmp, 'out');
    const r = runCli(['build:proof', path.join(ROOT, 'tests/fixtures/manuscripts/plain'), '--against', pdf, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${pdf} › baoban-proof.json:4:12: ${EXPECTED['round-as-text.json'][1]}; ${MEND}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('build:proof --against a proof of another manuscript says so on the console and the findings sheet', {
    timeout: 300_000,
  }, async () => {
    // valid.json is a proof of article.md (output name "article"); the manuscript built is "plain"
    const pdf = await proofWith('valid.json', await readFile(path.join(FIX, 'valid.json'), 'utf8'));
    const out = path.join(tmp, 'other');
    const r = runCli(['build:proof', path.join(ROOT, 'tests/fixtures/manuscripts/plain'), '--against', pdf, '--out', out, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const said = `--against ${pdf} is a proof of another manuscript (article.md), not of this one: the changes marked are against that text; name a proof of this manuscript to compare with its last round`;
    expect((r.stdout + r.stderr).replace(/\s+/g, ' ')).toContain(said);
    const json = JSON.parse(await readFile(path.join(out, 'plain', 'proof.json'), 'utf8'));
    expect(
      json.findings.filter((f: { ruleId: string }) => f.ruleId === 'proof-against-other').map((f: { message: string }) => f.message),
    ).toEqual([said]);
  });
});
