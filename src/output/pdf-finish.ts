// PDF post-processing for print: Chromium writes neither TrimBox nor BleedBox, nor crop marks, nor
// the document information a prepress check reads. pdf-lib adds them to the printed PDF; the
// content stream, fonts, tags and bookmarks Chromium wrote are kept as they are.
import type { PDFDocument as PDFDocumentType } from 'pdf-lib';

// pdf-lib is large: it is loaded on demand, and a build warms it up while the browser is busy.
let pdfLib: Promise<typeof import('pdf-lib')> | undefined;
export function loadPdfLib(): Promise<typeof import('pdf-lib')> {
  pdfLib ??= import('pdf-lib');
  return pdfLib;
}

/**
 * How many objects pdf-lib parses or writes before it lets other work run. It waits for a timer
 * (a millisecond or more) every 100 objects it parses and every 50 it writes unless told
 * otherwise: a 22-page page.pdf of 8,000 objects spent more time waiting than working, up to a
 * second per save on a busy machine.
 */
export const PDF_OBJECTS_PER_TICK = 5000;

const PT_PER_MM = 72 / 25.4;
/** How far Chromium's sheet may be off the designed one (its rounding is 72/300 pt); a page of another size is left alone. */
const SHEET_ROUNDING = 0.5;

export interface PrintBoxes {
  /** distance from the sheet's left and top edges to the trim, mm */
  trimAtMm: { left: number; top: number };
  bleedMm: number;
  trimMm: { width: number; height: number };
  /** the sheet the page was designed on (trim, bleed and the room for crop marks), mm */
  sheetMm?: { width: number; height: number };
  cropMarks?: { offsetMm: number; lengthMm: number; weightPt: number } | false;
}

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  lang: string;
  creator?: string;
}

/** `amend` makes the last changes before saving (a proof adds its annotations and data). */
export async function finishPdf(
  bytes: Uint8Array,
  boxes: PrintBoxes,
  meta: PdfMetadata,
  amend?: (doc: PDFDocumentType) => void | Promise<void>,
): Promise<Uint8Array> {
  const doc = await finishDoc(bytes, boxes, meta);
  await amend?.(doc);
  return doc.save({ useObjectStreams: true, objectsPerTick: PDF_OBJECTS_PER_TICK });
}

/** The printed PDF loaded, with its boxes, crop marks and metadata, for a later stage to write (the press). */
export async function finishDoc(bytes: Uint8Array, boxes: PrintBoxes, meta: PdfMetadata): Promise<PDFDocumentType> {
  const { PDFDocument, cmyk } = await loadPdfLib();
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: PDF_OBJECTS_PER_TICK });
  const left = boxes.trimAtMm.left * PT_PER_MM;
  const top = boxes.trimAtMm.top * PT_PER_MM;
  const bleed = boxes.bleedMm * PT_PER_MM;
  const w = boxes.trimMm.width * PT_PER_MM;
  const h = boxes.trimMm.height * PT_PER_MM;
  for (const page of doc.getPages()) {
    // Content is placed from the top-left corner, and Chromium rounds the sheet to whole 1/300 in
    // (a 120 mm wide sheet comes out 340.08 pt, not 340.16): the boxes are measured from the top
    // of the MediaBox it wrote, and that MediaBox is set back to the designed sheet, so that a
    // sheet without bleed or marks (trim = sheet) keeps its TrimBox inside the MediaBox.
    let media = page.getMediaBox();
    const sheet = boxes.sheetMm && { width: boxes.sheetMm.width * PT_PER_MM, height: boxes.sheetMm.height * PT_PER_MM };
    if (sheet && Math.abs(sheet.width - media.width) < SHEET_ROUNDING && Math.abs(sheet.height - media.height) < SHEET_ROUNDING) {
      media = { x: media.x, y: media.y + media.height - sheet.height, ...sheet };
      page.setMediaBox(media.x, media.y, media.width, media.height);
    }
    const x = media.x + left;
    const y = media.y + media.height - top - h;
    page.setTrimBox(x, y, w, h);
    page.setBleedBox(x - bleed, y - bleed, w + 2 * bleed, h + 2 * bleed);
    page.setArtBox(x, y, w, h);
    if (boxes.cropMarks) drawCropMarks(page, x, y, w, h, boxes.cropMarks, cmyk(0, 0, 0, 1));
  }
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.lang);
  doc.setCreator(meta.creator ?? 'baoban');
  doc.setProducer('baoban (Chromium, pdf-lib)');
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return doc;
}

/** Corner crop marks outside the bleed, in 100 % K (black elements print on the K plate alone). */
function drawCropMarks(
  page: ReturnType<PDFDocumentType['getPages']>[number],
  x: number,
  y: number,
  w: number,
  h: number,
  m: { offsetMm: number; lengthMm: number; weightPt: number },
  color: import('pdf-lib').Color,
): void {
  const off = m.offsetMm * PT_PER_MM;
  const len = m.lengthMm * PT_PER_MM;
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: m.weightPt, color });
  for (const cx of [x, x + w]) {
    for (const cy of [y, y + h]) {
      const sx = cx === x ? -1 : 1;
      const sy = cy === y ? -1 : 1;
      line(cx + sx * off, cy, cx + sx * (off + len), cy); // horizontal, level with the trim edge
      line(cx, cy + sy * off, cx, cy + sy * (off + len)); // vertical
    }
  }
}
