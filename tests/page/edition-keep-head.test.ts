// A 小标题 that would be all a short frame holds (tests/page/fixtures/edition-keep-head): the story
// fills column 1 exactly, and column 2 has two lines above the module's photo slot. The head stood
// in those two lines with its text on the far side of the photo; it moves on with its text, and the
// two lines are reported as left above a moved head. Read back from the PDF.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, ROOT } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';
import { inside, PageFrame, type Plan, readingLines, readPlan, storyText, type TextLine } from './helpers/edition.js';
import type { EditionFit } from '../../src/page/write-edition.js';

const PLAN = path.join(ROOT, 'tests/page/fixtures/edition-keep-head/plan.yaml');
let out: string;
let cli: ReturnType<typeof runCli>;
let plan: Plan;
let fit: EditionFit;
let doc: PDFDocumentProxy;
let lines: TextLine[];
let frame: PageFrame;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-keep-head-'));
  cli = runCli(['build:pdf', PLAN, '--out', out]);
  const read = await readPlan(PLAN);
  plan = read.plan;
  fit = JSON.parse(await readFile(path.join(out, 'plan', 'edition.fit.json'), 'utf8'));
  const pdf = await openPdf(path.join(out, 'plan', 'page-1.pdf'));
  doc = pdf.doc;
  frame = new PageFrame(read.grid, pdf.lib.getPage(0).getTrimBox());
  const s = plan.pages[0].stories[0];
  const box = frame.box(s.columns, s.top, s.lines);
  lines = readingLines(
    (await textItems(doc)).filter((i) => inside(i, box) && Math.abs(i.size - read.grid.em) < 0.05),
    frame,
  );
}, 180_000);

afterAll(async () => {
  await doc?.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a 小标题 that would head a short frame above a photo', () => {
  it('moves on with its text below the photo, and the lines left are reported', async () => {
    expect(cli.code, cli.stderr).toBe(0);
    const s = plan.pages[0].stories[0];
    const photo = frame.box(s.photos![0].columns, s.photos![0].top, s.photos![0].lines);
    const head = lines.findIndex((l) => l.text.startsWith('这一年'));
    expect(head).toBeGreaterThan(0);
    // in column 2, under the photo slot, and its text right under it in the same column
    expect(lines[head].column).toBe(2);
    expect(lines[head].y).toBeLessThan(photo.bottom);
    const next = lines[head + 2];
    expect(next.column).toBe(2);
    expect(next.text.startsWith('坚持创新载体')).toBe(true);
    // nothing of the story above the photo in column 2
    expect(lines.filter((l) => l.column === 2 && l.y > photo.bottom)).toEqual([]);
    const story = fit.stories.find((x) => x.flow === 'p1s1')!;
    expect(story.fit.gapLines).toBe(2);
    expect(cli.stdout).toMatch(/\n {4}p1s1 story: underset \d+ lines; 2 lines left empty at column feet\n/);
    // the whole story, in order
    expect(lines.map((l) => l.text).join('')).toBe((await storyText(PLAN, s)).body);
  });
});
