// Writer: dist/<plan>/page-<N>.pdf and page-<N>.png for every page of the plan, edition.pdf (all
// pages in order) and edition.fit.json (every story's copy fit and what fitting changed, every
// page's line quality), all or none: staged beside the targets as they are made, then renamed
// into place. A page the plan no longer has (dropped at the last minute) leaves no page-<N>.pdf of
// an earlier build beside them, to be sent to the plant with tonight's edition.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Staging, stageOutputs } from '../output/staging.js';
import type { EditionPlan } from '../config/plan.js';
import { relativeToReport } from '../core/paths.js';
import type { Layout } from '../config/layout.js';
import type { BuiltEdition, BuiltEditionPage, StoryFit } from './edition.js';

/** A page's press facts for the report (the finishing stage's preflight, when there is one). */
export type PageExtra = Record<number, Record<string, unknown>>;

export interface EditionFit {
  plan: string;
  paper: string;
  date: string;
  layout: { name: string; file: string };
  pages: Array<{
    page: number;
    section: string;
    file: string;
    frames: { count: number; lines: number; usedLines: number };
    lines: BuiltEdition['pages'][number]['result']['quality'];
    heads: BuiltEdition['pages'][number]['result']['heads'];
    offGrid: BuiltEdition['pages'][number]['result']['offGrid'];
    fonts: { missing: string[] };
    blocked: string[];
    ms: Record<string, number>;
    [key: string]: unknown;
  }>;
  stories: Array<StoryFit & { modules: Array<{ page: number; kind: string; columns: [number, number]; top: number; lines: number }> }>;
  ms: Record<string, number>;
}

/** The edition's report; its paths (the plan, the layout, each story's manuscripts) relative to `outDir`, where it is written. */
export function editionFit(plan: EditionPlan, layout: Layout, built: BuiltEdition, outDir: string, extra: PageExtra = {}): EditionFit {
  const rel = (f: string) => relativeToReport(outDir, path.resolve(f));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    plan: rel(plan.file),
    paper: plan.paper,
    date: String(plan.date),
    layout: { name: layout.name, file: rel(layout.file) },
    pages: built.pages.map((p) => ({
      page: p.page,
      section: p.section,
      file: `page-${p.page}.pdf`,
      frames: {
        count: p.result.frames.length,
        lines: sum(p.result.frames.map((f) => f.lines)),
        usedLines: sum(p.result.frames.map((f) => f.usedLines)),
      },
      lines: p.result.quality,
      heads: p.result.heads,
      offGrid: p.result.offGrid,
      fonts: { missing: p.missingChars.map((c) => String.fromCodePoint(c)) },
      blocked: p.blocked,
      ms: p.ms,
      ...(extra[p.page] ?? {}),
    })),
    stories: built.stories.map((s) => ({
      ...s,
      manuscripts: s.manuscripts.map(rel),
      modules: [...built.modules.values()]
        .flatMap((pg) => pg.modules)
        .filter((m) => m.flow === s.flow)
        .map((m) => ({ page: m.page, kind: m.kind, columns: m.grid.columns, top: m.grid.top + 1, lines: m.grid.lines })),
    })),
    ms: built.ms,
  };
}

/** A page's files, as EditionWriter names them. */
const PAGE_FILE = /^page-(\d+)\.(pdf|png)$/;

/** A page file's place in page order (its PDF, then its preview); other files after every page. */
function pageOrder(name: string): number {
  const m = PAGE_FILE.exec(name);
  return m ? Number(m[1]) * 2 + (m[2] === 'png' ? 1 : 0) : Number.MAX_SAFE_INTEGER;
}

/**
 * page-<N>.pdf, page-<N>.png, edition.pdf and edition.fit.json, all or none (output/staging.ts):
 * each page is staged as soon as it is built (`page`), while the browser lays out the others, and
 * `finish` stages edition.pdf and edition.fit.json and moves everything into place; `abort` (a
 * refused or failed build) drops what was staged.
 */
export class EditionWriter {
  /** the staged files' names, one write at a time (the staging folder numbers its files in order) */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly names: string[] = [];
  /** page-<N>.pdf and .png of an earlier build that `finish` removed for pages the plan no longer has */
  readonly removed: string[] = [];

  private constructor(
    private readonly stage: Staging,
    private readonly outDir: string,
  ) {}

  static async open(outDir: string): Promise<EditionWriter> {
    return new EditionWriter(await stageOutputs(outDir), outDir);
  }

  /** Stage a built page's PDF and preview. */
  page(p: Pick<BuiltEditionPage, 'page' | 'pdf' | 'png'>): Promise<void> {
    const write = async () => {
      await this.write(`page-${p.page}.pdf`, p.pdf);
      if (p.png) await this.write(`page-${p.page}.png`, p.png);
    };
    const done = this.queue.then(write);
    this.queue = done.catch(() => undefined);
    return done;
  }

  /**
   * Stage edition.pdf, edition.fit.json and the files `alongside` (findings.txt) and move every file
   * into place; returns the files written, page by page.
   */
  async finish(edition: Uint8Array, fit: EditionFit, alongside: Record<string, string> = {}): Promise<string[]> {
    try {
      await this.queue;
      await this.write('edition.pdf', edition);
      await this.write('edition.fit.json', JSON.stringify(fit, null, 2) + '\n');
      for (const [name, text] of Object.entries(alongside)) await this.write(name, text);
      const written = await this.stage.commit();
      await this.removeDroppedPages();
      // in the order of the pages, whatever order they were built in
      return written
        .map((file, i) => ({ file, key: pageOrder(this.names[i]), i }))
        .sort((a, b) => a.key - b.key || a.i - b.i)
        .map((w) => w.file);
    } catch (error) {
      await this.stage.abort();
      throw error;
    }
  }

  /**
   * Once the edition is in place: remove the files of pages it no longer has (only those:
   * page-<N>.pdf, page-<N>.png), and the preview of a page built without one (--no-preview), which
   * would show the page as it was, as a single page's build removes its page.png.
   */
  private async removeDroppedPages(): Promise<void> {
    const pages = new Set(this.names.map((n) => PAGE_FILE.exec(n)?.[1]).filter(Boolean));
    const names = await readdir(this.outDir).catch(() => [] as string[]);
    const stale = names.filter((n) => PAGE_FILE.test(n) && !this.names.includes(n));
    stale.sort((a, b) => pageOrder(a) - pageOrder(b));
    for (const name of stale) {
      await rm(path.join(this.outDir, name), { force: true });
      if (!pages.has(PAGE_FILE.exec(name)![1])) this.removed.push(name);
    }
  }

  async abort(): Promise<void> {
    await this.queue;
    await this.stage.abort();
  }

  private async write(name: string, data: string | Uint8Array): Promise<void> {
    await this.stage.write(name, data);
    this.names.push(name);
  }
}
