// article.html carries only references resolved inside its own folder (images/ and fonts/ copied
// beside it), under a content security policy without file:. A manuscript's refused references
// (../secret.png, file:///etc/hostname, a link to a file) are removed and reported, never kept:
// opened in a browser, the page asks for nothing outside its folder.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-html-refs-'));
const manuscript = path.join(dir, 'refs');
const out = path.join(dir, 'out');
let cli: ReturnType<typeof runCli>;
let html: string;

beforeAll(() => {
  mkdirSync(path.join(manuscript, 'images'), { recursive: true });
  copyFileSync(path.join(ROOT, 'tests/check/fixtures/media/images/good.jpg'), path.join(manuscript, 'images', 'good.jpg'));
  // Beside the output folder: what a kept ../ reference would load.
  copyFileSync(path.join(ROOT, 'tests/check/fixtures/media/images/good.jpg'), path.join(dir, 'secret.png'));
  writeFileSync(
    path.join(manuscript, 'article.md'),
    [
      '---\nheadline: 引用\n---\n',
      '正文，见[附件](../notes.txt)与[本机文件](file:///etc/passwd)，也见[网站](https://example.com)。\n',
      '![2023年7月15日，座谈会召开。李明 摄](images/good.jpg)\n',
      '![2023年7月16日，上级目录的图片。李明 摄](../secret.png)\n',
      '![2023年7月17日，本机文件。李明 摄](file:///etc/hostname)\n',
    ].join('\n'),
  );
  cli = runCli(['build:html', manuscript, '--out', out]);
  html = readFileSync(path.join(out, 'refs', 'article.html'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('article.html references', () => {
  it('keeps the photo inside the folder and the web link, and removes and reports the rest', () => {
    expect(cli.code, cli.stderr).toBe(0);
    const srcs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs.filter((s) => !s.startsWith('#'))).toEqual([
      expect.stringMatching(/^https:\/\/example\.com\/?$/),
      expect.stringMatching(/^images\/good-[0-9a-f]{8}\.jpg$/),
    ]);
    expect(html).not.toMatch(/file:|\.\.\/|secret\.png|hostname|notes\.txt/);
    // the captions and the links' text are kept
    expect(html).toContain('上级目录的图片');
    expect(html).toContain('本机文件');
    expect(cli.stderr.match(/html-image-missing/g)).toHaveLength(2);
    expect(cli.stderr.match(/html-link-dropped/g)).toHaveLength(2);
  });

  it('declares a policy without file:', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/file:/);
    expect(csp).not.toMatch(/script-src|unsafe-eval/);
  });

  it('opened in a browser, asks only for files in its own folder', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (r) => void requested.push(r.url()));
      await page.goto(pathToFileURL(path.join(out, 'refs', 'article.html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const folder = pathToFileURL(path.join(out, 'refs')).href;
      expect(requested.length).toBeGreaterThan(2); // the document, its photo, its fonts
      for (const url of requested) expect(url.startsWith(`${folder}/`), url).toBe(true);
      expect(await page.evaluate(() => [...document.images].map((i) => i.naturalWidth > 0))).toEqual([true]);
    } finally {
      await browser.close();
    }
  });
});
