// 标点挤压 measured in Chromium with the pinned fonts: every pair of adjacent full-width marks, as
// the typesetting leaves it (compressPunctuation), takes 1.5 em — never 2 em, never 1 em — but ？ and ！
// doubled for strong feeling (？？ ！！ ？！ ！？), which clreq sets in one em, each half-width: Chromium
// alone set them in 1.5 em. The marks are listed here, not taken from the module under test, so a pair
// it forgets shows up as 2 em.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../../src/browser/launch.js';
import { compressPunctuation } from '../../src/typeset/cjk-compress.js';
import { stringifyHast } from '../../src/core/hast.js';
import { runCli } from '../helpers/cli.js';

// Full-width marks of running Chinese text that end a phrase (stops and closing brackets and quotes)
// and that open one: GB/T 15834 and clreq's 标点挤压 tables.
const CLOSING = '，、。：；！？）》”’';
const OPENING = '（《“‘';
/** ？ and ！ doubled: clreq's one em. */
const STRONG = /^[？！]{2}$/;

/** Each text set as the typesetting leaves it, between two Han characters, measured: the width of what is between them, in % of an em. */
async function widths(texts: string[]): Promise<number[]> {
  const html = texts.map((text) => {
    const p: Element = h('span.pair', '中' + text + '中');
    compressPunctuation(p);
    return stringifyHast({ type: 'root', children: [p] });
  });
  // Every text is set at once and measured once the faces its marks need have loaded (the fonts are
  // unicode-range slices, fetched when first used: measured before, a pair takes a fallback's width).
  return (await page.evaluate(async (items: string[]) => {
    const host = document.createElement('div');
    host.style.cssText = 'position:absolute;left:0;top:0;white-space:nowrap;font-size:100px';
    host.innerHTML = items.map((item) => `<div>${item}</div>`).join('');
    document.querySelector('.article-body')!.append(host);
    document.body.offsetHeight;
    await document.fonts.ready;
    const widths = [...host.children].map((row) => row.firstElementChild!.getBoundingClientRect().width - 200);
    host.remove();
    return widths;
  }, html)) as number[];
}

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-compress-'));
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const r = runCli(['build:html', 'tests/fixtures/manuscripts/plain', '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(out, 'plain', 'article.html')).href);
});
afterAll(async () => browser?.close());

describe('punctuation compression', () => {
  it('sets every pair of adjacent full-width marks in 1.5 em', async () => {
    const pairs = [...CLOSING].flatMap((a) => [...(CLOSING + OPENING)].map((b) => a + b)).filter((p) => !STRONG.test(p));
    const measured = await widths(pairs);
    const wrong = pairs.map((p, i) => `${p} ${Math.round(measured[i])}`).filter((_, i) => Math.abs(measured[i] - 150) > 1);
    expect(wrong).toEqual([]);
  });

  it('sets ？ and ！ doubled for strong feeling in one em, each half-width, and three in one and a half', async () => {
    const runs = ['？？', '！！', '？！', '！？', '？？？', '！！！'];
    const measured = await widths(runs);
    expect(runs.map((r, i) => `${r} ${Math.round(measured[i])}`)).toEqual([
      '？？ 100',
      '！！ 100',
      '？！ 100',
      '！？ 100',
      '？？？ 150',
      '！！！ 150',
    ]);
  });

  it('compresses the marks beside a doubled ？ or ！: a closing quote after it or before it, a bracket after it', async () => {
    // ？？” : the pair in one em and the quote's em; “好”？？ : the quote halved before the pair
    const runs = ['？？”', '”？？', '？？（'];
    const measured = await widths(runs);
    expect(runs.map((r, i) => `${r} ${Math.round(measured[i])}`)).toEqual(['？？” 200', '”？？ 150', '？？（ 200']);
  });
});
