// The ONIX record's copyright (tests/fixtures/epub/onix-copyright): whatever the book's rights said
// (© 2023–2024 张三, dc:rights), the record gave the publication year (2025) and the publisher as
// CopyrightOwner, and retailers showed that. The record takes the years the rights name and the
// owner among the publisher and the creators they name; rights naming no year give the publication
// year, and rights naming no owner give none rather than a made-up one.
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadBookConfig } from '../../src/config/book.js';
import { loadSeries } from '../../src/config/series.js';
import { describeBook } from '../../src/epub/build-volume.js';
import { onixRecord } from '../../src/epub/onix.js';
import { ROOT } from '../helpers/cli.js';
import { NS, all, parseXml } from './read-epub.js';

async function copyright(file: string): Promise<string[]> {
  const series = await loadSeries(file);
  const volume = series.volumes[0];
  const onix = parseXml(onixRecord(series, volume, describeBook(series, volume, [], loadBookConfig().labels)));
  const [statement] = all(onix, NS.onix, 'CopyrightStatement');
  return all(statement, NS.onix, '*')
    .filter((e) => e.localName !== 'CopyrightOwner')
    .map((e) => `${e.localName}=${e.textContent}`);
}

it('takes the copyright years and owner from the rights the book states', async () => {
  expect(await copyright(path.join(ROOT, 'tests/fixtures/epub/onix-copyright/series.yaml'))).toEqual([
    'CopyrightYear=2023',
    'CopyrightYear=2024',
    'PersonName=张三',
  ]);
  expect(await copyright(path.join(ROOT, 'tests/fixtures/epub/onix-copyright/no-owner.yaml'))).toEqual(['CopyrightYear=2025']);
  // The seed's rights (© 2024 内蒙古自治区政协办公厅 版权所有) name its publisher.
  expect(await copyright(path.join(ROOT, 'manuscript/series.yaml'))).toEqual([
    'CopyrightYear=2024',
    'CorporateName=内蒙古自治区政协办公厅',
  ]);
});
