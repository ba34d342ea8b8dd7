// Poems written a line at a time (tests/check/fixtures/verse/poems.md): markdown joins a paragraph's
// lines, and between Chinese characters nothing of the break is left, so 静夜思 and 春晓 (in a
// quotation) printed as one line of prose each in the page and the e-book, and no rule said so.
// verse-lines reports them; a poem with hard breaks (\) and prose whose lines run on are left alone.
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadArticle } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';

it('reports verse whose line breaks are soft, at the poem, and nothing else', async () => {
  const article = await loadArticle(path.join(ROOT, 'tests/check/fixtures/verse/poems.md'));
  const said = article.file.messages.filter((m) => m.ruleId === 'verse-lines');
  expect(
    said.map(
      (m) =>
        `${m.line}:${m.column}-${m.place && 'end' in m.place ? `${m.place.end.line}:${m.place.end.column}` : ''} ${m.reason.split(':')[0]}`,
    ),
  ).toEqual(['8:1-11:7 4 lines of verse are printed as one line', '15:3-18:9 4 lines of verse are printed as one line']);
});
