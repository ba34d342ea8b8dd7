// A volume by a newspaper, with its subjects (tests/fixtures/epub/onix-subjects): series.yaml had no
// key for a corporate author nor for subjects, so the ONIX record named 内蒙古日报社 a PersonName
// (a person to every retailer and library) and carried no Subject, which distributors need to shelve
// the book. A creator may be kind: organisation (ONIX CorporateName), and the series and each volume
// list subjects (中图法 clc, thema, bisac, bic codes, or keywords): ONIX Subject with its code list
// 27 scheme, dc:subject with its authority and term in the package, which EPUBCheck accepts.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadBookConfig } from '../../src/config/book.js';
import { loadSeries } from '../../src/config/series.js';
import { describeBook } from '../../src/epub/build-volume.js';
import { onixRecord } from '../../src/epub/onix.js';
import { epubcheck } from '../../src/epub/validate.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, NS, all, dc, metas, parseXml, readEpub, textOf } from './read-epub.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/onix-subjects');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-onix-subjects-'));
afterAll(() => rm(out, { recursive: true, force: true }));

it('names a corporate author a CorporateName and a person a PersonName, and lists the subjects by their scheme', async () => {
  const series = await loadSeries(path.join(DIR, 'series.yaml'));
  const volume = series.volumes[0];
  const onix = parseXml(onixRecord(series, volume, describeBook(series, volume, [], loadBookConfig().labels)));
  const contributors = all(onix, NS.onix, 'Contributor').map((c) =>
    Array.from(c.childNodes as unknown as ArrayLike<{ localName?: string; textContent: string | null }>)
      .filter((n) => n.localName)
      .map((n) => `${n.localName}=${n.textContent}`)
      .join(' '),
  );
  expect(contributors).toEqual([
    'SequenceNumber=1 ContributorRole=A01 CorporateName=内蒙古日报社',
    'SequenceNumber=2 ContributorRole=B01 PersonName=王编 PersonNameInverted=Wang, Bian',
  ]);
  const subjects = all(onix, NS.onix, 'Subject').map((s) =>
    Array.from(s.childNodes as unknown as ArrayLike<{ localName?: string; textContent: string | null }>)
      .filter((n) => n.localName)
      .map((n) => (n.textContent ? `${n.localName}=${n.textContent}` : n.localName))
      .join(' '),
  );
  expect(subjects).toEqual([
    'MainSubject SubjectSchemeIdentifier=88 SubjectCode=D62',
    'MainSubject SubjectSchemeIdentifier=93 SubjectCode=JPH SubjectHeadingText=政治结构与过程',
    'SubjectSchemeIdentifier=20 SubjectHeadingText=政协;履职',
  ]);
});

it('writes the subjects into the package as dc:subject with authority and term; Java EPUBCheck 0 errors, 0 warnings', async () => {
  const result = await buildFirstVolume(path.join(DIR, 'series.yaml'), out);
  const { opf } = await readEpub(result.epub);
  const subjects = dc(opf, 'subject').map((s) => {
    const id = s.getAttribute('id')!;
    return [textOf(s), ...metas(opf, 'authority', id), ...metas(opf, 'term', id)].join(' ');
  });
  // Keywords are a dc:subject each: a reader or retailer lists each dc:subject as one tag (not “政协;履职”).
  expect(subjects).toEqual(['D62 CLC D62', '政治结构与过程 THEMA JPH', '政协', '履职']);
  expect(dc(opf, 'creator').map(textOf)).toEqual(['内蒙古日报社', '王编']);
  const check = await epubcheck(result.epub, { java: true });
  expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
});

it('tells every subject or creator kind written wrong at its line, all at once', async () => {
  await expect(loadSeries(path.join(DIR, 'mistakes.yaml'))).rejects.toThrow(
    [
      '6 problems in the configuration:',
      'tests/fixtures/epub/onix-subjects/mistakes.yaml:10:28: series.subjects[0].code: "d62" is not a clc code (such as D62, TP311.1); write it as the scheme does, in capitals',
      'tests/fixtures/epub/onix-subjects/mistakes.yaml:11:17: series.subjects[1].scheme is "dewey"; write one of clc, thema, bisac, bic, keywords — clc (中国图书馆分类法, ONIX 88), thema (93), bisac (10), bic (12) or keywords (20)',
      'tests/fixtures/epub/onix-subjects/mistakes.yaml:18:31: volumes[0].creators[0].kind is "company"; write one of person, organisation — person, or organisation for a corporate author such as 内蒙古日报社 (ONIX CorporateName instead of PersonName: retailers and libraries list a body apart from people)',
      'tests/fixtures/epub/onix-subjects/mistakes.yaml:20:9: volumes[0].subjects[0].heading: keywords need their words as heading, e.g. 政协;履职',
      'tests/fixtures/epub/onix-subjects/mistakes.yaml:20:35: volumes[0].subjects[0].code: keywords have no code; write the words as heading (政协;履职)',
      'tests/fixtures/epub/onix-subjects/mistakes.yaml:21:9: volumes[0].subjects[1].code: a thema subject needs its code, e.g. JPH, 1FPC',
    ].join('\n'),
  );
});
