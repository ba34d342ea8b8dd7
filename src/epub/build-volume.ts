// One volume of the series: its manuscripts (read → check → typeset, as for print) become chapters;
// with a cover, the body font subset and the package metadata they become one EPUB, written
// atomically to <outDir>/<series>-<number>.epub with its ONIX record beside it.
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import type { Article } from '../core/article.js';
import { stageOutputs } from '../output/staging.js';
import { buildChapter, chapterAuthors, chapterText, type Chapter, hasImageWithoutText, imagesWithoutText } from './chapter.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { imageConverter } from './images.js';
import { storeImagesOnce } from './store-images-once.js';
import { type CoverImage, CoverTextError, CoverTooSmall, coverFromImage, renderCover } from './cover.js';
import { ConfigError, formatProblem } from '../config/load.js';
import { planFonts } from '../fonts/fontsource.js';
import { ConfinementError, readConfined } from '../core/confine.js';
import { InputError } from '../core/input-error.js';
import { imageErrorWords } from '../core/image-words.js';
import { embedBodyFont } from './font-subset.js';
import { volumeIdentifier } from './identifier.js';
import { assembleEpub, type BookDescription } from './package.js';
import { type SplitChapter, splitChapter } from './split-chapter.js';
import { onixRecord } from './onix.js';
import { linkVolume } from './volume-links.js';
import { type SourcePlace, sourcePlaces } from './source-places.js';
import type { Finding } from './validate.js';
import { loadBookConfig, type BookConfig } from '../config/book.js';
import { type Place, type Series, SUBJECT_SCHEMES, type Volume } from '../config/series.js';

export interface VolumeResult {
  volume: Volume;
  epub: string;
  onix: string;
  bytes: number;
  chapters: number;
  /** The chapters' XHTML files: more than the chapters when a long chapter is cut into several */
  chapterFiles: number;
  /** Image files in the book besides the cover (a picture several chapters show counts once) */
  images: number;
  fontFiles: number;
  fontBytes: number;
  /** Characters of the volume the embedded face cannot show */
  missingGlyphs: string[];
  /** One vfile per chapter manuscript, with the checks' findings */
  files: VFile[];
  ms: number;
}

/** The volume's file name stem: readable ASCII, e.g. zhengxie-lvzhi-1 */
export const volumeStem = (series: Series, volume: Volume) => `${series.slug}-${volume.number}`;

export function describeBook(series: Series, volume: Volume, chapters: Chapter[], labels: BookConfig['labels']): BookDescription {
  const authors = [...new Set(chapters.flatMap((c) => c.authors))];
  // A photo with neither alt text nor caption (reported as figure-alt and figure-caption) is only an
  // empty alt to a screen reader: the book cannot then claim text alternatives, nor that its text alone suffices.
  const untold = chapters.some(hasImageWithoutText);
  return {
    identifier: volumeIdentifier(series.slug, volume.number, volume.isbn),
    title: volume.title,
    subtitle: volume.subtitle,
    lang: series.language,
    description: volume.description,
    publisher: series.publisher,
    rights: series.rights,
    date: volume.date,
    modified: volume.modified,
    creators:
      volume.creators?.map((c) => ({ name: c.name, role: c.role, fileAs: c['file-as'], kind: c.kind })) ??
      authors.map((name) => ({ name, role: 'aut' })),
    // In the package a coded subject names its scheme (authority) and code (term), as EPUB 3 asks.
    subjects: [...series.subjects, ...volume.subjects].map((s) => ({ ...s, authority: SUBJECT_SCHEMES[s.scheme].authority })),
    series: { name: series.name, position: volume.number },
    a11y: {
      // The cover (and any photo) is visual; every image carries a text alternative, unless one has none.
      accessModes: ['textual', 'visual'],
      sufficient: untold ? ['textual,visual'] : ['textual', 'textual,visual'],
      features: [
        'structuralNavigation',
        'tableOfContents',
        'readingOrder',
        ...(untold ? [] : ['alternativeText']),
        'displayTransformability',
      ],
      hazards: ['none'],
      summary: series.accessibility.summary,
      // WCAG 2.1 AA asks a text alternative of every image that is not decoration (1.1.1): a book
      // with a photo that has none does not conform, and claims nothing (reportUntoldImages says where).
      conformsTo: untold ? undefined : 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA',
      // EPUB Accessibility 1.1 (4.2) asks a claim to name who evaluated the book: the publisher, unless series.yaml names another.
      certifiedBy: untold ? undefined : (series.accessibility['certified-by'] ?? series.publisher),
    },
    labels,
  };
}

