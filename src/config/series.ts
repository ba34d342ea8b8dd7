// The series configuration (manuscript/series.yaml): one typed, validated object before any work
// starts. A mistake is one InputError naming the file, line and column, what is wrong and how to fix it.
import { realpathSync } from 'node:fs';
import { isInside } from '../core/confine.js';
import path from 'node:path';
import { InputError } from '../core/input-error.js';
import { joinLines } from '../core/cjk.js';
import { checkIsbn } from './isbn.js';
import { loadConfig } from './load.js';
import { type ConfigKind, text, whole, z } from './schema.js';

/** Text as people write it in series.yaml: long texts may be broken over lines (`|-`); a line break between Chinese characters is dropped. */
const prose = () => text().transform(joinLines).meta({ kind: 'text' });
/** An optional text: absent, empty or null is no value. */
/**
 * Text of paragraphs (a description): each paragraph's lines joined as in prose, paragraphs (apart
 * by a blank line) kept apart by one, not run together with two spaces between them.
 */
const paragraphs = () =>
  text()
    .transform((v) =>
      v
        .split(/\n[ \t]*\n\s*/)
        .map((p) => joinLines(p).trim())
        .filter(Boolean)
        .join('\n\n'),
    )
    .meta({ kind: 'text' });
const optionalProse = () => z.preprocess((v) => (v === null || v === '' ? undefined : v), prose().optional());

const RELATORS = ['aut', 'edt', 'com', 'trl', 'ill', 'pht'] as const;

const creator = z.strictObject({
  name: prose().meta({ description: 'The person or body' }),
  role: z
    .enum(RELATORS)
    .default('aut')
    .meta({ description: 'MARC relator: aut (author), edt (editor), com (compiler), trl (translator), ill, pht' }),
  kind: z
    .enum(['person', 'organisation'])
    .default('person')
    .meta({
      description:
        'person, or organisation for a corporate author such as 内蒙古日报社 (ONIX CorporateName instead of PersonName: ' +
        'retailers and libraries list a body apart from people)',
    }),
  'file-as': optionalProse().meta({
    description:
      'The name as catalogues and retailers sort it (OPF file-as, ONIX PersonNameInverted for a person), e.g. Wang, Bian or 王编: ' +
      'readers sort Chinese names by their pinyin',
  }),
});

/**
 * Subject schemes retailers and libraries take, with their ONIX code list 27 number and the form of
 * their codes: clc 中国图书馆分类法 (88), thema (93), bisac (10), bic (12), keywords (20, words, no code).
 */
export const SUBJECT_SCHEMES = {
  clc: { onix: '88', authority: 'CLC', code: /^[A-Z]{1,2}[0-9A-Z.\-/=:+()"]*$/, example: 'D62, TP311.1' },
  thema: { onix: '93', authority: 'THEMA', code: /^[A-Z0-9]{1,8}(-[A-Z]{2}(-[A-Z0-9]+)*)?$/, example: 'JPH, 1FPC' },
  bisac: { onix: '10', authority: 'BISAC', code: /^[A-Z]{3}\d{6}$/, example: 'POL000000' },
  bic: { onix: '12', authority: 'BIC', code: /^[A-Z0-9]{1,8}$/, example: 'JPH' },
  keywords: { onix: '20', authority: undefined, code: undefined, example: '政协;履职' },
} as const;
type SubjectScheme = keyof typeof SUBJECT_SCHEMES;

const subject = z
  .strictObject({
    scheme: z.enum(Object.keys(SUBJECT_SCHEMES) as [SubjectScheme, ...SubjectScheme[]]).meta({
      description: 'clc (中国图书馆分类法, ONIX 88), thema (93), bisac (10), bic (12) or keywords (20)',
    }),
    code: z
      .preprocess((v) => (v === null || v === '' ? undefined : typeof v === 'number' ? String(v) : v), text().optional())
      .meta({ kind: 'a code of the scheme', description: 'The subject code, e.g. D62 (clc), JPH (thema), POL000000 (bisac)' }),
    heading: optionalProse().meta({ description: 'The subject in words (for keywords: the words, separated by ;)' }),
  })
  .superRefine((s, ctx) => {
    const scheme = SUBJECT_SCHEMES[s.scheme];
    if (scheme.code === undefined) {
      if (s.code !== undefined)
        ctx.addIssue({ code: 'custom', path: ['code'], message: `keywords have no code; write the words as heading (${scheme.example})` });
      if (s.heading === undefined)
        ctx.addIssue({ code: 'custom', path: ['heading'], message: `keywords need their words as heading, e.g. ${scheme.example}` });
      return;
    }
    if (s.code === undefined)
      ctx.addIssue({ code: 'custom', path: ['code'], message: `a ${s.scheme} subject needs its code, e.g. ${scheme.example}` });
    else if (!scheme.code.test(s.code))
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `"${s.code}" is not a ${s.scheme} code (such as ${scheme.example}); write it as the scheme does, in capitals`,
      });
  })
  .meta({ description: 'A subject: its scheme and code (or words), for the package (dc:subject) and the ONIX record (Subject)' });

