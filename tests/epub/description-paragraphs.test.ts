// A volume description of two paragraphs (tests/fixtures/epub/description-paragraphs): the blank
// line between them became two spaces (…参考。  第二段…), in the package and in the ONIX record
// retailers show. Paragraphs stay paragraphs: apart by a blank line in the value, XHTML <p> in the
// ONIX Text (textformat 05); a description of one paragraph is plain text, its lines joined.
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadBookConfig } from '../../src/config/book.js';
import { loadSeries } from '../../src/config/series.js';
import { describeBook } from '../../src/epub/build-volume.js';
import { onixRecord } from '../../src/epub/onix.js';
import { ROOT } from '../helpers/cli.js';

it('keeps a description’s paragraphs apart, and gives them to ONIX as XHTML paragraphs', async () => {
  const series = await loadSeries(path.join(ROOT, 'tests/fixtures/epub/description-paragraphs/series.yaml'));
  const [two, one] = series.volumes;
  expect(two.description).toBe('本卷收录自治区政协一年来的履职实践，供委员学习参考。\n\n第二段介绍编写的经过。');
  expect(one.description).toBe('本卷只有一段简介，写在两行上。');
  const record = (v: typeof two) => onixRecord(series, v, describeBook(series, v, [], loadBookConfig().labels));
  expect(record(two)).toContain(
    '<Text textformat="05"><p>本卷收录自治区政协一年来的履职实践，供委员学习参考。</p><p>第二段介绍编写的经过。</p></Text>',
  );
  expect(record(one)).toContain('<Text>本卷只有一段简介，写在两行上。</Text>');
});
