// Walking a PDF's pages the way a RIP does: each page's content streams with their resources, and
// every form XObject they draw, recursively, and the glyph procedures of every Type3 font they set
// text in (Chromium writes a colour emoji font or a bitmap font as Type3: its glyphs are content
// streams with colours and images of their own); images wherever they are used. Shared by the
// press writer and the preflight.
import { inflateSync } from 'node:zlib';
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFStream, decodePDFRawStream } from 'pdf-lib';

export interface Drawing {
  /** the page (0-based) it is drawn on */
  page: number;
  /** the content stream (its object, when it is an indirect one) */
  ref?: PDFRef;
  stream: PDFRawStream;
  resources?: PDFDict;
  /** a form XObject: its dictionary holds /Group and /Resources */
  form?: PDFRawStream;
  /** a Type3 font's glyph procedure: drawn in glyph space wherever the font's text is, so its positions are not the page's */
  glyph?: boolean;
}

export const name = (s: string) => PDFName.of(s);

export function lookup<T>(doc: PDFDocument, o: unknown): T | undefined {
  return (o instanceof PDFRef ? doc.context.lookup(o) : o) as T | undefined;
}

/** Every content stream of every page, forms included (each form once per page it is on). */
export function drawings(doc: PDFDocument): Drawing[] {
  const out: Drawing[] = [];
  doc.getPages().forEach((page, i) => {
    const resources = pageResources(doc, page);
    const contents = page.node.get(name('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      const stream = lookup<PDFRawStream>(doc, ref);
      if (stream instanceof PDFRawStream) out.push({ page: i, ref: ref instanceof PDFRef ? ref : undefined, stream, resources });
    }
    forms(doc, resources, i, out, new Set());
  });
  return out;
}

function forms(doc: PDFDocument, resources: PDFDict | undefined, page: number, out: Drawing[], seen: Set<unknown>): void {
  for (const [, ref, obj] of xobjects(doc, resources)) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(name('Subtype')) !== name('Form') || seen.has(obj)) continue;
    seen.add(obj);
    const own = lookup<PDFDict>(doc, obj.dict.get(name('Resources')));
    out.push({ page, ref, stream: obj, resources: own ?? resources, form: obj });
    forms(doc, own ?? resources, page, out, seen);
  }
  glyphs(doc, resources, page, out, seen);
}

/** The glyph procedures of the Type3 fonts of a resource dictionary, and what they draw in turn. */
function glyphs(doc: PDFDocument, resources: PDFDict | undefined, page: number, out: Drawing[], seen: Set<unknown>): void {
  const fonts = lookup<PDFDict>(doc, resources?.get(name('Font')));
  if (!(fonts instanceof PDFDict)) return;
  for (const [, v] of fonts.entries()) {
    const font = lookup<PDFDict>(doc, v);
    if (!(font instanceof PDFDict) || font.get(name('Subtype')) !== name('Type3') || seen.has(font)) continue;
    seen.add(font);
    const own = lookup<PDFDict>(doc, font.get(name('Resources')));
    const procs = lookup<PDFDict>(doc, font.get(name('CharProcs')));
    if (!(procs instanceof PDFDict)) continue;
    for (const [, p] of procs.entries()) {
      const stream = lookup<PDFRawStream>(doc, p);
      if (stream instanceof PDFRawStream)
        out.push({ page, ref: p instanceof PDFRef ? p : undefined, stream, resources: own ?? resources, glyph: true });
    }
    forms(doc, own ?? resources, page, out, seen);
  }
}

/** The XObjects of a resource dictionary: [resource name, ref, object]. */
export function xobjects(doc: PDFDocument, resources: PDFDict | undefined): Array<[string, PDFRef | undefined, unknown]> {
  const dict = lookup<PDFDict>(doc, resources?.get(name('XObject')));
  if (!(dict instanceof PDFDict)) return [];
  return dict.entries().map(([k, v]) => [k.decodeText(), v instanceof PDFRef ? v : undefined, lookup(doc, v)]);
}

export function pageResources(doc: PDFDocument, page: PDFPage): PDFDict | undefined {
  // Resources may be inherited from the page tree.
  let node: PDFDict | undefined = page.node;
  while (node) {
    const r = lookup<PDFDict>(doc, node.get(name('Resources')));
    if (r instanceof PDFDict) return r;
    node = lookup<PDFDict>(doc, node.get(name('Parent')));
  }
  return undefined;
}

/** A stream's decoded bytes (node:zlib for plain Flate, which is most of them; pdf-lib otherwise). */
export function decoded(stream: PDFRawStream | PDFStream): Uint8Array {
  if (!(stream instanceof PDFRawStream)) return stream.getContents();
  const filter = stream.dict.get(name('Filter'));
  if (filter === undefined) return stream.contents;
  if (filter === name('FlateDecode') && !stream.dict.get(name('DecodeParms'))) return inflateSync(stream.contents);
  return decodePDFRawStream(stream).decode();
}

export const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
