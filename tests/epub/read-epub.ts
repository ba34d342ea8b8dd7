// Reading a built EPUB back as a reader would: unzip it and parse its XML (parse errors throw, so a
// file that is not well-formed fails the test that reads it).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { Blob, Face } from 'harfbuzzjs';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadSeries } from '../../src/config/series.js';
import { buildVolume, type VolumeResult } from '../../src/epub/build-volume.js';
import { loadArticles } from '../../src/pipeline.js';

export const NS = {
  opf: 'http://www.idpf.org/2007/opf',
  dc: 'http://purl.org/dc/elements/1.1/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  epub: 'http://www.idpf.org/2007/ops',
  onix: 'http://ns.editeur.org/onix/3.0/reference',
};

export interface Epub {
  names: string[];
  /** Raw bytes of an entry */
  bytes(name: string): Buffer;
  /** UTF-8 text of an entry */
  text(name: string): string;
  xml(name: string): Document;
  /** The package document and its folder ('OEBPS/') */
  opf: Document;
  base: string;
}

export function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, 'application/xml');
}

export async function readEpub(file: string): Promise<Epub> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const data = new Map<string, Buffer>();
  for (const n of names) data.set(n, await zip.files[n].async('nodebuffer'));
  const bytes = (n: string) => {
    const b = data.get(n);
    if (!b) throw new Error(`no ${n} in ${file}`);
    return b;
  };
  const text = (n: string) => bytes(n).toString('utf8');
  const container = parseXml(text('META-INF/container.xml'));
  const opfPath = (container.getElementsByTagName('rootfile')[0] as Element).getAttribute('full-path')!;
  return {
    names,
    bytes,
    text,
    xml: (n) => parseXml(text(n)),
    opf: parseXml(text(opfPath)),
    base: opfPath.replace(/[^/]*$/, ''),
  };
}

export function all(doc: Document | Element, ns: string, tag: string): Element[] {
  return Array.from(doc.getElementsByTagNameNS(ns, tag) as unknown as ArrayLike<Element>);
}

/** Text of the `<meta property=…>` elements of the package (refines = an id without '#'). */
export function metas(opf: Document, property: string, refines?: string): string[] {
  return all(opf, NS.opf, 'meta')
    .filter(
      (m) =>
        m.getAttribute('property') === property &&
        (refines === undefined ? !m.hasAttribute('refines') : m.getAttribute('refines') === `#${refines}`),
    )
    .map((m) => (m.textContent ?? '').trim());
}

export function dc(opf: Document, tag: string): Element[] {
  return all(opf, NS.dc, tag);
}

export function textOf(el: Element | Document): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export interface EmbeddedFace {
  family: string;
  weight: number;
  /** URL in the stylesheet, relative to it */
  src: string;
  /** The whole @font-face rule */
  rule: string;
  /** The code points the file maps (its cmap, read with harfbuzz) */
  cmap: Set<number>;
  /** harfbuzz's face of the file (features, metrics) */
  face: Face;
}

/** The @font-face rules of the book's stylesheet (OEBPS/style.css), each with its font file read. */
export function embeddedFaces(book: Epub): EmbeddedFace[] {
  return [...book.text(`${book.base}style.css`).matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) => {
    const src = /url\('([^']+)'\)/.exec(m[1])![1];
    const face = new Face(new Blob(book.bytes(book.base + src)));
    return {
      family: /font-family:\s*'([^']+)'/.exec(m[1])![1],
      weight: Number(/font-weight:\s*(\d+)/.exec(m[1])![1]),
      src,
      rule: m[1],
      cmap: new Set(face.collectUnicodes()),
      face,
    };
  });
}

/** Manifest items whose files have the same bytes as an earlier item's, as "href = earlier href". */
export function duplicateItems(book: Epub): string[] {
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const item of all(book.opf, NS.opf, 'item')) {
    const href = item.getAttribute('href')!;
    const key = createHash('sha256')
      .update(book.bytes(book.base + href))
      .digest('hex');
    const first = seen.get(key);
    if (first) duplicates.push(`${href} = ${first}`);
    else seen.set(key, href);
  }
  return duplicates;
}

/** The first volume of a series file, built into `outDir` with a browser of its own (closed after). */
export async function buildFirstVolume(seriesFile: string, outDir: string): Promise<VolumeResult> {
  const series = await loadSeries(seriesFile);
  const browser = await launchBrowser();
  try {
    const built = await buildVolume(series, series.volumes[0], loadArticles(series.volumes[0].chapters), { outDir, browser });
    if (!built) throw new Error(`${seriesFile}: its first volume was not built`);
    return built;
  } finally {
    await browser.close();
  }
}
