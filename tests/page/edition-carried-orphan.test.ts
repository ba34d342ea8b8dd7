// A 孤字 a column break made (tests/page/fixtures/edition-carried-orphan): a paragraph crosses from
// column 1 to column 2 with only its last line, “体。” (one letter), carried over. The line checks
// counted only the paragraphs with two lines or more in a frame (the page said 0 孤字 over it), and
// the 孤字 fix only mended lines within a frame. Now the cut moves back a letter: column 2 opens with
// a line of two letters, and column 1's last line, a letter short, is still justified to the column's
// edge within the layout's loose-line limit. Read back from the PDF, then the report.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';
import { PageFrame, readingLines, readPlan, storyText } from './helpers/edition.js';
import type { EditionFit } from '../../src/page/write-edition.js';

const PLAN = path.join(ROOT, 'tests/page/fixtures/edition-carried-orphan/plan.yaml');
let out: string;
let cli: ReturnType<typeof runCli>;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-carried-orphan-'));
  cli = runCli(['build:pdf', PLAN, '--out', out]);
}, 180_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a paragraph whose last line alone a column break carries over', () => {
  it('takes a letter from the line above: no 孤字 at the head of the column, the text whole and in order', async () => {
    expect(cli.code, cli.stderr).toBe(0);
    const { plan, grid } = await readPlan(PLAN);
    const pdf = await openPdf(path.join(out, 'plan', 'page-1.pdf'));
    const frame = new PageFrame(grid, pdf.lib.getPage(0).getTrimBox());
    const body = readingLines(
      (await textItems(pdf.doc)).filter((i) => Math.abs(i.size - grid.em) < 0.05),
      frame,
    );
    await pdf.doc.destroy();
    const letters = (s: string) => [...s].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
    const carried = body.filter((l) => l.column === 2);
    expect(carried.map((l) => l.text)).toEqual(['全体。']);
    expect(letters(carried[0].text)).toBeGreaterThanOrEqual(grid.minLastLine);
    // the line above it, at column 1's foot, still runs to the column's right edge
    const above = body.filter((l) => l.column === 1).at(-1)!;
    expect(Math.abs(above.right - frame.colRight(1))).toBeLessThan(0.6);
    expect(body.map((l) => l.text).join('')).toBe((await storyText(PLAN, plan.pages[0].stories[0])).body);
    const fit: EditionFit = JSON.parse(await readFile(path.join(out, 'plan', 'edition.fit.json'), 'utf8'));
    const quality = fit.pages[0].lines as { orphans: unknown[]; loose: unknown[] };
    expect(quality.orphans).toEqual([]);
    expect(quality.loose).toEqual([]);
    expect(cli.stdout).toMatch(/lines: \d+ measured, 0 bad starts, 0 bad ends, 0 孤字/);
    expect(cli.stderr).not.toContain('page-orphan');
  });
});
