// What pdf.js does not give of a returned proof's annotations, read with pdf-lib: which are the
// proof's own (NM "baoban-…"), the arrow of a callout text box (/CL: its first point is where it
// points), the rich text (/RC) of a comment written only as rich text, and an annotation written
// with no /Rect (pdf.js then puts it at the page's corner, which is no place the reviewer chose).
import { inflateSync } from 'node:zlib';
import type { PDFDict, PDFObject } from 'pdf-lib';
import { withoutControls } from '../core/controls.js';
import { loadPdfLib } from '../output/pdf-finish.js';
import { NAME_PREFIX } from './annotations.js';
import { loadReturnedPdf, pdfStringText } from './data.js';

export interface AnnotationExtras {
  /** the callout's arrow (/CL): the point it points at, PDF user space */
  calloutTip?: [number, number];
  /** the comment's text from /RC (rich text), tags and entities gone */
  richText?: string;
  /** no usable /Rect: the annotation has no place on the page */
  noRect?: boolean;
}

export interface ReturnedAnnotations {
  /** the annotations the proof itself wrote: their refs (as pdf.js names them, "12R") and names (/NM baoban-finding-3 …) */
  own: Map<string, string>;
  extras: Map<string, AnnotationExtras>;
}

/** Largest rich text read (decompressed): a comment, not a document. */
const MAX_RICH_TEXT_BYTES = 1024 * 1024;

/** pdf.js's id of an annotation: its object number, "R", and the generation when it is not 0. */
const idOf = (objectNumber: number, generation: number) => `${objectNumber}R${generation ? generation : ''}`;

export async function readReturnedAnnotations(bytes: Uint8Array): Promise<ReturnedAnnotations> {
  const lib = await loadPdfLib();
  const { PDFName, PDFArray, PDFDict, PDFRef, PDFString, PDFHexString, PDFNumber, PDFRawStream } = lib;
  const doc = await loadReturnedPdf(lib, bytes);
  const text = (o: PDFObject | undefined): string | undefined => {
    // A string as long as a stream is held to the stream's limit (pdf-lib's decodeText() overflowed the stack on one).
    if (o instanceof PDFString || o instanceof PDFHexString) return pdfStringText(lib, o, MAX_RICH_TEXT_BYTES);
    if (!(o instanceof PDFRawStream)) return undefined;
    // A rich-text stream: uncompressed or FlateDecode, inflated with a limit (a returned PDF is untrusted).
    const filter = o.dict.lookup(PDFName.of('Filter'));
    try {
      const raw =
        filter === undefined
          ? o.contents
          : filter instanceof PDFName && filter.decodeText() === 'FlateDecode'
            ? inflateSync(o.contents, { maxOutputLength: MAX_RICH_TEXT_BYTES })
            : undefined;
      return raw && raw.length <= MAX_RICH_TEXT_BYTES ? decodeBytes(raw) : undefined;
    } catch {
      return undefined;
    }
  };
  const own = new Map<string, string>();
  const extras = new Map<string, AnnotationExtras>();
  for (const page of pageNodes(doc.catalog.lookup(PDFName.of('Pages')), PDFDict, PDFArray, PDFName)) {
    // An /Annots that is not an array (a damaged or hostile file) holds no mark, as pdf.js reads it:
    // lookupMaybe(…, PDFArray) threw "Expected instance of PDFArray, but got instance of PDFDict".
    const listed = page.lookup(PDFName.of('Annots'));
    const annots = listed instanceof PDFArray ? listed : undefined;
    for (let i = 0; annots && i < annots.size(); i++) {
      const ref = annots.get(i);
      const dict = annots.lookup(i);
      if (!(ref instanceof PDFRef) || !(dict instanceof PDFDict)) continue;
      const id = idOf(ref.objectNumber, ref.generationNumber);
      const name = text(dict.lookup(PDFName.of('NM'))) ?? '';
      if (name.startsWith(NAME_PREFIX)) {
        own.set(id, name);
        continue;
      }
      const extra: AnnotationExtras = {};
      const rect = dict.lookup(PDFName.of('Rect'));
      const numbers = (a: PDFObject | undefined) =>
        a instanceof PDFArray ? a.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN)) : [];
      const r = numbers(rect);
      if (r.length !== 4 || r.some((n) => !Number.isFinite(n))) extra.noRect = true;
      const cl = numbers(dict.lookup(PDFName.of('CL')));
      if (cl.length >= 4 && cl.every(Number.isFinite)) extra.calloutTip = [cl[0], cl[1]];
      const rc = text(dict.lookup(PDFName.of('RC')));
      if (rc) extra.richText = richTextToPlain(rc);
      if (Object.keys(extra).length) extras.set(id, extra);
    }
  }
  return { own, extras };
}

