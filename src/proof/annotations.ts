// The proof's findings and changes as real PDF annotations, so that a reviewer's reader lists them
// in its comments panel: a /Highlight over a finding's text (a /Square around a photo), a /Text
// note on the findings sheet for a finding with no place on the page, an /Underline under text
// inserted since the last round and a /Caret where text was deleted. Each has an appearance stream
// (/AP: poppler draws no highlight without one), /Contents with the number, rule id and message,
// /T "baoban" and an /NM starting with "baoban-" (proof:notes leaves them out of the reviewer's marks).
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { loadPdfLib } from '../output/pdf-finish.js';
import type { Box } from './text-map.js';
import type { ProofFinding } from './findings.js';
import type { Change } from './changes.js';

export const AUTHOR = 'baoban';
export const NAME_PREFIX = 'baoban-';

type Rgb = [number, number, number];
const SEVERITY_RGB: Record<ProofFinding['severity'], Rgb> = {
  error: [0.88, 0.12, 0.16],
  warning: [0.98, 0.67, 0],
  info: [0.16, 0.47, 0.9],
};
const INSERTED: Rgb = [0.1, 0.5, 0.22];
const DELETED: Rgb = [0.75, 0.11, 0.16];
const MOVED: Rgb = [0.53, 0.22, 0.78];

/** Converts the proof's CSS pixels (from a sheet's top-left corner) to PDF points on one page. */
export interface PageSpace {
  page: PDFPage;
  /** sheet px → PDF user space */
  x(px: number): number;
  y(px: number): number;
}

export function pageSpaces(doc: PDFDocument): PageSpace[] {
  return doc.getPages().map((page) => {
    const media = page.getMediaBox();
    const top = media.y + media.height;
    return { page, x: (px) => media.x + px * 0.75, y: (px) => top - px * 0.75 };
  });
}

export interface SheetRow {
  n: number;
  kind: 'finding' | 'change';
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** a marker of where a moved block stood (移N原处) */
  from?: true;
}

const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