const isbn = () =>
  z
    .preprocess(
      (v) => (v === null || v === '' ? undefined : v),
      z
        .union([z.string(), z.number()])
        .transform((v, ctx) => {
          const raw = String(v).trim();
          const checked = checkIsbn(raw);
          if (checked.ok) return checked.digits;
          ctx.addIssue({ code: 'custom', message: `"${raw}" is not an ISBN-13: ${checked.reason}` });
          return z.NEVER;
        })
        .optional(),
    )
    .meta({ kind: 'an ISBN-13 (hyphens allowed)' });

/**
 * A date or time of the calendar: it reads back as written (Date.parse alone lets 2025-02-30 roll
 * over to March 2, and takes hour 24 or minute 61). Only a value in the form (`shape`) is looked at:
 * another form (2024/01/20) is told once, by the form's own check.
 */
const onCalendar = (form: string, shape: RegExp) => (written: string, ctx: z.RefinementCtx) => {
  if (!shape.test(written)) return;
  const time = Date.parse(written.length === 10 ? `${written}T00:00:00Z` : written);
  if (Number.isNaN(time) || !new Date(time).toISOString().replace('.000Z', 'Z').startsWith(written))
    ctx.addIssue({ code: 'custom', message: `is ${written}, which is not on the calendar; write ${form}` });
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const date = () => z.string().regex(DATE).superRefine(onCalendar('YYYY-MM-DD', DATE)).meta({ kind: 'a date, YYYY-MM-DD' });

const volume = z
  .strictObject({
    number: whole(1).meta({ description: 'The position in the series, from 1' }),
    title: prose().meta({ description: 'The volume title' }),
    subtitle: optionalProse().meta({ description: 'A subtitle' }),
    isbn: isbn().meta({ description: 'ISBN-13, when assigned; otherwise the identifier is a UUID derived from slug + number' }),
    date: date().meta({ description: 'Publication date' }),
    modified: z
      .preprocess(
        (v) => (v === null || v === '' ? undefined : v),
        z.string().regex(TIME).superRefine(onCalendar('CCYY-MM-DDThh:mm:ssZ (hours 00–23, minutes and seconds 00–59)', TIME)).optional(),
      )
      .meta({
        kind: 'a time, CCYY-MM-DDThh:mm:ssZ (UTC, no fractions)',
        description: 'dcterms:modified: the same input always gives the same package',
        defaultText: '`date`, at 00:00:00Z',
      }),
    // Paragraphs apart by a blank line stay paragraphs (the ONIX record gives them as XHTML <p>).
    description: paragraphs().meta({ description: 'A description of the volume (retailers and EPUBCheck need a non-empty one)' }),
    creators: z.array(creator).min(1).optional().meta({ description: "Explicit creators; otherwise the chapters' `author` front matter" }),
    subjects: z.array(subject).default([]).meta({ description: "The volume's subjects, after the series' own (series.subjects)" }),
    cover: z
      .strictObject({
        tagline: optionalProse().meta({ description: 'A line printed on the cover under the title' }),
        image: z
          .preprocess((v) => (v === null || v === '' ? undefined : v), text().optional())
          .meta({
            kind: 'an image file (JPEG, PNG, WebP, GIF, TIFF or AVIF) in this folder',
            description:
              "The designer's cover art instead of the drawn cover: fitted within templates/epub/book.yaml cover.width × height " +
              '(1600 × 2400 px wants an original at least that large; under cover.min-side, 1400 px on its short side, it is refused), ' +
              'turned upright, transparency on white, saved as JPEG',
          }),
      })
      .default({})
      .meta({ description: 'The cover (the drawn cover always shows the series, number and title)' }),
    chapters: z
      .array(text().meta({ kind: 'a manuscript folder or .md file in this folder' }))
      .min(1)
      .meta({ description: 'The manuscripts of the volume in reading order: folders with article.md, or .md files, beside series.yaml' }),
  })
  .transform((v) => ({ ...v, modified: v.modified ?? `${v.date}T00:00:00Z` }));

/**
 * Most volumes in one series file, and most chapters in all of them: build:epub builds every volume,
 * each chapter read, checked and typeset, a volume a second or more. A file of 3,000 volumes (a
 * generated list gone wrong) wrote e-books for an hour: refused at its `volumes:` line instead.
 */
export const MAX_SERIES_VOLUMES = 200;
export const MAX_SERIES_CHAPTERS = 2000;

/** The volumes past what one series file may hold, as the one problem at `volumes:`; undefined within. */
function tooMany(volumes: unknown): Array<{ path: PropertyKey[]; message: string }> | undefined {
  if (!Array.isArray(volumes)) return undefined;
  if (volumes.length > MAX_SERIES_VOLUMES)
    return [
      {
        path: ['volumes'],
        message: `is a list of ${volumes.length} volumes; a series file holds at most ${MAX_SERIES_VOLUMES}: split the series into files of fewer volumes`,
      },
    ];
  const chapters = volumes.reduce(
    (n: number, v) =>
      n + (Array.isArray((v as { chapters?: unknown } | null)?.chapters) ? (v as { chapters: unknown[] }).chapters.length : 0),
    0,
  );
  if (chapters > MAX_SERIES_CHAPTERS)
    return [
      {
        path: ['volumes'],
        message: `is a list of volumes of ${chapters} chapters in all; a series file holds at most ${MAX_SERIES_CHAPTERS}: split the series into files of fewer volumes`,
      },
    ];
  return undefined;
}

const seriesSchema = z.strictObject({
  series: z
    .strictObject({
      name: prose().meta({ description: 'The series title, e.g. 政协委员履职丛书' }),
      slug: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]*$/)
        .meta({
          kind: 'lower-case ASCII letters, digits and hyphens',
          description: "Name for file names and stable identifiers: changing it changes every volume's UUID",
        }),
      publisher: prose().meta({ description: 'The publisher name' }),
      rights: prose().meta({ description: 'The rights statement, e.g. © 2024 … 版权所有' }),
      language: z
        .string()
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
        .default('zh-CN')
        .meta({ kind: 'a BCP 47 language tag, e.g. zh-CN', description: 'The language of the text' }),
      accessibility: z
        .strictObject({
          summary: prose().meta({ description: 'A plain-language accessibility summary: what the book offers and lacks' }),
          'certified-by': optionalProse().meta({
            description:
              'Who evaluated the books against WCAG 2.1 AA (a11y:certifiedBy, which EPUB Accessibility 1.1 asks of a conformance claim); the publisher when not given',
          }),
        })
        .meta({ description: 'Read by screen-reader users and shown by retailers' }),
      subjects: z
        .array(subject)
        .default([])
        .meta({ description: 'Subjects of every volume (each volume may add its own), e.g. [{ scheme: clc, code: D62 }]' }),
    })
    .meta({ description: 'What every volume shares' }),
  volumes: z
    .array(volume)
    .min(1)
    .meta({
      description: `The volumes (at most ${MAX_SERIES_VOLUMES}, of at most ${MAX_SERIES_CHAPTERS} chapters in all); \`npm run build:epub -- 1\` builds volume 1 only`,
    }),
});

