// Photo slots of an edition whose captions are too long (tests/page/fixtures/edition-captions/):
// a caption that runs past its slot printed over the text below it with the photo gone, and one
// that left its photo a strip of the slot was not said; both with no finding. Each is now said at
// the figure's manuscript line with the slot's place in the plan, and the caption is cut at the
// slot's edge: no caption glyph prints below it. A press build writes nothing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runCliAsync } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';
import { PageFrame, readPlan } from './helpers/edition.js';

const PLAN = 'tests/page/fixtures/edition-captions/captions.yaml';
let out: string;
let cli: Awaited<ReturnType<typeof runCliAsync>>;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-edition-captions-'));
  cli = await runCliAsync(['build:pdf', PLAN, '--out', out, '--no-preview']);
}, 300_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

const findings = (rule: string) => cli.stderr.split('\n').filter((l) => l.includes(rule));

describe('an edition photo slot with a caption too long for it', () => {
  it('is an error at the figure’s line naming the slot in the plan, and no caption glyph prints below the slot', async () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    const over = findings('page-caption-overflow');
    expect(over, cli.stderr).toHaveLength(1);
    expect(over[0]).toMatch(/^7:1\s+error\s+The caption of photo 1 runs past its slot/);
    expect(over[0]).toContain(`in the plan (${PLAN}:16:13 pages[0].stories[0].photos[0])`);
    const { doc, lib } = await openPdf(path.join(out, 'captions', 'page-1.pdf'));
    const frame = new PageFrame((await readPlan(path.join(ROOT, PLAN))).grid, lib.getPage(0).getTrimBox());
    const items = await textItems(doc);
    await doc.destroy();
    // The slot: columns 1–2, lines 12–27; the story's module ends at line 40. The caption's glyphs
    // are those of 说明 (the text has neither).
    const slot = frame.box([1, 2], 12, 16);
    const module = frame.box([1, 5], 1, 40);
    const caption = items.filter((i) => /[说明]/.test(i.str) && i.y > module.bottom);
    expect(caption.length).toBeGreaterThan(0);
    // No caption glyph's em box (88 % of its size above the baseline) lies below the slot's edge;
    // the line the edge crosses is cut there.
    expect(caption.filter((i) => i.y + 0.88 * i.size < slot.bottom)).toEqual([]);
    // the story's text below the slot still prints
    expect(
      items
        .filter((i) => i.y < slot.bottom && i.x < slot.right)
        .map((i) => i.str)
        .join(''),
    ).toContain('正文');
  });

  it('that leaves its photo a strip of the slot is a warning at the figure’s line', () => {
    const squeezed = findings('page-photo-squeezed');
    expect(squeezed, cli.stderr).toHaveLength(1);
    expect(squeezed[0]).toMatch(/^7:1\s+warning\s+Photo 1 prints in \d+% of its slot's height/);
    expect(squeezed[0]).toContain(`${PLAN}:22:13 pages[0].stories[1].photos[0]`);
  });

  it('refuses a press build, which writes nothing', { timeout: 300_000 }, () => {
    const final = runCli(['build:pdf', PLAN, '--out', path.join(out, 'final'), '--no-preview', '--final']);
    expect(final.code, final.stderr).toBe(1);
    expect(final.stderr).toMatch(/page-caption-overflow/);
    expect(existsSync(path.join(out, 'final', 'captions', 'page-1.pdf'))).toBe(false);
  });
});
