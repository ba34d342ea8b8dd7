// Writer: dist/<manuscript>/page.pdf (print-ready), page.png (preview) and page.fit.json (copy fit
// and line quality, measured on the rendered page). Rendering and writing are separate steps so a
// press build can look at the copy fit before anything is written.
import path from 'node:path';
import type { Article } from '../core/article.js';
import { matterText } from '../core/matter.js';
import { writeAtomic } from '../core/atomic.js';
import { finishPdf, loadPdfLib } from '../output/pdf-finish.js';
import { cropMarks, toMm } from '../config/layout.js';
import { renderPage, type OverlayContext, type OverlayResult, type RenderOptions, type RenderedPage } from './render.js';
import { addBlockedRequests, addPageFindings, type PageFinding } from './findings.js';
import type { FrameReport } from './engine/protocol.js';
import type { PDFDocument } from 'pdf-lib';
import { PX_PER_MM, type Geometry } from './geometry.js';

export interface BuiltPage {
  rendered: RenderedPage;
  pdf: Uint8Array;
  pageFit: PageFit;
  /** the page's own findings (also in the article's vfile), with the printed line each is about */
  pageFindings: PageFinding[];
}

/** What page.fit.json records: copy fit, line quality, frames, figures, fonts and timings of one page build. */
export interface PageFit {
  manuscript: string;
  layout: { name: string; file: string };
  page: { trimMm: { width: number; height: number }; bleedMm: number; pages: number };
  frames: { count: number; lines: number; usedLines: number; each: FitFrame[] };
  fit: RenderedPage['result']['fit'];
  lines: RenderedPage['result']['quality'];
  heads: RenderedPage['result']['heads'];
  continued: RenderedPage['result']['continued'];
  offGrid: RenderedPage['result']['offGrid'];
  figures: RenderedPage['figures'] & { photos: RenderedPage['photos'] };
  fonts: { missing: string[] };
  /** requests the confined page refused (none expected: nothing outside is ever referenced) */
  blocked: string[];
  ms: Record<string, number>;
}

/** A frame as page.fit.json states it (the layout result's frame geometry is for proofs, not this file). */
type FitFrame = Pick<FrameReport, 'page' | 'column' | 'firstLine' | 'lines' | 'usedLines' | 'blocks'>;

/** What renderPage takes, less what buildPage supplies itself (the PDF finish), with the page's findings for the overlay. */
export type BuildPageOptions = Omit<RenderOptions, 'finish' | 'whilePrinting' | 'maxPages' | 'overlay'> & {
  overlay?: (ctx: OverlayContext & { pageFindings: PageFinding[] }) => Promise<OverlayResult>;
  /** Last changes to the finished PDF before it is saved (the proof's annotations and embedded data) */
  amendPdf?: (doc: PDFDocument, geometry: Geometry) => void | Promise<void>;
};

/** Lay out and print the page in memory, and add the page's findings to the article's vfile. */
export async function buildPage(article: Article, options: BuildPageOptions): Promise<BuiltPage> {
  const m = article.matter;
  const marks = cropMarks(options.layout);
  const finish = (printed: Uint8Array, geometry: RenderedPage['geometry']) =>
    finishPdf(
      printed,
      {
        trimAtMm: { left: geometry.trim.left / PX_PER_MM, top: geometry.trim.top / PX_PER_MM },
        bleedMm: geometry.bleedMm,
        trimMm: geometry.trimMm,
        cropMarks: marks && {
          offsetMm: toMm(marks.offset),
          lengthMm: toMm(marks.length),
          weightPt: (toMm(marks.weight) * 72) / 25.4,
        },
      },
      {
        title: matterText(m.headline) || matterText(m.title) || article.outputName,
        author: matterText(m.author) || undefined,
        subject: [matterText(m.paper), matterText(m.date), m.page !== undefined ? `第${matterText(m.page)}版` : '', matterText(m.section)]
          .filter(Boolean)
          .join(' '),
        keywords: [matterText(m.paper), matterText(m.section)].filter(Boolean),
        lang: String(m.lang ?? 'zh-CN'),
      },
      options.amendPdf && ((doc) => options.amendPdf!(doc, geometry)),
    );
  // The page's findings are made before printing, so that an overlay can mark them on the page.
  let pageFindings: PageFinding[] = [];
  let blockedBefore = 0;
  const overlay = async (ctx: OverlayContext) => {
    pageFindings = addPageFindings(article.file, ctx);
    blockedBefore = ctx.blocked.length;
    return options.overlay ? options.overlay({ ...ctx, pageFindings }) : {};
  };
  const rendered = await renderPage(article, { ...options, overlay, finish, whilePrinting: () => void loadPdfLib() });
  const pdf = rendered.pdf;
  // A request refused while printing (none is expected) is still reported.
  pageFindings.push(...addBlockedRequests(article.file, rendered.blocked.slice(blockedBefore)));
  const r = rendered.result;
  const pageFit: PageFit = {
    manuscript: path.relative(process.cwd(), article.file.path),
    layout: { name: options.layout.name, file: path.relative(process.cwd(), options.layout.file) },
    page: { trimMm: rendered.geometry.trimMm, bleedMm: rendered.geometry.bleedMm, pages: r.pages },
    frames: {
      count: r.frames.length,
      lines: sum(r.frames.map((f) => f.lines)),
      usedLines: sum(r.frames.map((f) => f.usedLines)),
      each: r.frames.map(({ page, column, firstLine, lines, usedLines, blocks }) => ({
        page,
        column,
        firstLine,
        lines,
        usedLines,
        blocks,
      })),
    },
    fit: r.fit,
    lines: r.quality,
    heads: r.heads,
    continued: r.continued,
    offGrid: r.offGrid,
    figures: { ...rendered.figures, photos: rendered.photos },
    fonts: { missing: rendered.missingChars.map((c) => String.fromCodePoint(c)) },
    blocked: rendered.blocked,
    ms: { ...rendered.ms, ...Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [`engine.${k}`, v])) },
  };
  return { rendered, pdf, pageFit, pageFindings };
}

export async function writePage(built: BuiltPage, outDir: string): Promise<string[]> {
  const files = [path.join(outDir, 'page.pdf'), path.join(outDir, 'page.fit.json')];
  const writes = [writeAtomic(files[0], built.pdf), writeAtomic(files[1], JSON.stringify(built.pageFit, null, 2) + '\n')];
  if (built.rendered.png) {
    files.push(path.join(outDir, 'page.png'));
    writes.push(writeAtomic(files[2], built.rendered.png));
  }
  await Promise.all(writes);
  return files;
}

/** One-line copy fit for the summary. */
export function fitLine(fit: PageFit['fit']): string {
  if (fit.status === 'overset') {
    return `OVERSET ${fit.oversetLines} lines, ${fit.oversetChars} characters did not fit — first words “${fit.firstWords}”${fit.firstLine ? ` (manuscript line ${fit.firstLine})` : ''}`;
  }
  if (fit.status === 'underset')
    return `underset: ${fit.undersetLines} empty lines remain${fit.gapLines ? ` (+${fit.gapLines} left above moved heads)` : ''}`;
  return `fits${fit.gapLines ? ` (${fit.gapLines} lines left above moved heads)` : ''}`;
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
