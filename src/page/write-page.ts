// Writer: dist/<manuscript>/page.pdf (print-ready), page.png (preview) and page.fit.json (copy fit
// and line quality, measured on the rendered page). Rendering and writing are separate steps so a
// press build can look at the copy fit before anything is written.
import { count } from '../core/plural.js';
import { relativeToReport } from '../core/paths.js';
import path from 'node:path';
import { dropFootnoteBackrefs, reportLinkAddresses } from './links.js';
import { dropUnplacedImages } from './unplaced-images.js';
import { runningHeadFindings } from './running-head-check.js';
import { headlineFindings } from './headline-check.js';
import { slotFindings } from './slot-check.js';
import type { Article } from '../core/article.js';
import { authorNames, joinNames, type Matter, matterText } from '../core/matter.js';
import { rm } from 'node:fs/promises';
import { stageOutputs } from '../output/staging.js';
import { finishDoc, loadPdfLib, PDF_OBJECTS_PER_TICK, type PdfMetadata } from '../output/pdf-finish.js';
import { cropMarks, type Layout, toMm } from '../config/layout.js';
import { renderPage, type OverlayContext, type OverlayResult, type RenderOptions, type RenderedPage } from './render.js';
import { addBlockedRequests, addPageFindings, type PageFinding } from './findings.js';
import type { FrameReport } from './engine/protocol.js';
import type { PDFDocument } from 'pdf-lib';
import { PX_PER_MM, type Geometry } from './geometry.js';

export interface BuiltPage {
  rendered: RenderedPage;
  /** page.pdf: what the finishing stage wrote (the press PDF in build:pdf) */
  pdf: Uint8Array;
  pageFit: PageFit;
  /** the page's own findings (also in the article's vfile), with the printed line each is about */
  pageFindings: PageFinding[];
}

/**
 * A stage that takes the printed page over (build:pdf's press, src/press/stage.ts): told the
 * photos as soon as they are scaled, allowed to change the page before the preview, and given the
 * finished PDF (boxes, crop marks, metadata) to write page.pdf from.
 */
export interface PageFinishing {
  onPhotos?: RenderOptions['onPhotos'];
  beforePreview?: RenderOptions['beforePreview'];
  write: (doc: PDFDocument, meta: PdfMetadata) => Promise<Uint8Array>;
  /** milliseconds of its steps, for page.fit.json and the benchmark */
  ms?: () => Record<string, number>;
}

