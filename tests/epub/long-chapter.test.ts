// A chapter too long for one file (tests/fixtures/epub/long-chapter): its XHTML over
// templates/epub/book.yaml chapters.max-file-kb is cut into files at its 小标题, each within the
// limit and in the spine in reading order; each file carries the notes first referred to in it
// (e-readers show a note's pop-up only from its own file); the navigation, the NCX, the notes (and their way back)
// and the chapter's own links name the file their target ended up in; nothing of the text is lost or
// repeated; EPUBCheck and Ace pass. A chapter with no heading below its title is cut between
// paragraphs when a smaller limit asks for it; a table larger than the limit on its own keeps its
// heading, is a file of its own, and is reported (epub-file-large). A chapter in another language
// than the book's is in it in every file it is cut into; a stray # heading is cut at, never left at a file's end.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadBookConfig } from '../../src/config/book.js';
import { loadSeries } from '../../src/config/series.js';
import { buildVolume, type VolumeResult } from '../../src/epub/build-volume.js';
import { buildChapter } from '../../src/epub/chapter.js';
import { splitChapter } from '../../src/epub/split-chapter.js';
import { ace, epubcheck } from '../../src/epub/validate.js';
import { loadArticle, loadArticles } from '../../src/pipeline.js';
import { ROOT } from '../helpers/cli.js';
import { NS, all, type Epub, parseXml, readEpub, textOf } from './read-epub.js';

const SERIES = path.join(ROOT, 'tests/fixtures/epub/long-chapter/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-long-'));
const config = loadBookConfig();
const LIMIT = config.chapters.maxFileBytes;
let split: VolumeResult;
let whole: VolumeResult;
let small: VolumeResult;
let table: VolumeResult;
let english: VolumeResult;

