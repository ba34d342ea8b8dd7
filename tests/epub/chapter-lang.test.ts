// A chapter in another language than the book's (front matter `lang: en`) says so on its section;
// the number the e-book names a chapter without a headline by (第N章) is Chinese wherever it stands,
// and says so too (tests/fixtures/epub/other-language).
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildChapter, toXhtml } from '../../src/epub/chapter.js';
import { loadArticle } from '../../src/pipeline.js';
import { NS, all, parseXml, textOf } from './read-epub.js';
import { ROOT } from '../helpers/cli.js';

const noImages = async () => {
  throw new Error('the fixture has no image');
};

it('marks an English chapter en, and its stand-in Chinese title zh-CN', async () => {
  const article = await loadArticle(path.join(ROOT, 'tests/fixtures/epub/other-language/untitled-english.md'));
  const chapter = await buildChapter(article, 3, noImages, 'zh-CN');
  expect(chapter.title).toBe('第3章');
  const doc = parseXml(`<div xmlns="${NS.xhtml}" xmlns:epub="${NS.epub}">${toXhtml(chapter.tree)}</div>`);
  const section = all(doc, NS.xhtml, 'section')[0];
  expect([section.getAttribute('lang'), section.getAttribute('xml:lang')]).toEqual(['en', 'en']);
  const h1 = all(doc, NS.xhtml, 'h1')[0];
  expect(textOf(h1)).toBe('第3章');
  expect([h1.getAttribute('lang'), h1.getAttribute('xml:lang')]).toEqual(['zh-CN', 'zh-CN']);
  // The English text itself keeps the chapter's language (no lang of its own).
  expect(all(doc, NS.xhtml, 'p').map((p) => p.hasAttribute('lang'))).toEqual([false, false]);
});
