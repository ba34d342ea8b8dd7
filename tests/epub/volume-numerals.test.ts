// Volume numbers on the covers of a long series (tests/fixtures/epub/volume-numerals): volume 99's
// cover said 第九十九卷 and volume 101's 第101卷, Chinese numerals up to 99 and Arabic ones from 100
// on. Every volume number is written in the same numerals: Chinese by default (第一百零一卷), Arabic
// for all when templates/epub/book.yaml says cover.numerals: arabic.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadBookConfig } from '../../src/config/book.js';
import { loadSeries } from '../../src/config/series.js';
import { buildVolume, chineseNumeral } from '../../src/epub/build-volume.js';
import { loadArticles } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';
import { NS, all, readEpub } from './read-epub.js';

const SERIES_FILE = path.join(ROOT, 'tests/fixtures/epub/volume-numerals/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-volume-numerals-'));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await rm(out, { recursive: true, force: true });
});

/** The cover page's text alternative for each volume, built with the book config's numerals. */
async function coverAlts(numerals?: 'chinese' | 'arabic'): Promise<string[]> {
  const series = await loadSeries(SERIES_FILE);
  const base = loadBookConfig();
  const config = numerals ? { ...base, cover: { ...base.cover, numerals } } : base;
  const alts: string[] = [];
  for (const volume of series.volumes) {
    const dir = path.join(out, numerals ?? 'default');
    const built = await buildVolume(series, volume, loadArticles(volume.chapters), { outDir: dir, browser, config });
    const book = await readEpub(built!.epub);
    alts.push(all(book.xml(`${book.base}cover.xhtml`), NS.xhtml, 'img')[0].getAttribute('alt')!);
  }
  return alts;
}

describe('volume numbers', () => {
  it('are Chinese numerals at every size', () => {
    const cases = [1, 10, 12, 20, 99, 100, 101, 110, 111, 120, 999, 1000, 1001, 1010, 1100, 10000, 10001, 10010, 12345, 100000001];
    expect(cases.map((n) => `${n} ${chineseNumeral(n)}`)).toEqual([
      '1 一',
      '10 十',
      '12 十二',
      '20 二十',
      '99 九十九',
      '100 一百',
      '101 一百零一',
      '110 一百一十',
      '111 一百一十一',
      '120 一百二十',
      '999 九百九十九',
      '1000 一千',
      '1001 一千零一',
      '1010 一千零一十',
      '1100 一千一百',
      '10000 一万',
      '10001 一万零一',
      '10010 一万零一十',
      '12345 一万二千三百四十五',
      '100000001 一亿零一',
    ]);
  });

  it('are written alike on the covers of volumes 99 and 101: Chinese by default, Arabic for all when the config says so', async () => {
    expect(await coverAlts()).toEqual(['测试丛书 第九十九卷 第九十九本 测试出版社', '测试丛书 第一百零一卷 第一百零一本 测试出版社']);
    expect(await coverAlts('arabic')).toEqual(['测试丛书 第99卷 第九十九本 测试出版社', '测试丛书 第101卷 第一百零一本 测试出版社']);
  });
});
