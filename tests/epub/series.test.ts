// A three-volume test series made here (manuscripts, photos and series.yaml in a temporary folder):
// group positions, ISBN and UUID identifiers, ONIX per volume, image conversion, a missing photo
// that must not break the book, configuration mistakes, and the CLI.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { launchBrowser } from '../../src/browser/launch.js';
import { buildVolume, type VolumeResult } from '../../src/epub/build-volume.js';
import { loadArticles } from '../../src/pipeline.js';
import { loadSeries, type Series } from '../../src/config/series.js';
import { uuidV5 } from '../../src/epub/identifier.js';
import { epubcheck } from '../../src/epub/validate.js';
import { InputError } from '../../src/core/input-error.js';
import { runCli } from '../helpers/cli.js';
import { NS, all, dc, duplicateItems, embeddedFaces, metas, parseXml, readEpub, textOf } from './read-epub.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-series-'));
const ISBN = { 1: '978-7-5000-0001-3', 2: '9787500000020' };

const SERIES_YAML = `series:
  name: 测试丛书
  slug: test-series
  publisher: 测试出版社
  rights: © 2024 测试出版社
  language: zh-CN
  accessibility:
    summary: |-
      可重排的文字版电子书，
      图片均有文字说明。
volumes:
  - number: 3
    title: 第三卷书名
    date: 2024-03-01
    description: 第三卷简介。
    chapters: [delta]
  - number: 1
    title: 第一卷书名
    isbn: ${ISBN[1]}
    date: 2024-01-01
    modified: 2024-01-02T03:04:05Z
    description: 第一卷简介。
    cover:
      tagline: 第一卷副题
    chapters:
      - alpha
      - beta.md
  - number: 2
    title: 第二卷书名
    isbn: "${ISBN[2]}"
    date: 2024-02-01
    description: 第二卷简介。
    creators:
      - name: 王编
        role: edt
        file-as: Wang, Bian
    chapters: [gamma, epsilon.md]
`;

function article(headline: string, body: string, author = '李文') {
  return `---\nheadline: ${headline}\nauthor: ${author}\n---\n\n${body}\n`;
}

async function makeFixtures() {
  await mkdir(path.join(dir, 'alpha', 'images'), { recursive: true });
  await mkdir(path.join(dir, 'gamma'), { recursive: true });
  await mkdir(path.join(dir, 'delta'), { recursive: true });
  // A portrait photo larger than any e-reader screen, and a small PNG with transparency.
  await sharp({ create: { width: 2400, height: 3600, channels: 3, background: '#336699' } })
    .jpeg()
    .toFile(path.join(dir, 'alpha/images/tall.jpg'));
  const chart = sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } });
  await chart.clone().png().toFile(path.join(dir, 'chart.png'));
  // The same pictures again: the photo's very bytes under another name (used by another chapter),
  // and the chart's pixels saved with other compression (other bytes, the same picture in the book).
  await copyFile(path.join(dir, 'alpha/images/tall.jpg'), path.join(dir, 'photo-copy.jpg'));
  await chart.clone().png({ compressionLevel: 1 }).toFile(path.join(dir, 'chart-again.png'));
  await writeFile(
    path.join(dir, 'alpha/article.md'),
    article(
      '甲篇标题',
      '第一段正文,用于测试。\n\n## 甲篇小标题\n\n![2024年1月1日,甲地会议现场。](images/tall.jpg)\n\n### 甲篇细目\n\n第二段正文。',
    ),
  );
  await writeFile(
    path.join(dir, 'beta.md'),
    article(
      '乙篇标题',
      '## 乙篇第一节\n\n乙篇正文,[另见甲篇](alpha/article.md),[草稿](draft.md),[网站](https://example.org/a)。\n\n![图表说明。](chart.png "一张红色的半透明图表")\n\n## 乙篇第二节\n\n乙篇结尾。\n\n# 乙篇附录\n\n附录正文。\n\n![甲篇的照片,另一份拷贝。](photo-copy.jpg)\n\n![同一张图表,另存一次。](chart-again.png)',
    ),
  );
  // 𠀀 (U+20000, CJK Extension B) is not in Noto Serif SC: the build must say so.
  await writeFile(path.join(dir, 'gamma/article.md'), article('丙篇标题', '丙篇正文(只有一段),含生僻字𠀀。', '〔作者〕'));
  // No headline at all: the chapter is still navigable, as 第2章.
  await writeFile(path.join(dir, 'epsilon.md'), '没有标题的一篇短文。\n');
  // An SVG (which could pull in other files when rendered) is refused like a missing photo.
  await mkdir(path.join(dir, 'delta', 'images'), { recursive: true });
  await writeFile(
    path.join(dir, 'delta/images/drawing.jpg'),
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="/etc/hostname"/></svg>',
  );
  await writeFile(
    path.join(dir, 'delta/article.md'),
    article('丁篇标题', '丁篇正文。\n\n![照片缺失的说明文字。](images/missing.jpg)\n\n丁篇结尾。\n\n![一张矢量图。](images/drawing.jpg)'),
  );
  await writeFile(path.join(dir, 'series.yaml'), SERIES_YAML);
}

