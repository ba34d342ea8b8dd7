// Pandoc-style front matter (title, subtitle, author — a name, a list, or `name:` entries — date,
// lang), as many manuscripts arrive: the front-matter reader maps it to the headline, subheadline
// and byline, so the page PDF, article.html and the EPUB all print them. In baoban's own front
// matter (`headline:` given) `author` stays metadata and prints nothing.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManuscript } from '../../src/manuscript/read.js';
import { parseManuscript } from '../../src/markdown/processor.js';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { ROOT, runCli } from '../helpers/cli.js';
import { openPdf, textItems } from '../page/helpers/pdf.js';
import { NS, all, dc, readEpub, textOf } from '../epub/read-epub.js';

const FIX = path.join(ROOT, 'tests/fixtures/manuscripts');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-pandoc-'));

const matterOf = async (file: string) => {
  const vfile = await readManuscript(file);
  await parseManuscript(vfile);
  return { matter: vfile.data.matter!, from: vfile.data.matterFrom, messages: vfile.messages };
};

/** The headline block of an HTML or XHTML document: class → text. */
function headlineBlock(markup: string, mime: 'text/html' | 'application/xhtml+xml') {
  const doc = new DOMParser().parseFromString(markup, mime);
  const header = Array.from(doc.getElementsByTagName('header') as unknown as ArrayLike<Element>).find((h) =>
    (h.getAttribute('class') ?? '').includes('headline-block'),
  )!;
  const parts: Record<string, string> = {};
  for (const el of Array.from(header.childNodes as unknown as ArrayLike<Element>)) {
    if (el.nodeType !== 1) continue;
    parts[(el.getAttribute('class') ?? el.tagName).split(' ')[0]] = (el.textContent ?? '').trim();
  }
  return parts;
}

const CHINESE = { headline: '草原上的新课堂', subheadline: '——一所牧区学校的一年', 'byline-head': '张悦、李文' };

describe("the front-matter reader maps Pandoc's keys", () => {
  it('title, subtitle and a list of authors give the headline, subheadline and byline; date and lang as they are', async () => {
    const { matter, from, messages } = await matterOf(path.join(FIX, 'pandoc/article.md'));
    expect([matter.headline, matter.subheadline, matter.byline]).toEqual(['草原上的新课堂', '——一所牧区学校的一年', '张悦、李文']);
    expect([matter.date, matter.lang]).toEqual(['2024-03-08', 'zh-CN']);
    expect(from).toEqual({ headline: 'title', subheadline: 'subtitle', byline: 'author' });
    expect(messages.map(String)).toEqual([]);
  });

  it("Pandoc's `name:` entries give the names; Latin names are joined with commas", async () => {
    const { matter } = await matterOf(path.join(FIX, 'pandoc-names/article.md'));
    expect([matter.headline, matter.subheadline, matter.byline, matter.lang]).toEqual([
      'Night Readers',
      'A city library after dark',
      'Zhang Yue, Li Wen',
      'en',
    ]);
  });

  it("baoban's keys win; with `headline:` given, `author` is metadata and prints no byline", async () => {
    const dir = mkdtempSync(path.join(out, 'keys-'));
    const file = path.join(dir, 'article.md');
    writeFileSync(file, '---\nheadline: 主题\ntitle: 文件标题\nsubtitle: 副题\nauthor: 张悦\n---\n\n正文。\n');
    const { matter, from } = await matterOf(file);
    expect([matter.headline, matter.subheadline, matter.byline]).toEqual(['主题', '副题', undefined]);
    expect(from).toEqual({ subheadline: 'subtitle' });
    // The seed: headline and author in the front matter, its byline written in the body.
    const seed = await matterOf(path.join(ROOT, 'manuscript/ningju-gongshi/article.md'));
    expect([seed.matter.author, seed.matter.byline, seed.from]).toEqual(['张悦', undefined, {}]);
  });
});

