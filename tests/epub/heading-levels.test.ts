// Manuscripts from outside skip heading levels (小标题 written as ###, a #### straight under a ##):
// the copy desk warns (heading-increment), and the book must still pass Ace, which fails a skipped
// level (heading-order). The chapter's headings are numbered by their nesting, as the navigation
// already nests them: the first level under the headline is h2, each level below it one more.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import type { VolumeResult } from '../../src/epub/build-volume.js';
import { ace, epubcheck } from '../../src/epub/validate.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, NS, all, readEpub, textOf, type Epub } from './read-epub.js';

const SERIES_FILE = path.join(ROOT, 'tests/fixtures/epub/heading-levels/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-headings-'));
let result: VolumeResult;
let book: Epub;

beforeAll(async () => {
  result = await buildFirstVolume(SERIES_FILE, out);
  book = await readEpub(result.epub);
});

afterAll(() => rm(out, { recursive: true, force: true }));

/** Each heading of a chapter file as "hN text", in reading order. */
function headings(file: string): string[] {
  return all(book.xml(`${book.base}${file}`), NS.xhtml, '*')
    .filter((e) => /^h[1-6]$/.test(e.localName ?? ''))
    .map((e) => `${e.localName} ${textOf(e)}`);
}

describe('a chapter that skips heading levels', () => {
  it('passes DAISY Ace with no violations (no heading-order) and Java EPUBCheck with 0 errors, 0 warnings', async () => {
    const [check, access] = await Promise.all([epubcheck(result.epub, { java: true }), ace(result.epub)]);
    expect(access.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
  });

  it('numbers its headings by their nesting, each level one below the one it stands under', () => {
    expect(headings('ch01-h3-sections.xhtml')).toEqual(['h1 小标题写成三级', 'h2 第一部分', 'h2 第二部分', 'h3 第二部分之一']);
    expect(headings('ch02-skips.xhtml')).toEqual([
      'h1 层级时有跳跃',
      'h2 一、概况',
      'h3 数据来源',
      'h4 附注',
      'h3 回到三级',
      'h2 二、建议',
      'h3 建议细目',
    ]);
  });

  it('keeps every heading in the navigation, nested as in the chapter', () => {
    const toc = all(book.xml(`${book.base}toc.xhtml`), NS.xhtml, 'nav').find((n) => n.getAttribute('epub:type') === 'toc')!;
    const depth = (e: Element | null): number =>
      e && e.localName !== 'nav' ? (e.localName === 'ol' ? 1 : 0) + depth(e.parentNode as Element) : 0;
    const entries = all(toc, NS.xhtml, 'a').map((a) => `${depth(a)} ${textOf(a)}`);
    expect(entries).toEqual([
      '1 小标题写成三级',
      '2 第一部分',
      '2 第二部分',
      '3 第二部分之一',
      '1 层级时有跳跃',
      '2 一、概况',
      '3 数据来源',
      '4 附注',
      '3 回到三级',
      '2 二、建议',
      '3 建议细目',
    ]);
  });
});
