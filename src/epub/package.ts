// Assemble the EPUB 3 package with epub-gen-memory. Its EJS templates (templates/epub/*.ejs) write
// the package document, navigation, NCX and pages, and receive the whole book description as
// `book`. What its defaults would get wrong is done here instead:
// - chapter XHTML goes in through the template (`body`), not `content`, so its HTML pass can neither
//   strip attributes nor turn every Chinese character into a &#x…; reference;
// - images, cover and fonts are added as bytes with readable names (it would fetch URLs and name
//   images by random UUID);
// - every zip entry gets the same date, so the same input gives the same file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EPub } from 'epub-gen-memory';
import type { BookIdentifier } from './identifier.js';
import type { Chapter, Section } from './chapter.js';
import type { SplitChapter } from './split-chapter.js';
import type { BookImage } from './images.js';
import type { FontFile } from './font-subset.js';
import { EPUB_TEMPLATES, type BookConfig } from '../config/book.js';

export interface ManifestItem {
  id: string;
  href: string;
  mediaType: string;
  properties?: string;
}

export interface BookDescription {
  identifier: BookIdentifier;
  title: string;
  subtitle?: string;
  lang: string;
  description: string;
  publisher: string;
  rights: string;
  /** YYYY-MM-DD */
  date: string;
  /** dcterms:modified; also the date of every zip entry */
  modified: string;
  /** fileAs: the name as catalogues sort it */
  creators: Array<{ name: string; role: string; fileAs?: string; kind?: 'person' | 'organisation' }>;
  /** The series' subjects, then the volume's: scheme (series.ts SUBJECT_SCHEMES), code, words */
  subjects: Array<{ scheme: string; code?: string; heading?: string; authority?: string }>;
  series: { name: string; position: number };
  a11y: {
    accessModes: string[];
    sufficient: string[];
    features: string[];
    hazards: string[];
    summary: string;
    /** The conformance claim; none for a book that does not conform (an image without a text alternative) */
    conformsTo?: string;
    /** Who evaluated the book (a11y:certifiedBy), with the claim only */
    certifiedBy?: string;
  };
  labels: BookConfig['labels'];
}

export interface PackageInput {
  book: BookDescription;
  chapters: Chapter[];
  cover: { image: BookImage; alt: string };
  fonts: FontFile[];
  /** @font-face rules put before book.css */
  fontCss: string;
  /** Each chapter's files, in the chapters' order (split-chapter.ts: a long chapter is cut at its headings) */
  split: SplitChapter[];
}

interface Resource {
  href: string;
  data: Buffer;
}

/** epub-gen-memory with our resources added as bytes instead of fetched. */
class BookEPub extends EPub {
  constructor(
    options: ConstructorParameters<typeof EPub>[0],
    content: ConstructorParameters<typeof EPub>[1],
    private resources: Resource[],
    private zipDate: Date,
  ) {
    super(options, content);
  }

  protected override async downloadAllImages(): Promise<void> {
    const oebps = this.zip.folder('OEBPS')!;
    // JPEG and PNG are compressed already: deflating them again costs time and saves nothing.
    for (const r of this.resources)
      oebps.file(r.href, r.data, { date: this.zipDate, compression: /\.(jpe?g|png)$/.test(r.href) ? 'STORE' : undefined });
  }

  override async genEpub(): Promise<Buffer> {
    await this.render();
    // Entries written by the library carry the current time; fix them all.
    this.zip.forEach((_path, entry) => {
      entry.date = this.zipDate;
    });
    return this.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
  }
}

const template = (name: string) => readFile(path.join(EPUB_TEMPLATES, name), 'utf8');

export const COVER_PAGE = 'cover.xhtml';

const depth = (sections: Chapter['sections']): number => sections.reduce((d, s) => Math.max(d, 1 + depth(s.children)), 0);

export async function assembleEpub(input: PackageInput): Promise<Buffer> {
  const { book, chapters, cover, fonts } = input;
  const images = chapters.flatMap((c) => c.images);
  const { split } = input;
  const files = split.flatMap((s, i) => s.files.map((f) => ({ ...f, title: chapters[i].title })));
  // The navigation points at the file each heading ended up in (and leaves out those a split set apart).
  const located = (sections: Section[], at: SplitChapter): Array<Section & { file: string }> =>
    sections.filter((s) => !at.unlisted.has(s.id)).map((s) => ({ ...s, file: at.fileOf(s.id), children: located(s.children, at) }));
  const manifest: ManifestItem[] = [
    { id: 'nav', href: 'toc.xhtml', mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'style.css', mediaType: 'text/css' },
    { id: 'cover-page', href: COVER_PAGE, mediaType: 'application/xhtml+xml' },
    { id: 'cover-image', href: cover.image.href, mediaType: cover.image.mediaType, properties: 'cover-image' },
    ...files.map((f) => ({ id: f.filename.replace(/\.xhtml$/, ''), href: f.filename, mediaType: 'application/xhtml+xml' })),
    // Images are named after their chapter (ch01-photo.jpg) and may take its very name (photo.md
    // showing images/photo.jpg): their ids have a prefix of their own, so none is a chapter's.
    ...images.map((img) => ({
      id: `img-${path.basename(img.href).replace(/\.\w+$/, '')}`,
      href: img.href,
      mediaType: img.mediaType,
    })),
    ...fonts.map((f) => ({ id: path.basename(f.href).replace(/\.\w+$/, ''), href: f.href, mediaType: f.mediaType })),
  ];
  const spine = [{ idref: 'cover-page' }, { idref: 'nav' }, ...files.map((f) => ({ idref: f.filename.replace(/\.xhtml$/, '') }))];
  const view = {
    ...book,
    manifest,
    spine,
    coverPage: COVER_PAGE,
    chapters: chapters.map((c, i) => ({
      filename: c.filename,
      title: c.title,
      titleId: c.titleId,
      sections: located(c.sections, split[i]),
      // A chapter in another language says so in the navigation too (a screen reader reads its entries in that voice).
      lang: c.lang,
      titleLang: c.titleLang,
    })),
    navDepth: 1 + Math.max(0, ...chapters.map((c) => depth(c.sections))),
  };

  const content = [
    {
      title: book.labels.cover,
      filename: COVER_PAGE,
      content: '',
      beforeToc: true,
      excludeFromToc: true,
      kind: 'cover',
      coverImage: cover.image,
      coverAlt: cover.alt,
    },
    ...files.map((f) => ({ title: f.title, filename: f.filename, content: '', kind: 'chapter', body: f.xhtml })),
  ];
  const options = {
    title: book.title,
    author: book.creators.map((c) => c.name),
    publisher: book.publisher,
    description: book.description,
    date: book.date,
    lang: book.lang,
    css: `${input.fontCss}\n${await template('book.css')}`,
    contentOPF: await template('content.opf.ejs'),
    tocXHTML: await template('nav.xhtml.ejs'),
    tocNCX: await template('toc.ncx.ejs'),
    chapterXHTML: await template('chapter.xhtml.ejs'),
    prependChapterTitles: false,
    verbose: false,
    // Reaches the templates as `book` (epub-gen-memory passes unknown options through).
    book: view,
  };
  const resources: Resource[] = [
    { href: cover.image.href, data: cover.image.data },
    ...images.map((i) => ({ href: i.href, data: i.data })),
    ...fonts.map((f) => ({ href: f.href, data: f.data })),
  ];
  const epub = new BookEPub(options as never, content as never, resources, new Date(book.modified));
  return epub.genEpub();
}
