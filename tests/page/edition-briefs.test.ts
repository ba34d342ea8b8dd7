// A brief column of thirteen short manuscripts down one 80-line column
// (tests/page/fixtures/edition-briefs/briefs.yaml): each brief's head and text stays on the page's
// line grid to the column's foot. Padded to its own height alone, each block lost the fraction of
// a pixel Chromium rounds a padding to, and from the tenth brief on the blocks stood off the grid.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCliAsync } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';
import type { EditionFit } from '../../src/page/write-edition.js';

const PLAN = 'tests/page/fixtures/edition-briefs/briefs.yaml';
const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];
let out: string;
let cli: Awaited<ReturnType<typeof runCliAsync>>;
let fit: EditionFit;
let text: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-briefs-'));
  cli = await runCliAsync(['build:pdf', PLAN, '--out', out]);
  fit = JSON.parse(await readFile(path.join(out, 'briefs', 'edition.fit.json'), 'utf8'));
  const { doc } = await openPdf(path.join(out, 'briefs', 'page-1.pdf'));
  text = (await textItems(doc)).map((i) => i.str.replace(/\s+/g, '')).join('');
  await doc.destroy();
}, 300_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a brief column of many short manuscripts', () => {
  it('prints every brief, head and text, in order, and the column fits', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(fit.stories.find((s) => s.flow === 'p1s1')!.fit.status).toBe('fits');
    let at = 0;
    for (const n of NUMBERS) {
      const head = text.indexOf(`简讯之${n}第${n}则简讯`, at);
      expect(head, `brief ${n}`).toBeGreaterThanOrEqual(at);
      at = head + 1;
    }
  });

  it('keeps every block of the column on the line grid, to its foot', () => {
    expect(fit.pages[0].offGrid).toEqual([]);
    expect(cli.stderr).not.toContain('page-off-grid');
  });
});

describe('a brief column too short for its briefs', () => {
  it('says the overset to the brief where it begins, at the line its head is written (its headline:)', async () => {
    const run = await runCliAsync(['build:pdf', 'tests/page/fixtures/edition-briefs/overset.yaml', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const report: EditionFit = JSON.parse(await readFile(path.join(out, 'overset', 'edition.fit.json'), 'utf8'));
    const column = report.stories.find((s) => s.flow === 'p1s1')!.fit;
    expect(column.status).toBe('overset');
    // the fourth brief's head is the first thing that did not fit
    expect(column.firstPart).toBe(3);
    expect(column.firstWords.startsWith('简讯之四')).toBe(true);
    expect(column.firstLine).toBe(2);
    // the manuscript's findings: its path on a line of its own, then its findings up to a blank line
    const own = run.stderr.slice(run.stderr.search(/^\S*tests\/page\/fixtures\/edition-briefs\/brief-4\.md$/m));
    expect(own.split('\n\n')[0]).toMatch(
      /\n2:11 +warning +Overset: \d+ lines \(\d+ characters\) do not fit the story's module, from “简讯之四/,
    );
  }, 300_000);
});
