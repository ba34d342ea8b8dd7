// The night desk's late changes, rebuilt into the same output folder as the edition before them
// (tests/page/fixtures/edition-late): what the folder holds afterwards is tonight's edition, and
// nothing of a page the desk took out of the plan is left to be sent to the plant with it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('a rebuild without previews (--no-preview) leaves no preview of an earlier build beside the new pages', async () => {
    const dir = path.join(out, 'no-preview');
    expect(runCli(['build:pdf', `${FIXTURES}/before/tonight.yaml`, '--out', dir]).code).toBe(0);
    const rebuilt = runCli(['build:pdf', `${FIXTURES}/before/tonight.yaml`, '--out', dir, '--no-preview']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect((await readdir(path.join(dir, 'tonight'))).filter((f) => f.startsWith('page-')).sort()).toEqual(['page-1.pdf', 'page-2.pdf']);
    // the pages are still in the plan: nothing is said to be dropped
    expect(rebuilt.stdout).not.toMatch(/removed/);
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

describe('a plan rewritten in a hurry at 23:45', () => {
  it('says every problem at once — a misspelt key does not hide a module off the grid, a missing manuscript or an overlap — exit 2, nothing written', () => {
    const plan = `${FIXTURES}/tired/tonight.yaml`;
    const dir = path.join(out, 'tired');
    const cli = runCli(['build:pdf', plan, '--out', dir]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      'error: 7 problems in the configuration:',
      `${plan}:11:9: pages[0].stories[0] does not fit the grid of 2 columns × 40 lines: story 1 of page 1 (yaowen) takes column 1, lines 1–41; keep the last column ≤ 2 and top + lines − 1 ≤ 40`,
      `${plan}:15:27: pages[0].stories[0].continue.page is 0; write a whole number of at least 1 — the page the story continues on`,
      `${plan}:17:9: unknown key "colums" in pages[0].stories[1]; did you mean "columns"? (pages[0].stories[1].columns is missing)`,
      `${plan}:23:21: pages[1].stories[0].manuscript: "wenhua" is not found in ${FIXTURES}/tired; name a folder with article.md or a .md file, relative to the plan`,
      `${plan}:27:9: pages[1].stories[1]: overlaps story 1 of page 2 (wenhua) (columns 1–2, lines 1–20): story 2 of page 2 (shehui) takes columns 1–2, lines 20–40; move one of them or make it smaller`,
      `${plan}:31:19: pages[1].stories[1].continue: overlaps story 1 of page 1 (yaowen) (column 1, lines 1–40): the continuation of story 2 of page 2 (shehui) takes column 1, lines 30–40; move one of them or make it smaller`,
      `${plan}:31:27: pages[1].stories[1].continue.page is 1, before the story's own page 2; a story continues on a later page (下转 runs forward): continue on a page after 2, or start the story on page 1`,
    ]);
    expect(existsSync(dir)).toBe(false);
  });

  it('finds a hole beside a story whose misspelt key is not its module’s, and leaves holes to the plan written out when it is', () => {
    const plan = `${FIXTURES}/tired/hole.yaml`;
    const cli = runCli(['build:pdf', plan, '--out', path.join(out, 'tired')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      'error: 2 problems in the configuration:',
      `${plan}:10:7: pages[0].stories: leave a hole on page 1 at columns 1–2, lines 31–40: no module covers it; extend a module or add a story there`,
      `${plan}:14:9: unknown key "kiker" in pages[0].stories[0]; did you mean "kicker"?`,
    ]);
    // in tonight.yaml page 1's second story misspells columns: column 2 may be its, so no hole is said
    expect(runCli(['build:pdf', `${FIXTURES}/tired/tonight.yaml`, '--out', path.join(out, 'tired')]).stderr).not.toMatch(/leave a hole/);
  });
  it('keeps the whole plan’s limits: a misspelt plan placing 2,100 manuscripts is not searched name by name', async () => {
    // a generated brief column gone wrong, with a typo: the typo is said, not 2,100 missing manuscripts
    const names = Array.from({ length: 2100 }, (_, i) => `  - brief-${i}`).join('\n');
    const plan = path.join(out, 'generated.yaml');
    await writeFile(
      plan,
      `paper: 测试报\ndate: 2024年1月19日\nlayout: feature-8col\npages:\n  - page: 1\n    sectoin: 简讯\n    stories:\n` +
        `      - columns: [1, 8]\n        top: 1\n        lines: 120\n        manuscripts:\n${names.replace(/^/gm, '        ')}\n`,
    );
    const cli = runCli(['build:pdf', plan, '--out', path.join(out, 'generated')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(
      `error: ${plan}:6:5: unknown key "sectoin" in pages[0]; did you mean "section"? (pages[0].section is missing)`,
    );
  });
});

describe('a late story that does not fit, and one too short for its module', () => {
  it('says the overset and the underset with the plan’s place of the module to resize: the continuation’s for a story that jumps', async () => {
    const plan = `${FIXTURES}/overset/jump.yaml`;
    const cli = runCli(['build:pdf', plan, '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    const report = await readFile(path.join(out, 'jump', 'findings.txt'), 'utf8');
    const said = (rule: string) => report.split('\n').filter((l) => l.includes(rule));
    expect(said('page-overset')).toHaveLength(1);
    expect(said('page-overset')[0]).toMatch(
      /^5:130 +warning +Overset: 5 lines \(65 characters\) do not fit the story's module, from “定性意义”/,
    );
    expect(said('page-overset')[0]).toContain(
      `give the module more lines in the edition plan (${plan}:15:19 pages[0].stories[0].continue)`,
    );
    expect(said('page-underset').map((l) => /\(([^()]+)\) +page-underset/.exec(l)?.[1])).toEqual([
      `${plan}:23:9 pages[1].stories[0]`,
      `${plan}:16:9 pages[0].stories[1]`,
    ]);
  }, 120_000);
});

describe('a photo story withdrawn from a press edition, rebuilt with --final into the same folder', () => {
  it('leaves in images/ only the copies of the photos the edition prints, as a press build of a page does', async () => {
    const dir = path.join(out, 'photo');
    const before = runCli(['build:pdf', `${FIXTURES}/photo/before/tonight.yaml`, '--out', dir, '--final']);
    expect(before.code, before.stderr).toBe(0);
    const images = path.join(dir, 'tonight', 'images');
    const copies = async () => (await readdir(images, { recursive: true })).map(String).filter((f) => /\.jpg$/.test(f));
    expect((await copies()).some((f) => f.startsWith(path.join('p1s1', 'huiyi-')))).toBe(true);
    // the desk's own file in the folder is not a copy, and stays
    await writeFile(path.join(images, 'p1s1', 'caption-notes.txt'), '图片说明待核\n');
    const after = runCli(['build:pdf', `${FIXTURES}/photo/after/tonight.yaml`, '--out', dir, '--final']);
    expect(after.code, after.stderr).toBe(0);
    expect(await copies()).toEqual([]);
    expect(existsSync(path.join(images, 'p1s1', 'caption-notes.txt'))).toBe(true);
  }, 120_000);
});
