// A 孤字 a column break made (tests/page/fixtures/edition-carried-orphan): a paragraph crosses from
// column 1 to column 2 with only its last line, “体。”, carried over. The line checks counted only
// the paragraphs with two lines or more in a frame, so the page said 0 孤字 over a one-letter line
// at the head of a column. Read back from the PDF, then the report and the finding.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';
import { PageFrame, readingLines, readPlan } from './helpers/edition.js';
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

describe('a paragraph whose last line alone is carried to the next column', () => {
  it('is a 孤字: counted on the page, in the report and as a finding at its paragraph', async () => {
    expect(cli.code, cli.stderr).toBe(0);
    // on the page: column 2 holds just that line, of one letter
    const { grid } = await readPlan(PLAN);
    const pdf = await openPdf(path.join(out, 'plan', 'page-1.pdf'));
    const frame = new PageFrame(grid, pdf.lib.getPage(0).getTrimBox());
    const body = readingLines(
      (await textItems(pdf.doc)).filter((i) => Math.abs(i.size - grid.em) < 0.05),
      frame,
    );
    await pdf.doc.destroy();
    expect(body.filter((l) => l.column === 2).map((l) => l.text)).toEqual(['体。']);
    const fit: EditionFit = JSON.parse(await readFile(path.join(out, 'plan', 'edition.fit.json'), 'utf8'));
    const quality = fit.pages[0].lines as { orphans: Array<{ column: number; line: number; text: string }> };
    expect(quality.orphans).toEqual([expect.objectContaining({ column: 2, line: 9, text: '体。' })]);
    expect(cli.stdout).toMatch(/lines: \d+ measured, 0 bad starts, 0 bad ends, 1 孤字/);
    expect(cli.stderr).toMatch(
      /story\/article\.md\n(?:.*\n)*9:1 +warning +Paragraph ends on a line too short \(孤字: fewer letters than the layout's lines\.minLastLine\) “体。” \(page 1, column 2\) +page-orphan/,
    );
  });
});