export interface BuildVolumeOptions {
  outDir: string;
  browser: Browser;
  config?: BookConfig;
  /** Called as the build moves from stage to stage */
  progress?: (message: string) => void;
  /**
   * Called with the chapters' checked manuscripts before anything is built (to print findings);
   * returning true stops the volume there and nothing is written (a --final build with errors).
   */
  checked?: (files: VFile[]) => boolean | undefined;
  /** Files written with the book, all or none, by name in outDir (the CLI's findings report, with what `validate` said) */
  alongside?: (stem: string, files: VFile[], validated?: string) => Record<string, string>;
  /**
   * Called with the built book (its bytes, its file name) before anything is written: the
   * validators run on it, what they said goes to `alongside`, and `refuse` writes nothing (a
   * --final build of a book EPUBCheck or Ace fails: the book it would replace stays).
   */
  validate?: (
    epub: Buffer,
    name: string,
    files: VFile[],
    /** Where in the manuscripts a validator's finding comes from, read from the book (the one built unless another copy is given) when asked */
    places: (book?: Buffer) => Promise<(finding: Finding) => SourcePlace | undefined>,
  ) => Promise<{ refuse: boolean; said: string }>;
}

/**
 * Build one volume from its chapters' articles, in reading order. The caller loads them
 * (src/pipeline.ts loadArticles): they are taken one at a time, so the cover and each chapter's
 * images are under way while the next manuscript is read and checked.
 */
