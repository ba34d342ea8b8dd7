// Read a PDF back the way a prepress check or a reader would: pdfjs-dist for text (with positions),
// outline, metadata and drawing operators; pdf-lib for boxes and font dictionaries.
import { readFile } from 'node:fs/promises';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDict, PDFDocument, PDFName, type PDFArray, PDFRef } from 'pdf-lib';
import { mul } from '../../../src/press/matrix.js';

export const MM = 72 / 25.4;

export async function openPdf(file: string): Promise<{ doc: PDFDocumentProxy; lib: PDFDocument; bytes: Uint8Array }> {
  const bytes = new Uint8Array(await readFile(file));
  const lib = await PDFDocument.load(bytes, { updateMetadata: false });
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  return { doc, lib, bytes };
}

export interface Glyphs {
  str: string;
  x: number;
  /** baseline, PDF units from the bottom */
  y: number;
  size: number;
  width: number;
}

export async function textItems(doc: PDFDocumentProxy, pageNo = 1): Promise<Glyphs[]> {
  const page = await doc.getPage(pageNo);
  const content = await page.getTextContent();
  return content.items
    .filter((i): i is Extract<typeof i, { str: string }> => 'str' in i)
    .map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], size: Math.hypot(i.transform[0], i.transform[1]), width: i.width }));
}

export interface Line {
  column: number;
  x: number;
  right: number;
  y: number;
  size: number;
  text: string;
}

/**
 * Items grouped into lines: one column (`columnOf` an item's x, or undefined for none), one
 * baseline, one size; in reading order (column by column, top to bottom).
 */
export function groupLines(items: Glyphs[], columnOf: (x: number) => number | undefined): Line[] {
  const lines = new Map<string, Line & { parts: Glyphs[] }>();
  for (const it of items) {
    if (!it.str.trim()) continue;
    const c = columnOf(it.x);
    if (c === undefined) continue;
    const key = `${c}:${it.y.toFixed(1)}:${it.size.toFixed(1)}`;
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { column: c, x: it.x, right: it.x + it.width, y: it.y, size: it.size, text: '', parts: [] }));
    line.parts.push(it);
  }
  return [...lines.values()]
    .map((l) => {
      l.parts.sort((a, b) => a.x - b.x);
      return {
        column: l.column,
        x: l.parts[0].x,
        right: Math.max(...l.parts.map((p) => p.x + p.width)),
        y: l.y,
        size: l.size,
        text: l.parts
          .map((p) => p.str)
          .join('')
          .replace(/\s+/g, ''),
      };
    })
    .sort((a, b) => a.column - b.column || b.y - a.y);
}

/**
 * Items grouped into lines per column: same baseline, same size, in one column's x range.
 * `left` is the x of column 1, `pitch` column width + gutter; a trimmed opening mark may start
 * up to half an em left of its column, so columns are taken from 3/4 of a gutter to the left.
 */
export function linesByColumn(items: Glyphs[], left: number, pitch: number, gutter: number, columns: number): Line[] {
  return groupLines(items, (x) => {
    const c = Math.floor((x - left + 0.75 * gutter) / pitch) + 1;
    return c < 1 || c > columns ? undefined : c;
  });
}

export interface ImageBox {
  left: number;
  right: number;
  bottom: number;
  top: number;
  /** the image's own size in pixels */
  pixels?: [number, number];
}

/** Where each image is painted: the unit square through the current transformation matrix. */
export async function imageBoxes(doc: PDFDocumentProxy, pageNo = 1): Promise<ImageBox[]> {
  const page = await doc.getPage(pageNo);
  const ops = await page.getOperatorList();
  let ctm = [1, 0, 0, 1, 0, 0];
  let clip: ImageBox = { left: -Infinity, right: Infinity, bottom: -Infinity, top: Infinity };
  const stack: Array<[number[], ImageBox]> = [];
  const through = (m: number[], pts: number[][]) => {
    const t = pts.map(([u, v]) => [m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]]);
    return {
      left: Math.min(...t.map((p) => p[0])),
      right: Math.max(...t.map((p) => p[0])),
      bottom: Math.min(...t.map((p) => p[1])),
      top: Math.max(...t.map((p) => p[1])),
    };
  };
  const intersect = (a: ImageBox, b: ImageBox): ImageBox => ({
    left: Math.max(a.left, b.left),
    right: Math.min(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
    top: Math.min(a.top, b.top),
  });
  const boxes: ImageBox[] = [];
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push([ctm, clip]);
    else if (fn === OPS.restore) [ctm, clip] = stack.pop() ?? [ctm, clip];
    else if (fn === OPS.transform) ctm = mul(args as number[], ctm);
    else if (fn === OPS.constructPath && (ops.fnArray[i - 1] === OPS.clip || ops.fnArray[i - 1] === OPS.eoClip)) {
      // pdfjs puts the clip operator before the path it clips to; the path's bounds come last.
      const mm = (args as unknown[])[2] as Record<number, number>;
      clip = intersect(
        clip,
        through(ctm, [
          [mm[0], mm[1]],
          [mm[2], mm[1]],
          [mm[0], mm[3]],
          [mm[2], mm[3]],
        ]),
      );
    } else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      // The visible part of the image: its unit square, clipped (object-fit: cover crops by clipping).
      const [, width, height] = args as [string, number, number];
      boxes.push({
        ...intersect(
          clip,
          through(ctm, [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1],
          ]),
        ),
        pixels: [width, height],
      });
    }
  });
  return boxes;
}