type SeriesFile = z.output<typeof seriesSchema>;
export type Creator = z.output<typeof creator>;
/** A line and column of the series file. */
export type Place = { line: number; column: number };

/**
 * A volume, its chapters as absolute paths of the manuscripts in reading order; where its title,
 * cover tagline and cover image are written, for a problem found when the cover is made (a
 * character the face lacks, the image's pixels), and each chapter (as written, and its path in
 * the file), for a chapter that holds no manuscript.
 */
export type Volume = SeriesFile['volumes'][number] & {
  at: { title: Place; tagline?: Place; image?: Place; chapters?: Array<Place & { written: string; path: string }> };
};

/** The series, with where its name and publisher (printed on every cover) are written. */
export type Series = SeriesFile['series'] & { file: string; volumes: Volume[]; at: { name: Place; publisher: Place } };

export const SERIES: ConfigKind<typeof seriesSchema, Series> = {
  title: 'E-book series',
  where: 'manuscript/series.yaml',
  about:
    'The series `npm run build:epub` builds: every volume into dist/epub/<series.slug>-<number>.epub with an ONIX 3.0 record ' +
    'beside it. Chapters are manuscripts in the same folder, listed in reading order.',
  schema: seriesSchema,
  // Across values: checked on the whole file, and on a file the schema refused (its refused values
  // left out), so that a volume number given twice or a chapter not there is told on the first
  // run with the file's other slips, not on the run after they are mended.
  check: (value, { file }) => tooMany(value.volumes) ?? acrossVolumes(value, file, []),
  checkPartial: (data, { file, failed }) => tooMany((data as { volumes?: unknown } | null)?.volumes) ?? acrossVolumes(data, file, failed),
  finish: (value, { file, at }) => {
    const dir = path.dirname(file);
    const volumes = value.volumes.map(
      (v, i): Volume => ({
        ...v,
        chapters: v.chapters.map((c) => path.resolve(dir, c)),
        cover: { ...v.cover, image: v.cover.image === undefined ? undefined : path.resolve(dir, v.cover.image) },
        at: {
          title: at(['volumes', i, 'title']),
          ...(v.cover.tagline === undefined ? {} : { tagline: at(['volumes', i, 'cover', 'tagline']) }),
          ...(v.cover.image === undefined ? {} : { image: at(['volumes', i, 'cover', 'image']) }),
          chapters: v.chapters.map((c, j) => ({ ...at(['volumes', i, 'chapters', j]), written: c, path: `volumes[${i}].chapters[${j}]` })),
        },
      }),
    );
    return {
      ...value.series,
      file,
      volumes: volumes.sort((a, b) => a.number - b.number),
      at: { name: at(['series', 'name']), publisher: at(['series', 'publisher']) },
    };
  },
};

