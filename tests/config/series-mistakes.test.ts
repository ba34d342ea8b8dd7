// Slips an editor makes in series.yaml (tests/fixtures/epub/series-mistakes): each is refused before
// anything is built, in one message naming the file, line and column, what is wrong and what to write.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeries, selectVolumes } from '../../src/config/series.js';
import { InputError } from '../../src/core/input-error.js';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = path.join(ROOT, 'tests/fixtures/epub/series-mistakes');

async function problems(name: string): Promise<string[]> {
  const file = path.join(dir, name);
  try {
    await loadSeries(file);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    // The file is named as the user gave it (here relative to the working folder), then line:col.
    const named = `series-mistakes/${name}`;
    return (error as Error).message
      .split('\n')
      .filter((line) => line.includes(`${named}:`))
      .map((line) => line.slice(line.indexOf(named) + named.length).replaceAll(dir, '<dir>'));
  }
  throw new Error(`expected ${name} to be refused`);
}

describe('series.yaml mistakes', () => {
  it('a chapter listed twice in a volume, however its path is written, names where it was first', async () => {
    expect(await problems('chapter-twice.yaml')).toEqual([
      ':15:28: volumes[0].chapters[2]: chapter "./a.md" is the manuscript of volumes[0].chapters[0] again; list each chapter of a volume once',
      ':15:36: volumes[0].chapters[3]: chapter "part/" is the manuscript of volumes[0].chapters[1] again; list each chapter of a volume once',
    ]);
  });

  it('an alias inside the anchor it repeats is told at the alias (not “Maximum call stack size exceeded”), by build:epub too', async () => {
    expect(await problems('alias-loop.yaml')).toEqual([
      ':15:15: the alias *first stands inside the anchor &first it repeats, a value holding itself; write the values out instead',
    ]);
    const run = runCli([
      'build:epub',
      '--series',
      path.join(dir, 'alias-loop.yaml'),
      '--out',
      path.join(os.tmpdir(), 'baoban-alias-loop-never'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `error: ${path.relative(ROOT, path.join(dir, 'alias-loop.yaml'))}:15:15: the alias *first stands inside the anchor &first it repeats, a value holding itself; write the values out instead`,
    );
  });

  it('a chapter folder named by digits that is not there is told beside another slip, not only once that is mended', async () => {
    expect(await problems('number-chapter.yaml')).toEqual([
      ':16:22: volumes[0].chapters[1]: chapter "2024" does not exist in <dir>; give a manuscript folder or .md file there',
      expect.stringMatching(/^:21:15: volumes\[1\]\.chapters is an empty list;/),
    ]);
  });

  it('a date or a modified time that is not on the calendar (no rolling over into the next month or day)', async () => {
    expect(await problems('no-such-date.yaml')).toEqual([
      ':13:11: volumes[0].date is 2025-02-30, which is not on the calendar; write YYYY-MM-DD',
    ]);
    expect(await problems('no-such-time.yaml')).toEqual([
      ':14:15: volumes[0].modified is 2025-02-28T24:00:00Z, which is not on the calendar; write CCYY-MM-DDThh:mm:ssZ (hours 00–23, minutes and seconds 00–59)',
    ]);
  });

  it('a date or time in another form is told once, with the form to write (not also as off the calendar)', async () => {
    expect(await problems('date-forms.yaml')).toEqual([
      ':14:11: volumes[0].date is "2024/01/20"; write a date, YYYY-MM-DD — publication date',
      ':15:15: volumes[0].modified is "2024-01-20 10:00:00"; write a time, CCYY-MM-DDThh:mm:ssZ (UTC, no fractions) — dcterms:modified: the same input always gives the same package',
      ':20:11: volumes[1].date is "2024年1月20日"; write a date, YYYY-MM-DD — publication date',
    ]);
  });

  it('an ISBN-10 is told so, with the ISBN-13 to write', async () => {
    expect(await problems('isbn-10.yaml')).toEqual([
      ':15:11: volumes[0].isbn: "7-5086-3569-8" is not an ISBN-13: it is an ISBN-10 (e-book metadata and ONIX take the ISBN-13): write 9787508635699',
    ]);
  });

  it('an ISBN pasted with full-width digits, a full-width colon or hyphen, or en dashes is read as its digits; a mistyped one is still told', async () => {
    const series = await loadSeries(path.join(dir, 'isbn-pasted.yaml'));
    expect(series.volumes.map((v) => v.isbn)).toEqual(['9787500000013', '9787508635699', '9787108026385']);
    expect(await problems('isbn-mistyped.yaml')).toEqual([
      ':10:72: volumes[0].isbn: "ISBN：978－7－5000－0001－4" is not an ISBN-13: the check digit should be 3: the number is mistyped',
    ]);
  });

  it('a character no XML carries (a control, U+FFFE, half a surrogate pair) in a text that reaches the OPF and ONIX', async () => {
    const carry = 'which no page, e-book or ONIX record can carry: delete it';
    expect((await problems('control-characters.yaml')).map((p) => p.replace(/, which .*$/, ''))).toEqual([
      ':7:14: series.publisher: holds the character U+0001 (at character 6)',
      ':14:18: volumes[0].description: holds the character U+FFFE (at character 3)',
      ':18:18: volumes[0].creators[0].file-as: holds the character U+000B (at character 6)',
      ':19:15: volumes[0].creators[1].name: holds the character U+D800 (at character 3)',
    ]);
    expect((await problems('control-characters.yaml')).every((p) => p.includes(carry))).toBe(true);
  });

  it('slips of every kind in one file are told at once: a number or ISBN twice and the chapters beside wrong values', async () => {
    expect(await problems('all-at-once.yaml')).toEqual([
      ':7:9: series.slug is "Mistakes"; write lower-case ASCII letters, digits and hyphens — name for file names and stable identifiers: changing it changes every volume\'s UUID',
      ':17:11: volumes[0].date is "2025-1-1"; write a date, YYYY-MM-DD — publication date',
      ':18:22: volumes[0].chapters[1]: chapter "no-such-chapter.md" does not exist in <dir>; give a manuscript folder or .md file there',
      ':19:13: volumes[1].number is 1, the number of another volume too; give each volume its own number',
      ':21:11: volumes[1].isbn is 9787500000013, the ISBN of volume 1 too; each volume (each product) needs its own ISBN',
      ':22:17: volumes[1].description is empty; write text — a description of the volume (retailers and EPUBCheck need a non-empty one)',
      ':24:16: volumes[1].chapters[0]: chapter "../outside.md" is outside <dir>; it must be in this folder',
      ':25:13: volumes[2].number is 2.5; write a whole number of at least 1 — the position in the series, from 1',
      ':29:5: unknown key "colour" in volumes[2]; the keys here are number, title, subtitle, isbn, date, modified, description, creators, subjects, cover, chapters',
      ':30:22: volumes[2].chapters[1]: chapter "part/" is the manuscript of volumes[2].chapters[0] again; list each chapter of a volume once',
    ]);
  });

  it('a leap day and the last second of a day are on the calendar', async () => {
    const series = await loadSeries(path.join(dir, 'leap-day.yaml'));
    expect(series.volumes[0].date).toBe('2024-02-29');
    expect(series.volumes[0].modified).toBe('2024-02-29T23:59:59Z');
    expect(series.volumes[0].chapters.map((c) => path.relative(dir, c))).toEqual(['a.md', 'part']);
  });

  it('a volume named twice on the command line is built once; a number written as 0x1 or 1.0 names no volume', async () => {
    const series = await loadSeries(path.join(dir, 'leap-day.yaml'));
    expect(selectVolumes(series, ['1', '01', '1']).map((v) => v.number)).toEqual([1]);
    for (const name of ['0x1', '1.0', '1e0', ' 1'])
      expect(() => selectVolumes(series, [name]), name).toThrow(`there is no volume "${name}"; volumes are 1`);
  });
});