describe("every output prints Pandoc's headline, subheadline and byline", () => {
  let html: string;
  let htmlEn: string;
  let pdfText: string;
  let pdfAuthor: string | undefined;
  let epubDir: string;
  let cli: Record<string, ReturnType<typeof runCli>>;

  beforeAll(async () => {
    cli = {
      html: runCli(['build:html', path.join(FIX, 'pandoc'), path.join(FIX, 'pandoc-names'), '--out', path.join(out, 'html')]),
      pdf: runCli(['build:pdf', path.join(FIX, 'pandoc'), '--no-preview', '--out', path.join(out, 'pdf')]),
    };
    html = readFileSync(path.join(out, 'html/pandoc/article.html'), 'utf8');
    htmlEn = readFileSync(path.join(out, 'html/pandoc-names/article.html'), 'utf8');
    const { doc, lib } = await openPdf(path.join(out, 'pdf/pandoc/page.pdf'));
    pdfText = (await textItems(doc)).map((i) => i.str).join('');
    pdfAuthor = lib.getAuthor();
    // A series whose chapters are the two manuscripts (chapters live beside series.yaml).
    epubDir = mkdtempSync(path.join(out, 'epub-'));
    for (const name of ['pandoc', 'pandoc-names']) cpSync(path.join(FIX, name), path.join(epubDir, name), { recursive: true });
    writeFileSync(
      path.join(epubDir, 'series.yaml'),
      [
        'series:',
        '  name: 测试丛书',
        '  slug: pandoc',
        '  publisher: 测试出版社',
        '  rights: © 2024 测试出版社',
        '  language: zh-CN',
        '  accessibility:',
        '    summary: 可重排的文字版电子书。',
        'volumes:',
        '  - number: 1',
        '    title: 第一卷',
        '    date: 2024-03-08',
        '    description: 两篇稿件。',
        '    chapters: [pandoc, pandoc-names]',
        '',
      ].join('\n'),
    );
    cli.epub = runCli(['build:epub', '--series', path.join(epubDir, 'series.yaml'), '--out', path.join(epubDir, 'out')], {
      BAOBAN_QUIET: '1',
    });
  });

  afterAll(() => rm(out, { recursive: true, force: true }));

  it('the builds succeed', () => {
    for (const [name, r] of Object.entries(cli)) expect(r.code, `${name}: ${r.stderr}`).toBe(0);
  });

  it('article.html: the headline block, the document title and language', () => {
    expect(headlineBlock(html, 'text/html')).toEqual(CHINESE);
    expect(html).toMatch(/<title>草原上的新课堂<\/title>/);
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(headlineBlock(htmlEn, 'text/html')).toEqual({
      headline: 'Night Readers',
      subheadline: 'A city library after dark',
      'byline-head': 'Zhang Yue, Li Wen',
    });
    expect(htmlEn).toMatch(/<html lang="en">/);
  });

  it('page.pdf: headline, subheadline, byline and the date in the running head; the authors in its metadata', () => {
    for (const text of Object.values(CHINESE)) expect(pdfText.replace(/\s+/g, '')).toContain(text.replace(/\s+/g, ''));
    expect(pdfText).toContain('2024-03-08');
    expect(pdfAuthor).toBe('张悦、李文');
  });

  it('EPUB: each chapter opens with its headline block, the navigation lists the titles, every author is a creator', async () => {
    expect(cli.epub.stdout).toMatch(/pandoc-1\.epub: 2 chapters, .*0 errors, 0 warnings; Ace [\d.]+: no violations/);
    const book = await readEpub(path.join(epubDir, 'out/pandoc-1.epub'));
    const chapter = (name: string) => headlineBlock(book.text(`${book.base}${name}`), 'application/xhtml+xml');
    expect(chapter('ch01-pandoc.xhtml')).toEqual(CHINESE);
    expect(chapter('ch02-pandoc-names.xhtml')).toEqual({
      headline: 'Night Readers',
      subheadline: 'A city library after dark',
      'byline-head': 'Zhang Yue, Li Wen',
    });
    const en = book.xml(`${book.base}ch02-pandoc-names.xhtml`);
    expect(all(en, NS.xhtml, 'section')[0].getAttribute('xml:lang')).toBe('en');
    const nav = book.xml(`${book.base}toc.xhtml`);
    expect(all(nav, NS.xhtml, 'a').map(textOf)).toEqual(expect.arrayContaining(['草原上的新课堂', 'Night Readers']));
    expect(dc(book.opf, 'creator').map(textOf)).toEqual(['张悦', '李文', 'Zhang Yue', 'Li Wen']);
  });
});
