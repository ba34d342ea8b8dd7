// An edition's heads break between their phrases (tests/page/fixtures/edition-fit/heads.yaml): a
// 主题 with a space between its phrases, too long for one line of its block, breaks at the space
// (凝聚共识 / 团结奋进谱新篇) and not inside a phrase (凝聚共识 团结奋 / 进谱新篇, which the
// browser chose by itself); the block's height is estimated for the lines it breaks into.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCliAsync } from '../helpers/cli.js';
import { openPdf, textItems, type Glyphs } from './helpers/pdf.js';
import { headLines } from '../../src/page/modules.js';
import { type Box, inside, PageFrame, readPlan } from './helpers/edition.js';

const PLAN = 'tests/page/fixtures/edition-fit/heads.yaml';
let out: string;
let cli: Awaited<ReturnType<typeof runCliAsync>>;
let items: Glyphs[];
let boxes: Box[];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-heads-'));
  cli = await runCliAsync(['build:pdf', PLAN, '--out', out]);
  const { doc, lib } = await openPdf(path.join(out, 'heads', 'page-1.pdf'));
  items = await textItems(doc);
  const { plan, grid } = await readPlan(PLAN);
  const frame = new PageFrame(grid, lib.getPage(0).getTrimBox());
  boxes = plan.pages[0].stories.map((s) => frame.box(s.columns, s.top, s.lines));
  await doc.destroy();
}, 180_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a 主题 with a space between its phrases, in a block too narrow for one line', () => {
  /** The 主题 lines of story `n`'s module: 14 pt, the size of a one-column block (edition.headlineSizes of the layout). */
  const headLinesOf = (n: number) => {
    const head = items.filter((i) => Math.abs(i.size - 14) < 0.1 && i.str.trim() && inside(i, boxes[n]));
    return [...new Set(head.map((i) => i.y.toFixed(1)))]
      .sort((a, b) => Number(b) - Number(a))
      .map((y) =>
        head
          .filter((i) => i.y.toFixed(1) === y)
          .sort((a, b) => a.x - b.x)
          .map((i) => i.str.replace(/\s+/g, ''))
          .join(''),
      );
  };

  it('breaks at the space, each phrase whole on its line', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(headLinesOf(0)).toEqual(['凝聚共识', '团结奋进谱新篇']);
    expect(cli.stderr).not.toContain('edition-headline-overflow');
  });

  it('leaves a 主题 without a space to break into lines of even length, as before', () => {
    expect(headLinesOf(1)).toEqual(['凝聚起团结', '奋进向心力']);
  });

  it('is estimated phrase by phrase: a phrase goes whole to the next line when it does not fit the rest of one', () => {
    // a line of 8 ems: 4 + a space + 7 does not fit, so two lines; without the space, 11 characters take two lines too
    expect(headLines('凝聚共识 团结奋进谱新篇', 8)).toBe(2);
    // three phrases of 8 in lines of 13: each on a line of its own (counting characters alone said 2)
    expect(headLines('一二三四五六七八 一二三四五六七八 一二三四五六七八', 13)).toBe(3);
    // phrases that fit one line together stay on it
    expect(headLines('广聚共识增合力 团结奋进谱新篇', 18.6)).toBe(1);
    // a phrase longer than the line breaks where it must: 14 + 26 characters in lines of 16.9
    expect(headLines('广聚共识增合力团结奋进谱新篇 自治区政协推动凝聚共识工作常做常新出色出彩走深走实', 16.9)).toBe(3);
  });
});

describe('a 引题 one character too long for a line of its block (tests/page/fixtures/edition-fit/kicker.yaml)', () => {
  it('breaks into lines of even length, as the 主题 and 副题 do, not leaving its last character alone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-kicker-'));
    try {
      const plan = 'tests/page/fixtures/edition-fit/kicker.yaml';
      const run = await runCliAsync(['build:pdf', plan, '--out', dir, '--no-preview']);
      expect(run.code, run.stderr).toBe(0);
      const { doc, lib } = await openPdf(path.join(dir, 'kicker', 'page-1.pdf'));
      const all = await textItems(doc);
      await doc.destroy();
      const { plan: p, grid } = await readPlan(plan);
      const s = p.pages[0].stories[0];
      const box = new PageFrame(grid, lib.getPage(0).getTrimBox()).box(s.columns, s.top, s.lines);
      // the 引题's lines: the size of its first character, top to bottom
      const size = all.find((i) => i.str.includes('草'))!.size;
      const own = all.filter((i) => Math.abs(i.size - size) < 0.05 && i.str.trim() && inside(i, box));
      const lines = [...new Set(own.map((i) => i.y.toFixed(1)))]
        .sort((a, b) => Number(b) - Number(a))
        .map((y) =>
          own
            .filter((i) => i.y.toFixed(1) === y)
            .sort((a, b) => a.x - b.x)
            .map((i) => i.str.replace(/\s+/g, ''))
            .join(''),
        );
      expect(lines.join('')).toBe('草原深处的数字化转型');
      expect(lines).toHaveLength(2);
      expect(Math.abs(lines[0].length - lines[1].length), lines.join(' / ')).toBeLessThanOrEqual(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
