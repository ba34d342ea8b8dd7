// The language of the text as ONIX 3.0 names it (ISO 639-2/B code, ISO 3166-1 country), from the
// series' BCP 47 tag: a script subtag (zh-Hans-CN) is not a country; ONIX wants three-letter codes.
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadBookConfig } from '../../src/config/book.js';
import { loadSeries } from '../../src/config/series.js';
import { describeBook } from '../../src/epub/build-volume.js';
import { onixLanguage, onixRecord } from '../../src/epub/onix.js';
import { ROOT } from '../helpers/cli.js';

it('writes zh-Hans-CN into the record as language chi, country CN (the script is no country)', async () => {
  const series = await loadSeries(path.join(ROOT, 'tests/fixtures/epub/onix-language/series.yaml'));
  const volume = series.volumes[0];
  const record = onixRecord(series, volume, describeBook(series, volume, [], loadBookConfig().labels));
  expect(record).toContain('<DefaultLanguageOfText>chi</DefaultLanguageOfText>');
  expect(record).toContain(
    '<Language><LanguageRole>01</LanguageRole><LanguageCode>chi</LanguageCode><CountryCode>CN</CountryCode></Language>',
  );
});

it('names the language and the country of a BCP 47 tag, with or without a script', () => {
  expect(onixLanguage('zh-CN')).toEqual({ language: 'chi', country: 'CN' });
  expect(onixLanguage('zh-Hans-CN')).toEqual({ language: 'chi', country: 'CN' });
  expect(onixLanguage('zh-Hant-TW')).toEqual({ language: 'chi', country: 'TW' });
  expect(onixLanguage('zh-Hans')).toEqual({ language: 'chi', country: undefined });
  expect(onixLanguage('zh')).toEqual({ language: 'chi', country: undefined });
  expect(onixLanguage('es-419')).toEqual({ language: 'spa', country: undefined });
  expect(onixLanguage('mn-Mong-CN')).toEqual({ language: 'mon', country: 'CN' });
  expect(onixLanguage('en-us')).toEqual({ language: 'eng', country: 'US' });
  expect(onixLanguage('fr')).toEqual({ language: 'fre', country: undefined });
});