/**
 * What is checked across the values of the file: each volume its own number and its own ISBN; each
 * chapter a manuscript in the series' folder (links resolved), listed once in its volume; a cover
 * image in the folder. `data` is the file as read; a value the schema refused (a path in `failed`,
 * or a value of another type) was told already and is left out here.
 */
function acrossVolumes(data: unknown, file: string, failed: PropertyKey[][]): Array<{ path: PropertyKey[]; message: string }> {
  const volumes = (data as { volumes?: unknown } | null)?.volumes;
  if (!Array.isArray(volumes)) return [];
  const dir = path.dirname(file);
  const refused = (at: PropertyKey[]) => failed.some((f) => f.length === at.length && f.every((k, i) => k === at[i]));
  const issues: Array<{ path: PropertyKey[]; message: string }> = [];
  const numbers = new Map<number, number>();
  const isbns = new Map<string, string>();
  volumes.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const v = raw as { number?: unknown; isbn?: unknown; chapters?: unknown; cover?: unknown };
    const number =
      Number.isInteger(v.number) && (v.number as number) >= 1 && !refused(['volumes', i, 'number']) ? (v.number as number) : undefined;
    if (number !== undefined) {
      if (numbers.has(number))
        issues.push({
          path: ['volumes', i, 'number'],
          message: `is ${number}, the number of another volume too; give each volume its own number`,
        });
      else numbers.set(number, i);
    }
    const isbn = typeof v.isbn === 'string' || typeof v.isbn === 'number' ? checkIsbn(String(v.isbn).trim()) : undefined;
    if (isbn?.ok) {
      const other = isbns.get(isbn.digits);
      if (other !== undefined)
        issues.push({
          path: ['volumes', i, 'isbn'],
          message: `is ${isbn.digits}, the ISBN of ${other} too; each volume (each product) needs its own ISBN`,
        });
      else isbns.set(isbn.digits, number === undefined ? `volumes[${i}]` : `volume ${number}`);
    }
    const image = (v.cover as { image?: unknown } | null | undefined)?.image;
    if (typeof image === 'string' && image !== '' && !refused(['volumes', i, 'cover', 'image'])) {
      const problem = inFolder(dir, image, 'cover image', 'an image file');
      if (typeof problem === 'string') issues.push({ path: ['volumes', i, 'cover', 'image'], message: problem });
    }
    // The same manuscript twice in a volume (short.md and ./short.md, ch3 and ch3/ too) is a slip
    // of the editor's: the reader would get the chapter twice.
    if (!Array.isArray(v.chapters)) return;
    const listed = new Map<string, number>();
    v.chapters.forEach((written, j) => {
      const at = ['volumes', i, 'chapters', j];
      // A folder named by digits (chapters: [2024, 5]) is read as a number, and the schema takes it as its name.
      const ref = typeof written === 'number' ? String(written) : written;
      if (typeof ref !== 'string' || ref === '' || refused(at)) return;
      const real = inFolder(dir, ref, 'chapter', 'a manuscript folder or .md file');
      if (typeof real !== 'object') {
        issues.push({ path: at, message: real });
        return;
      }
      const first = listed.get(real.real);
      if (first !== undefined)
        issues.push({
          path: at,
          message: `chapter "${ref}" is the manuscript of volumes[${i}].chapters[${first}] again; list each chapter of a volume once`,
        });
      else listed.set(real.real, j);
    });
  });
  return issues;
}