type PdfLib = Awaited<ReturnType<typeof loadPdfLib>>;

/**
 * The page objects of a page tree, in order, each once. pdf-lib's getPages() walks the tree by
 * recursion and with no memory of where it has been: a /Kids that holds its own /Pages (a damaged
 * or hostile file) overflowed the stack. Here a node met a second time is passed over, as pdf.js does.
 */
function pageNodes(root: unknown, PDFDict: PdfLib['PDFDict'], PDFArray: PdfLib['PDFArray'], PDFName: PdfLib['PDFName']): PDFDict[] {
  const pages: PDFDict[] = [];
  const seen = new Set<unknown>();
  const todo: unknown[] = [root];
  while (todo.length) {
    const node = todo.pop();
    if (!(node instanceof PDFDict) || seen.has(node)) continue;
    seen.add(node);
    const listed = node.lookup(PDFName.of('Kids'));
    const kids = listed instanceof PDFArray ? listed : undefined;
    if (!kids) {
      pages.push(node);
      continue;
    }
    // Last kid first onto the stack, so that the first is taken first: the pages in their order.
    for (let i = kids.size() - 1; i >= 0; i--) todo.push(kids.lookup(i));
  }
  return pages;
}

/** Bytes of a stream as text: UTF-16 (BE or LE) or UTF-8 by their byte-order mark, else UTF-8. */
function decodeBytes(raw: Uint8Array): string {
  if (raw[0] === 0xfe && raw[1] === 0xff) return new TextDecoder('utf-16be').decode(raw.subarray(2));
  if (raw[0] === 0xff && raw[1] === 0xfe) return new TextDecoder('utf-16le').decode(raw.subarray(2));
  return new TextDecoder().decode(raw);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Rich text without its comments (<!-- … -->) and declarations (a CDATA section's text kept), a DOCTYPE's
 * internal subset whole (<!DOCTYPE x [ <!ENTITY a "b"> ]>): each holds a `>` before its end, where
 * the tags' pattern stopped and left the rest (“ ]>”, “-->”) in the comment. One pass, left to right;
 * one not closed takes the rest of the text.
 */
function withoutDeclarations(rc: string): string {
  if (!rc.includes('<!')) return rc;
  const out: string[] = [];
  let at = 0;
  for (let i = rc.indexOf('<!'); i >= 0; i = rc.indexOf('<!', at)) {
    out.push(rc.slice(at, i));
    let end: number;
    if (rc.startsWith('<!--', i)) end = closeAfter(rc, '-->', i + 4);
    else if (rc.startsWith('<![CDATA[', i)) {
      // its content is text as written: kept, its marks as entities (the tags' pattern leaves them)
      end = closeAfter(rc, ']]>', i + 9);
      const content = rc.slice(i + 9, rc.startsWith(']]>', end - 3) ? end - 3 : end);
      out.push(content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    } else {
      const gt = rc.indexOf('>', i);
      const open = rc.indexOf('[', i);
      // a declaration with an internal subset ends at the `]` and `>` that close it
      if (open >= 0 && (gt < 0 || open < gt)) {
        const close = /\]\s*>/g;
        close.lastIndex = open + 1;
        const m = close.exec(rc);
        end = m ? m.index + m[0].length : rc.length;
      } else end = gt < 0 ? rc.length : gt + 1;
    }
    at = end;
  }
  out.push(rc.slice(at));
  return out.join('');
}

/** The index just past the first `close` from `from`, or the text's end. */
function closeAfter(text: string, close: string, from: number): number {
  const i = text.indexOf(close, from);
  return i < 0 ? text.length : i + close.length;
}

/** The text of an XHTML rich-text comment (/RC): paragraphs and line breaks as line ends, the rest of the markup gone. */
export function richTextToPlain(rc: string): string {
  return withoutDeclarations(rc)
    .replace(/<\?[^>]*\?>/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? all;
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .trim();
}

// Bidirectional overrides and isolates: in a comment printed to a terminal they would reorder the
// line around them (the file name, the place), so they are left out with the other controls.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * A reviewer's text (comment, author) as proof:notes keeps it: line ends as "\n" (Acrobat writes
 * "\r"), no controls and no bidirectional overrides, no blank lines at the ends.
 */
export function reviewerText(s: string | undefined): string {
  if (!s) return '';
  return withoutControls(s.replace(/\r\n?/g, '\n')).replace(BIDI, '').trim();
}
