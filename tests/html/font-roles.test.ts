// The face of each role is the one templates/fonts.yaml names (tests/fixtures/config/serif-heads):
// article.css named its own families, so a layout editor who set the headings in Noto Serif SC in
// fonts.yaml got headings asking for Noto Sans SC, which no @font-face declared: they printed in a
// system font (DejaVu Sans), and only the press preflight said so. Checked in the browser: the
// stylesheets' heading and body faces, as computed, are fonts.yaml's.
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadFontConfig } from '../../src/config/fonts.js';
import { fontRoleCss } from '../../src/fonts/fontsource.js';
import { articleCss } from '../../src/output/html-document.js';
import { ROOT } from '../helpers/cli.js';

const SERIF_HEADS = path.join(ROOT, 'tests/fixtures/config/serif-heads/fonts.yaml');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The computed font-family of a heading (article.css's em, set in the heading face) and of body text. */
async function faces(css: string): Promise<{ heading: string; body: string }> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<style>${css}</style><p style="font-family: var(--body-font)">正文<em>强调</em></p>`);
    return await page.evaluate(() => ({
      heading: getComputedStyle(document.querySelector('em')!).fontFamily,
      body: getComputedStyle(document.querySelector('p')!).fontFamily,
    }));
  } finally {
    await page.close();
  }
}

describe('the faces of the stylesheets’ roles', () => {
  it('are the families fonts.yaml names, after article.css', async () => {
    const article = await readFile(path.join(ROOT, 'templates/article.css'), 'utf8');
    const config = loadFontConfig(SERIF_HEADS);
    expect(fontRoleCss(config)).toBe(":root { --body-font: 'Noto Serif SC'; --heading-font: 'Noto Serif SC'; }");
    expect(await faces(`${article}\n${fontRoleCss(config)}`)).toEqual({ heading: '"Noto Serif SC"', body: '"Noto Serif SC"' });
  }, 60_000);

  it('are set by the stylesheet every page, edition and web page loads', async () => {
    const css = await articleCss();
    expect(css.endsWith(fontRoleCss())).toBe(true);
    const project = loadFontConfig();
    expect(await faces(css)).toEqual({ heading: `"${project.faces.heading.family}"`, body: `"${project.faces.body.family}"` });
  }, 60_000);
});
