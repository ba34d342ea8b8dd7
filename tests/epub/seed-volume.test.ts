// Volume 1 of the real series (manuscript/series.yaml, the seed article as its chapter), built twice
// and read back: validators (Java EPUBCheck, DAISY Ace), package metadata, navigation, images, text,
// fonts, ONIX, and byte-for-byte determinism.
import { mkdtempSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { confinedPage, launchBrowser } from '../../src/browser/launch.js';
import { buildVolume, type VolumeResult } from '../../src/epub/build-volume.js';
import { loadArticles } from '../../src/pipeline.js';
import { loadSeries, type Series } from '../../src/config/series.js';
import { uuidV5 } from '../../src/epub/identifier.js';
import { epubcheck, ace } from '../../src/epub/validate.js';
import { printableCodePoints } from '../../src/config/font-coverage.js';
import { toFullWidthPunctuation } from '../../src/core/cjk.js';
import { loadBookConfig } from '../../src/config/book.js';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { NS, all, dc, duplicateItems, embeddedFaces, metas, parseXml, readEpub, textOf, type Epub } from './read-epub.js';

const SERIES_FILE = path.join(ROOT, 'manuscript/series.yaml');
const SEED = path.join(ROOT, 'manuscript/ningju-gongshi/article.md');
let series: Series;
let first: VolumeResult;
let second: VolumeResult;
let book: Epub;

beforeAll(async () => {
  series = await loadSeries(SERIES_FILE);
  const browser = await launchBrowser();
  try {
    const volume = series.volumes.find((v) => v.number === 1)!;
    first = (await buildVolume(series, volume, loadArticles(volume.chapters), {
      outDir: mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-a-')),
      browser,
    }))!;
    second = (await buildVolume(series, volume, loadArticles(volume.chapters), {
      outDir: mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-b-')),
      browser,
    }))!;
  } finally {
    await browser.close();
  }
  book = await readEpub(first.epub);
});

afterAll(async () => {
  for (const r of [first, second]) if (r) await rm(path.dirname(r.epub), { recursive: true, force: true });
});

const chapterNames = () => book.names.filter((n) => /\/ch\d+[-\w]*\.xhtml$/.test(n)).sort();

describe('validators', () => {
  it('Java EPUBCheck 4.2.6 reports 0 errors and 0 warnings', async () => {
    const result = await epubcheck(first.epub, { java: true });
    expect(result.tool).toMatch(/^EPUBCheck 4\.2\.6 \(Java\)$/);
    expect(result.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(result.fatals + result.errors + result.warnings).toBe(0);
  });

  it('Java EPUBCheck does catch a broken package (an empty dc:description)', async () => {
    const zip = await JSZip.loadAsync(readFileSync(first.epub));
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    zip.file('OEBPS/content.opf', opf.replace(/<dc:description>[^<]*<\/dc:description>/, '<dc:description></dc:description>'));
    const broken = path.join(path.dirname(first.epub), 'broken.epub');
    await writeFile(broken, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const result = await epubcheck(broken, { java: true });
    expect(result.errors).toBeGreaterThan(0);
    expect(result.findings.map((f) => f.id)).toContain('RSC-005');
  });

  it('DAISY Ace reports no violations', async () => {
    const result = await ace(first.epub);
    expect(result.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
    expect(result.outcome).toBe('pass');
    expect(result.tool).toMatch(/^Ace 1\.4\./);
  });
});

describe('package document', () => {
  const raw = () => parseYaml(readFileSync(SERIES_FILE, 'utf8'));

  it('is EPUB 3 in zh-CN with a stable identifier derived from series and volume', () => {
    const pkg = book.opf.documentElement!;
    expect(pkg.getAttribute('version')).toBe('3.0');
    expect(pkg.getAttribute('xml:lang')).toBe('zh-CN');
    expect(dc(book.opf, 'language').map(textOf)).toEqual(['zh-CN']);
    const idRef = pkg.getAttribute('unique-identifier')!;
    const id = dc(book.opf, 'identifier').find((e) => e.getAttribute('id') === idRef)!;
    // Volume 1 has no ISBN yet: a version-5 UUID of "<slug>/<number>".
    expect(textOf(id)).toBe(`urn:uuid:${uuidV5(`${raw().series.slug}/1`)}`);
    expect(textOf(id)).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries title, creator, publisher, date, rights, description and modified from the configuration', () => {
    const v = raw().volumes[0];
    const titles = dc(book.opf, 'title').map(textOf);
    expect(titles).toEqual([v.title, v.subtitle]);
    expect(dc(book.opf, 'creator').map(textOf)).toEqual(['张悦']);
    expect(dc(book.opf, 'publisher').map(textOf)).toEqual([raw().series.publisher]);
    expect(dc(book.opf, 'date').map(textOf)).toEqual([v.date]);
    expect(dc(book.opf, 'rights').map(textOf)).toEqual([raw().series.rights]);
    const description = textOf(dc(book.opf, 'description')[0]);
    expect(description.length).toBeGreaterThan(20);
    expect(description).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]，/); // config line breaks not turned into spaces
    expect(metas(book.opf, 'dcterms:modified')).toEqual([v.modified]);
  });

  it('places the volume in its series', () => {
    const collection = all(book.opf, NS.opf, 'meta').find((m) => m.getAttribute('property') === 'belongs-to-collection')!;
    expect(textOf(collection)).toBe('政协委员履职丛书');
    const id = collection.getAttribute('id')!;
    expect(metas(book.opf, 'collection-type', id)).toEqual(['series']);
    expect(metas(book.opf, 'group-position', id)).toEqual(['1']);
  });

  it('has the EPUB Accessibility 1.1 metadata', () => {
    expect(metas(book.opf, 'schema:accessMode').sort()).toEqual(['textual', 'visual']);
    expect(metas(book.opf, 'schema:accessModeSufficient')).toContain('textual');
    expect(metas(book.opf, 'schema:accessibilityFeature')).toEqual(
      expect.arrayContaining(['structuralNavigation', 'tableOfContents', 'alternativeText', 'readingOrder']),
    );
    expect(metas(book.opf, 'schema:accessibilityHazard')).toEqual(['none']);
    expect(metas(book.opf, 'schema:accessibilitySummary')[0]).toBe(raw().series.accessibility.summary.replace(/\n/g, ''));
    expect(metas(book.opf, 'dcterms:conformsTo')).toEqual(['EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
  });

  it('names every file readably (ASCII, no generated ids)', () => {
    for (const n of book.names) expect(n).toMatch(/^[A-Za-z0-9._/-]+$/);
    expect(book.names).toContain('OEBPS/ch01-ningju-gongshi.xhtml');
    expect(book.names.filter((n) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(n))).toEqual([]);
  });

  it('writes Chinese as characters, never as numeric character references', () => {
    for (const n of book.names.filter((x) => /\.(xhtml|opf|ncx)$/.test(x))) {
      const text = book.text(n);
      const refs = [...text.matchAll(/&#(x[0-9a-f]+|\d+);/gi)].map((m) =>
        m[1][0] === 'x' || m[1][0] === 'X' ? parseInt(m[1].slice(1), 16) : Number(m[1]),
      );
      expect(
        refs.filter((cp) => cp > 0x7f),
        n,
      ).toEqual([]);
    }
    expect(book.text('OEBPS/ch01-ningju-gongshi.xhtml')).toContain('人心是最大的政治，共识是奋进的动力。');
  });
});

describe('cover', () => {
  it('is a 1600 × 2400 JPEG marked cover-image, with a cover page and alt text', async () => {
    const item = all(book.opf, NS.opf, 'item').find((i) => i.getAttribute('properties') === 'cover-image')!;
    expect(item.getAttribute('media-type')).toBe('image/jpeg');
    const meta = await sharp(book.bytes(book.base + item.getAttribute('href'))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1600, 2400]);
    const page = book.xml('OEBPS/cover.xhtml');
    const img = all(page, NS.xhtml, 'img')[0];
    expect(img.getAttribute('src')).toBe(item.getAttribute('href'));
    expect(img.getAttribute('alt')).toContain('凝聚共识');
    expect(img.getAttribute('alt')).toContain('第一卷');
    const spine = all(book.opf, NS.opf, 'itemref').map((r) => r.getAttribute('idref'));
    const coverPage = all(book.opf, NS.opf, 'item').find((i) => i.getAttribute('href') === 'cover.xhtml')!;
    expect(spine[0]).toBe(coverPage.getAttribute('id'));
  });
});

describe('navigation document', () => {
  it('lists every chapter and section heading, in order, linked to its id', () => {
    const nav = book.xml('OEBPS/toc.xhtml');
    const toc = all(nav, NS.xhtml, 'nav').find((n) => n.getAttributeNS(NS.epub, 'type') === 'toc')!;
    const links = all(toc, NS.xhtml, 'a').map((a) => ({ href: a.getAttribute('href'), text: textOf(a) }));
    const headings: Array<{ href: string; text: string }> = [];
    for (const name of chapterNames()) {
      const doc = book.xml(name);
      const file = name.slice(book.base.length);
      // Every element in document order; the headings among them.
      for (const h of all(doc, NS.xhtml, '*').filter((e) => /^h[1-6]$/.test(e.localName!))) {
        expect(h.getAttribute('id'), textOf(h)).toBeTruthy();
        headings.push({ href: `${file}#${h.getAttribute('id')}`, text: textOf(h) });
      }
    }
    expect(headings.length).toBe(5); // the headline and the four 小标题 of the seed
    expect(links).toEqual(headings);
  });

  it('has landmarks for the cover, the contents and the start of the text', () => {
    const nav = book.xml('OEBPS/toc.xhtml');
    const landmarks = all(nav, NS.xhtml, 'nav').find((n) => n.getAttributeNS(NS.epub, 'type') === 'landmarks')!;
    const types = all(landmarks, NS.xhtml, 'a').map((a) => [a.getAttributeNS(NS.epub, 'type'), a.getAttribute('href')]);
    expect(types).toEqual([
      ['cover', 'cover.xhtml'],
      ['toc', 'toc.xhtml#toc'],
      ['bodymatter', 'ch01-ningju-gongshi.xhtml'],
    ]);
  });
});

describe('chapter', () => {
  it("has the manuscript's text, with the print path's punctuation normalisation", () => {
    const md = readFileSync(SEED, 'utf8');
    const matter = parseYaml(md.match(/^---\n([\s\S]*?)\n---/)![1]);
    const blocks = md
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .split(/\n\s*\n/)
      .map((b) => b.trim())
      .filter(Boolean)
      .map((b) =>
        b
          .replace(/^#{1,6}\s+/, '')
          .replace(/^!\[([^\]]*)\]\([^)]*\)$/, '$1')
          .replace(/^::\w+\[(.*)\]$/, '$1')
          .replace(/\*\*/g, ''),
      )
      .map((b) => toFullWidthPunctuation(b).replace(/\s+/g, ' '));
    const doc = book.xml('OEBPS/ch01-ningju-gongshi.xhtml');
    const body = textOf(all(doc, NS.xhtml, 'body')[0]);
    expect(textOf(all(doc, NS.xhtml, 'h1')[0])).toBe(matter.headline);
    expect(body).toContain(toFullWidthPunctuation(matter.subheadline));
    let from = 0;
    for (const block of blocks) {
      const at = body.indexOf(block, from);
      expect(at, `not found in order: ${block.slice(0, 40)}…`).toBeGreaterThanOrEqual(0);
      from = at + block.length;
    }
    expect(blocks.length).toBeGreaterThan(30);
    expect(body).not.toMatch(/\*\*|!\[|::byline|::credit/);
  });

  it('stores no file twice (no two manifest items with the same bytes)', () => {
    expect(duplicateItems(book)).toEqual([]);
  });

  it('gives every image alt text, a caption and an e-reader size (JPEG/PNG, long side ≤ 1600 px)', async () => {
    const doc = book.xml('OEBPS/ch01-ningju-gongshi.xhtml');
    const imgs = all(doc, NS.xhtml, 'img');
    expect(imgs.length).toBe(1);
    for (const img of imgs) {
      expect(img.getAttribute('alt')!.length).toBeGreaterThan(10);
      const figure = img.parentNode as Element;
      expect(figure.localName).toBe('figure');
      expect(textOf(all(figure, NS.xhtml, 'figcaption')[0])).toContain('京蒙协作');
      const meta = await sharp(book.bytes(book.base + img.getAttribute('src'))).metadata();
      expect(['jpeg', 'png']).toContain(meta.format);
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1600);
      expect([Number(img.getAttribute('width')), Number(img.getAttribute('height'))]).toEqual([meta.width, meta.height]);
    }
  });
});

describe('embedded font', () => {
  const faces = () => embeddedFaces(book);
  const cmap = (weight: number) => faces().find((f) => f.weight === weight)!.cmap;
  const visible = (names: string[], tags?: string[]) => {
    let text = '';
    for (const n of names) {
      const doc = book.xml(n);
      if (!tags) text += all(doc, NS.xhtml, 'body')[0].textContent;
      else for (const t of tags) for (const e of all(doc, NS.xhtml, t)) text += e.textContent;
    }
    // Spaces between words need the face's space too; line breaks and indentation do not.
    const cps = printableCodePoints(text);
    const inline = text.replace(/\s*\n\s*/g, '');
    for (const space of [0x20, 0xa0, 0x3000]) if (inline.includes(String.fromCodePoint(space))) cps.add(space);
    return cps;
  };
  const diff = (a: Set<number>, b: Set<number>) => [...a].filter((cp) => !b.has(cp)).map((cp) => String.fromCodePoint(cp));

  it('is one file per face (family and weight), without unicode-range, which RMSDK and e-ink readers ignore', () => {
    const rules = faces();
    expect(rules.map((f) => `${f.family} ${f.weight}`)).toEqual(['Noto Serif SC 400', 'Noto Serif SC 700']);
    expect(new Set(rules.map((f) => f.src)).size).toBe(2);
    for (const f of rules) expect(f.rule).not.toMatch(/unicode-range/);
    const fontItems = all(book.opf, NS.opf, 'item').filter((i) => i.getAttribute('media-type')!.startsWith('font/'));
    expect(fontItems.map((i) => i.getAttribute('href')).sort()).toEqual(rules.map((f) => f.src).sort());
    expect(book.names.filter((n) => n.startsWith(`${book.base}fonts/`)).sort()).toEqual(rules.map((f) => book.base + f.src).sort());
  });

  it('regular weight maps exactly the characters the book shows', () => {
    const shown = visible([...chapterNames(), 'OEBPS/toc.xhtml']);
    const regular = cmap(400);
    expect(diff(shown, regular)).toEqual([]);
    expect(diff(regular, shown)).toEqual([]);
  });

  it('bold weight maps exactly the headings, bold lead-ins and navigation labels', () => {
    const shown = visible([...chapterNames(), 'OEBPS/toc.xhtml'], ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b']);
    for (const label of Object.values(loadBookConfig().labels)) for (const ch of label) shown.add(ch.codePointAt(0)!);
    const bold = cmap(700);
    expect(diff(shown, bold)).toEqual([]);
    expect(diff(bold, shown)).toEqual([]);
    expect(bold.size).toBeLessThan(visible([...chapterNames()]).size);
  });

  it('keeps the punctuation features (halt, chws) and the vertical forms (vert)', () => {
    for (const { face } of faces()) {
      expect(face.getTableFeatureTags('GPOS')).toEqual(expect.arrayContaining(['halt', 'chws']));
      expect(face.getTableFeatureTags('GSUB')).toEqual(expect.arrayContaining(['vert']));
    }
  });

  it('has the glyphs: Chromium sets every text element of the chapter and the contents in the embedded face', async () => {
    // Unpack the book and open its pages as a reading system would; no system font may stand in.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-open-'));
    for (const n of book.names) {
      await mkdir(path.dirname(path.join(dir, n)), { recursive: true });
      await writeFile(path.join(dir, n), book.bytes(n));
    }
    const browser = await launchBrowser();
    try {
      for (const page of [...chapterNames(), 'OEBPS/toc.xhtml']) {
        const { page: tab } = await confinedPage(browser, [dir]);
        await tab.goto(pathToFileURL(path.join(dir, page)).href, { waitUntil: 'load' });
        await tab.evaluate(() => document.fonts.ready.then(() => undefined));
        const cdp = await tab.createCDPSession();
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
        // Every element of the body: each text node is measured once, by its parent.
        const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body *' });
        const used = new Map<string, number>();
        for (const nodeId of nodeIds) {
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
          for (const f of fonts) {
            const key = `${f.familyName}${f.isCustomFont ? ' (embedded)' : ' (system)'}`;
            used.set(key, (used.get(key) ?? 0) + f.glyphCount);
          }
        }
        expect(
          [...used.keys()].filter((k) => !/^Noto Serif SC.* \(embedded\)$/.test(k)),
          page,
        ).toEqual([]);
        expect([...used.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(page.includes('toc') ? 100 : 5000);
        await tab.close();
      }
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ships TrueType subsets listed in the manifest, and says their size', () => {
    const files = faces().map((f) => book.base + f.src);
    expect(files.length).toBe(first.fontFiles);
    let bytes = 0;
    for (const f of files) {
      const data = book.bytes(f);
      expect(data.readUInt32BE(0)).toBe(0x00010000);
      bytes += data.length;
    }
    expect(bytes).toBe(first.fontBytes);
    const manifest = all(book.opf, NS.opf, 'item').map((i) => book.base + i.getAttribute('href'));
    for (const f of files) expect(manifest).toContain(f);
  });

  it('falls back to a generic family in every font stack', () => {
    const css = book.text('OEBPS/style.css').replace(/@font-face\s*\{[^}]*\}/g, '');
    const stacks = [...css.matchAll(/font-family:\s*([^;}]+)/g)].map((m) => m[1].trim());
    expect(stacks.length).toBeGreaterThan(0);
    for (const s of stacks) expect(s).toMatch(/(^|,\s*)(serif|sans-serif|inherit)$/);
  });
});

describe('ONIX record', () => {
  it('describes the volume with series, part number, form, language and accessibility', () => {
    const doc = parseXml(readFileSync(first.onix, 'utf8'));
    const one = (tag: string, within: Element | typeof doc = doc) => textOf(all(within, NS.onix, tag)[0]);
    const many = (tag: string, within: Element | typeof doc = doc) => all(within, NS.onix, tag).map(textOf);
    expect(doc.documentElement!.getAttribute('release')).toBe('3.0');
    expect(one('ProductIDType')).toBe('01');
    expect(one('IDValue')).toBe(uuidV5('zhengxie-lvzhi/1'));
    expect([one('ProductForm'), one('ProductFormDetail')]).toEqual(['ED', 'E101']);
    const collection = all(doc, NS.onix, 'Collection')[0];
    expect(one('TitleText', collection)).toBe('政协委员履职丛书');
    expect(one('PartNumber', collection)).toBe('1');
    const features = all(doc, NS.onix, 'ProductFormFeature').map(
      (f) => `${one('ProductFormFeatureType', f)}:${one('ProductFormFeatureValue', f)}`,
    );
    expect(features).toEqual(
      expect.arrayContaining(['15:101E', '09:04', '09:81', '09:85', '09:11', '09:13', '09:14', '09:52', '09:00', '12:00']),
    );
    expect(many('PersonName')).toEqual(['张悦']);
    expect(one('PublisherName')).toBe('内蒙古自治区政协办公厅');
    expect(one('LanguageCode')).toBe('chi');
    const titles = all(doc, NS.onix, 'TitleDetail').map((t) => one('TitleText', t));
    expect(titles).toContain('凝聚共识');
  });
});

describe('determinism', () => {
  it('two builds of the same input are the same bytes', async () => {
    const a = readFileSync(first.epub);
    const b = readFileSync(second.epub);
    if (!a.equals(b)) {
      const [x, y] = await Promise.all([readEpub(first.epub), readEpub(second.epub)]);
      const differing = x.names.filter((n) => !y.names.includes(n) || !x.bytes(n).equals(y.bytes(n)));
      expect(differing).toEqual([]);
    }
    expect(a.equals(b)).toBe(true);
    expect(readFileSync(first.onix, 'utf8')).toBe(readFileSync(second.onix, 'utf8'));
  });
});
