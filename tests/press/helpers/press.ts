// What a plant's prepress check and its RIP see in a press PDF, read back independently of the
// writer: pdf-lib for the objects (output intent, Info, XMP, boxes, colour spaces, transparency),
// a plain scan of the content streams for colour operators, and MuPDF (test-only, AGPL) rendering
// the page to a CMYK pixmap: the four separations a plate setter would expose.
import { inflateSync } from 'node:zlib';
import * as mupdf from 'mupdf';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, decodePDFRawStream } from 'pdf-lib';

const N = (s: string) => PDFName.of(s);

export function deref<T>(lib: PDFDocument, o: unknown): T {
  return (o instanceof PDFRef ? lib.context.lookup(o) : o) as T;
}

export function streamText(s: PDFRawStream, encoding: BufferEncoding = 'latin1'): string {
  const f = s.dict.get(N('Filter'));
  const bytes = f === N('FlateDecode') ? inflateSync(s.contents) : f === undefined ? s.contents : decodePDFRawStream(s).decode();
  return Buffer.from(bytes).toString(encoding);
}

/** Every object in the file that could name a colour space, with what it names. */
export function colourSpacesInFile(lib: PDFDocument): string[] {
  const out: string[] = [];
  const describe = (v: unknown): string => {
    const cs = deref<unknown>(lib, v);
    if (cs instanceof PDFArray) {
      const family = String(cs.get(0));
      if (family === '/ICCBased') return `ICCBased/N${String(deref<PDFRawStream>(lib, cs.get(1)).dict.get(N('N')))}`;
      return family;
    }
    return String(cs);
  };
  for (const [, obj] of lib.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict) continue;
    const cs = dict.get(N('ColorSpace'));
    if (cs instanceof PDFDict) for (const [, v] of cs.entries()) out.push(describe(v));
    else if (cs) out.push(describe(cs));
    const group = deref<PDFDict | undefined>(lib, dict.get(N('Group')));
    if (group instanceof PDFDict && group.get(N('CS'))) out.push(describe(group.get(N('CS'))));
  }
  return out;
}

/** Colour operators in every content stream (pages and forms): rg/RG are DeviceRGB. */
export function colourOperators(lib: PDFDocument): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [, obj] of lib.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const isForm = obj.dict.get(N('Subtype')) === N('Form');
    const isContent = !obj.dict.get(N('Subtype')) && !obj.dict.get(N('Type')) && !obj.dict.get(N('N')) && !obj.dict.get(N('Length1'));
    if (!isForm && !isContent) continue;
    // Text is written as hex strings, so a plain scan finds only operators.
    for (const m of streamText(obj).matchAll(/(?<=\s)(rg|RG|k|K|g|G|cs|CS|sc|scn|SC|SCN)(?=\s)/g)) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
  }
  return counts;
}

export function transparencyInFile(lib: PDFDocument): string[] {
  const found: string[] = [];
  for (const [ref, obj] of lib.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict) continue;
    if (dict.get(N('Group'))) found.push(`${ref} /Group`);
    const mask = dict.get(N('SMask'));
    if (mask && mask !== N('None')) found.push(`${ref} /SMask`);
    for (const k of ['CA', 'ca']) if (dict.get(N(k)) && Number(String(dict.get(N(k)))) < 1) found.push(`${ref} /${k}`);
    const bm = dict.get(N('BM'));
    if (bm && bm !== N('Normal')) found.push(`${ref} /BM`);
  }
  return found;
}

export function images(
  lib: PDFDocument,
): Array<{ ref: string; colourSpace: string; filter: string; width: number; height: number; smask: boolean }> {
  const out = [];
  for (const [ref, obj] of lib.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(N('Subtype')) !== N('Image')) continue;
    const cs = deref<unknown>(lib, obj.dict.get(N('ColorSpace')));
    out.push({
      ref: String(ref),
      colourSpace: cs instanceof PDFArray ? String(cs.get(0)) : String(cs),
      filter: String(obj.dict.get(N('Filter'))),
      width: Number(String(obj.dict.get(N('Width')))),
      height: Number(String(obj.dict.get(N('Height')))),
      smask: Boolean(obj.dict.get(N('SMask'))),
    });
  }
  return out;
}

