// 破折号 “——” in a paragraph the edition's copy fit sets looser (tests/page/fixtures/edition-dash):
// letter spacing turns the font's two-em dash ligature off, and the two one-em dashes plus their
// spacing overran the dash's two-em box, which wrapped them onto two lines (a dash alone on a line
// above the grid, the rest of the line spread), and the fit then counted a line too many and gave
// up. Read back from the PDF: the story is fitted, and every dash prints as one two-em unit on a
// grid line, at the head of a full line.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, ROOT } from '../helpers/cli.js';
import { type Glyphs, openPdf, textItems } from './helpers/pdf.js';
import { inside, PageFrame, type Plan, readingLines, readPlan, storyText } from './helpers/edition.js';
import type { EditionFit } from '../../src/page/write-edition.js';

const PLAN = path.join(ROOT, 'tests/page/fixtures/edition-dash/plan.yaml');
let out: string;
let cli: ReturnType<typeof runCli>;
let plan: Plan;
let fit: EditionFit;
let doc: PDFDocumentProxy;
let items: Glyphs[];
let frame: PageFrame;
let grid: Awaited<ReturnType<typeof readPlan>>['grid'];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-dash-'));
  cli = runCli(['build:pdf', PLAN, '--out', out]);
  ({ plan, grid } = await readPlan(PLAN));
  fit = JSON.parse(await readFile(path.join(out, 'plan', 'edition.fit.json'), 'utf8'));
  const pdf = await openPdf(path.join(out, 'plan', 'page-1.pdf'));
  doc = pdf.doc;
  items = await textItems(doc);
  frame = new PageFrame(grid, pdf.lib.getPage(0).getTrimBox());
}, 180_000);

afterAll(async () => {
  await doc?.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a dash in a paragraph set looser by the copy fit', () => {
  it('fits the story by setting its dash paragraph looser', () => {
    expect(cli.code, cli.stderr).toBe(0);
    const s = fit.stories.find((x) => x.flow === 'p1s1')!;
    expect(s.autoFit?.fitted).toBe(true);
    expect(s.autoFit?.direction).toBe('looser');
    expect(s.autoFit?.paragraphs.map((p) => [p.line, p.text.slice(0, 4)])).toEqual([[6, '——在服']]);
    expect(s.fit.status).toBe('fits');
  });

  it('prints every dash as one two-em unit on a grid line, and every story whole', async () => {
    const dashes = items.filter((i) => i.str.includes('—'));
    expect(dashes.map((d) => d.str)).toEqual(['——', '——']);
    for (const d of dashes) {
      expect(d.width).toBeCloseTo(2 * grid.em, 1);
      // the words it opens follow it on its line, which runs to the column's right edge
      const line = readingLines(
        items.filter((i) => Math.abs(i.y - d.y) < 0.2),
        frame,
      ).find((l) => l.column === frame.column(d.x))!;
      expect(line.text.startsWith('——')).toBe(true);
      expect(line.text.length).toBeGreaterThan(8);
      expect(Math.abs(line.right - frame.colRight(line.column))).toBeLessThan(0.6);
    }
    for (const s of plan.pages[0].stories) {
      const box = frame.box(s.columns, s.top, s.lines);
      const body = readingLines(
        items.filter((i) => inside(i, box) && Math.abs(i.size - grid.em) < 0.05),
        frame,
      );
      expect(body.map((l) => l.text).join(''), s.manuscript).toBe((await storyText(PLAN, s)).body);
      // every body line a whole number of grid lines below the module's first
      const top = Math.max(...body.map((l) => l.y));
      for (const l of body) {
        const d = (top - l.y) / grid.grid;
        expect(Math.abs(d - Math.round(d)) * grid.grid, `${s.manuscript}: “${l.text}”`).toBeLessThanOrEqual(0.76);
      }
    }
  });
});
