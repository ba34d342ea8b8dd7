// The noncharacters U+FFFE and U+FFFF (text pasted from a file read in the wrong byte order) in a
// chapter's headline and text (tests/fixtures/epub/noncharacters). XML 1.0 forbids them: the
// chapter, toc.xhtml and toc.ncx carried them as they were, EPUBCheck stopped on each ("An invalid
// XML character (Unicode: 0xfffe)", RSC-016 fatal), Ace could not open the book, and the copy desk
// said only that the fonts lack them. They are left out of every output, as control codes are, and
// the copy desk reports each where the manuscript has it.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolumeResult } from '../../src/epub/build-volume.js';
import { epubcheck } from '../../src/epub/validate.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { buildFirstVolume, readEpub, type Epub } from './read-epub.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/noncharacters');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-nonchar-'));
let result: VolumeResult;
let book: Epub;

beforeAll(async () => {
  result = await buildFirstVolume(path.join(DIR, 'series.yaml'), out);
  book = await readEpub(result.epub);
}, 180_000);

afterAll(() => rm(out, { recursive: true, force: true }));

describe('U+FFFE and U+FFFF in a chapter', () => {
  it('are left out of the book, which passes Java EPUBCheck with no error', async () => {
    for (const name of book.names.filter((n) => /\.(xhtml|ncx|opf)$/.test(n))) expect(book.text(name), name).not.toMatch(/[\uFFFE\uFFFF]/);
    const chapter = book.text(book.names.find((n) => n.endsWith('.xhtml') && n.includes('ch01'))!);
    expect(chapter).toContain('标题测试');
    expect(chapter).toContain('正文第一段，测试非字符。');
    const check = await epubcheck(result.epub, { java: true });
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(check.fatals + check.errors).toBe(0);
  });

  it('are reported by the copy desk where the manuscript has them, and --fix would delete them', () => {
    const r = runCli(['check', path.join(DIR, 'article.md'), '--format', 'json']);
    const all = JSON.parse(r.stdout) as Array<{ line: number; column: number; ruleId: string; message: string; fixable: boolean }>;
    // once each: not a second time as a character the fonts lack (font-coverage), since it is never printed
    expect(all.filter((f) => /U\+FFF[EF]/.test(f.message) && f.ruleId !== 'control-characters')).toEqual([]);
    const found = all
      .filter((f) => f.ruleId === 'control-characters')
      .map((f) => `${f.line}:${f.column} ${f.message.split(':')[0]} ${f.fixable}`);
    expect(found).toEqual([
      '2:13 Invisible character U+FFFE noncharacter true',
      '6:6 Invisible character U+FFFF noncharacter true',
      '8:6 Invisible character U+FFFE noncharacter true',
    ]);
  });
});