export function xmpOf(lib: PDFDocument): string {
  const m = deref<PDFRawStream | undefined>(lib, lib.catalog.get(N('Metadata')));
  return m ? streamText(m, 'utf8') : '';
}

export function infoString(lib: PDFDocument, key: string): string | undefined {
  const info = deref<PDFDict>(lib, lib.context.trailerInfo.Info);
  const v = deref<unknown>(lib, info.get(N(key)));
  if (v === undefined) return undefined;
  return v && typeof (v as { decodeText?: () => string }).decodeText === 'function'
    ? (v as { decodeText: () => string }).decodeText()
    : String(v);
}

export interface Separations {
  width: number;
  height: number;
  dpi: number;
  /** C, M, Y, K per pixel, 0–255 */
  data: Uint8Array | Uint8ClampedArray;
  /** pixel of a PDF point (origin bottom-left of the MediaBox) */
  toPixel(x: number, y: number): [number, number];
}

/**
 * The page as four plates. MuPDF's colour management is off so that DeviceCMYK values reach the
 * pixmap untouched and DeviceGray becomes K alone (PDF's own Gray → CMYK rule), as a PDF/X RIP
 * treats them.
 */
export function separations(bytes: Uint8Array, dpi: number): Separations {
  mupdf.disableICC();
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const page = doc.loadPage(0);
  const [, , , top] = page.getBounds();
  const pix = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceCMYK, false, true);
  const out = {
    width: pix.getWidth(),
    height: pix.getHeight(),
    dpi,
    data: pix.getPixels().slice(),
    toPixel: (x: number, y: number): [number, number] => [Math.round((x * dpi) / 72), Math.round(((top - y) * dpi) / 72)],
  };
  pix.destroy();
  page.destroy();
  doc.destroy();
  return out;
}

export interface Box {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

/** Walk the pixels, telling for each whether it lies in one of the boxes (PDF points). */
export function eachPixel(s: Separations, boxes: Box[], visit: (c: number, m: number, y: number, k: number, inBox: number) => void): void {
  const px = boxes.map((b) => {
    const [l, t] = s.toPixel(b.left, b.top);
    const [r, bo] = s.toPixel(b.right, b.bottom);
    return { l, t, r, b: bo };
  });
  for (let yy = 0; yy < s.height; yy++) {
    for (let xx = 0; xx < s.width; xx++) {
      const i = (yy * s.width + xx) * 4;
      const inBox = px.findIndex((b) => xx >= b.l && xx < b.r && yy >= b.t && yy < b.b);
      visit(s.data[i], s.data[i + 1], s.data[i + 2], s.data[i + 3], inBox);
    }
  }
}

/**
 * What prints outside the photos: pixels on the K plate alone, pixels in the layout's red (its
 * CMYK in per cent; partly covered edge pixels hold the same proportions, scaled down), and
 * anything else (a few examples), which must not exist.
 */
export function inkOutsidePhotos(
  s: Separations,
  photos: Box[],
  red: number[],
): { kOnly: number; red: number; fullRed: number[]; other: number[][] } {
  const want = red.map((v) => (v * 255) / 100);
  const lead = want.indexOf(Math.max(...want));
  let kOnly = 0;
  let reds = 0;
  let fullRed = [0, 0, 0, 0];
  const other: number[][] = [];
  eachPixel(s, photos, (c, m, y, k, inPhoto) => {
    if (inPhoto >= 0) return;
    if (k > 0 && !c && !m && !y) kOnly++;
    if (!c && !m && !y) return;
    const px = [c, m, y, k];
    const t = px[lead] / want[lead];
    if (px.every((v, i) => Math.abs(v - t * want[i]) <= 3)) {
      reds++;
      if (px[lead] > fullRed[lead]) fullRed = px;
    } else if (other.length < 5) other.push(px);
  });
  return { kOnly, red: reds, fullRed: fullRed.map((v) => Math.round((v / 255) * 100)), other };
}

/** The highest total ink (per cent) of the pixels inside the boxes. */
export function maxInkInside(s: Separations, boxes: Box[]): number {
  let max = 0;
  eachPixel(s, boxes, (c, m, y, k, inBox) => {
    if (inBox >= 0) max = Math.max(max, c + m + y + k);
  });
  return (max / 255) * 100;
}
