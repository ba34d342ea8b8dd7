// A build that stops on bad input just after its warm tab opened (build:proof --against a missing
// proof) closes the tab while its document is still loading: that close must end, and the tab be
// closed. It waited for ever (the process never exited) about one run in twenty.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { warmTab } from '../../src/page/warm-tab.js';
import { ROOT } from '../helpers/cli.js';

const SEED = path.join(ROOT, 'manuscript/ningju-gongshi');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('a warm tab closed while its fonts load is closed, at once or up to 60 ms in, 20 times', async () => {
  const text = readFileSync(path.join(SEED, 'article.md'), 'utf8');
  for (let i = 0; i < 20; i++) {
    const wait = (i * 7) % 60;
    const tab = await warmTab(browser, SEED, text);
    await new Promise((resolve) => setTimeout(resolve, wait));
    await tab.close();
    expect(tab.page.isClosed()).toBe(true);
  }
  expect((await browser.pages()).filter((p) => p.url().startsWith('https://baoban.invalid'))).toEqual([]);
}, 120_000);
