// templates/epub/book.yaml: image, cover and font settings for every e-book (no sizes in code).
import path from 'node:path';
import { TEMPLATES } from '../core/paths.js';
import { loadConfig } from './load.js';
import { type ConfigKind, text, whole, z } from './schema.js';

const pixels = () => whole(1).meta({ kind: 'a whole number of pixels' });
const quality = () => whole(1).max(100);

const bookSchema = z.strictObject({
  images: z
    .strictObject({
      'max-side': pixels().meta({ description: 'Long side of a photo in pixels (e-reader screens are at most ~1600 px tall)' }),
      'min-side': pixels()
        .default(1000)
        .meta({
          description:
            'Least pixels on a photo’s long side: a reader shows it across its screen (~1000–1600 px); a smaller one shows small or ' +
            'soft (the copy desk’s image-resolution says so in build:epub, instead of measuring it on the newspaper page)',
        }),
      'jpeg-quality': quality().meta({ description: 'JPEG quality of photos' }),
      mozjpeg: z.boolean().default(false).meta({ description: 'mozjpeg: photos about a third smaller, about 4× slower to encode' }),
    })
    .meta({ description: 'Photos as the e-book carries them' }),
  cover: z
    .strictObject({
      width: pixels().meta({ description: 'Cover width in pixels' }),
      height: pixels().meta({ description: 'Cover height in pixels' }),
      'jpeg-quality': quality().meta({ description: 'JPEG quality of the cover' }),
      'min-side': pixels()
        .default(1400)
        .meta({
          description:
            "The designer's cover art (series.yaml cover.image) must be at least this many pixels on its short side: " +
            'Apple Books asks 1400, the other distributors less',
        }),
      numerals: z
        .enum(['chinese', 'arabic'])
        .default('chinese')
        .meta({
          description:
            'How the cover (and its text alternative) writes the volume number: chinese (第一卷, 第一百零一卷) or arabic ' +
            '(第1卷, 第101卷), the same for every volume',
        }),
    })
    .meta({ description: 'The cover image, drawn from templates/epub/cover.html' }),
  chapters: z
    .strictObject({
      'max-file-kb': whole(16)
        .default(200)
        .meta({
          kind: 'a whole number of kilobytes (1024 bytes), at least 16',
          description:
            'A chapter whose XHTML is larger is cut into several files at its headings: e-readers load a file whole, and older ones ' +
            'open files over ~300 KB slowly or not at all',
        }),
    })
    .default({ 'max-file-kb': 200 })
    .meta({ description: 'How long chapters are stored' }),
  fonts: z
    .strictObject({
      role: text().meta({ description: 'The face embedded: a role of templates/fonts.yaml' }),
      regular: whole(100).max(900).meta({ description: 'Weight of the regular file (all text)' }),
      bold: whole(100).max(900).meta({ description: 'Weight of the bold file (headings, bold lead-ins)' }),
      format: z.enum(['truetype', 'woff2']).default('truetype').meta({
        description: 'truetype (fast; the zip deflates it) or woff2 (about a third smaller in the book, ~5× slower to make)',
      }),
      features: z
        .array(
          z
            .string()
            .regex(/^[\x20-\x7e]{4}$/)
            .meta({ kind: 'a four-character OpenType feature tag' }),
        )
        .min(1)
        .meta({ description: 'OpenType features kept in the embedded files (halt, chws, vert…); the others are dropped' }),
    })
    .meta({ description: 'The embedded font: the face subset to exactly the characters of the volume' }),
  labels: z
    .strictObject({
      toc: text().meta({ description: 'Title of the table of contents' }),
      landmarks: text().meta({ description: 'Title of the landmarks list' }),
      cover: text().meta({ description: 'Name of the cover in the landmarks' }),
      start: text().meta({ description: 'Name of the start of the text in the landmarks' }),
    })
    .meta({ description: 'Words the e-book shows in its navigation' }),
});

type BookFile = z.output<typeof bookSchema>;

/** The e-book settings as the EPUB writer takes them (camelCase). */
export interface BookConfig {
  images: { maxSide: number; minSide: number; jpegQuality: number; mozjpeg: boolean };
  cover: { width: number; height: number; jpegQuality: number; minSide: number; numerals: 'chinese' | 'arabic' };
  chapters: { maxFileBytes: number };
  fonts: BookFile['fonts'];
  labels: BookFile['labels'];
}

export const BOOK: ConfigKind<typeof bookSchema, BookConfig> = {
  title: 'E-book settings',
  where: 'templates/epub/book.yaml',
  about: 'Image, cover and font settings for every volume of `npm run build:epub` (the stylesheet is book.css beside it).',
  schema: bookSchema,
  finish: (b) => ({
    images: {
      maxSide: b.images['max-side'],
      minSide: b.images['min-side'],
      jpegQuality: b.images['jpeg-quality'],
      mozjpeg: b.images.mozjpeg,
    },
    cover: {
      width: b.cover.width,
      height: b.cover.height,
      jpegQuality: b.cover['jpeg-quality'],
      minSide: b.cover['min-side'],
      numerals: b.cover.numerals,
    },
    chapters: { maxFileBytes: b.chapters['max-file-kb'] * 1024 },
    fonts: b.fonts,
    labels: b.labels,
  }),
};

export const EPUB_TEMPLATES = path.join(TEMPLATES, 'epub');
export const BOOK_FILE = path.join(EPUB_TEMPLATES, 'book.yaml');

export function loadBookConfig(file = BOOK_FILE): BookConfig {
  return loadConfig(BOOK, file);
}
