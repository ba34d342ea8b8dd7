// Annotations written the way reviewers' readers write them, as raw dictionaries with pdf-lib:
// what each key holds is taken from files those readers saved (Acrobat's Replace Text is a /Caret
// with /IT /Replace holding the new text, and a /StrikeOut grouped with it by /IRT and /RT /Group,
// /IT /StrikeOutTextEdit and no /Contents of its own; a review state is a /Text reply with /State
// and /StateModel /Review; a callout text box has /IT /FreeTextCallout and /CL, its first point
// at the arrow's tip; a comment may be given as rich text /RC only).
import { PDFArray, type PDFDict, PDFDocument, PDFHexString, PDFName, type PDFObject, type PDFRef, PDFString } from 'pdf-lib';

export interface Writer {
  doc: PDFDocument;
  /** an annotation dictionary added to a page (1-based); its ref, for /IRT */
  add(dict: Record<string, unknown>, page?: number): PDFRef;
  /** the proof's own annotation for finding n (/NM baoban-finding-n) */
  finding(n: number): PDFRef;
  /** the proof's own annotation of that name (/NM baoban-change-1 …) */
  own(name: string): PDFRef;
}

/** Text as readers write it: UTF-16BE with its byte-order mark. */
export const utf16 = (s: string) => PDFHexString.fromText(s);

/** A literal string of raw bytes (PDFDocEncoding, UTF-8 with its byte-order mark), escaped as PDF writes it. */
export function rawString(bytes: ArrayLike<number>): PDFString {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return PDFString.of(
    s
      .replace(/[\\()]/g, (c) => `\\${c}`)
      .replace(/\r/g, '\\r')
      .replace(/\n/g, '\\n'),
  );
}

export const MODIFIED = PDFString.of("D:20261201093000+08'00'");

/** The bounding rectangle of quad points, a point wider all round (as readers write /Rect). */
export function rectOf(q: number[]): number[] {
  const xs = q.filter((_, i) => i % 2 === 0);
  const ys = q.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs) - 1, Math.min(...ys) - 1, Math.max(...xs) + 1, Math.max(...ys) + 1];
}

/** The proof with annotations added by `write`, saved whole (object streams unless told otherwise). */
export async function annotate(
  bytes: Uint8Array,
  write: (w: Writer) => void,
  save: { useObjectStreams?: boolean } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const w: Writer = {
    doc,
    add(dict, page = 1) {
      const ref = ctx.register(ctx.obj(dict as Record<string, PDFObject>));
      const node = doc.getPage(page - 1).node;
      const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      if (annots) annots.push(ref);
      else node.set(PDFName.of('Annots'), ctx.obj([ref]));
      return ref;
    },
    finding(n) {
      return w.own(`baoban-finding-${n}`);
    },
    own(name) {
      for (const page of doc.getPages()) {
        const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
        for (let i = 0; annots && i < annots.size(); i++) {
          const nm = (annots.lookup(i) as PDFDict).lookup(PDFName.of('NM'));
          if (nm instanceof PDFString && nm.decodeText() === name) return annots.get(i) as PDFRef;
        }
      }
      throw new Error(`no annotation ${name} in the proof`);
    },
  };
  write(w);
  return doc.save(save);
}
