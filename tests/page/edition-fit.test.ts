// Automatic copy fit of an edition's stories (tests/page/fixtures/edition-fit/plan.yaml): a story
// two lines too long for its module is fitted by setting two of its paragraphs tighter, within
// the layout's 2 % of the em, and the report names them; a story thirty lines too long is not
// touched and is reported overset with the words where the overset begins. Read back from the PDF.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, ROOT } from '../helpers/cli.js';
import { type Glyphs, openPdf, textItems } from './helpers/pdf.js';
import { inside, PageFrame, type Plan, readingLines, readPlan, type StoryText, storyText } from './helpers/edition.js';
import type { EditionFit } from '../../src/page/write-edition.js';

const PLAN = path.join(ROOT, 'tests/page/fixtures/edition-fit/plan.yaml');
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
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-fit-'));
  cli = runCli(['build:pdf', PLAN, '--out', out]);
  const read = await readPlan(PLAN);
  plan = read.plan;
  em = read.grid.em;
  fit = JSON.parse(await readFile(path.join(out, 'plan', 'edition.fit.json'), 'utf8'));
  const pdf = await openPdf(path.join(out, 'plan', 'page-1.pdf'));
  doc = pdf.doc;
  items = await textItems(doc);
  frame = new PageFrame(read.grid, pdf.lib.getPage(0).getTrimBox());
  for (const s of plan.pages[0].stories) texts.push(await storyText(PLAN, s));
}, 180_000);

afterAll(async () => {
  await doc?.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

/** The body text a story's module prints, in reading order. */
function printed(index: number): string {
  const s = plan.pages[0].stories[index];
  const box = frame.box(s.columns, s.top, s.lines);
  return readingLines(
    items.filter((i) => inside(i, box) && Math.abs(i.size - em) < 0.05),
    frame,
  )
    .map((l) => l.text)
    .join('');
}

describe('automatic copy fit', () => {
  it('fits a story two lines too long by setting two of its paragraphs tighter, and names them', () => {
    expect(cli.code, cli.stderr).toBe(0);
    const s = fit.stories.find((x) => x.flow === 'p1s1')!;
    expect(s.fit.status).not.toBe('overset');
    const a = s.autoFit!;
    expect(a.before).toEqual({ overset: 2, underset: 0 });
    expect(a.after.overset).toBe(0);
    expect(a.fitted).toBe(true);
    expect(a.direction).toBe('tighter');
    // the paragraphs changed, each by at most the layout's 2 % of the em, each a line shorter
    expect(a.paragraphs.map((p) => [p.line, p.linesBefore - p.linesAfter, p.text.slice(0, 6)])).toEqual([
      [10, 1, '举办“扎实开'],
      [14, 1, '100余场次'],
    ]);
    for (const p of a.paragraphs) {
      expect(p.tracking).toBeLessThan(0);
      expect(p.tracking).toBeGreaterThanOrEqual(-0.02);
      expect(p.spacing).toBeGreaterThanOrEqual(0);
    }
    expect(cli.stdout).toMatch(/p1s1 zhuti: fits; fitted: 2 paragraph\(s\) tighter \(line 10 -2\.00 %.*line 14 -2\.00 %/);
    // …and the whole story is on the page, in order, read back from the PDF
    expect(printed(0)).toBe(texts[0].body);
  });

  it('leaves the other paragraphs on the character grid: only the named ones are set tighter', () => {
    const s = plan.pages[0].stories[0];
    const box = frame.box(s.columns, s.top, s.lines);
    const lines = readingLines(
      items.filter((i) => inside(i, box) && Math.abs(i.size - em) < 0.05),
      frame,
    );
    // the untouched paragraph (the second) sets 13 characters a line, flush with the column's right edge
    const second = texts[0].blocks[1];
    let at = 0;
    const own = lines.filter((l) => {
      const start = at;
      at += l.text.length;
      return start >= second.start && at <= second.end;
    });
    expect(own.length).toBeGreaterThan(3);
    for (const l of own.slice(1, -1)) expect(Math.abs(l.right - frame.colRight(l.column)), `“${l.text}”`).toBeLessThan(0.6);
  });

  it('reports a story thirty lines too long as overset, with its first overset words, and prints what fits', () => {
    const s = fit.stories.find((x) => x.flow === 'p1s3')!;
    expect(s.fit.status).toBe('overset');
    expect(s.fit.oversetLines).toBe(30);
    expect(s.autoFit).toBeUndefined(); // more than the layout's fit.maxLines: not touched
    const text = printed(2);
    const whole = texts[2].body;
    expect(whole.startsWith(text)).toBe(true);
    expect(whole.slice(text.length).startsWith(s.fit.firstWords)).toBe(true);
    expect(s.fit.oversetChars).toBe([...whole.slice(text.length)].length);
    expect(cli.stderr).toContain(`OVERSET 30 lines, ${s.fit.oversetChars} characters did not fit — first words “${s.fit.firstWords}”`);
    // a located finding for the manuscript, where the overset's first words are written
    const source = readFileSync(path.join(path.dirname(PLAN), 'long', 'article.md'), 'utf8').split('\n');
    const line = source.findIndex((l, i) => i >= s.fit.firstLine! - 1 && l.includes(s.fit.firstWords.slice(0, 8)));
    expect(line).toBeGreaterThanOrEqual(0);
    const column = source[line].indexOf(s.fit.firstWords.slice(0, 8)) + 1;
    expect(column).toBeGreaterThan(1);
    expect(cli.stderr).toMatch(
      new RegExp(
        `long/article\\.md\\n${line + 1}:${column} +warning +Overset: 30 lines \\(${s.fit.oversetChars} characters\\) do not fit the story's module, from “${s.fit.firstWords}”.*page-overset`,
      ),
    );
  });
});
