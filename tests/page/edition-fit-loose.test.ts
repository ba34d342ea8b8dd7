// Automatic copy fit stays within the layout's lines.maxLoose (tests/page/fixtures/edition-fit/loose.yaml).
// Looser tracking sets a character fewer a line: in loose-fit's second paragraph that leaves its
// last line a 孤字, whose fix spreads the line above to 0.335 em; in loose-latin it moves
// “Envision、” on and justification spreads the line across the column (0.577 em set character by
// character; 1.9 em now that a line is spread between Han characters and at word spaces alone). The fitter used to
// take both and print the page-loose-line findings of lines it had made loose itself. Those
// paragraphs are kept as set and named in the summary; loose-fit is fitted by its first paragraph
// alone (partly: a line stays empty), loose-latin not at all. Read back from the PDF: every story
// whole, and no justified line of Han characters spread wider than the layout allows.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, ROOT } from '../helpers/cli.js';
import { type Glyphs, openPdf, textItems } from './helpers/pdf.js';
import { inside, PageFrame, type Plan, readingLines, readPlan, type StoryText, storyText } from './helpers/edition.js';
import type { EditionFit } from '../../src/page/write-edition.js';

const PLAN = path.join(ROOT, 'tests/page/fixtures/edition-fit/loose.yaml');
const MAX_LOOSE = 0.25; // edition-2col.yaml takes the default lines.maxLoose
let out: string;
let cli: ReturnType<typeof runCli>;
let plan: Plan;
let fit: EditionFit;
let doc: PDFDocumentProxy;
let items: Glyphs[];
let frame: PageFrame;
let em: number;
const texts: StoryText[] = [];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-fit-loose-'));
  cli = runCli(['build:pdf', PLAN, '--out', out]);
  const read = await readPlan(PLAN);
  plan = read.plan;
  em = read.grid.em;
  fit = JSON.parse(await readFile(path.join(out, 'loose', 'edition.fit.json'), 'utf8'));
  const pdf = await openPdf(path.join(out, 'loose', 'page-1.pdf'));
  doc = pdf.doc;
  items = await textItems(doc);
  frame = new PageFrame(read.grid, pdf.lib.getPage(0).getTrimBox());
  for (const s of plan.pages[0].stories) texts.push(await storyText(PLAN, s));
}, 180_000);

afterAll(async () => {
  await doc?.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

/** The body lines a story's module prints, in reading order. */
function printed(index: number) {
  const s = plan.pages[0].stories[index];
  const box = frame.box(s.columns, s.top, s.lines);
  return readingLines(
    items.filter((i) => inside(i, box) && Math.abs(i.size - em) < 0.05),
    frame,
  );
}

describe('automatic copy fit within the layout’s loose-line limit', () => {
  it('prints no loose line: the paragraphs looser tracking would spread too far are kept as set', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toContain('page-loose-line');
    const quality = fit.pages[0].lines;
    expect(quality.loose).toEqual([]);
    expect(quality.maxLoose).toBeLessThanOrEqual(MAX_LOOSE);
  });

  it('fits loose-fit partly, by its first paragraph alone, and says why its second is kept as set', () => {
    const s = fit.stories.find((x) => x.flow === 'p1s1')!;
    const a = s.autoFit!;
    expect(a.direction).toBe('looser');
    expect(a.before.underset).toBe(2);
    expect(a.fitted).toBe(false);
    expect(a.after.underset).toBe(1);
    expect(a.paragraphs.map((p) => p.line)).toEqual([5]);
    for (const p of a.paragraphs) expect(p.spacing).toBeLessThanOrEqual(MAX_LOOSE);
    expect(a.refused?.map((r) => [r.line, r.why])).toEqual([[7, 'orphan']]);
    expect(s.fit.undersetLines).toBe(1);
    expect(cli.stdout).toMatch(
      /p1s1 loose-fit: underset 1 line; partly fitted: 1 paragraph\(s\) looser \(line 5 0\.25 %\); kept as set: line 7 \(looser: a 孤字 no fix sets within 0\.25 em\)/,
    );
    expect(
      printed(0)
        .map((l) => l.text)
        .join(''),
    ).toBe(texts[0].body);
  });

  it('leaves loose-latin as it was: looser, its Latin words would leave a line spread past the limit', () => {
    const s = fit.stories.find((x) => x.flow === 'p1s3')!;
    const a = s.autoFit!;
    expect(a.fitted).toBe(false);
    expect(a.paragraphs).toEqual([]);
    expect(a.refused?.map((r) => [r.line, r.why])).toEqual([[5, 'loose']]);
    expect(a.refused![0].spacing).toBeGreaterThan(MAX_LOOSE);
    expect(cli.stdout).toMatch(
      /p1s3 loose-latin: underset 1 line; could not be fitted within ±2\.0 % tracking; kept as set: line 5 \(looser: \d+\.\d+ em between characters, over lines\.maxLoose 0\.25\)/,
    );
    const lines = printed(2);
    expect(lines.map((l) => l.text).join('')).toBe(texts[2].body);
    // as written: the paragraph's first line holds its 11 characters after the indent, not one fewer
    expect(lines[0].text).toBe('风电装机容量增长明显，');
  });

  it('sets no justified line of Han characters wider than the limit, measured on the PDF', () => {
    // A line of Han characters and full-width marks only (each an em), that is not a paragraph's
    // last: the space its width leaves beyond its characters' ems, shared among its gaps.
    for (const index of [0, 2]) {
      const story = texts[index];
      const lines = printed(index);
      let at = 0;
      for (const l of lines) {
        at += l.text.length;
        const last = story.blocks.some((b) => b.end === at);
        const chars = [...l.text];
        if (last || /[\x21-\x7e]/.test(l.text) || chars.length < 2) continue;
        const spread = (l.right - l.x - chars.length * em) / (chars.length - 1) / em;
        expect(spread, `“${l.text}”`).toBeLessThanOrEqual(MAX_LOOSE + 0.01);
      }
    }
  });
});
