// The night desk's late changes, rebuilt into the same output folder as the edition before them
// (tests/page/fixtures/edition-late): what the folder holds afterwards is tonight's edition, and
// nothing of a page the desk took out of the plan is left to be sent to the plant with it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { openPdf } from './helpers/pdf.js';

const FIXTURES = 'tests/page/fixtures/edition-late';
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-edition-late-'));
});

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a page dropped from the plan at 23:30, the edition rebuilt into the same folder', () => {
  it('leaves no page-N.pdf or .png of the dropped page, says so, and keeps every file that is not a page of the edition', async () => {
    const before = runCli(['build:pdf', `${FIXTURES}/before/tonight.yaml`, '--out', out]);
    expect(before.code, before.stderr).toBe(0);
    const dir = path.join(out, 'tonight');
    expect((await readdir(dir)).filter((f) => f.startsWith('page-')).sort()).toEqual([
      'page-1.pdf',
      'page-1.png',
      'page-2.pdf',
      'page-2.png',
    ]);
    // the desk's own notes in the folder are not the build's to remove
    await writeFile(path.join(dir, 'page-2-notes.txt'), '体育版改期\n');
    const after = runCli(['build:pdf', `${FIXTURES}/after/tonight.yaml`, '--out', out]);
    expect(after.code, after.stderr).toBe(0);
    expect((await readdir(dir)).filter((f) => f.startsWith('page-')).sort()).toEqual(['page-1.pdf', 'page-1.png', 'page-2-notes.txt']);
    expect(after.stdout).toContain('removed page-2.pdf, page-2.png: page 2 is no longer in the plan');
    const edition = await openPdf(path.join(dir, 'edition.pdf'));
    expect(edition.doc.numPages).toBe(1);
    await edition.doc.destroy();
  }, 120_000);

  it('a --final build the checks refuse removes nothing: the folder keeps the last edition that was written', async () => {
    const dir = path.join(out, 'refused');
    const before = runCli(['build:pdf', `${FIXTURES}/before/tonight.yaml`, '--out', dir]);
    expect(before.code, before.stderr).toBe(0);
    const refused = runCli(['build:pdf', `${FIXTURES}/overset/tonight.yaml`, '--out', dir, '--final']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/p1s1 \(.*long\/article\.md\): OVERSET/);
    expect(existsSync(path.join(dir, 'tonight', 'page-2.pdf'))).toBe(true);
  }, 120_000);
});