/**
 * A file or folder series.yaml names (a chapter, a cover image): its real path when it lies in the
 * series' folder, links resolved; otherwise what is wrong with it, in words.
 */
function inFolder(dir: string, ref: string, what: string, wanted: string): { real: string } | string {
  const rel = path.relative(dir, path.resolve(dir, ref));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return `${what} "${ref}" is outside ${dir}; it must be in this folder`;
  let real: string;
  try {
    real = realpathSync(path.resolve(dir, ref));
  } catch {
    return `${what} "${ref}" does not exist in ${dir}; give ${wanted} there`;
  }
  // Links resolved: a linked file (or a file in a linked folder) must not lead out of the folder.
  if (!isInside(realpathSync(dir), real))
    return `${what} "${ref}" is a symbolic link (or lies in a linked folder) that leads outside ${dir}; copy it into this folder`;
  return { real };
}

/** Read and validate a series file. Chapter paths resolve against the file's folder. */
export async function loadSeries(file: string): Promise<Series> {
  return loadConfig(SERIES, file);
}

/** The volumes named on the command line (by number), or all of them. */
export function selectVolumes(series: Series, wanted: string[]): Volume[] {
  if (wanted.length === 0) return series.volumes;
  const volumes = wanted.map((w) => {
    // A volume is named by its number as series.yaml writes it (01 too); 0x2, 1e0 or 2.0 is no volume's name.
    const volume = /^\d+$/.test(w) ? series.volumes.find((v) => v.number === Number(w)) : undefined;
    if (!volume) {
      const known = series.volumes.map((v) => v.number).join(', ');
      throw new InputError(`${series.file}: there is no volume "${w}"; volumes are ${known}`);
    }
    return volume;
  });
  // A volume named twice (-- 1 1) is built once: twice, it was written twice and its findings counted twice.
  return [...new Set(volumes)];
}