export async function buildVolume(
  series: Series,
  volume: Volume,
  chapterArticles: AsyncIterable<Article>,
  options: BuildVolumeOptions,
): Promise<VolumeResult | undefined> {
  const started = performance.now();
  const config = options.config ?? loadBookConfig();
  const say = options.progress ?? (() => {});
  const stem = volumeStem(series, volume);

  const number = volumeNumeral(volume.number, config.cover.numerals);
  const coverText = {
    lang: series.language,
    series: series.name,
    number,
    title: volume.title,
    tagline: volume.cover.tagline ?? '',
    publisher: series.publisher,
  };
  // Work that runs off the main thread starts as early as it can: the cover in the browser at once,
  // each chapter's images (sharp) as soon as its manuscript is read, while the next one is parsed
  // and checked. Nothing is written before the checks have been reported.
  // (Their failures are awaited below; the no-op handlers only keep Node from calling them unhandled
  // while the manuscripts are still being read.)
  if (!volume.cover.image) refuseMissingGlyphs(series, volume);
  const coverJob: Promise<CoverImage> = volume.cover.image
    ? designerCover(series, volume, volume.cover.image, config.cover)
    : renderCover(options.browser, coverText, config.cover).then(
        (data) => ({ data, width: config.cover.width, height: config.cover.height }),
        (error) => {
          throw error instanceof CoverTextError ? new CoverTextError(`${series.file}: volume ${volume.number}: ${error.message}`) : error;
        },
      );
  coverJob.catch(() => undefined);
  const articles: Article[] = [];
  const chapterJobs: Promise<Chapter>[] = [];
  const convert = imageConverter(config.images);
  try {
    for await (const article of chapterArticles) {
      articles.push(article);
      const job = buildChapter(article, articles.length, convert, series.language);
      job.catch(() => undefined);
      chapterJobs.push(job);
    }
  } catch (error) {
    // An unreadable manuscript stops the volume: let the started work finish before reporting it.
    await Promise.allSettled([coverJob, ...chapterJobs]);
    throw error;
  }
  const pending = Promise.all([coverJob, ...chapterJobs]);
  const vfiles = articles.map((a) => a.file);
  // A volume no one is named for: its package has no dc:creator, its ONIX record <NoContributor/>.
  if (!volume.creators && articles.length && !articles.some((a) => chapterAuthors(a).length)) {
    const msg = articles[0].file.message(
      `Volume ${volume.number} names no author: no chapter's front matter gives author:, and ${path.basename(series.file)} gives the volume no creators:, so the e-book names no creator and its ONIX record says NoContributor; add author: to the chapters, or creators: [{ name: …, role: aut }] to volume ${volume.number}`,
      { place: { line: 1, column: 1 }, ruleId: 'epub-no-creator', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
  }
  if (options.checked?.(vfiles)) {
    await pending.catch(() => undefined);
    return undefined;
  }
  // What the reader sees in the book's pages: the chapters (their headings included) and the labels
  // of the navigation document; the font subset is cut while the images and the cover finish.
  const texts = articles.map((a, i) => chapterText(a.hast, i + 1));
  const labels = Object.values(config.labels).join('');
  const [fonts, coverImage, chapters] = await Promise.all([
    embedBodyFont(texts.map((t) => t.text).join('') + labels, texts.map((t) => t.boldText).join('') + labels, config.fonts),
    coverJob,
    Promise.all(chapterJobs),
  ]);
  storeImagesOnce(chapters);
  say(`${stem}: ${chapters.length} chapter(s), cover, font subset ${fonts.files.length} file(s) ${(fonts.bytes / 1024).toFixed(0)} KB`);
  const book = describeBook(series, volume, chapters, config.labels);
  for (const [i, chapter] of chapters.entries()) reportUntoldImages(chapter, articles[i]);
  const split = chapters.map((c) => splitChapter(c, config.chapters.maxFileBytes));
  for (const [i, s] of split.entries()) reportOversized(s, articles[i], config.chapters.maxFileBytes);
  // Links between chapters name the file their target ended up in, once every chapter is cut into its files.
  linkVolume(chapters, split, vfiles);
  const cover = {
    image: {
      href: 'images/cover.jpg',
      mediaType: 'image/jpeg' as const,
      data: coverImage.data,
      width: coverImage.width,
      height: coverImage.height,
    },
    alt: `${series.name} 第${number}卷 ${volume.title}${volume.cover.tagline ? ` ${volume.cover.tagline}` : ''} ${series.publisher}`,
  };

  const epub = await assembleEpub({
    book,
    chapters,
    cover,
    fonts: fonts.files,
    fontCss: fonts.css,
    split,
  });
  const epubFile = path.join(options.outDir, `${stem}.epub`);
  const onixFile = path.join(options.outDir, `${stem}.onix.xml`);
  // The build's time: the validators' is their own (the volume's line gives each).
  const ms = performance.now() - started;
  const sources = split.flatMap((s, i) => s.files.map((f) => ({ ...f, manuscript: articles[i].file.path })));
  const verdict = await options.validate?.(epub, path.basename(epubFile), vfiles, (book = epub) => sourcePlaces(book, sources));
  if (verdict?.refuse) return undefined;
  // The book, its record and their companions (the CLI's findings report) all or none.
  const stage = await stageOutputs(options.outDir);
  try {
    await stage.write(path.basename(epubFile), epub);
    await stage.write(path.basename(onixFile), onixRecord(series, volume, book));
    for (const [name, text] of Object.entries(options.alongside?.(stem, vfiles, verdict?.said) ?? {})) await stage.write(name, text);
    await stage.commit();
  } catch (error) {
    await stage.abort();
    throw error;
  }
  return {
    volume,
    epub: epubFile,
    onix: onixFile,
    bytes: epub.length,
    chapters: chapters.length,
    chapterFiles: split.reduce((n, s) => n + s.files.length, 0),
    images: chapters.reduce((n, c) => n + c.images.length, 0),
    fontFiles: fonts.files.length,
    fontBytes: fonts.bytes,
    missingGlyphs: fonts.missing.map((cp) => String.fromCodePoint(cp)),
    files: vfiles,
    ms,
  };
}

/**
 * The drawn cover sets the series name, title, tagline and publisher in the project's faces: a
 * character they lack would be printed as an empty box on the cover. Refused at the line of
 * series.yaml that writes it, every such text at once.
 */
function refuseMissingGlyphs(series: Series, volume: Volume): void {
  const texts: Array<[string, string | undefined, Place | undefined]> = [
    ['series.name', series.name, series.at.name],
    ['title', volume.title, volume.at.title],
    ['cover.tagline', volume.cover.tagline, volume.at.tagline],
    ['series.publisher', series.publisher, series.at.publisher],
  ];
  const problems = texts.flatMap(([key, text, place]) => {
    const missing = text ? planFonts(text).missing : [];
    if (!missing.length) return [];
    const chars = missing.map((cp) => `“${String.fromCodePoint(cp)}” (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
    return [
      {
        file: series.file,
        ...place,
        message:
          `volume ${volume.number}: ${key} "${text}" has ${chars}, which the cover's faces (templates/fonts.yaml) lack: ` +
          "the drawn cover would show an empty box. Write the text without it, or give the designer's cover as cover.image",
      },
    ];
  });
  if (problems.length) throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
}

/**
 * The volume's cover.image read under the confinement rule (in the series' folder: no link out, no
 * FIFO or device, within the size limit) and converted; any problem is bad input naming the key.
 */
async function designerCover(series: Series, volume: Volume, file: string, config: BookConfig['cover']): Promise<CoverImage> {
  const dir = path.dirname(series.file);
  const shown = path.relative(dir, file);
  // At the line of series.yaml that names the image, as every other mistake in the file is.
  const where = (message: string) =>
    formatProblem({ file: series.file, ...volume.at.image, message: `volume ${volume.number}: cover.image "${shown}" ${message}` });
  let bytes: Buffer;
  try {
    bytes = await readConfined(dir, file, { shown });
  } catch (error) {
    if (error instanceof ConfinementError) throw new InputError(where(`cannot be read: ${error.message}; give an image file in ${dir}`));
    throw error;
  }
  try {
    return await coverFromImage(bytes, config);
  } catch (error) {
    // A pixel bomb's "Input image exceeds pixel limit" in words, with the advice to scale it down, not to give a PNG (it was one).
    const why = error instanceof CoverTooSmall ? (error as Error).message.split('\n')[0] : imageErrorWords(error);
    const advice =
      error instanceof CoverTooSmall
        ? ''
        : why.endsWith('million pixels')
          ? `; scale it down: the cover is ${config.width} × ${config.height} px`
          : '; give the cover as a JPEG or PNG file';
    throw new InputError(where(`cannot be used: ${why}${advice}`));
  }
}

/**
 * Each image of the chapter with no text alternative (neither alt text nor a caption) is why the
 * book makes no conformance claim: told at the image, so the editor knows what to describe.
 */
function reportUntoldImages(chapter: Chapter, article: Article): void {
  for (const image of imagesWithoutText(chapter)) {
    const msg = article.file.message(
      'This image has neither alt text nor a caption, so a screen reader says nothing of it: the e-book does not meet WCAG 2.1 AA ' +
        '(1.1.1, text alternatives), and its package and ONIX record claim no conformance (dcterms:conformsTo, ONIX 09/04, 09/81, 09/85). ' +
        'Say what the image shows as its alt text, ![照片里是什么](…), or give it a caption',
      { place: image.position, ruleId: 'epub-a11y-unclaimed', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
  }
}

/** A block larger than a chapter file may be (a huge table or paragraph) cannot be cut: its file is larger, said at the block. */
function reportOversized(split: SplitChapter, article: Article, maxBytes: number): void {
  for (const block of split.oversized) {
    const what = block.tagName === 'table' ? 'table' : block.tagName === 'p' ? 'paragraph' : `<${block.tagName}> block`;
    const msg = article.file.message(
      `This ${what} alone is over the ${maxBytes / 1024} KB a chapter file of the e-book may be (templates/epub/book.yaml chapters.max-file-kb), ` +
        'and a file is cut only between blocks: it is a file of its own, larger than that, which older e-readers open slowly. Split it in two',
      { place: block.position, ruleId: 'epub-file-large', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
  }
}

const DIGITS = '零一二三四五六七八九';

/** 0–9999 in Chinese numerals: 一千零一, 一百一十 (a gap of zeros is one 零, trailing zeros none). */
function underTenThousand(n: number): string {
  let out = '';
  let zero = false;
  for (const [unit, size] of [
    ['千', 1000],
    ['百', 100],
    ['十', 10],
    ['', 1],
  ] as const) {
    const d = Math.floor(n / size) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    out += `${zero ? '零' : ''}${DIGITS[d]}${unit}`;
    zero = false;
  }
  return out;
}

/**
 * Volume numbers as printed on Chinese covers: 1 → 一, 12 → 十二, 20 → 二十, 100 → 一百, 101 →
 * 一百零一, 110 → 一百一十, 1001 → 一千零一, 10001 → 一万零一. Every number is written so (the
 * cover of volume 100 said 第100卷 among 第九十九卷); templates/epub/book.yaml cover.numerals: arabic
 * writes them all in Arabic numerals instead.
 */
export function chineseNumeral(n: number): string {
  if (n === 0) return DIGITS[0];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.unshift(rest % 10000);
  const names = ['', '万', '亿', '万亿'];
  let out = '';
  let zero = false;
  groups.forEach((g, i) => {
    const name = names[groups.length - 1 - i];
    if (g === 0) {
      zero = out !== '';
      return;
    }
    // 一万零一: a group under a thousand after a higher one is read with a 零 before it.
    out += `${zero || (out !== '' && g < 1000) ? '零' : ''}${underTenThousand(g)}${name}`;
    zero = false;
  });
  // 10–19 alone are 十, 十一 … 十九, not 一十一.
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

/** The volume number as the cover prints it (第…卷), in the numerals templates/epub/book.yaml cover.numerals chooses. */
export function volumeNumeral(n: number, numerals: BookConfig['cover']['numerals']): string {
  return numerals === 'arabic' ? String(n) : chineseNumeral(n);
}
