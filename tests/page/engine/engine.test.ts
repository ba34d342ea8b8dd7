// The layout engine's modules on small pages of a few frames, all in one browser page: splitting
// a paragraph at a frame's foot, keeping a 小标题 with its text, the 孤字 fix, forbidden line
// starts and ends, copy fit overset by a known amount, the line map, two flows threaded on one
// page, and the engine's line reader against the obvious character-by-character one.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { ROOT } from '../../helpers/cli.js';
import { launchBrowser } from '../../../src/browser/launch.js';
import { SERVED_CSP } from '../../../src/browser/served.js';
import { lineRules } from '../../../src/config/layout.js';
import { planFonts } from '../../../src/fonts/fontsource.js';
import { htmlDocument, readTemplate } from '../../../src/output/html-document.js';
import { callInPage, engineBundle, type EngineBundle, installedName } from '../../../src/page/engine-script.js';
import type { FlowInput, LayoutInput, LayoutResult } from '../../../src/page/engine/protocol.js';
import { layoutCss } from '../../../src/page/page-css.js';
import { pageFontCss } from '../../../src/page/warm-tab.js';
import { PAGE_PATH, PAGE_URL, pageTab } from '../../../src/page/page-served.js';
import type * as Harness from './harness.js';
import { GRID, geometry, layout, page as fixturePage, paragraphs, type FrameSpec } from './fixture.js';

const ARTICLE: FlowInput = { id: 'article', source: '.flow-source', frames: '.frame' };
const rules = lineRules(layout);
/** Paragraphs of 37 characters (36 Han and 。): each sets as 11 + 13 + 13 in a 13-character column. */
let P: string[];
let browser: Browser;
let tab: Page;
let dir: string;
let harness: EngineBundle<typeof Harness>;

const input = (more: Partial<LayoutInput> = {}): LayoutInput => ({
  grid: GRID,
  keepWithHead: 2,
  minTableRows: 2,
  minLastLine: rules.minLastLine,
  maxLoose: rules.maxLoose,
  noStart: rules.noStart,
  noEnd: rules.noEnd,
  flows: [ARTICLE],
  lineMap: true,
  autoPages: false,
  maxPages: 1,
  ...more,
});

/** Lay out a fixture page: frames, and the blocks of each flow. */
async function layOut(frames: FrameSpec[], sources: Record<string, string>, more: Partial<LayoutInput> = {}): Promise<LayoutResult> {
  expect(await callInPage(tab, harness, 'load', fixturePage(frames, sources))).toBe('loaded');
  return callInPage(tab, harness, 'layout', input(more));
}

const blocksOf = () => callInPage(tab, harness, 'frames', GRID);

