// A reviewer at work on a proof PDF, as a PDF reader does it: find a phrase in the page's text
// (each glyph where pdf.js draws it, as a reader's text selection), then add a mark over it. Marks are written
// either by pdf.js's own editor (its incremental save: Firefox's viewer) or by pdf-lib as plain
// annotation dictionaries with quad points, as Acrobat, Foxit or WPS write them (full rewrite).
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { type Matrix, mul } from '../../../src/press/matrix.js';

export interface Glyph {
  ch: string;
  x: number;
  right: number;
  /** baseline */
  y: number;
  size: number;
}

const ID: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * Every glyph the page draws, where it draws it: the page's operators interpreted (graphics state,
 * text matrix, font size, each glyph's advance). A text item of pdf.js holds a run of glyphs in
 * one font, and a squeezed mark (，。 at half an em) inside it shifts what follows: its width shared
 * evenly over its characters put a mark on a long line half a character off.
 */
async function pageGlyphs(doc: PDFDocumentProxy, pageNo: number): Promise<Glyph[]> {
  const { fnArray, argsArray } = await (await doc.getPage(pageNo)).getOperatorList();
  const glyphs: Glyph[] = [];
  const stack: Matrix[] = [];
  let ctm = ID;
  let tm = ID;
  let tlm = ID;
  let size = 0;
  let charSpacing = 0;
  let scale = 1;
  fnArray.forEach((fn, i) => {
    const args = argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ID;
    else if (fn === OPS.transform) ctm = mul(Array.from(args), ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (args[0]) ctm = mul(Array.from(args[0]), ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ID;
    else if (fn === OPS.beginText) tm = tlm = ID;
    else if (fn === OPS.setFont) size = args[1];
    else if (fn === OPS.setCharSpacing) charSpacing = args[0];
    else if (fn === OPS.setHScale) scale = args[0] / 100;
    else if (fn === OPS.setTextMatrix) tm = tlm = Array.from(args[0] ?? args) as Matrix;
    else if (fn === OPS.moveText) tm = tlm = mul([1, 0, 0, 1, args[0], args[1]], tlm);
    else if (fn === OPS.showText || fn === OPS.showSpacedText) {
      for (const g of args[0] as Array<number | { unicode: string; width: number }>) {
        if (typeof g === 'number') {
          tm = mul([1, 0, 0, 1, (-g / 1000) * size * scale, 0], tm);
          continue;
        }
        const advance = ((g.width / 1000) * size + charSpacing) * scale;
        const m = mul(tm, ctm);
        const end = mul([1, 0, 0, 1, advance, 0], m);
        // a glyph that stands for several characters (the 2-em dash, “——”) shares its width among them
        const chars = Array.from(g.unicode ?? '');
        const share = (end[4] - m[4]) / (chars.length || 1);
        const fontSize = Math.abs(size * Math.hypot(m[2], m[3]));
        for (const [k, ch] of chars.entries())
          glyphs.push({ ch, x: m[4] + k * share, right: m[4] + (k + 1) * share, y: m[5], size: fontSize });
        tm = mul([1, 0, 0, 1, advance, 0], tm);
      }
    }
  });
  return glyphs;
}

/** The page's glyphs grouped into printed lines (same baseline and size, no wide gap), in reading order. */
export async function pageLines(doc: PDFDocumentProxy, pageNo: number): Promise<Glyph[][]> {
  const glyphs = await pageGlyphs(doc, pageNo);
  const lines: Glyph[][] = [];
  for (const g of glyphs.sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => {
      const last = l[l.length - 1];
      return Math.abs(last.y - g.y) < 0.5 && Math.abs(last.size - g.size) < 0.1 && g.x - last.right < g.size * 0.5 && g.x >= last.x;
    });
    if (line) line.push(g);
    else lines.push([g]);
  }
  return lines.map((l) => l.filter((g) => g.ch.trim())).filter((l) => l.length);
}

/** Quad points (upper-left, upper-right, lower-left, lower-right) over the first occurrence of a phrase. */
export async function findPhrase(doc: PDFDocumentProxy, pageNo: number, phrase: string): Promise<number[]> {
  for (const line of await pageLines(doc, pageNo)) {
    const text = line.map((g) => g.ch).join('');
    const at = text.indexOf(phrase);
    if (at < 0) continue;
    const gs = line.slice(at, at + Array.from(phrase).length);
    const { y, size } = gs[0];
    const [l, r, top, bottom] = [gs[0].x, gs[gs.length - 1].right, y + size * 0.88, y - size * 0.12];
    return [l, top, r, top, l, bottom, r, bottom];
  }
  throw new Error(`“${phrase}” is not on page ${pageNo}`);
}

export interface ReviewMark {
  subtype: 'Highlight' | 'Underline' | 'StrikeOut' | 'Squiggly' | 'Caret' | 'Text' | 'FreeText' | 'Ink';
  page?: number;
  quads?: number[];
  rect?: [number, number, number, number];
  inkList?: number[][];
  contents: string;
  author: string;
}

/** Marks as a desktop reader writes them: plain annotation dictionaries, then the whole file saved again. */
export async function markWithPdfLib(bytes: Uint8Array, marks: ReviewMark[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  for (const m of marks) {
    const page = doc.getPage((m.page ?? 1) - 1);
    const q = m.quads;
    const rect = m.rect ?? (q ? [Math.min(q[0], q[4]), Math.min(q[5], q[7]), Math.max(q[2], q[6]), Math.max(q[1], q[3])] : [0, 0, 10, 10]);
    const dict = ctx.obj({
      Type: 'Annot',
      Subtype: m.subtype,
      Rect: rect,
      C: [1, 0, 0],
      F: 4,
      T: PDFHexString.fromText(m.author),
      M: PDFString.of("D:20261201093000+08'00'"),
      ...(q ? { QuadPoints: q } : {}),
      ...(m.inkList ? { InkList: m.inkList } : {}),
      ...(m.subtype === 'Text' ? { Name: 'Comment' } : {}),
      ...(m.subtype === 'FreeText' ? { DA: PDFString.of('/Helv 9 Tf 1 0 0 rg') } : {}),
    });
    dict.set(PDFName.of('Contents'), PDFHexString.fromText(m.contents));
    const ref = ctx.register(dict);
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (annots) annots.push(ref);
    else page.node.set(PDFName.of('Annots'), ctx.obj([ref]));
  }
  return doc.save();
}

/** Marks made in pdf.js's editor (highlight with a comment, free text, ink) and saved as an incremental update. */
export async function markWithPdfjs(
  bytes: Uint8Array,
  marks: Array<{
    kind: 'highlight' | 'freetext' | 'ink';
    page?: number;
    quads?: number[];
    rect?: number[];
    points?: number[];
    text: string;
    author: string;
  }>,
): Promise<Uint8Array> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false }).promise;
  marks.forEach((m, i) => {
    const pageIndex = (m.page ?? 1) - 1;
    const common = { pageIndex, rotation: 0, user: m.author, color: [255, 0, 0], date: new Date() };
    let value: Record<string, unknown>;
    if (m.kind === 'highlight') {
      const q = m.quads!;
      const rect = [Math.min(q[0], q[4]), Math.min(q[5], q[7]), Math.max(q[2], q[6]), Math.max(q[1], q[3])];
      value = {
        ...common,
        annotationType: 9,
        opacity: 0.4,
        quadPoints: q,
        outlines: [[rect[0], rect[1], rect[2], rect[1], rect[2], rect[3], rect[0], rect[3]]],
        rect,
        popup: { contents: m.text, rect: [rect[2], rect[3] - 40, rect[2] + 100, rect[3]] },
      };
    } else if (m.kind === 'freetext') {
      value = { ...common, annotationType: 3, fontSize: 9, value: m.text, rect: m.rect };
    } else {
      const pts = m.points!;
      const xs = pts.filter((_, k) => k % 2 === 0);
      const ys = pts.filter((_, k) => k % 2 === 1);
      value = {
        ...common,
        annotationType: 15,
        thickness: 1,
        opacity: 1,
        // pdf.js keeps a stroke as Bézier segments (6 numbers a point; NaN control points for a straight segment) and as points
        paths: { lines: [pts.flatMap((v, k) => (k % 2 === 0 ? [Number.NaN, Number.NaN, Number.NaN, Number.NaN, v] : [v]))], points: [pts] },
        rect: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
        popup: { contents: m.text },
      };
    }
    doc.annotationStorage.setValue(`pdfjs_internal_editor_${i}`, value);
  });
  const saved = await doc.saveDocument();
  await doc.destroy();
  return saved;
}
