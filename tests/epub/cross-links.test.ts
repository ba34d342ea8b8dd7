// Links between the chapters of a volume (tests/fixtures/epub/cross-links): a chapter is a file of its
// own (a long one several), and a link to another chapter's manuscript (../second/article.md, its
// folder), to a heading in it (../second/article.md#第二节　协商议政) or to a heading only another
// chapter has (#尾声) was dropped with epub-link-dropped. Each now leads to the file its target
// ended up in; a link to no chapter of the volume, or to a heading the chapter named lacks, is still
// dropped and told at its line; EPUBCheck passes.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadBookConfig } from '../../src/config/book.js';
import { loadSeries } from '../../src/config/series.js';
import { buildVolume, type VolumeResult } from '../../src/epub/build-volume.js';
import { epubcheck } from '../../src/epub/validate.js';
import { loadArticles } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';
import { NS, all, type Epub, parseXml, readEpub, textOf } from './read-epub.js';

const SERIES = path.join(ROOT, 'tests/fixtures/epub/cross-links/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-cross-links-'));
let result: VolumeResult;
let book: Epub;

beforeAll(async () => {
  const series = await loadSeries(SERIES);
  const browser = await launchBrowser();
  try {
    // A limit the second chapter (some 13 KB) is cut by at each of its three 小标题.
    const config = loadBookConfig();
    const built = await buildVolume(series, series.volumes[0], loadArticles(series.volumes[0].chapters), {
      outDir: out,
      browser,
      config: { ...config, chapters: { maxFileBytes: 6 * 1024 } },
    });
    if (!built) throw new Error('the volume was not built');
    result = built;
  } finally {
    await browser.close();
  }
  book = await readEpub(result.epub);
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

const links = (file: string) =>
  all(parseXml(book.text(`${book.base}${file}`)), NS.xhtml, 'a').map((a) => `${textOf(a)} → ${a.getAttribute('href')}`);
const ids = (file: string) => new Set(Array.from(book.text(`${book.base}${file}`).matchAll(/\sid="([^"]+)"/g), (m) => m[1]));

it('points a link to another chapter, or a heading in it, at the file it is in', () => {
  expect(book.names.filter((n) => n.endsWith('.xhtml') && /\/ch\d/.test(n)).map((n) => path.basename(n))).toEqual([
    'ch01-first.xhtml',
    'ch02-second.xhtml',
    'ch02-second-2.xhtml',
    'ch02-second-3.xhtml',
    'ch03-third.xhtml',
  ]);
  expect(links('ch01-first.xhtml')).toEqual([
    '履职平台 → ch02-second.xhtml#ch02-title',
    '第二节 → ch02-second-2.xhtml#ch02-s2',
    '第二章的文件夹 → ch02-second.xhtml#ch02-title',
    '尾声 → ch03-third.xhtml#ch03-s1',
  ]);
  expect(links('ch02-second-3.xhtml')).toEqual(['第一章的导读 → ch01-first.xhtml#ch01-s1']);
  expect(links('ch03-third.xhtml')).toEqual(['第一章 → ch01-first.xhtml#ch01-title', '协商议政 → ch02-second-2.xhtml#ch02-s2']);
  // Every link names an id of the file it names.
  for (const file of ['ch01-first.xhtml', 'ch02-second-3.xhtml', 'ch03-third.xhtml'])
    for (const link of links(file)) {
      const [target, id] = link.split(' → ')[1].split('#');
      expect(ids(target).has(id), link).toBe(true);
    }
  expect(book.text(`${book.base}ch01-first.xhtml`)).not.toContain('data-book-link');
});

it('drops a link to no chapter of the volume, or to a heading its chapter lacks, at its line', () => {
  const said = result.files[0].messages
    .filter((m) => m.ruleId === 'epub-link-dropped')
    .map((m) => `${m.line}:${m.column} ${m.reason.split(';')[0]}`);
  expect(said).toEqual([
    '11:10 link to "../missing/article.md" names no chapter of this volume: the e-book has no such file',
    '11:41 link to "../second/article.md#没有这一节" names no heading or note of chapter 2 (第二章 履职平台)',
    '11:80 link to "#top" names no heading or note of this chapter, nor a heading of another chapter of the volume',
  ]);
  const paragraphs = all(parseXml(book.text(`${book.base}ch01-first.xhtml`)), NS.xhtml, 'p').map(textOf);
  expect(paragraphs).toContain('以下链接无处可去：没有的一章、第二章没有的小节、顶部。');
  expect(result.files.slice(1).flatMap((f) => f.messages.filter((m) => m.ruleId === 'epub-link-dropped'))).toEqual([]);
});

it('passes EPUBCheck', async () => {
  const check = await epubcheck(result.epub);
  expect(check.findings.filter((f) => f.severity !== 'info').map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
}, 120_000);