export async function writeAnnotations(
  doc: PDFDocument,
  o: { findings: ProofFinding[]; changes: Change[]; rows: SheetRow[]; trim: { left: number; top: number }; manuscript: string; date: Date },
): Promise<number> {
  const { PDFName, PDFHexString, PDFString, PDFNumber } = await loadPdfLib();
  const spaces = pageSpaces(doc);
  const ctx = doc.context;
  let count = 0;

  /** Trim px boxes → PDF quads and their bounding rect on the box's page. */
  const quadsOf = (boxes: Box[], onTrim = true) => {
    const s = spaces[boxes[0].page - 1];
    const dx = onTrim ? o.trim.left : 0;
    const dy = onTrim ? o.trim.top : 0;
    const quads: number[] = [];
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const b of boxes) {
      const l = s.x(b.left + dx);
      const r = s.x(b.left + dx + b.width);
      const t = s.y(b.top + dy);
      const btm = s.y(b.top + dy + b.height);
      quads.push(l, t, r, t, l, btm, r, btm); // upper-left, upper-right, lower-left, lower-right (as readers write them)
      [x1, y1, x2, y2] = [Math.min(x1, l), Math.min(y1, btm), Math.max(x2, r), Math.max(y2, t)];
    }
    return { space: s, quads, rect: [x1, y1, x2, y2] as [number, number, number, number] };
  };

  const add = (
    space: PageSpace,
    subtype: string,
    rect: [number, number, number, number],
    color: Rgb,
    contents: string,
    name: string,
    appearance: string,
    extra: Record<string, unknown> = {},
    alpha?: { opacity: number; multiply?: boolean },
  ) => {
    const [x1, y1, x2, y2] = rect;
    const ap = ctx.stream(appearance, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [x1, y1, x2, y2],
      Resources: alpha
        ? { ExtGState: { G0: { Type: 'ExtGState', CA: alpha.opacity, ca: alpha.opacity, ...(alpha.multiply ? { BM: 'Multiply' } : {}) } } }
        : {},
    });
    const dict = ctx.obj({
      Type: 'Annot',
      Subtype: subtype,
      Rect: [x1, y1, x2, y2],
      C: color,
      F: 4, // print
      T: PDFString.of(AUTHOR),
      NM: PDFString.of(name),
      M: PDFString.of(pdfDate(o.date)),
      AP: { N: ctx.register(ap) },
      ...extra,
    });
    dict.set(PDFName.of('Contents'), PDFHexString.fromText(contents));
    if (alpha) dict.set(PDFName.of('CA'), PDFNumber.of(alpha.opacity));
    space.page.node.addAnnot(ctx.register(dict));
    count++;
  };

  const fill = (c: Rgb) => `${c.map(fmt).join(' ')} rg`;
  const stroke = (c: Rgb) => `${c.map(fmt).join(' ')} RG`;
  const rects = (quads: number[]) => {
    const out: string[] = [];
    for (let i = 0; i < quads.length; i += 8) {
      const [l, t, r, , , b] = quads.slice(i, i + 6);
      out.push(`${fmt(l)} ${fmt(b)} ${fmt(r - l)} ${fmt(t - b)} re`);
    }
    return out.join(' ');
  };
  const noteIcon = (x: number, y: number, c: Rgb) =>
    `${fill(c)} ${fmt(x)} ${fmt(y)} 10 10 re f 1 1 1 rg ${fmt(x + 2)} ${fmt(y + 6)} 6 1 re f ${fmt(x + 2)} ${fmt(y + 3)} 6 1 re f`;

  for (const f of o.findings) {
    const where = `${o.manuscript}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}${f.place ? ` · ${f.place.label}` : ''}`;
    const contents = `#${f.n} ${f.severity} ${f.ruleId}: ${f.message}\n${where}${!f.place && f.source ? `\n稿件原文: ${f.source}` : ''}${f.unprinted ? `\n未印出: ${f.unprinted}` : ''}`;
    const color = SEVERITY_RGB[f.severity];
    if (f.boxes.length && f.kind === 'text') {
      const { space, quads, rect } = quadsOf(f.boxes.filter((b) => b.page === f.boxes[0].page));
      add(
        space,
        'Highlight',
        rect,
        color,
        contents,
        `${NAME_PREFIX}finding-${f.n}`,
        `/G0 gs ${fill(color)} ${rects(quads)} f`,
        { QuadPoints: quads, Subj: PDFString.of(f.ruleId) },
        {
          opacity: 0.25,
          multiply: true,
        },
      );
    } else if (f.boxes.length) {
      const { space, rect } = quadsOf([f.boxes[0]]);
      const [x1, y1, x2, y2] = rect;
      add(
        space,
        'Square',
        rect,
        color,
        contents,
        `${NAME_PREFIX}finding-${f.n}`,
        `1.5 w ${stroke(color)} ${fmt(x1 + 0.75)} ${fmt(y1 + 0.75)} ${fmt(x2 - x1 - 1.5)} ${fmt(y2 - y1 - 1.5)} re S`,
        {
          BS: { W: 1.5 },
          Subj: PDFString.of(f.ruleId),
        },
      );
    } else {
      // No place on the page: a note beside its row on the findings sheet.
      const row = o.rows.find((r) => r.kind === 'finding' && r.n === f.n);
      if (!row) continue;
      const space = spaces[row.page - 1];
      const x = space.x(row.left) - 12;
      const y = space.y(row.top) - 10;
      add(space, 'Text', [x, y, x + 10, y + 10], color, contents, `${NAME_PREFIX}finding-${f.n}`, noteIcon(x, y, color), {
        Name: 'Comment',
        Open: false,
        Subj: PDFString.of(f.ruleId),
      });
    }
  }

  for (const c of o.changes) {
    const what = c.kind === 'move' ? 'Moved' : c.kind === 'insert' ? 'Inserted' : c.kind === 'delete' ? 'Deleted' : 'Replaced';
    const body = [c.deleted ? `− ${c.deleted}` : '', c.text ? `+ ${c.text}` : ''].filter(Boolean).join('\n');
    const contents =
      c.kind === 'photo'
        ? `换图 Photo replaced since the last round (change ${c.n}): ${c.text}${c.deleted ? ', the same name, a new picture' : ', a new picture'}`
        : `${what} since the last round (change ${c.n})${c.kind === 'move' ? movedFromWords(c) : ''}\n${body}`;
    const boxes = c.boxes.filter((b) => b.page === c.boxes[0]?.page);
    if (boxes.length && c.kind === 'photo') {
      // a frame round the photo, as the page shows it
      const { space, rect } = quadsOf([boxes[0]]);
      const [x1, y1, x2, y2] = rect;
      add(
        space,
        'Square',
        rect,
        INSERTED,
        contents,
        `${NAME_PREFIX}change-${c.n}`,
        `1.5 w ${stroke(INSERTED)} ${fmt(x1 + 0.75)} ${fmt(y1 + 0.75)} ${fmt(x2 - x1 - 1.5)} ${fmt(y2 - y1 - 1.5)} re S`,
        { BS: { W: 1.5 } },
      );
    } else if (boxes.length && c.kind !== 'move') {
      const { space, quads, rect } = quadsOf(boxes);
      const lines = [];
      for (let i = 0; i < quads.length; i += 8)
        lines.push(`${fmt(quads[i + 4])} ${fmt(quads[i + 5] + 0.5)} m ${fmt(quads[i + 6])} ${fmt(quads[i + 7] + 0.5)} l S`);
      add(space, 'Underline', rect, INSERTED, contents, `${NAME_PREFIX}change-${c.n}`, `0.75 w ${stroke(INSERTED)} ${lines.join(' ')}`, {
        QuadPoints: quads,
      });
    } else if (boxes.length) {
      // A moved block: a note at its first line's left.
      const { space, rect } = quadsOf(boxes);
      const [x1, , , y2] = rect;
      add(
        space,
        'Text',
        [x1 - 14, y2 - 10, x1 - 4, y2],
        MOVED,
        contents,
        `${NAME_PREFIX}change-${c.n}`,
        noteIcon(x1 - 14, y2 - 10, MOVED),
        {
          Name: 'Note',
          Open: false,
        },
      );
    }
    if (c.at && c.kind !== 'insert') {
      const { space, rect } = quadsOf([{ ...c.at, left: c.at.left - 2, width: 4 }]);
      const [x1, y1, x2, y2] = rect;
      // a moved block: a caret of its colour where it stood in the last round
      const from = c.kind === 'move';
      const color = from ? MOVED : DELETED;
      add(
        space,
        'Caret',
        rect,
        color,
        from ? `Moved away from here since the last round (change ${c.n})${c.place ? `, now at ${c.place.label}` : ''}\n${body}` : contents,
        `${NAME_PREFIX}change-${c.n}-${from ? 'from' : 'deleted'}`,
        `${fill(color)} ${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y1)} l ${fmt((x1 + x2) / 2)} ${fmt(y2)} l f`,
        {
          Sy: 'None',
        },
      );
    }
    // a footnote removed: a caret where its text stood in the footnotes too
    if (c.noteAt && c.kind === 'delete') {
      const { space, rect } = quadsOf([{ ...c.noteAt, left: c.noteAt.left - 2, width: 4 }]);
      const [x1, y1, x2, y2] = rect;
      add(
        space,
        'Caret',
        rect,
        DELETED,
        contents,
        `${NAME_PREFIX}change-${c.n}-note`,
        `${fill(DELETED)} ${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y1)} l ${fmt((x1 + x2) / 2)} ${fmt(y2)} l f`,
        { Sy: 'None' },
      );
    }
  }
  return count;
}

/** Where a moved block stood, for its comment: “, from 第1栏第5行”, or that its old place is not on the page. */
function movedFromWords(c: Change): string {
  if (c.from === undefined) return '';
  if (c.from) return `, from ${c.from.label}`;
  return c.fromLine
    ? `, from manuscript line ${c.fromLine}, a place not on the page (in the overset text)`
    : ', from a place that cannot be told (nothing around it stayed)';
}