/** What page.fit.json records: copy fit, line quality, frames, figures, fonts and timings of one page build. */
export interface PageFit {
  /** the manuscript and the layout file: absolute in memory, relative to its own folder in page.fit.json */
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
export type BuildPageOptions = Omit<RenderOptions, 'finish' | 'whilePrinting' | 'maxPages' | 'overlay' | 'onPhotos' | 'beforePreview'> & {
  overlay?: (ctx: OverlayContext & { pageFindings: PageFinding[] }) => Promise<OverlayResult>;
  /** Last changes to the finished PDF before it is saved (the proof's annotations and embedded data) */
  amendPdf?: (doc: PDFDocument, geometry: Geometry) => void | Promise<void>;
  /** A stage that writes page.pdf from the finished PDF (build:pdf's press) */
  finishing?: PageFinishing;
};

/** The PDF's document information from publication data (front matter, or an edition page's). */
export function pdfMetadata(m: Matter, fallbackTitle: string): PdfMetadata {
  return {
    title: matterText(m.headline) || matterText(m.title) || fallbackTitle,
    author: joinNames(authorNames(m.author)) || undefined,
    subject: [matterText(m.paper), matterText(m.date), m.page !== undefined ? `第${matterText(m.page)}版` : '', matterText(m.section)]
      .filter(Boolean)
      .join(' '),
    keywords: [matterText(m.paper), matterText(m.section)].filter(Boolean),
    lang: String(m.lang ?? 'zh-CN'),
  };
}

/**
 * What Chromium does not write (TrimBox/BleedBox, crop marks, metadata: pdf-finish.ts), then the
 * finishing stage's page.pdf (the press) or the finished PDF as it is.
 */
export function pdfFinisher(
  layout: Layout,
  meta: PdfMetadata,
  stage?: PageFinishing,
  amend?: BuildPageOptions['amendPdf'],
): (printed: Uint8Array, geometry: Geometry) => Promise<Uint8Array> {
  const marks = cropMarks(layout);
  return async (printed, geometry) => {
    const doc = await finishDoc(
      printed,
      {
        trimAtMm: { left: geometry.trim.left / PX_PER_MM, top: geometry.trim.top / PX_PER_MM },
        bleedMm: geometry.bleedMm,
        trimMm: geometry.trimMm,
        sheetMm: { width: geometry.sheet.width / PX_PER_MM, height: geometry.sheet.height / PX_PER_MM },
        cropMarks: marks && {
          offsetMm: toMm(marks.offset),
          lengthMm: toMm(marks.length),
          weightPt: (toMm(marks.weight) * 72) / 25.4,
        },
      },
      meta,
    );
    if (amend) await amend(doc, geometry);
    return stage ? stage.write(doc, meta) : doc.save({ useObjectStreams: true, objectsPerTick: PDF_OBJECTS_PER_TICK });
  };
}

/** Lay out and print the page in memory, and add the page's findings to the article's vfile. */
export async function buildPage(article: Article, options: BuildPageOptions): Promise<BuiltPage> {
  const stage = options.finishing;
  reportLinkAddresses(article.hast, article.file);
  dropFootnoteBackrefs(article.hast);
  dropUnplacedImages(article.hast, article.file);
  const finish = pdfFinisher(options.layout, pdfMetadata(article.matter, article.outputName), stage, options.amendPdf);
  // The page's findings are made before printing, so that an overlay can mark them on the page.
  let pageFindings: PageFinding[] = [];
  let blockedBefore = 0;
  const overlay = async (ctx: OverlayContext) => {
    pageFindings = [
      ...addPageFindings(article.file, ctx),
      ...(await runningHeadFindings(ctx.page, article, ctx.layout)),
      ...(await headlineFindings(ctx.page, article, ctx.geometry.grid)),
      ...(await slotFindings(ctx.page, article)),
    ];
    blockedBefore = ctx.blocked.length;
    return options.overlay ? options.overlay({ ...ctx, pageFindings }) : {};
  };
  const rendered = await renderPage(article, {
    ...options,
    overlay,
    // The page's findings always run as an overlay step; the line map is measured only for a caller's overlay (the proof).
    lineMap: options.lineMap ?? Boolean(options.overlay),
    finish,
    onPhotos: stage?.onPhotos,
    beforePreview: stage?.beforePreview,
    whilePrinting: () => void loadPdfLib(),
  });
  const pdf = rendered.pdf;
  // A request refused while printing (none is expected) is still reported.
  pageFindings.push(...addBlockedRequests(article.file, rendered.blocked.slice(blockedBefore)));
  const r = rendered.result;
  const pageFit: PageFit = {
    // absolute here; page.fit.json names them relative to its own folder (writePage)
    manuscript: path.resolve(article.file.path),
    layout: { name: options.layout.name, file: path.resolve(options.layout.file) },
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
    figures: { ...rendered.figures, photos: rendered.photos.map(({ source, ...p }) => p) },
    fonts: { missing: rendered.missingChars.map((c) => String.fromCodePoint(c)) },
    blocked: rendered.blocked,
    ms: {
      ...rendered.ms,
      ...Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [`engine.${k}`, v])),
      ...stage?.ms?.(),
    },
  };
  return { rendered, pdf, pageFit, pageFindings };
}

/**
 * Write page.pdf, page.fit.json and page.png, plus the extra files of the finishing stage and the
 * CLI's findings report (name → data), all or none: staged, then renamed together
 * (src/output/staging.ts). A build without a preview removes an older page.png, which would no
 * longer show this page.
 */
export async function writePage(built: BuiltPage, outDir: string, extra: Record<string, Uint8Array | string> = {}): Promise<string[]> {
  const stage = await stageOutputs(outDir);
  let files: string[];
  try {
    await stage.write('page.pdf', built.pdf);
    // The manuscript and the layout relative to page.fit.json's folder: the same whichever folder the build ran from.
    const fit = built.pageFit;
    const rel = (file: string | undefined) => (file === undefined ? file : relativeToReport(outDir, file));
    const named = { ...fit, manuscript: rel(fit.manuscript), ...(fit.layout && { layout: { ...fit.layout, file: rel(fit.layout.file) } }) };
    await stage.write('page.fit.json', JSON.stringify(named, null, 2) + '\n');
    if (built.rendered.png) await stage.write('page.png', built.rendered.png);
    for (const [name, data] of Object.entries(extra)) await stage.write(name, data);
    files = await stage.commit();
  } catch (error) {
    await stage.abort();
    throw error;
  }
  if (!built.rendered.png) await rm(path.join(outDir, 'page.png'), { force: true });
  return files;
}

/** One-line copy fit for the summary. */
export function fitLine(fit: PageFit['fit']): string {
  if (fit.status === 'overset') {
    return `OVERSET ${count(fit.oversetLines, 'line')}, ${count(fit.oversetChars, 'character')} did not fit — first words “${fit.firstWords}”${fit.firstLine ? ` (manuscript line ${fit.firstLine})` : ''}`;
  }
  if (fit.status === 'underset')
    return `underset: ${count(fit.undersetLines, 'empty line')} ${fit.undersetLines === 1 ? 'remains' : 'remain'}${fit.gapLines ? ` (+${fit.gapLines} left empty at column feet)` : ''}`;
  return `fits${fit.gapLines ? ` (${count(fit.gapLines, 'line')} left empty at column feet)` : ''}`;
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
