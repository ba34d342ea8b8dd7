// 避头尾 for the marks Chromium breaks around (src/typeset/line-glue.ts). The fixture
// (fixtures/line-glue/article.md) shifts “马克思·恩格斯…9～12日…卡尔·马克思” one character a
// paragraph, so that some line of its columns would begin with “·” or “～”: built without the glue,
// the page had 5 such lines. Both the browser's own measure (page.fit.json) and the PDF read back
// must show none, with every character of the manuscript printed, in order.
// Which marks the browser keeps off a line's start and end by itself is measured here in the
// pinned Chromium (the lists are the module's; a mark it stops keeping shows up as a failure).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/browser/launch.js';
import { BROWSER_KEEPS_OFF_END, BROWSER_KEEPS_OFF_START, gluePattern } from '../../src/typeset/line-glue.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/line-glue');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-line-glue-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('marks the browser would put at a line start', () => {
  let cli: ReturnType<typeof runCli>;
  beforeAll(() => {
    cli = runCli(['build:pdf', FIX, '--out', out, '--no-preview']);
  });

  it('start no line of the page, by the browser’s own measure', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toMatch(/page-line-start/);
    const fit = JSON.parse(readFileSync(path.join(out, 'line-glue/page.fit.json'), 'utf8'));
    expect(fit.lines.lines).toBeGreaterThan(90);
    expect(fit.lines.badStarts).toEqual([]);
    expect(fit.lines.badEnds).toEqual([]);
  });

  it('start no line of the PDF, and every character is printed in order', async () => {
    const source = readFileSync(path.join(FIX, 'article.md'), 'utf8');
    const paragraphs = source
      .split(/\n\n/)
      .slice(1)
      .map((p) => p.trim());
    const { doc } = await openPdf(path.join(out, 'line-glue/page.pdf'));
    const items = (await textItems(doc)).filter((i) => i.str.trim());
    // the body text: the size most of the page's characters are set in
    const bySize = new Map<string, number>();
    for (const i of items) bySize.set(i.size.toFixed(2), (bySize.get(i.size.toFixed(2)) ?? 0) + i.str.length);
    const bodySize = Number([...bySize].sort((a, b) => b[1] - a[1])[0][0]);
    const body = items.filter((i) => Math.abs(i.size - bodySize) < 0.05);
    // lines: items on one baseline, split where a gap wider than two em parts two columns
    const rows = new Map<string, typeof body>();
    for (const i of body) rows.set(i.y.toFixed(1), [...(rows.get(i.y.toFixed(1)) ?? []), i]);
    const lines: Array<{ x: number; y: number; text: string }> = [];
    for (const items of rows.values()) {
      items.sort((a, b) => a.x - b.x);
      let line = { x: items[0].x, y: items[0].y, text: '', end: items[0].x };
      for (const i of items) {
        if (i.x - line.end > 2 * i.size) {
          lines.push(line);
          line = { x: i.x, y: i.y, text: '', end: i.x };
        }
        line.text += i.str;
        line.end = i.x + i.width;
      }
      lines.push(line);
    }
    const starts = lines.map((l) => l.text.trim()[0]);
    expect(starts.filter((c) => c === '·' || c === '～')).toEqual([]);
    // the PDF's text comes in reading order (the frames are laid out column by column)
    const text = body
      .map((i) => i.str)
      .join('')
      .replace(/\s+/g, '');
    expect(text).toContain(paragraphs.join(''));
    await doc.destroy();
  });
});

describe('what Chromium keeps off a line start and end by itself', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  /** For each mark: whether, where a line would break just before (start) or after (end) it, the browser breaks there. */
  async function breaks(marks: string, where: 'start' | 'end'): Promise<string> {
    const page = await browser.newPage();
    try {
      const rows = [...marks].map((c) => (where === 'start' ? `一二三四五六七八九十${c}一二三` : `一二三四五六七八九${c}一二三四`));
      await page.setContent(
        `<html lang="zh-Hans"><body>${rows.map((r) => `<div style="width:10em;font-size:20px;line-break:strict">${r}</div>`).join('')}</body></html>`,
      );
      // the mark and its neighbour (characters 9 and 10 of each row) on two lines: the browser broke between them
      const parted = await page.evaluate(() =>
        [...document.querySelectorAll('div')].map((d) => {
          const t = d.firstChild as Text;
          const top = (i: number) => {
            const r = document.createRange();
            r.setStart(t, i);
            r.setEnd(t, i + 1);
            return r.getBoundingClientRect().top;
          };
          return top(9) !== top(10);
        }),
      );
      return [...marks].filter((_, i) => parted[i]).join('');
    } finally {
      await page.close();
    }
  }

  it('keeps every mark of its lists, and not · or ～ (which the glue is for)', async () => {
    expect(await breaks(BROWSER_KEEPS_OFF_START, 'start')).toBe('');
    expect(await breaks(BROWSER_KEEPS_OFF_END, 'end')).toBe('');
    expect(await breaks('·～', 'start')).toBe('·～');
  });

  it('glues only what the browser does not keep, and a layout’s own marks', () => {
    expect(gluePattern({ noStart: BROWSER_KEEPS_OFF_START, noEnd: BROWSER_KEEPS_OFF_END })).toBeNull();
    const p = gluePattern({ noStart: '。·～々', noEnd: '“＄' })!;
    expect('卡尔·马克思，9～12日，人々，价格＄5'.match(p)).toEqual(['尔·', '9～', '人々', '＄5']);
  });
});
