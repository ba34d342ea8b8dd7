// build:html end to end: the CLI writes article.html, and Chromium shows the whole seed article.
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser } from '../../src/browser/launch.js';
import { findHalfWidthPunctuation, toFullWidthPunctuation } from '../../src/core/cjk.js';
import { ROOT, runCli, comparable } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-html-'));
let browser: Browser;
let page: Page;
let cli: ReturnType<typeof runCli>;

async function open(file: string) {
  const p = await browser.newPage();
  await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await p.evaluate(async () => {
    document.body.getBoundingClientRect();
    await document.fonts.ready;
  });
  return p;
}

beforeAll(async () => {
  cli = runCli(['build:html', 'manuscript/ningju-gongshi', 'tests/fixtures/manuscripts/plain', '--out', out]);
  browser = await launchBrowser();
  page = await open(path.join(out, 'ningju-gongshi', 'article.html'));
});
afterAll(async () => browser?.close());

describe('build:html on the seed', () => {
  it('exits 0 and names what it wrote', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('article.html');
    expect(existsSync(path.join(out, 'ningju-gongshi', 'article.html'))).toBe(true);
  });

  it('shows every paragraph of the seed text, in order', async () => {
    const shown = comparable(await page.evaluate(() => document.body.innerText), toFullWidthPunctuation);
    const seed = readFileSync(path.join(ROOT, 'tests/fixtures/seed/000_0b132b0984462dc5.txt'), 'utf8');
    const paragraphs = seed
      .split(/\n+/)
      .map((p) => comparable(p, toFullWidthPunctuation))
      .filter(Boolean);
    expect(paragraphs.length).toBe(38);
    let from = 0;
    for (const p of paragraphs) {
      const at = shown.indexOf(p, from);
      expect(at, `paragraph missing or out of order: ${p.slice(0, 30)}`).toBeGreaterThanOrEqual(0);
      from = at + p.length;
    }
  });

  it('has no literal ** and no half-width marks in Chinese text', async () => {
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain('**');
    expect(findHalfWidthPunctuation(text)).toEqual([]);
  });

  it('sets lead-ins in a real bold face that is loaded', async () => {
    const leadIns = await page.evaluate(() =>
      [...document.querySelectorAll('strong.lead-in')].map((e) => ({ text: e.textContent, weight: getComputedStyle(e).fontWeight })),
    );
    expect(leadIns.length).toBe(11);
    expect(leadIns.every((l) => l.weight === '700')).toBe(true);
    const loaded = await page.evaluate(() => document.fonts.check('700 16px "Noto Serif SC"', '创新完善平台载体'));
    expect(loaded).toBe(true);
  });

  it('shows figures with captions and their images', async () => {
    const figures = await page.evaluate(() =>
      [...document.querySelectorAll('figure')].map((f) => ({
        caption: f.querySelector('figcaption')?.textContent,
        loaded: (f.querySelector('img') as HTMLImageElement | null)?.naturalWidth ?? 0,
      })),
    );
    expect(figures).toHaveLength(1);
    expect(figures[0].caption).toMatch(/^2023年7月15日，北京市政协/);
    expect(figures[0].loaded).toBeGreaterThan(0);
  });

  it('has the headline block and section heads', async () => {
    const heads = await page.evaluate(() => ({
      h1: document.querySelector('.headline-block h1')?.textContent,
      sub: document.querySelector('.headline-block .subheadline')?.textContent,
      h2: document.querySelectorAll('h2.section-head').length,
    }));
    expect(heads).toEqual({ h1: '广聚共识增合力 团结奋进谱新篇', sub: '——自治区政协2023年度凝聚共识工作回眸', h2: 4 });
  });

  it('ships only the font slices the text needs, from the font packages', () => {
    const fonts = readdirSync(path.join(out, 'ningju-gongshi', 'fonts'));
    expect(fonts.length).toBeGreaterThan(10);
    expect(fonts.every((f) => /^noto-(serif|sans)-sc-\w+-\d00-normal\.woff2$/.test(f))).toBe(true);
  });
});

describe('build:html on a plain CommonMark manuscript', () => {
  it('takes the title from the first # heading and makes the standalone image a figure', async () => {
    const p = await open(path.join(out, 'plain', 'article.html'));
    const info = await p.evaluate(() => ({
      title: document.title,
      h1: [...document.querySelectorAll('h1')].map((h) => h.textContent),
      figure: document.querySelector('figure figcaption')?.textContent,
      img: (document.querySelector('figure img') as HTMLImageElement).naturalWidth,
      text: document.body.innerText,
    }));
    await p.close();
    expect(info.title).toBe('城市书房里的夜读人');
    expect(info.h1).toEqual(['城市书房里的夜读人']);
    expect(info.figure).toBe('2024年3月2日，读者在城市书房内阅读。');
    expect(info.img).toBe(1200);
    expect(info.text).toContain('夜幕降临，街角的城市书房依旧灯火通明。这里的读者'); // soft break, no space
    expect(info.text).toContain('Readers say: "It is quiet here." 他们说，这里很安静。');
    expect(info.text).toContain('12,000册');
  });
});

describe('bad input', () => {
  it('a missing manuscript gives one line naming the path, non-zero exit, no stack trace', () => {
    const r = runCli(['build:html', 'manuscript/no-such-article.md', '--out', out]);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('manuscript/no-such-article.md');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
