// A dropped link named in its finding as the manuscript wrote it (tests/fixtures/epub/link-words):
// epub-link-dropped said link to "#%E6%B2%A1%E6%9C%89…" for [没有的小节](#没有的小节), the address as
// the HTML percent-encodes it, which the editor cannot find in the manuscript.
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildChapter } from '../../src/epub/chapter.js';
import { splitChapter } from '../../src/epub/split-chapter.js';
import { linkVolume } from '../../src/epub/volume-links.js';
import { loadArticle } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';

it('names a dropped link by its address as written, at its line', async () => {
  const article = await loadArticle(path.join(ROOT, 'tests/fixtures/epub/link-words/article.md'));
  const chapter = await buildChapter(article, 1, async () => {
    throw new Error('the fixture has no image');
  });
  linkVolume([chapter], [splitChapter(chapter, Number.POSITIVE_INFINITY)], [article.file]);
  const said = article.file.messages
    .filter((m) => m.ruleId === 'epub-link-dropped')
    .map((m) => `${m.line}:${m.column} ${m.reason.split(';')[0]}`);
  expect(said).toEqual([
    '6:2 link to "#没有的小节" names no heading or note of this chapter, nor a heading of another chapter of the volume',
    '6:20 link to "其他稿件.md#第二节" names no chapter of this volume: the e-book has no such file',
    '6:42 link to "资料%20一.pdf" has no target in the e-book',
  ]);
});