let series: Series;
const built = new Map<number, VolumeResult>();

beforeAll(async () => {
  await makeFixtures();
  series = await loadSeries(path.join(dir, 'series.yaml'));
  const browser = await launchBrowser();
  try {
    for (const v of series.volumes)
      built.set(v.number, (await buildVolume(series, v, loadArticles(v.chapters), { outDir: path.join(dir, 'out'), browser }))!);
  } finally {
    await browser.close();
  }
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a three-volume series', () => {
  it('builds every volume, in number order, to <slug>-<n>.epub and .onix.xml', () => {
    expect(series.volumes.map((v) => v.number)).toEqual([1, 2, 3]);
    for (const n of [1, 2, 3]) {
      expect(path.basename(built.get(n)!.epub)).toBe(`test-series-${n}.epub`);
      expect(existsSync(path.join(dir, 'out', `test-series-${n}.onix.xml`))).toBe(true);
    }
    expect(built.get(1)!.chapters).toBe(2);
  });

  it('gives each volume its group-position in the series', async () => {
    for (const n of [1, 2, 3]) {
      const { opf } = await readEpub(built.get(n)!.epub);
      const collection = all(opf, NS.opf, 'meta').find((m) => m.getAttribute('property') === 'belongs-to-collection')!;
      expect(textOf(collection)).toBe('测试丛书');
      expect(metas(opf, 'collection-type', collection.getAttribute('id')!)).toEqual(['series']);
      expect(metas(opf, 'group-position', collection.getAttribute('id')!)).toEqual([String(n)]);
      expect(dc(opf, 'title').map(textOf)[0]).toBe(`第${'一二三'[n - 1]}卷书名`);
    }
  });

  it('uses the ISBN as urn:isbn with its identifier type, else a UUID from series and number', async () => {
    const id = async (n: number) => {
      const { opf } = await readEpub(built.get(n)!.epub);
      const el = dc(opf, 'identifier')[0];
      return { value: textOf(el), type: metas(opf, 'identifier-type', el.getAttribute('id')!) };
    };
    expect(await id(1)).toEqual({ value: 'urn:isbn:9787500000013', type: ['15'] });
    expect(await id(2)).toEqual({ value: 'urn:isbn:9787500000020', type: ['15'] });
    expect(await id(3)).toEqual({ value: `urn:uuid:${uuidV5('test-series/3')}`, type: [] });
  });

  it('takes dcterms:modified from the configuration, or the date', async () => {
    expect(metas((await readEpub(built.get(1)!.epub)).opf, 'dcterms:modified')).toEqual(['2024-01-02T03:04:05Z']);
    expect(metas((await readEpub(built.get(3)!.epub)).opf, 'dcterms:modified')).toEqual(['2024-03-01T00:00:00Z']);
  });

  it('joins broken lines of Chinese text in the configuration without spaces', async () => {
    expect(metas((await readEpub(built.get(1)!.epub)).opf, 'schema:accessibilitySummary')).toEqual([
      '可重排的文字版电子书，图片均有文字说明。',
    ]);
  });

  it('credits chapter authors, or the creators the volume names; skips placeholder authors', async () => {
    expect(dc((await readEpub(built.get(1)!.epub)).opf, 'creator').map(textOf)).toEqual(['李文']);
    const v2 = (await readEpub(built.get(2)!.epub)).opf;
    const creator = dc(v2, 'creator')[0];
    expect(textOf(creator)).toBe('王编');
    expect(metas(v2, 'role', creator.getAttribute('id')!)).toEqual(['edt']);
    // The name as catalogues sort it, where the volume gives one (a chapter's author has none).
    expect(metas(v2, 'file-as', creator.getAttribute('id')!)).toEqual(['Wang, Bian']);
    const v1 = (await readEpub(built.get(1)!.epub)).opf;
    expect(metas(v1, 'file-as', dc(v1, 'creator')[0].getAttribute('id')!)).toEqual([]);
    expect(dc((await readEpub(built.get(3)!.epub)).opf, 'creator').map(textOf)).toEqual(['李文']);
  });

  it('lists section heads (and a stray # heading) in the navigation; links to a chapter, drops links to other manuscript files', async () => {
    const book = await readEpub(built.get(1)!.epub);
    const nav = book.xml(`${book.base}toc.xhtml`);
    const links = all(nav, NS.xhtml, 'a').map((a) => `${a.getAttribute('href')} ${textOf(a)}`);
    expect(links.slice(0, 7)).toEqual([
      'ch01-alpha.xhtml#ch01-title 甲篇标题',
      'ch01-alpha.xhtml#ch01-s1 甲篇小标题',
      'ch01-alpha.xhtml#ch01-s2 甲篇细目',
      'ch02-beta.xhtml#ch02-title 乙篇标题',
      'ch02-beta.xhtml#ch02-s1 乙篇第一节',
      'ch02-beta.xhtml#ch02-s2 乙篇第二节',
      'ch02-beta.xhtml#ch02-s3 乙篇附录',
    ]);
    // Nested by level: the h3 is listed inside its h2's entry, the h2 inside its chapter's.
    const nested = all(nav, NS.xhtml, 'a').find((a) => textOf(a) === '甲篇细目')!;
    const parentEntry = (a: Element) => (a.parentNode!.parentNode!.parentNode as Element).getElementsByTagName('a')[0];
    expect(textOf(parentEntry(nested))).toBe('甲篇小标题');
    expect(textOf(parentEntry(parentEntry(nested)))).toBe('甲篇标题');
    const ch2 = book.xml(`${book.base}ch02-beta.xhtml`);
    // alpha/article.md is the volume's first chapter: the link leads there; draft.md is no chapter of it.
    expect(all(ch2, NS.xhtml, 'a').map((a) => a.getAttribute('href'))).toEqual(['ch01-alpha.xhtml#ch01-title', 'https://example.org/a']);
    expect(textOf(all(ch2, NS.xhtml, 'body')[0])).toContain('乙篇正文，另见甲篇，草稿，网站。');
    const dropped = built.get(1)!.files[1].messages.filter((m) => m.ruleId === 'epub-link-dropped');
    expect(dropped.map((m) => [m.line, m.fatal, m.reason.split(':')[0]])).toEqual([
      [8, false, 'link to "draft.md" names no chapter of this volume'],
    ]);
  });

  it('calls a chapter without a headline 第N章, in its page, the navigation and the font', async () => {
    const book = await readEpub(built.get(2)!.epub);
    const ch = book.xml(`${book.base}ch02-epsilon.xhtml`);
    expect(textOf(all(ch, NS.xhtml, 'h1')[0])).toBe('第2章');
    const nav = book.xml(`${book.base}toc.xhtml`);
    expect(all(nav, NS.xhtml, 'a').map(textOf)).toContain('第2章');
    const bold = embeddedFaces(book).find((f) => f.weight === 700)!;
    expect(bold.cmap.has('章'.codePointAt(0)!)).toBe(true);
  });

  it('writes an ONIX record per volume with ISBN, collection part number and contributors', () => {
    const onix = (n: number) => parseXml(readFileSync(built.get(n)!.onix, 'utf8'));
    const one = (doc: ReturnType<typeof onix> | Element, tag: string) => textOf(all(doc, NS.onix, tag)[0]);
    for (const n of [1, 2]) {
      const doc = onix(n);
      expect(one(doc, 'ProductIDType')).toBe('15');
      expect(one(doc, 'IDValue')).toBe(ISBN[n as 1 | 2].replace(/-/g, ''));
      const collection = all(doc, NS.onix, 'Collection')[0];
      expect(one(collection, 'PartNumber')).toBe(String(n));
      expect(one(collection, 'CollectionSequenceNumber')).toBe(String(n));
      expect(one(collection, 'TitleText')).toBe('测试丛书');
    }
    expect(one(onix(2), 'ContributorRole')).toBe('B01');
    expect(one(onix(2), 'PersonName')).toBe('王编');
    expect(one(onix(2), 'PersonNameInverted')).toBe('Wang, Bian');
    expect(all(onix(1), NS.onix, 'PersonNameInverted')).toEqual([]);
    expect(one(onix(1), 'SentDateTime')).toBe('20240102T0304Z');
    expect(all(onix(1), NS.onix, 'Subtitle')).toEqual([]);
  });

  it('converts photos for e-readers: JPEG at most 1600 px long, PNG kept for transparency', async () => {
    const book = await readEpub(built.get(1)!.epub);
    const jpg = book.names.find((n) => n.endsWith('ch01-tall.jpg'))!;
    const png = book.names.find((n) => n.endsWith('ch02-chart.png'))!;
    expect((await sharp(book.bytes(jpg)).metadata()) as object).toMatchObject({ format: 'jpeg', width: 1067, height: 1600 });
    expect((await sharp(book.bytes(png)).metadata()) as object).toMatchObject({ format: 'png', width: 400, height: 300, hasAlpha: true });
    const ch2 = book.xml(`${book.base}ch02-beta.xhtml`);
    expect(all(ch2, NS.xhtml, 'img')[0].getAttribute('alt')).toBe('一张红色的半透明图表');
  });

  it('stores identical images once: one file and one manifest item, referenced from every chapter that shows it', async () => {
    for (const n of [1, 2, 3]) expect(duplicateItems(await readEpub(built.get(n)!.epub)), `volume ${n}`).toEqual([]);
    const book = await readEpub(built.get(1)!.epub);
    const srcs = (file: string) => all(book.xml(book.base + file), NS.xhtml, 'img').map((i) => i.getAttribute('src'));
    expect(srcs('ch01-alpha.xhtml')).toEqual(['images/ch01-tall.jpg']);
    // beta's copy of alpha's photo, and its chart saved twice: the files the book already has.
    expect(srcs('ch02-beta.xhtml')).toEqual(['images/ch02-chart.png', 'images/ch01-tall.jpg', 'images/ch02-chart.png']);
    const pictures = all(book.opf, NS.opf, 'item')
      .filter((i) => i.getAttribute('media-type')!.startsWith('image/') && i.getAttribute('properties') !== 'cover-image')
      .map((i) => i.getAttribute('href'));
    expect(pictures).toEqual(['images/ch01-tall.jpg', 'images/ch02-chart.png']);
    expect(book.names.filter((n) => n.startsWith(`${book.base}images/`) && !n.endsWith('/cover.jpg')).sort()).toEqual(
      pictures.map((h) => book.base + h).sort(),
    );
    expect(built.get(1)!.images).toBe(2);
    const check = await epubcheck(built.get(1)!.epub, { java: true });
    expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(check.fatals + check.errors + check.warnings).toBe(0);
  });

  it('leaves a missing photo out, keeps its caption, reports it with its line, and stays valid', async () => {
    const result = built.get(3)!;
    const finding = result.files[0].messages.find((m) => m.ruleId === 'epub-image-missing')!;
    expect(finding, result.files[0].messages.map(String).join('\n')).toBeDefined();
    expect(finding.line).toBe(8); // the ![…](images/missing.jpg) line
    expect(finding.fatal).toBe(false);
    const book = await readEpub(result.epub);
    const ch = book.xml(`${book.base}ch01-delta.xhtml`);
    expect(all(ch, NS.xhtml, 'img')).toEqual([]);
    expect(all(ch, NS.xhtml, 'figcaption').map(textOf)).toEqual(['照片缺失的说明文字。', '一张矢量图。']);
    const svg = result.files[0].messages.filter((m) => m.ruleId === 'epub-image-missing').map((m) => m.reason);
    expect(svg[1]).toMatch(/images\/drawing\.jpg" cannot be read \(not a JPEG, PNG, WebP, GIF, TIFF or AVIF image\)/);
    // A file that is there but cannot be read is saved again, not added: each is told what to do.
    expect(svg[0]).toMatch(/does not exist; .*keeps its caption\. Add the image to the manuscript folder$/);
    expect(svg[1]).toMatch(/keeps its caption\. Save it as a JPEG or PNG of at most a few thousand pixels a side$/);
    expect(book.names.filter((n) => n.includes('drawing'))).toEqual([]);
    // The fallback validator (no Java needed) on every volume of the series.
    for (const n of [1, 2, 3]) {
      const check = await epubcheck(built.get(n)!.epub, { java: false });
      expect(check.tool).toMatch(/^epubcheck-ts /);
      expect(
        check.findings.map((f) => `${f.id} ${f.where} ${f.message}`),
        `volume ${n}`,
      ).toEqual([]);
    }
  });
});

describe('configuration mistakes', () => {
  async function errorFor(yaml: string): Promise<string> {
    const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(file, yaml);
    try {
      await loadSeries(file);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return (error as Error).message.replace(file, '<dir>/series.yaml');
    }
    throw new Error('expected an InputError');
  }

  it('a mistyped ISBN names the file, line, column and the right check digit', async () => {
    const message = await errorFor(SERIES_YAML.replace(ISBN[1], '978-7-5000-0001-4'));
    expect(message).toBe(
      '<dir>/series.yaml:19:11: volumes[1].isbn: "978-7-5000-0001-4" is not an ISBN-13: the check digit should be 3: the number is mistyped',
    );
  });

  it('a missing description, a repeated number, a chapter outside the folder, bad YAML', async () => {
    expect(await errorFor(SERIES_YAML.replace('    description: 第三卷简介。\n', ''))).toMatch(
      /^<dir>\/series\.yaml:12:5: volumes\[0\]\.description is missing; add "description:" with text — a description/,
    );
    expect(await errorFor(SERIES_YAML.replace('number: 2', 'number: 1'))).toMatch(
      /^<dir>\/series\.yaml:28:13: volumes\[2\]\.number is 1, the number of another volume too/,
    );
    expect(await errorFor(SERIES_YAML.replace('[gamma,', '[../gamma,'))).toMatch(/chapter "\.\.\/gamma" is outside/);
    expect(await errorFor(SERIES_YAML.replace(`"${ISBN[2]}"`, ISBN[1]))).toMatch(
      /^<dir>\/series\.yaml:30:11: volumes\[2\]\.isbn is 9787500000013, the ISBN of volume 1 too/,
    );
    expect(await errorFor('series: [unclosed')).toMatch(/^<dir>\/series\.yaml:1:\d+: not valid YAML/);
    expect(await errorFor(SERIES_YAML.replace('epsilon.md]', 'zeta]'))).toMatch(
      /^<dir>\/series\.yaml:37:23: volumes\[2\]\.chapters\[1\]: chapter "zeta" does not exist/,
    );
  });
});

describe('npm run build:epub', () => {
  it('builds the volumes named and prints one line per volume', () => {
    const out = path.join(dir, 'cli');
    const cli = runCli(['build:epub', '2', '--series', path.join(dir, 'series.yaml'), '--out', out, '--no-validate'], {
      BAOBAN_QUIET: '1',
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^test-series-2\.epub: 2 chapters, \d+ KB \(font subset \d+ KB in \d+ files\), built in [\d.]+ s;/m);
    expect(cli.stdout).toMatch(/^test-series-2\.epub: .*; 1 character\(s\) the body font lacks: 𠀀$/m);
    expect(existsSync(path.join(out, 'test-series-2.epub'))).toBe(true);
    expect(existsSync(path.join(out, 'test-series-1.epub'))).toBe(false);
  });

  it('validates each volume and says which EPUBCheck ran (the port, when the Java jar is missing)', () => {
    const cli = runCli(['build:epub', '1', '3', '--series', path.join(dir, 'series.yaml'), '--out', path.join(dir, 'cli3')], {
      BAOBAN_QUIET: '1',
      BAOBAN_EPUBCHECK_JAR: path.join(dir, 'no-such.jar'),
    });
    expect(cli.code, cli.stderr).toBe(0);
    for (const [n, chapters] of [
      [1, '2 chapters'],
      [3, '1 chapter'],
    ]) {
      expect(cli.stdout).toMatch(
        new RegExp(
          `^test-series-${n}\\.epub: ${chapters}, .*; epubcheck-ts [\\d.]+ \\(fallback: no Java EPUBCheck\\): 0 errors, 0 warnings; Ace 1\\.4\\.\\d+: no violations \\([\\d.]+ s\\)$`,
          'm',
        ),
      );
    }
    // The missing photo is reported while building, located in its manuscript.
    expect(cli.stderr).toMatch(/8:1-8:\d+\s+warning\s+.*leaves the photo out.*epub-image-missing/);
  });

  it('--final writes nothing for a volume whose manuscripts still have errors', () => {
    const out = path.join(dir, 'final');
    const cli = runCli(['build:epub', '3', '--final', '--no-validate', '--series', path.join(dir, 'series.yaml'), '--out', out], {
      BAOBAN_QUIET: '1',
    });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/image-missing/); // the copy desk's finding for the missing photo
    expect(cli.stderr).toMatch(/✗ volume 3: \d+ error\(s\) remain in its manuscripts; --final writes nothing/);
    expect(cli.stdout).toContain('volume(s) not written');
    expect(existsSync(path.join(out, 'test-series-3.epub'))).toBe(false);
  });

  it('refuses an unknown volume and a broken series file in one line, without a stack trace', () => {
    const unknown = runCli(['build:epub', '7', '--series', path.join(dir, 'series.yaml'), '--out', path.join(dir, 'cli2')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(`error: ${path.join(dir, 'series.yaml')}: there is no volume "7"; volumes are 1, 2, 3`);
    expect(existsSync(path.join(dir, 'cli2'))).toBe(false);
    const missing = runCli(['build:epub', '--series', path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      `error: ${path.join(dir, 'nope.yaml')}: cannot read this e-book series file (no such file or folder); check the path`,
    );
  });
});
