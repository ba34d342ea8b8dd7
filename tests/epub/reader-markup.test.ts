// Markup from manuscripts written elsewhere (tests/fixtures/epub/reader-markup, one chapter per
// case) that the copy desk lets pass and DAISY Ace or EPUBCheck would not: the book must still pass
// both, and read back as the manuscript wrote it.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeResult } from '../../src/epub/build-volume.js';
import { ace, epubcheck } from '../../src/epub/validate.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, NS, all, embeddedFaces, readEpub, textOf, type Epub } from './read-epub.js';

const SERIES_FILE = path.join(ROOT, 'tests/fixtures/epub/reader-markup/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-markup-'));
let result: VolumeResult;
let book: Epub;

beforeAll(async () => {
  result = await buildFirstVolume(SERIES_FILE, out);
  book = await readEpub(result.epub);
});

afterAll(() => rm(out, { recursive: true, force: true }));

describe('markup the desk lets pass', () => {
  it('passes DAISY Ace with no violations and Java EPUBCheck with 0 errors, 0 warnings', async () => {
    const [check, access] = await Promise.all([epubcheck(result.epub, { java: true }), ace(result.epub)]);
    expect(access.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
  });

  it('a table whose corner header cell is blank (row names below it): a blank cell, no header without a name', () => {
    const doc = book.xml(`${book.base}ch01-corner-table.xhtml`);
    const rows = all(doc, NS.xhtml, 'tr').map((tr) =>
      all(tr, NS.xhtml, '*')
        .filter((c) => c.localName === 'th' || c.localName === 'td')
        .map((c) => `${c.localName}:${textOf(c)}`)
        .join(' '),
    );
    expect(rows).toEqual([
      'td: th:2022年 th:2023年',
      'td:提案 td:1,000 td:1,200',
      'td:社情民意信息 td:300 td:350',
      'td: td: th:合计',
      'td:甲 td:乙 td:3',
    ]);
  });

  it('a lang: that is no language tag (zh_CN, 英文): read as the tag meant (zh-CN, en), each told at its line', () => {
    const section = (file: string) => all(book.xml(`${book.base}${file}`), NS.xhtml, 'section')[0];
    // zh-CN is the book's language: the chapter says none of its own.
    expect(section('ch02-locale-lang.xhtml').hasAttribute('lang')).toBe(false);
    // 英文 is the name of English: the chapter is marked en.
    expect(section('ch03-word-lang.xhtml').getAttribute('lang')).toBe('en');
    const told = result.files.flatMap((f) =>
      f.messages.filter((m) => m.ruleId === 'epub-lang-invalid').map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.reason}`),
    );
    expect(told).toEqual([
      'locale-lang.md:4:1 lang "zh_CN" is not a language tag (BCP 47), which an e-book\'s XHTML must carry; the chapter is marked zh-CN. Write lang: zh-CN',
      'word-lang.md:4:1 lang "英文" is not a language tag (BCP 47), which an e-book\'s XHTML must carry; the chapter is marked en. Write lang: en',
    ]);
  });

  it('a web or mail link written without text shows its address (in the embedded face), told at its place', () => {
    const doc = book.xml(`${book.base}ch04-empty-link.xhtml`);
    expect(all(doc, NS.xhtml, 'a').map((a) => `${textOf(a)} → ${a.getAttribute('href')}`)).toEqual([
      'https://www.nmgzx.gov.cn/qxz → https://www.nmgzx.gov.cn/qxz',
      'tougao@nmgzx.cn → mailto:tougao@nmgzx.cn',
      '自治区政协网站 → https://www.nmgzx.gov.cn',
    ]);
    const regular = embeddedFaces(book).find((f) => f.weight === 400)!;
    expect([...'https://www.nmgzx.gov.cn/qxztougao@'].filter((c) => !regular.cmap.has(c.codePointAt(0)!))).toEqual([]);
    const told = result.files.flatMap((f) =>
      f.messages.filter((m) => m.ruleId === 'epub-link-empty').map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.reason}`),
    );
    expect(told).toEqual([
      'empty-link.md:6:14 link to "https://www.nmgzx.gov.cn/qxz" has no text: the e-book shows its address (https://www.nmgzx.gov.cn/qxz). Write what the link names inside the brackets, [text](https://www.nmgzx.gov.cn/qxz)',
      'empty-link.md:6:50 link to "mailto:tougao@nmgzx.cn" has no text: the e-book shows its address (tougao@nmgzx.cn). Write what the link names inside the brackets, [text](mailto:tougao@nmgzx.cn)',
    ]);
  });

  it('a heading with nothing in it (the desk’s heading-empty error) is left out of the chapter and the navigation; the text under it stays', () => {
    const doc = book.xml(`${book.base}ch05-empty-heading.xhtml`);
    const blocks = all(doc, NS.xhtml, '*')
      .filter((e) => /^(h[1-6]|p)$/.test(e.localName ?? ''))
      .map((e) => `${e.localName} ${textOf(e)}`);
    expect(blocks).toEqual([
      'h1 空着的小标题',
      'h2 一、概况',
      'p 概况的正文。',
      'p 来稿在这里留了一个空的二级标题，标题文字还没写。',
      'p 下面还有一个空的三级标题。',
      'h2 二、建议',
      'p 建议的正文。',
    ]);
    const toc = all(book.xml(`${book.base}toc.xhtml`), NS.xhtml, 'a').filter((a) => a.getAttribute('href')?.startsWith('ch05-'));
    expect(toc.map(textOf)).toEqual(['空着的小标题', '一、概况', '二、建议']);
    expect(
      result.files
        .find((f) => f.path.endsWith('empty-heading.md'))!
        .messages.filter((m) => m.ruleId === 'heading-empty')
        .map((m) => m.line),
    ).toEqual([10, 14]);
  });

  it('a heading of a footnote mark alone keeps its place and its note in the chapter, and has no navigation entry (it names nothing)', () => {
    const doc = book.xml(`${book.base}ch06-note-heading.xhtml`);
    const heads = all(doc, NS.xhtml, 'h2').map((h) => textOf(h));
    expect(heads).toEqual(['一、概况', '1', '二、建议', '注释']);
    const notes = all(doc, NS.xhtml, 'div').filter((d) => d.getAttribute('role') === 'doc-footnote');
    expect(notes.map(textOf)).toEqual(['小标题上的脚注。 ↑']);
    const toc = all(book.xml(`${book.base}toc.xhtml`), NS.xhtml, 'a').filter((a) => a.getAttribute('href')?.startsWith('ch06-'));
    expect(toc.map(textOf)).toEqual(['只有脚注号的小标题', '一、概况', '二、建议', '注释']);
  });

  it('a web address with a Chinese host links to it in IDNA (xn--…), its path and text as written', () => {
    const doc = book.xml(`${book.base}ch07-chinese-domain.xhtml`);
    expect(all(doc, NS.xhtml, 'a').map((a) => `${textOf(a)} → ${a.getAttribute('href')}`)).toEqual([
      '示例网站 → https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84?%E6%9F%A5%E8%AF%A2=%E5%80%BC',
      'https://例子.中国 → https://xn--fsqu00a.xn--fiqs8s/',
      '自治区政协 → https://www.nmgzx.gov.cn/%E4%B8%80/%E4%BA%8C',
    ]);
  });

  it('a mistyped web address loses its link and keeps its text, told at its place; a right one stays', () => {
    const doc = book.xml(`${book.base}ch08-broken-address.xhtml`);
    expect(all(doc, NS.xhtml, 'a').map((a) => `${textOf(a)} → ${a.getAttribute('href')}`)).toEqual([
      '自治区政协 → https://www.nmgzx.gov.cn./zxyw/',
    ]);
    expect(textOf(all(doc, NS.xhtml, 'p')[0])).toBe('来稿的网址打错了：端口、双点、三斜杠、只有协议。');
    const told = result.files.flatMap((f) =>
      f.messages
        .filter((m) => m.ruleId === 'epub-link-dropped' && f.path.endsWith('broken-address.md'))
        .map((m) => `${m.line}:${m.column} ${m.reason.replace(/ is not a web address .*$/, '')}`),
    );
    expect(told).toEqual([
      '6:10 link to "https://www.nmgzx.gov.cn:99999/"',
      '6:48 link to "https://www..nmgzx.gov.cn/"',
      '6:81 link to "http:///www.nmgzx.gov.cn"',
      '6:113 link to "https://"',
    ]);
  });

  it('a chapter in another language (lang: en) says so in the navigation too; the book’s own chapters say nothing', () => {
    const entries = all(book.xml(`${book.base}toc.xhtml`), NS.xhtml, 'a')
      .filter((a) => /^ch0[89]-.*#/.test(a.getAttribute('href') ?? ''))
      .map((a) => `${textOf(a)} ${a.getAttribute('lang') ?? '-'} ${a.getAttribute('xml:lang') ?? '-'}`);
    expect(entries).toEqual(['打错的网址 - -', 'A Report in English en en', 'First Section en en']);
  });
});
