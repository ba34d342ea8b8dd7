// Links within a chapter (tests/fixtures/epub/links): EPUBCheck rejects a fragment no element of the
// chapter has. A heading named by its text (as GitHub names it: #第二节, #a-section-title) leads to
// the heading's id in the book; a footnote's id stays; a fragment that names nothing loses its link,
// keeps its text and is reported (epub-link-dropped). A footnote mark in a heading is no part of its name.
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildChapter, toXhtml } from '../../src/epub/chapter.js';
import { splitChapter } from '../../src/epub/split-chapter.js';
import { linkVolume } from '../../src/epub/volume-links.js';
import { loadArticle } from '../../src/pipeline.js';
import { NS, all, parseXml, textOf } from './read-epub.js';
import { ROOT } from '../helpers/cli.js';

it('points links to headings at their ids in the book and drops the link that names nothing, saying so', async () => {
  const article = await loadArticle(path.join(ROOT, 'tests/fixtures/epub/links/article.md'));
  const chapter = await buildChapter(article, 2, async () => {
    throw new Error('the fixture has no image');
  });
  // A volume of this chapter alone: what it cannot resolve, no other chapter does.
  linkVolume([chapter], [splitChapter(chapter, Number.POSITIVE_INFINITY)], [article.file]);
  const doc = parseXml(`<div xmlns="${NS.xhtml}" xmlns:epub="${NS.epub}">${toXhtml(chapter.tree)}</div>`);
  const ids = new Set(all(doc, NS.xhtml, '*').map((e) => e.getAttribute('id')));
  const links = all(doc, NS.xhtml, 'a').map((a) => [textOf(a), a.getAttribute('href')]);
  expect(links.slice(0, 4)).toEqual([
    ['下文的小节', '#ch02-s2'],
    ['英文小节', '#ch02-s3'],
    ['脚注', '#user-content-fn-1'],
    ['标题', '#ch02-title'],
  ]);
  for (const [, href] of links) expect(ids.has(href!.slice(1)), href!).toBe(true);
  expect(textOf(all(doc, NS.xhtml, 'p')[0])).toContain('顶部无处可去');
  // A heading's footnote mark is not part of its name in the navigation (nor of the name links use).
  expect(chapter.sections.map((s) => s.title)).toEqual(['第一节', '第二节', 'A Section Title!', '注释']);
  expect(article.file.messages.filter((m) => m.ruleId === 'epub-link-dropped').map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([
    '8:1 link to "#top" names no heading or note of this chapter, nor a heading of another chapter of the volume; its text is kept without the link. Link to a heading by its text (#小节; in another chapter, ../第二章/article.md#小节), or drop the link',
  ]);
});
