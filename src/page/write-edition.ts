// Writer: dist/<plan>/page-<N>.pdf and page-<N>.png for every page of the plan, edition.pdf (all
// pages in order) and edition.fit.json (every story's copy fit and what fitting changed, every
// page's line quality), all or none: staged beside the targets, then renamed into place.
import path from 'node:path';
import { stageOutputs } from '../output/staging.js';
import type { EditionPlan } from '../config/plan.js';
import type { Layout } from '../config/layout.js';
import type { BuiltEdition, StoryFit } from './edition.js';

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

export function editionFit(plan: EditionPlan, layout: Layout, built: BuiltEdition, extra: PageExtra = {}): EditionFit {
  const rel = (f: string) => path.relative(process.cwd(), f);
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

/** Write page-<N>.pdf, page-<N>.png, edition.pdf and edition.fit.json, all or none (output/staging.ts); returns the files written. */
export async function writeEdition(outDir: string, built: BuiltEdition, edition: Uint8Array, fit: EditionFit): Promise<string[]> {
  const stage = await stageOutputs(outDir);
  try {
    for (const p of built.pages) {
      await stage.write(`page-${p.page}.pdf`, p.pdf);
      if (p.png) await stage.write(`page-${p.page}.png`, p.png);
    }
    await stage.write('edition.pdf', edition);
    await stage.write('edition.fit.json', JSON.stringify(fit, null, 2) + '\n');
    return await stage.commit();
  } catch (error) {
    await stage.abort();
    throw error;
  }
}