beforeAll(async () => {
  const md = await readFile(path.join(ROOT, 'tests/page/fixtures/overflow/article.md'), 'utf8');
  P = md.split('-->')[1].trim().split(/\n\n+/);
  harness = await engineBundle<typeof Harness>(path.join(ROOT, 'tests/page/engine/harness.ts'), 'baobanEngineTest');
  // One page for every fixture: the real stylesheets, and the fonts for every character used here.
  dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-engine-'));
  const text = P.join('') + '国的是小标题说明字。，、“”——2024年ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const css = [
    pageFontCss(planFonts(text).slices),
    await readTemplate('article.css'),
    layoutCss(layout, geometry),
    await readTemplate('newspaper', 'page.css'),
  ];
  const html = htmlDocument({ matter: {}, body: '', css, csp: SERVED_CSP });
  browser = await launchBrowser();
  // Served by Node like every page of a build (src/browser/served.ts): the document and the fonts.
  ({ page: tab } = await pageTab(browser, dir, new Map([[PAGE_PATH, html]])));
  await tab.goto(PAGE_URL, { waitUntil: 'load' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('layout engine modules', () => {
  it('splits a paragraph at a frame foot; the continuation goes on in the next frame, unindented', async () => {
    const r = await layOut(
      [
        { column: 1, firstLine: 0, lines: 4 },
        { column: 2, firstLine: 0, lines: 4 },
      ],
      { article: paragraphs(P.slice(0, 2)) },
    );
    const [first, second] = await blocksOf();
    expect(first.map((b) => [b.text, b.classes])).toEqual([
      [P[0], []],
      [P[1].slice(0, 11), ['split']],
    ]);
    expect(second.map((b) => [b.text, b.classes])).toEqual([[P[1].slice(11), ['continued']]]);
    expect(first[1].piece).toBe(second[0].piece);
    expect(second[0].height).toBeCloseTo(2, 3);
    expect(r.continued).toHaveLength(1);
    expect(Math.abs(r.continued[0].indent)).toBeLessThan(0.5);
    expect(r.fit).toMatchObject({ status: 'underset', undersetLines: 2, oversetLines: 0, gapLines: 0 });
    // The line map counts the split paragraph's offsets on through its continuation.
    const own = r.lines.filter((l) => l.block === 12);
    expect(own.map((l) => [l.column, l.from, l.to, l.text])).toEqual([
      [1, 0, 11, P[1].slice(0, 11)],
      [2, 11, 24, P[1].slice(11, 24)],
      [2, 24, 37, P[1].slice(24)],
    ]);
  });

  it('moves a 小标题 on with its text rather than leave it at the foot of a frame', async () => {
    const r = await layOut(
      [
        { column: 1, firstLine: 0, lines: 5 },
        { column: 2, firstLine: 0, lines: 10 },
      ],
      { article: `${paragraphs([P[0]])}<h2 class="section-head" data-line="20">小标题</h2>${paragraphs([P[1]], 22)}` },
    );
    const [first, second] = await blocksOf();
    expect(first.map((b) => b.tag)).toEqual(['p']);
    expect(second.map((b) => b.tag)).toEqual(['h2', 'p']);
    expect(r.heads).toEqual([expect.objectContaining({ column: 2, line: 20, atFoot: false })]);
    expect(r.fit.gapLines).toBe(2);
    expect(r.frames.map((f) => f.usedLines)).toEqual([3, second.reduce((n, b) => n + Math.round(b.height), 0)]);
  });

  it('moves the footnotes on with their head (注释) rather than leave the head at the foot of a frame', async () => {
    const notes =
      '<section class="footnotes" data-footnotes data-line="30"><h2 id="footnote-label">注释</h2>' +
      `<ol><li id="user-content-fn-1"><p>${P[1]}</p></li></ol></section>`;
    // P[0] takes 3 of frame 1's 4 lines: the head would fit in the fourth, its note would not.
    await layOut(
      [
        { column: 1, firstLine: 0, lines: 4 },
        { column: 2, firstLine: 0, lines: 10 },
      ],
      { article: `${paragraphs([P[0]])}${notes}` },
    );
    const [first, second] = await blocksOf();
    expect(first.map((b) => b.tag)).toEqual(['p']);
    expect(second.map((b) => [b.tag, b.text])).toEqual([['section', `注释${P[1]}`]]);
  });

  it('fixes a 孤字 in a list item as in a paragraph, and reports one it cannot fix', async () => {
    // 23 Han and 。 in an item 11 characters wide (the list's 2 em): 11 + 11 + one Han and the 。.
    const item = `${P[0].slice(0, 23)}。`;
    const r = await layOut([{ column: 1, firstLine: 0, lines: 10 }], { article: `<ul data-line="5"><li data-line="5">${item}</li></ul>` });
    expect(r.quality.orphansFixed).toBe(1);
    expect(r.quality.orphans).toEqual([]);
    const [lines] = await callInPage(tab, harness, 'engineLines', '.frame li');
    expect(lines.map((l) => l.text).join('')).toBe(item);
    expect(lines).toHaveLength(3);
    expect([...lines[2].text].length).toBeGreaterThan(2);
    // an item whose line above cannot give letters (it ends in a forced break) keeps its 孤字, and says so
    const stuck = await layOut([{ column: 1, firstLine: 0, lines: 10 }], {
      article: `<ol data-line="7"><li data-line="7">${P[0].slice(0, 11)}<br>国。</li></ol>`,
    });
    expect(stuck.quality.orphans).toEqual([expect.objectContaining({ line: 7, column: 1 })]);
  });

  it('fixes a 孤字 in the text of a list item that holds a list, and counts one it cannot fix', async () => {
    // The item's own text, over its nested list, had no element of its own: its last line was
    // judged by nothing, a 孤字 there neither fixed nor counted (“……态 / 势。” in every item).
    const item = `${P[0].slice(0, 23)}。`;
    const sub = `<ul><li>${P[1].slice(0, 8)}。</li></ul>`;
    const r = await layOut([{ column: 1, firstLine: 0, lines: 10 }], {
      article: `<ol data-line="5"><li data-line="5">${item}${sub}</li></ol>`,
    });
    expect(r.quality.orphansFixed).toBe(1);
    expect(r.quality.orphans).toEqual([]);
    const [lines] = await callInPage(tab, harness, 'engineLines', '.frame li > p');
    expect(lines.map((l) => l.text).join('')).toBe(item);
    expect(lines).toHaveLength(3);
    expect([...lines[2].text].length).toBeGreaterThan(2);
    const stuck = await layOut([{ column: 1, firstLine: 0, lines: 10 }], {
      article: `<ol data-line="7"><li data-line="7">${P[0].slice(0, 11)}<br>国。${sub}</li></ol>`,
    });
    expect(stuck.quality.orphans).toEqual([expect.objectContaining({ line: 7, column: 1 })]);
  });

  it('goes on with a quotation’s paragraph in the next frame unindented, its first part justified to the end', async () => {
    await layOut(
      [
        { column: 1, firstLine: 0, lines: 2 },
        { column: 2, firstLine: 0, lines: 10 },
      ],
      { article: `<blockquote data-line="3"><p>${P[0]}</p></blockquote>` },
    );
    const parts = await tab.evaluate(() =>
      Array.from(document.querySelectorAll('.frame blockquote p')).map((p) => ({
        classes: Array.from(p.classList),
        indent: getComputedStyle(p).textIndent,
        last: getComputedStyle(p).textAlignLast,
      })),
    );
    expect(parts).toEqual([
      { classes: ['split'], indent: expect.not.stringMatching(/^0(px)?$/), last: 'justify' },
      { classes: ['continued'], indent: '0px', last: expect.not.stringMatching(/^justify$/) },
    ]);
  });

  it('fixes a 孤字: the last line takes a letter from the line above, and the paragraph keeps its lines', async () => {
    // 37 Han and 。: the 。 may not start a line, so the last line would be one Han character and the 。.
    const text = P[0].slice(0, 36) + '国。';
    const r = await layOut([{ column: 1, firstLine: 0, lines: 10 }], { article: paragraphs([text]) });
    expect(r.quality.orphansFixed).toBe(1);
    expect(r.quality.orphans).toEqual([]);
    const lines = r.lines.map((l) => l.text);
    expect(lines).toHaveLength(4);
    expect(lines.join('')).toBe(text);
    expect(lines[3]).toBe(text.slice(-3));
    expect(await tab.evaluate(`document.querySelector('.frame p .keep-together')?.textContent`)).toBe(text.slice(-3));
    expect(r.frames[0].usedLines).toBe(4);
  });

  it('finds lines that start or end with a character the rules forbid there', async () => {
    const text = `${'国'.repeat(11)}的${'国'.repeat(11)}是${'国'.repeat(12)}。`;
    const r = await layOut([{ column: 1, firstLine: 0, lines: 10 }], { article: paragraphs([text]) }, { noStart: '的', noEnd: '是' });
    const second = text.slice(11, 24);
    expect(r.quality.badStarts).toEqual([{ page: 1, column: 1, line: 10, text: second }]);
    expect(r.quality.badEnds).toEqual([{ page: 1, column: 1, line: 10, text: second }]);
    expect(r.quality.lines).toBe(3);
  });

  it('reports copy overset by a known amount: lines, characters, first words and where they start', async () => {
    const r = await layOut(
      [
        { column: 1, firstLine: 0, lines: 10 },
        { column: 2, firstLine: 0, lines: 10 },
      ],
      { article: paragraphs(P) },
    );
    const rest = P[6].slice(24) + P[7] + P[8];
    expect(r.fit).toEqual({
      status: 'overset',
      oversetLines: 7,
      oversetChars: 13 + 37 + 37,
      firstWords: rest.slice(0, 24),
      firstLine: 10 + 2 * 6,
      undersetLines: 0,
      gapLines: 0,
    });
    expect(r.lines.map((l) => l.text).join('')).toBe(P.join('').slice(0, 6 * 37 + 24));
    // Overset text is never printed: nothing is left outside the frames.
    expect(await tab.evaluate(`document.querySelectorAll('.flow-source, .flow-measure').length`)).toBe(0);
  });

  it('numbers the lines of a column through a gap (第N栏第M行), with grid lines and boxes on the sheet', async () => {
    const r = await layOut(
      [
        { column: 1, firstLine: 0, lines: 4 },
        { column: 1, firstLine: 7, lines: 4 },
        { column: 2, firstLine: 0, lines: 10 },
      ],
      { article: paragraphs(P.slice(0, 3)) },
    );
    expect(r.frames.map((f) => [f.column, f.firstLine, f.columnLine])).toEqual([
      [1, 0, 1],
      [1, 7, 5],
      [2, 0, 1],
    ]);
    expect(r.lines.map((l) => [l.column, l.columnLine, l.gridLine])).toEqual([
      [1, 1, 0],
      [1, 2, 1],
      [1, 3, 2],
      [1, 4, 3],
      [1, 5, 7],
      [1, 6, 8],
      [1, 7, 9],
      [1, 8, 10],
      [2, 1, 0],
    ]);
    expect(r.lines.map((l) => l.block)).toEqual([10, 10, 10, 12, 12, 12, 14, 14, 14]);
    const g = geometry;
    for (const l of r.lines) {
      const f = r.frames.find((x) => x.column === l.column && l.gridLine >= x.firstLine && l.gridLine < x.firstLine + x.lines)!;
      // Frames and lines are given on the sheet: the frame's box is where the layout put it.
      expect(f.left).toBeCloseTo(g.trim.left + g.typeArea.left + (l.column - 1) * (g.columnWidth + g.gutter), 3);
      expect(f.top).toBeCloseTo(g.trim.top + g.typeArea.top + f.firstLine * GRID, 3);
      const row = (l.top + l.height / 2 - g.trim.top - g.typeArea.top) / GRID;
      expect(Math.floor(row)).toBe(l.gridLine);
      // A character's box reaches 1/64 px past its advance (Chromium rounds its edge outward).
      expect(l.left + l.width).toBeLessThanOrEqual(f.left + f.width + 1 / 64);
    }
  });

  it('threads two flows through their own frames on one page, each with its own copy fit', async () => {
    const flow = (id: string): FlowInput => ({ id, source: `.flow-source[data-flow="${id}"]`, frames: `.frame[data-flow="${id}"]` });
    const r = await layOut(
      [
        { column: 1, firstLine: 0, lines: 5, flow: 'a' },
        { column: 2, firstLine: 0, lines: 5, flow: 'b' },
      ],
      { a: paragraphs(P.slice(0, 2)), b: paragraphs([P[2]], 30) },
      { flows: [flow('a'), flow('b')] },
    );
    expect(r.flows.map((f) => [f.id, f.fit.status, f.fit.oversetLines, f.fit.undersetLines])).toEqual([
      ['a', 'overset', 1, 0],
      ['b', 'underset', 0, 2],
    ]);
    expect(r.fit).toMatchObject({ status: 'overset', oversetLines: 1, undersetLines: 2, firstLine: 12 });
    expect(r.frames.map((f) => [f.flow, f.column, f.usedLines])).toEqual([
      ['a', 1, 5],
      ['b', 2, 3],
    ]);
    expect(r.lines.filter((l) => l.flow === 'b').map((l) => l.text)).toEqual([P[2].slice(0, 11), P[2].slice(11, 24), P[2].slice(24)]);
    expect(
      r.lines
        .filter((l) => l.flow === 'a')
        .map((l) => l.text)
        .join(''),
    ).toBe((P[0] + P[1]).slice(0, 37 + 24));
  });

  it('reports a block that cannot be split and is taller than its frame', async () => {
    const tall = `<figure class="photo" data-line="40"><div style="height:${12 * GRID}px"></div><figcaption>说明</figcaption></figure>`;
    const r = await layOut([{ column: 1, firstLine: 0, lines: 6 }], { article: tall + paragraphs([P[0]]) });
    expect(r.problems).toEqual([{ rule: 'block-too-tall', page: 1, column: 1, line: 40, text: '说明' }]);
    expect(r.fit).toMatchObject({ status: 'overset', oversetLines: 3, firstLine: 10 });
  });

  it('finds the smallest tracking that changes each paragraph’s lines, as trying every step in turn would', async () => {
    // Han text with Latin words and digits of many lengths: their proportional widths let tracking move a line at any step.
    const latin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const texts = Array.from({ length: 24 }, (_, i) => {
      const word = latin.slice(i % 17, (i % 17) + 3 + (i % 9));
      return `${P[i % 9].slice(0, 5 + (i % 11))}${word} ${latin.slice(26 + (i % 13), 30 + (i % 13))}2024${P[(i + 4) % 9].slice(0, 9 + ((i * 7) % 23))}。`;
    });
    // Only loaded: the paragraphs wait in the flow's source, as automatic fit finds them.
    expect(
      await callInPage(tab, harness, 'load', fixturePage([{ column: 1, firstLine: 0, lines: 10 }], { article: paragraphs(texts) })),
    ).toBe('loaded');
    const steps = new Set<number>();
    for (const [max, sign] of [
      [0.02, -1],
      [0.02, 1],
      [0.1, -1],
      [0.1, 1],
    ] as const) {
      const { engine, reference } = await callInPage(tab, harness, 'trackingCandidates', geometry.columnWidth, GRID, max, sign);
      expect(engine, `tracking up to ${sign * max} em`).toEqual(reference);
      for (const c of reference) steps.add(Math.round((Math.abs(c.tracking) / max) * 8));
      // Some paragraphs move at no step, the search must leave them out.
      expect(reference.length).toBeLessThan(texts.length);
    }
    // The fixture makes the search work: the first step that moves a paragraph varies, from the first to the last halves.
    expect(steps.size).toBeGreaterThanOrEqual(5);
  });

  it('threads a flow again from the first frame a changed paragraph can move, and can go back to the first threading as laid out', async () => {
    const frames = [
      { column: 1, firstLine: 0, lines: 5 },
      { column: 1, firstLine: 6, lines: 5 },
      { column: 2, firstLine: 0, lines: 5 },
      { column: 2, firstLine: 6, lines: 5 },
    ];
    // Blocks 0–6: two paragraphs, a 小标题, four paragraphs; block 5 is set looser (a line longer).
    const blocks = (style: string) =>
      `${paragraphs(P.slice(0, 2))}<h2 class="section-head" data-line="20">小标题</h2>${paragraphs(P.slice(2, 4), 22)}` +
      `<p data-line="26"${style}>${P[4]}</p>${paragraphs([P[5]], 28)}`;
    const load = async (style: string) =>
      expect(await callInPage(tab, harness, 'load', fixturePage(frames, { article: blocks(style) }))).toBe('loaded');
    const view = (f: Awaited<ReturnType<typeof blocksOf>>) => f.map((frame) => frame.map((b) => [b.text, b.classes, Math.round(b.height)]));
    // The reference: each threaded once, from the first frame.
    await load(' style="letter-spacing:0.1em"');
    await callInPage(tab, harness, 'layout', input());
    const looser = view(await blocksOf());
    await load('');
    await callInPage(tab, harness, 'layout', input());
    const asWritten = view(await blocksOf());
    expect(looser).not.toEqual(asWritten);

    await load('');
    const again = await callInPage(tab, harness, 'rethread', input(), [[5, 0.1]], false);
    // Block 4 ends in the third frame: the first two are kept, the rest filled in copies beside them, and the copies settle in their place.
    expect(again.from).toBe(2);
    expect(again.meanwhile).toBe(frames.length + 2);
    expect(again.after).toBe(frames.length);
    expect(view(again.frames)).toEqual(looser);

    await load('');
    const back = await callInPage(tab, harness, 'rethread', input(), [[5, 0.1]], true);
    expect(back.after).toBe(frames.length);
    expect(back.same).toBe(true);
    expect(view(back.frames)).toEqual(asWritten);
  });

  it('reads lines as measuring every character would, and bounds every line’s looseness from above', async () => {
    const mixed = [
      `“国”${P[0].slice(0, 20)}<span class="dash">——</span>${P[1].slice(0, 9)}2024年，${P[2].slice(0, 16)}` +
        `<strong class="lead-in">${P[3].slice(0, 12)}</strong>。`,
      `${P[4].slice(0, 5)}ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij${P[5].slice(0, 14)}，“${P[6].slice(0, 12)}”、${P[7].slice(0, 30)}。`,
      `国 ${P[8].slice(0, 4)} abcdefghijklmnopqrstuvwxyzabcdefgh ${P[0].slice(0, 8)}。`,
    ];
    await layOut([{ column: 1, firstLine: 0, lines: 14 }], { article: paragraphs(mixed) });
    const engine = await callInPage(tab, harness, 'engineLines', '.frame > p');
    const reference = await callInPage(tab, harness, 'referenceLines', '.frame > p');
    expect(engine.map((b) => b.map(({ from, text, loose }) => ({ from, text, loose })))).toEqual(
      reference.map((b) => b.map(({ from, text, loose }) => ({ from, text, loose }))),
    );
    const all = engine.flat();
    expect(all.length).toBeGreaterThan(10);
    for (const l of all) expect(l.looseAtMost, `“${l.text}”`).toBeGreaterThanOrEqual(l.loose - 1e-9);
    // The fixture has loose lines (a long Latin word that cannot break) and tight ones.
    expect(Math.max(...all.map((l) => l.loose))).toBeGreaterThan(rules.maxLoose);
    expect(all.filter((l) => l.looseAtMost < rules.maxLoose).length).toBeGreaterThan(3);
  });

  it('runs a bundle once per document and calls into it after; an element named like it does not stand in for it', async () => {
    const name = installedName(harness);
    const kept = () => tab.evaluate(`Object.getOwnPropertyNames(window).filter((k) => k.startsWith('__baoban_'))`);
    const frames = [
      { column: 1, firstLine: 0, lines: 4 },
      { column: 2, firstLine: 0, lines: 4 },
    ];
    // A new document whose body has a form named like the bundle, with a field named like its function.
    await tab.goto(PAGE_URL, { waitUntil: 'load' });
    expect(await kept()).toEqual([]);
    await tab.evaluate(`document.body.innerHTML = ${JSON.stringify(`<form name="${name}"><input name="load"></form>`)}`);
    expect(await tab.evaluate(`window[${JSON.stringify(name)}] instanceof HTMLFormElement`)).toBe(true);
    const { ms: _first, ...first } = await layOut(frames, { article: paragraphs(P.slice(0, 2)) });
    expect(await kept()).toEqual([name]);
    expect(await tab.evaluate(`window[${JSON.stringify(name)}] instanceof HTMLFormElement`)).toBe(false);
    // The second layout in the same document calls the bundle kept there, and lays out the same.
    const { ms: _second, ...second } = await layOut(frames, { article: paragraphs(P.slice(0, 2)) });
    expect(await kept()).toEqual([name]);
    expect(second).toEqual(first);
    expect(first.continued).toHaveLength(1);
  });
});
