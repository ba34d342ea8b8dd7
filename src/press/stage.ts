// The press stage of build:pdf, a writer after rendering (build-pdf.ts hands it to the page build
// as its finishing stage): it converts the photos while the browser lays the page out, shows their
// soft proofs in the preview, turns the finished RGB PDF into the PDF/X page (pdfx.ts), and then
// parses the written bytes back and preflights them (preflight.ts).
import type { Page } from 'puppeteer-core';
import type { PDFDocument } from 'pdf-lib';
import type { Layout } from '../config/layout.js';
import { loadFontConfig } from '../config/fonts.js';
import type { Cmyk } from './colors.js';
import { writePdfx, type PressMeta } from './pdfx.js';
import { pressPhotos, type PlacedPhoto, type PressPhoto } from './photos.js';
import { type KnownPhoto, type PreflightMemo, type PreflightProblem, preflight, preflightMemo, type PreflightReport } from './preflight.js';
import { showAsPrinted } from './preview.js';
import { pressSettings } from './profiles.js';
import { PDF_OBJECTS_PER_TICK } from '../output/pdf-finish.js';

export { preflightMemo } from './preflight.js';

/** 96 CSS px per inch, and so many per millimetre */
const PX_PER_MM = 96 / 25.4;

export interface PressedPage {
  /** page.pdf: PDF/X, CMYK */
  pdf: Uint8Array;
  /** the RGB screen PDF, when asked for (--screen-copy) */
  screen?: Uint8Array;
  preflight: PreflightReport;
  /** design colours the layout does not name, as the profile converted them */
  unnamedColours: Map<string, Cmyk>;
  /** the photos' press copies as placed in it (the preflight names them and reuses their ink) */
  placed: KnownPhoto[];
}

export interface PressStage {
  onPhotos: (photos: PlacedPhoto[], geometry: { trim: { width: number } }) => void;
  beforePreview: (page: Page) => Promise<void>;
  write: (doc: PDFDocument, meta: PressMeta) => Promise<Uint8Array>;
  ms: () => Record<string, number>;
  /** after the page build: what was written and what the preflight found */
  result: () => PressedPage;
  /**
   * Once the photos' press copies are no longer being written (done or failed): a build that failed
   * (a browser that crashed while they were converted) waits for it before it removes the output
   * folder, or they land in it afterwards, in a folder said to hold nothing.
   */
  settled: () => Promise<void>;
}

export interface PressStageOptions {
  /** write page.screen.pdf too (--screen-copy) */
  screenCopy?: boolean;
  /** given page.pdf as parsed back from its bytes for the preflight (an edition copies it into edition.pdf) */
  written?: (doc: PDFDocument) => Promise<void>;
  /** the build's readings of the pages' content streams, kept for edition.pdf's preflight (preflightJoined) and the next pages' */
  memo?: PreflightMemo;
}