/** Text drawn with fill + stroke (synthetic bold) anywhere on the page. */
export async function strokedTextRuns(doc: PDFDocumentProxy, pageNo = 1): Promise<number> {
  const ops = await (await doc.getPage(pageNo)).getOperatorList();
  return ops.fnArray.filter((fn, i) => fn === OPS.setTextRenderingMode && [1, 2, 5, 6].includes((ops.argsArray[i] as number[])[0])).length;
}

export interface FontInfo {
  name: string;
  subtype: string;
  embedded: boolean;
  subset: boolean;
}

/** Every font dictionary in the file, with whether its program is embedded. */
export function fonts(lib: PDFDocument): FontInfo[] {
  const out: FontInfo[] = [];
  const deref = (o: unknown) => (o instanceof PDFRef ? lib.context.lookup(o) : o);
  for (const [, obj] of lib.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = String(obj.get(PDFName.of('Subtype')));
    if (subtype === '/CIDFontType0' || subtype === '/CIDFontType2') continue; // described through their Type0 parent
    const name = String(obj.get(PDFName.of('BaseFont')) ?? '');
    let descriptor = deref(obj.get(PDFName.of('FontDescriptor')));
    if (subtype === '/Type0') {
      const descendants = deref(obj.get(PDFName.of('DescendantFonts'))) as PDFArray;
      const cid = deref(descendants.get(0)) as PDFDict;
      descriptor = deref(cid.get(PDFName.of('FontDescriptor')));
    }
    const d = descriptor instanceof PDFDict ? descriptor : undefined;
    const embedded = Boolean(d && (d.get(PDFName.of('FontFile')) || d.get(PDFName.of('FontFile2')) || d.get(PDFName.of('FontFile3'))));
    out.push({ name, subtype, embedded, subset: /^\/[A-Z]{6}\+/.test(name) });
  }
  return out;
}

/** Stroked paths drawn entirely outside a box (crop marks sit outside the bleed). */
export async function strokesOutside(
  doc: PDFDocumentProxy,
  box: { x: number; y: number; width: number; height: number },
  pageNo = 1,
): Promise<ImageBox[]> {
  const ops = await (await doc.getPage(pageNo)).getOperatorList();
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const out: ImageBox[] = [];
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) {
      const n = args as number[];
      const m = ctm;
      ctm = [
        n[0] * m[0] + n[1] * m[2],
        n[0] * m[1] + n[1] * m[3],
        n[2] * m[0] + n[3] * m[2],
        n[2] * m[1] + n[3] * m[3],
        n[4] * m[0] + n[5] * m[2] + m[4],
        n[4] * m[1] + n[5] * m[3] + m[5],
      ];
    } else if (fn === OPS.constructPath && args[0] === OPS.stroke) {
      const mm = args[2] as Record<number, number>;
      const pts = [
        [mm[0], mm[1]],
        [mm[2], mm[3]],
      ].map(([u, v]) => [ctm[0] * u + ctm[2] * v + ctm[4], ctm[1] * u + ctm[3] * v + ctm[5]]);
      const b = {
        left: Math.min(pts[0][0], pts[1][0]),
        right: Math.max(pts[0][0], pts[1][0]),
        bottom: Math.min(pts[0][1], pts[1][1]),
        top: Math.max(pts[0][1], pts[1][1]),
      };
      const e = 0.01; // a mark may start right at the bleed edge
      const outside = b.right <= box.x + e || b.left >= box.x + box.width - e || b.top <= box.y + e || b.bottom >= box.y + box.height - e;
      if (outside) out.push(b);
    }
  });
  return out;
}