beforeAll(async () => {
  const series = await loadSeries(SERIES);
  const volume = series.volumes[0];
  const browser = await launchBrowser();
  const build = (dir: string, maxFileBytes: number, v = volume) =>
    buildVolume(series, v, loadArticles(v.chapters), {
      outDir: path.join(out, dir),
      browser,
      config: { ...config, chapters: { maxFileBytes } },
    }).then((r) => r!);
  try {
    split = await build('split', LIMIT);
    whole = await build('whole', 16 * 1024 * 1024);
    small = await build('small', 32 * 1024);
    table = await build('table', 32 * 1024, series.volumes[1]);
    english = await build('english', 32 * 1024, series.volumes[2]);
  } finally {
    await browser.close();
  }
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

/** The spine's content documents in reading order (the cover and the navigation left out). */
function spineFiles(book: Epub): string[] {
  const items = new Map(all(book.opf, NS.opf, 'item').map((i) => [i.getAttribute('id')!, i.getAttribute('href')!]));
  return all(book.opf, NS.opf, 'itemref')
    .map((r) => items.get(r.getAttribute('idref')!)!)
    .filter((href) => /^ch\d/.test(href));
}

const ids = (book: Epub, file: string) => new Set(Array.from(book.text(`${book.base}${file}`).matchAll(/\sid="([^"]+)"/g), (m) => m[1]));

/** Every link of the book's documents that points into the book resolves to an id of the file it names. */
function brokenLinks(book: Epub): string[] {
  const docs = [...spineFiles(book), 'toc.xhtml'];
  const broken: string[] = [];
  for (const from of docs) {
    for (const [, href] of book.text(`${book.base}${from}`).matchAll(/\shref="([^"]+)"/g)) {
      if (/^(https?:|mailto:)/.test(href) || href.endsWith('.css')) continue;
      const [file, id] = href.split('#');
      const target = file || from;
      if (!book.names.includes(`${book.base}${target}`)) broken.push(`${from}: ${href} (no file)`);
      else if (id && !ids(book, target).has(id)) broken.push(`${from}: ${href} (no id)`);
    }
  }
  for (const point of all(book.xml(`${book.base}toc.ncx`), 'http://www.daisy.org/z3986/2005/ncx/', 'content')) {
    const [file, id] = point.getAttribute('src')!.split('#');
    if (!ids(book, file).has(id)) broken.push(`toc.ncx: ${file}#${id}`);
  }
  return broken;
}

/** A document's notes sections (each part of a split chapter has its own, after its text). */
const notesOf = (doc: Element) => all(doc, NS.xhtml, 'section').filter((s) => s.getAttribute('epub:type') === 'footnotes');

/** The text a reader reads, file after file of the spine, and the notes' (sorted: a split chapter sets them in the parts). */
function bookText(book: Epub): { text: string; notes: string[] } {
  const files = spineFiles(book);
  const notes: string[] = [];
  const text = files
    .map((f) => {
      const body = all(book.xml(`${book.base}${f}`), NS.xhtml, 'body')[0] as Element;
      for (const section of notesOf(body)) {
        notes.push(...all(section, NS.xhtml, 'li').map((li) => textOf(li).replace(/\s+/g, '')));
        section.parentNode!.removeChild(section);
      }
      return textOf(body);
    })
    .join('')
    .replace(/\s+/g, '');
  return { text, notes: notes.sort() };
}

describe('a chapter longer than chapters.max-file-kb', () => {
  it('is cut into files within the limit, at a 小标题, in the spine in reading order', async () => {
    const book = await readEpub(split.epub);
    expect(spineFiles(book)).toEqual(['ch01-long.xhtml', 'ch01-long-2.xhtml', 'ch02-flat.xhtml']);
    for (const f of spineFiles(book)) expect(book.bytes(`${book.base}${f}`).length, f).toBeLessThanOrEqual(LIMIT);
    // The unsplit chapter is over the limit: the cut is this test's subject.
    const unsplit = await readEpub(whole.epub);
    expect(spineFiles(unsplit)).toEqual(['ch01-long.xhtml', 'ch02-flat.xhtml']);
    expect(unsplit.bytes(`${unsplit.base}ch01-long.xhtml`).length).toBeGreaterThan(LIMIT);
    // The second file opens with a 小标题 (the first heading after the cut), not mid-section.
    const body = all(book.xml(`${book.base}ch01-long-2.xhtml`), NS.xhtml, 'div')[0];
    const first = Array.from(body.childNodes as unknown as ArrayLike<Element>).find((n) => n.nodeType === 1)!;
    expect([first.localName, first.getAttribute('class')]).toEqual(['h2', 'section-head']);
  });

  it('keeps the text whole: the files read the same as the unsplit chapter', async () => {
    const [book, unsplit] = await Promise.all([readEpub(split.epub), readEpub(whole.epub)]);
    expect(bookText(book)).toEqual(bookText(unsplit));
  });

  it('points the navigation, the NCX, the notes and the chapter’s links at the file their target is in', async () => {
    const book = await readEpub(split.epub);
    expect(brokenLinks(book)).toEqual([]);
    const nav = book.text(`${book.base}toc.xhtml`);
    expect(nav).toMatch(/href="ch01-long-2\.xhtml#ch01-s\d+">第十二节　回顾与展望</);
    const part1 = book.text(`${book.base}ch01-long.xhtml`);
    const part2 = book.text(`${book.base}ch01-long-2.xhtml`);
    // Each part carries the notes first referred to in it, numbered as the references are, with
    // their way back: a reader's pop-up shows a note of its own file only. A note referred to from
    // both parts stays with its first reference; the later one links to it there, and back.
    expect(part1).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1" aria-describedby="ch01-s49"');
    expect(part1).toContain('<a href="#user-content-fn-2" id="user-content-fnref-2" aria-describedby="ch01-s49"');
    expect(part2).toContain('<a href="#user-content-fn-3" id="user-content-fnref-3" aria-describedby="ch01-s49-2"');
    expect(part2).toContain('<a href="ch01-long.xhtml#user-content-fn-1" id="user-content-fnref-1-2" aria-describedby="ch01-s49-2"');
    const notes = (text: string) =>
      Array.from(text.matchAll(/<li value="(\d+)"><div id="([^"]+)" epub:type="footnote" role="doc-footnote">/g), (m) => `${m[1]} ${m[2]}`);
    expect(notes(part1)).toEqual(['1 user-content-fn-1', '2 user-content-fn-2']);
    expect(notes(part2)).toEqual(['3 user-content-fn-3']);
    expect(part1).toContain('<a href="#user-content-fnref-1" aria-label="返回正文" class="data-footnote-backref">↑</a>');
    expect(part1).toContain('<a href="ch01-long-2.xhtml#user-content-fnref-1-2" aria-label="返回正文" class="data-footnote-backref">↑</a>');
    expect(part2).toContain('<a href="#user-content-fnref-3" aria-label="返回正文" class="data-footnote-backref">↑</a>');
    expect(part2).toMatch(/<h2 class="sr-only" id="ch01-s49-2">注释<\/h2>/);
    // The navigation lists no 注释: the notes are in two lists, and the first is before the last 小标题.
    expect(nav).not.toContain('注释');
    expect(book.text(`${book.base}toc.ncx`)).not.toContain('注释');
    // No id is in two parts.
    const [ids1, ids2] = [ids(book, 'ch01-long.xhtml'), ids(book, 'ch01-long-2.xhtml')];
    expect([...ids1].filter((id) => ids2.has(id))).toEqual([]);
    // The start's link to the last section and the end's link back to the first.
    expect(part1).toMatch(/<a href="ch01-long-2\.xhtml#ch01-s\d+">第十二节　回顾与展望<\/a>/);
    expect(part2).toMatch(/<a href="ch01-long\.xhtml#ch01-s1">第一节<\/a>/);
    // aria-describedby names ids of its own document only.
    for (const text of [part1, part2])
      for (const [, ref] of text.matchAll(/aria-(?:describedby|labelledby)="([^"]+)"/g)) expect(text, ref).toContain(`id="${ref}"`);
  });

  it('passes EPUBCheck and Ace', async () => {
    const check = await epubcheck(split.epub, { java: true });
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    const access = await ace(split.epub);
    expect(access.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(access.outcome).toBe('pass');
  }, 120_000);
});

describe('a chapter with no heading to cut at', () => {
  it('is cut between paragraphs within a smaller limit, its text whole, and passes EPUBCheck', async () => {
    const book = await readEpub(small.epub);
    const flat = spineFiles(book).filter((f) => f.startsWith('ch02-'));
    expect(flat.length).toBeGreaterThanOrEqual(3);
    for (const f of spineFiles(book)) expect(book.bytes(`${book.base}${f}`).length, f).toBeLessThanOrEqual(32 * 1024);
    const unsplit = await readEpub(whole.epub);
    expect(bookText(book)).toEqual(bookText(unsplit));
    expect(brokenLinks(book)).toEqual([]);
    const check = await epubcheck(small.epub, { java: true });
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
  }, 120_000);
});

describe('a block larger than the limit on its own', () => {
  it('is a file of its own with its heading, the text before and after in their own, and is reported at its line', async () => {
    const book = await readEpub(table.epub);
    expect(spineFiles(book)).toEqual(['ch01-table.xhtml', 'ch01-table-2.xhtml']);
    const first = book.text(`${book.base}ch01-table.xhtml`);
    // The heading stays with the table it heads; the note under the table goes on in the next file.
    expect(first).toMatch(/<h2 [^>]*>各盟市提案统计<\/h2>\s*<table>/);
    expect(first.match(/<tr>/g)).toHaveLength(901);
    expect(book.text(`${book.base}ch01-table-2.xhtml`)).toContain('<p>表中数字为示例。</p>');
    const found = table.files[0].messages.filter((m) => m.ruleId === 'epub-file-large');
    expect(found.map((m) => `${m.line}:${m.column} ${m.fatal} ${m.message}`)).toEqual([
      '8:1 false This table alone is over the 32 KB a chapter file of the e-book may be (templates/epub/book.yaml chapters.max-file-kb), ' +
        'and a file is cut only between blocks: it is a file of its own, larger than that, which older e-readers open slowly. Split it in two',
    ]);
    // The chapters that could be cut within the limit report nothing.
    expect(small.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'epub-file-large'))).toEqual([]);
    expect(brokenLinks(book)).toEqual([]);
  });
});

describe('a chapter in another language than the book’s', () => {
  it('is in that language in every file it is cut into, not only the first', async () => {
    const book = await readEpub(english.epub);
    const files = spineFiles(book);
    expect(files.length).toBeGreaterThanOrEqual(2);
    // The language each file's text is in: the nearest lang above its first paragraph (the html element's is the book's).
    const langOf = (file: string) => {
      let node = all(book.xml(`${book.base}${file}`), NS.xhtml, 'p')[0] as Element | null;
      while (node && !node.getAttribute('lang')) node = node.parentNode as Element | null;
      return [node?.getAttribute('lang'), node?.getAttribute('xml:lang')];
    };
    expect(files.map(langOf)).toEqual(files.map(() => ['en', 'en']));
    const check = await epubcheck(english.epub, { java: true });
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
  }, 120_000);
});

describe('a stray # heading in the body (a level-1 heading, which the desk reports)', () => {
  it('is cut at as a 小标题 is, and never left alone at a file’s end', async () => {
    const article = await loadArticle(path.join(ROOT, 'tests/fixtures/epub/long-chapter/stray-h1.md'));
    const chapter = await buildChapter(article, 1, async () => {
      throw new Error('the fixture has no image');
    });
    const { files } = splitChapter(chapter, 16 * 1024);
    // Each file's blocks: tag and text.
    const blocks = files.map((f) => {
      const doc = parseXml(`<div xmlns="${NS.xhtml}" xmlns:epub="${NS.epub}">${f.xhtml}</div>`);
      const body = all(doc, NS.xhtml, 'div').find((d) => d.getAttribute('class') === 'article-body')!;
      return Array.from(body.childNodes as unknown as ArrayLike<Element>)
        .filter((n) => n.nodeType === 1)
        .map((n) => `${n.localName} ${textOf(n).slice(0, 5)}`);
    });
    expect(blocks).toHaveLength(2);
    expect(blocks[1][0]).toBe('h1 第二部分');
    for (const b of blocks) expect(b.at(-1)).toMatch(/^p /);
  });
});