export function pressStage(layout: Layout, outDir: string, options: PressStageOptions = {}): PressStage {
  const settings = pressSettings(layout);
  let photos: Promise<PressPhoto[]> = Promise.resolve([]);
  let pressed: PressedPage | undefined;
  const ms: Record<string, number> = {};
  return {
    onPhotos(placed, geometry) {
      // A soft proof needs only the preview's pixels (and some spare): preview px per CSS px over photo px per CSS px.
      const previewPerCssPx = (layout.preview?.width ?? 1200) / geometry.trim.width;
      const photoPerCssPx = (layout.photoPpi ?? 200) / 25.4 / PX_PER_MM;
      const t = performance.now();
      // press copies (and soft proofs) of the photos, made or found in the cache while the browser works
      photos = pressPhotos(placed, outDir, settings, Math.min(1, (1.5 * previewPerCssPx) / photoPerCssPx)).then((done) => {
        ms.pressPhotos = Math.round(performance.now() - t);
        return done;
      });
      photos.catch(() => undefined);
    },
    async beforePreview(page) {
      await showAsPrinted(page, await photos);
    },
    async write(doc, meta) {
      const screen = options.screenCopy ? await doc.save({ useObjectStreams: true }) : undefined;
      const pressCopies = await photos;
      // The press step proper (not the wait for the photos' press copies), as time and as this
      // process's CPU time, which a busy machine inflates less (the benchmark prints both).
      let t = performance.now();
      let cpu = process.cpuUsage();
      const cpuMs = (since: NodeJS.CpuUsage) => {
        const u = process.cpuUsage(since);
        return Math.round((u.user + u.system) / 1000);
      };
      const out = await writePdfx(doc, layout, settings, pressCopies, meta);
      ms.press = Math.round(performance.now() - t);
      ms.pressCpu = cpuMs(cpu);
      t = performance.now();
      cpu = process.cpuUsage();
      const { PDFDocument } = await import('pdf-lib');
      const back = await PDFDocument.load(out.bytes, { updateMetadata: false, parseSpeed: PDF_OBJECTS_PER_TICK });
      const report = await preflight(back, out.bytes, settings, out.placed, layout.photoPpi ?? 200, fontFamilies(), options.memo);
      ms.preflight = Math.round(performance.now() - t);
      ms.preflightCpu = cpuMs(cpu);
      pressed = { pdf: out.bytes, screen, preflight: report, unnamedColours: out.converted, placed: out.placed };
      await options.written?.(back);
      return out.bytes;
    },
    ms: () => ({ ...ms }),
    result() {
      if (!pressed) throw new Error('the press stage did not run');
      return pressed;
    },
    settled: () =>
      photos.then(
        () => undefined,
        () => undefined,
      ),
  };
}

/** The press stage's own files beside page.pdf. */
export function pressFiles(pressed: PressedPage): Record<string, Uint8Array | string> {
  return {
    'page.preflight.json': JSON.stringify(pressed.preflight, null, 2) + '\n',
    ...(pressed.screen ? { 'page.screen.pdf': pressed.screen } : {}),
  };
}

const fontFamilies = () => Object.values(loadFontConfig().faces).map((f) => f.family);

/** edition.pdf's own preflight: the whole file, and what it found that none of its pages' preflights did. */
export interface JoinedPreflight {
  report: PreflightReport;
  /** problems of the joined file that no page's own preflight has (a file-level fault of the join) */
  added: PreflightProblem[];
  /**
   * edition.pdf's content streams: `read` were interpreted, `sameAsPages` were byte for byte (with
   * what they draw with) those of a page.pdf preflighted before, and taken as that preflight read them
   */
  contentStreams: { read: number; sameAsPages: number };
  ms: number;
}

/**
 * Preflight edition.pdf as written: parsed back from its bytes and checked as a printing plant
 * checks it (identification, output intent, XMP, every page's colours, fonts, boxes and photos),
 * not trusted for being a join of preflighted pages. Only the reading of a content stream is not
 * done twice: one that is byte for byte a page's already preflighted (the same bytes, the same
 * colour spaces, shadings, patterns and images to draw with, by hash: `memo`, filled by the pages'
 * preflights) is taken as that preflight read it; everything else of the file, the photos' pixels
 * included, is read from edition.pdf itself. Its problems are those of its pages, found again (the
 * same rule and words), unless the join made one of its own: those are `added`.
 */
export async function preflightJoined(
  bytes: Uint8Array,
  layout: Layout,
  pages: PressedPage[],
  memo?: PreflightMemo,
): Promise<JoinedPreflight> {
  const t = performance.now();
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: PDF_OBJECTS_PER_TICK });
  const known = pages.flatMap((p) => p.placed);
  const counted = memo ?? preflightMemo();
  const [reused, read] = [counted.reused, counted.read];
  const report = await preflight(doc, bytes, pressSettings(layout), known, layout.photoPpi ?? 200, fontFamilies(), counted);
  const key = (p: PreflightProblem) => `${p.rule}\u0000${p.error}\u0000${p.message}`;
  const onPages = new Set(pages.flatMap((p) => p.preflight.problems.map(key)));
  return {
    report,
    added: report.problems.filter((p) => !onPages.has(key(p))),
    contentStreams: { read: counted.read - read, sameAsPages: counted.reused - reused },
    ms: Math.round(performance.now() - t),
  };
}
