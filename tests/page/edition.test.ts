// The sample edition (manuscript/editions/2024-01-19.yaml: two tabloid pages, seven stories, a
// jump from page 1 to page 2, photos, a brief column, a shaded box) built through the CLI as a
// layout editor runs it, then every page PDF read back and checked against the plan: each
// story's text complete and in order inside its own module, nothing outside the modules, both
// jump lines with the right page numbers, each page's 报眉, no forbidden line start or end, no
// 孤字, every line on the one baseline grid.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { type PDFDict, type PDFDocument, PDFName, type PDFString } from 'pdf-lib';
import { runCli, ROOT } from '../helpers/cli.js';
import { type Glyphs, openPdf, textItems } from './helpers/pdf.js';
import {
  type Box,
  inside,
  PageFrame,
  type Plan,
  type PlanStory,
  readingLines,
  readPlan,
  type StoryText,
  storyText,
  type TextLine,
} from './helpers/edition.js';
import type { EditionFit } from '../../src/page/write-edition.js';
import { loadLayoutFile } from '../../src/config/layout.js';
import { preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';

const PLAN = path.join(ROOT, 'manuscript/editions/2024-01-19.yaml');
let out: string;
let cli: ReturnType<typeof runCli>;
let plan: Plan;
let g: Awaited<ReturnType<typeof readPlan>>['grid'];
const pages = new Map<number, { doc: PDFDocumentProxy; lib: PDFDocument; items: Glyphs[]; frame: PageFrame }>();
let fit: EditionFit;

/** Every module of the plan: its page, box, story and whether it is a story's continuation. */
interface Module {
  page: number;
  box: Box;
  story: PlanStory;
  kind: 'story' | 'continuation';
  flow: string;
}
let modules: Module[];
const texts = new Map<string, StoryText>();

const squeeze = (s: string) => s.replace(/\s+/g, '');
const JUMP = /^（[下上][转接]第\d+版）$/;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-edition-'));
  cli = runCli(['build:pdf', PLAN, '--out', out]);
  ({ plan, grid: g } = await readPlan(PLAN));
  const dir = path.join(out, '2024-01-19');
  for (const p of plan.pages) {
    const { doc, lib } = await openPdf(path.join(dir, `page-${p.page}.pdf`));
    pages.set(p.page, { doc, lib, items: await textItems(doc), frame: new PageFrame(g, lib.getPage(0).getTrimBox()) });
  }
  fit = JSON.parse(await readFile(path.join(dir, 'edition.fit.json'), 'utf8'));
  modules = [];
  for (const p of plan.pages) {
    for (const [i, s] of p.stories.entries()) {
      const flow = `p${p.page}s${i + 1}`;
      texts.set(flow, await storyText(PLAN, s));
      modules.push({ page: p.page, box: pages.get(p.page)!.frame.box(s.columns, s.top, s.lines), story: s, kind: 'story', flow });
      if (s.continue) {
        const c = s.continue;
        modules.push({ page: c.page, box: pages.get(c.page)!.frame.box(c.columns, c.top, c.lines), story: s, kind: 'continuation', flow });
      }
    }
  }
}, 240_000);

afterAll(async () => {
  for (const p of pages.values()) await p.doc.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

/** The text lines of a module, in reading order. */
function moduleLines(m: Module): TextLine[] {
  const p = pages.get(m.page)!;
  return readingLines(
    p.items.filter((i) => inside(i, m.box)),
    p.frame,
  );
}

/** A module's body lines: body and 小标题 sizes, not the headline block's own lines and not the jump line. */
function bodyLines(m: Module): TextLine[] {
  const t = texts.get(m.flow)!;
  const lines = moduleLines(m);
  const body = lines.filter((l) => Math.abs(l.size - g.em) < 0.05);
  const top = Math.max(...body.map((l) => l.y));
  const heads = [...t.head, squeeze(m.story.continue?.head ?? t.head.find((h) => h.length > 4) ?? '')];
  return lines.filter(
    (l) =>
      (Math.abs(l.size - g.em) < 0.05 || Math.abs(l.size - 10.5) < 0.05) &&
      !JUMP.test(l.text) &&
      !(l.y > top && heads.some((h) => h.includes(l.text))),
  );
}

describe('build:pdf on the sample edition', () => {
  it('writes every page as PDF and PNG, edition.pdf, edition.fit.json and findings.txt, and summarises each story', async () => {
    expect(cli.code, cli.stderr).toBe(0);
    const dir = path.join(out, '2024-01-19');
    for (const f of ['page-1.pdf', 'page-1.png', 'page-2.pdf', 'page-2.png', 'edition.pdf', 'edition.fit.json', 'findings.txt'])
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    expect(cli.stdout).toMatch(/2024-01-19: 2 pages, 7 stories \(0 overset\)/);
    expect(cli.stdout).toMatch(/p1s1 gongshi: fits, continues on page 2\n/);
    const edition = await openPdf(path.join(dir, 'edition.pdf'));
    expect(edition.doc.numPages).toBe(2);
    // the pages in order, each the page PDF's own text
    for (const p of plan.pages) {
      const own = (await textItems(pages.get(p.page)!.doc)).map((i) => i.str).join('');
      expect((await textItems(edition.doc, p.page)).map((i) => i.str).join('')).toBe(own);
    }
    // a press file like each page: PDF/X with the output intent of the printing condition
    const infoDict = edition.lib.context.lookup(edition.lib.context.trailerInfo.Info) as PDFDict;
    expect((infoDict.get(PDFName.of('GTS_PDFXVersion')) as PDFString).decodeText()).toBe('PDF/X-1:2001');
    expect(edition.lib.catalog.get(PDFName.of('OutputIntents'))).toBeDefined();
    // and it passes the press's own preflight, as each page did
    expect(fit.pages.map((p) => (p.preflight as { passed: boolean }).passed)).toEqual(plan.pages.map(() => true));
    const layout = loadLayoutFile(path.join(ROOT, 'templates/newspaper/layouts/tabloid-5col.yaml'));
    const bytes = await readFile(path.join(dir, 'edition.pdf'));
    const report = await preflight(edition.lib, bytes, pressSettings(layout), [], layout.photoPpi ?? 200);
    expect(report.problems.filter((p) => p.error)).toEqual([]);
    expect(report.boxes).toHaveLength(2);
    await edition.doc.destroy();
  });

  it('names each fitted paragraph of a brief column with its manuscript, whose line it gives', () => {
    const briefs = fit.stories.filter((s) => s.manuscripts.length > 1 && s.autoFit?.paragraphs.length);
    // the sample's brief column is fitted (a paragraph of its fourth brief set looser)
    expect(briefs.length).toBeGreaterThan(0);
    for (const s of briefs) {
      const named = s.autoFit!.paragraphs.map(
        (p) => `${path.basename(path.dirname(s.manuscripts[p.part ?? 0]))} line ${p.line} ${(p.tracking * 100).toFixed(2)} %`,
      );
      const summary = cli.stdout.split('\n').find((l) => l.trim().startsWith(`${s.flow} `))!;
      expect(summary).toContain(`(${named.join(', ')})`);
    }
  });

  it('prints each story complete and in order inside its own module (a jump: its first module, then its continuation)', () => {
    for (const [flow, t] of texts) {
      const own = modules.filter((m) => m.flow === flow);
      const printed = own.flatMap((m) => bodyLines(m).map((l) => l.text)).join('');
      expect(printed, flow).toBe(t.body);
      // the headline block spans the module: its lines read top to bottom, left to right
      const all = own
        .flatMap((m) => pages.get(m.page)!.items.filter((i) => inside(i, m.box)))
        .sort((a, b) => b.y - a.y || a.x - b.x)
        .map((i) => squeeze(i.str))
        .join('');
      for (const h of t.head) expect(all, `${flow} headline block`).toContain(h);
      for (const c of t.captions) expect(squeeze(all), `${flow} caption`).toContain(c.slice(0, 20));
    }
    expect(fit.stories.filter((s) => s.fit.status === 'overset')).toEqual([]);
  });

  it('prints no text outside the modules: every character on a page is its module’s story’s, or the 报眉’s', () => {
    for (const [no, p] of pages) {
      const mine = modules.filter((m) => m.page === no);
      const head = p.frame.typeTop;
      for (const i of p.items) {
        if (!i.str.trim() || i.y > head) continue;
        const homes = mine.filter((m) => inside(i, m.box));
        expect(homes.length, `page ${no}: “${i.str}” at ${i.x.toFixed(1)}, ${i.y.toFixed(1)}`).toBe(1);
      }
      // …and a module holds nothing but its story's headline block, text, captions and jump line.
      for (const m of mine) {
        const t = texts.get(m.flow)!;
        const allowed = new Set([
          ...t.head.join(''),
          ...t.body,
          ...t.captions.join(''),
          ...squeeze(m.story.continue?.head ?? ''),
          ...'（下转上接第版）0123456789',
        ]);
        const text = moduleLines(m)
          .map((l) => l.text)
          .join('');
        expect(
          [...text].filter((c) => !allowed.has(c)),
          `${m.flow} on page ${no}`,
        ).toEqual([]);
      }
    }
  });

  it('prints both jump lines, with the right page numbers, where the story breaks and resumes', () => {
    const lead = modules.find((m) => m.story.continue && m.kind === 'story')!;
    const cont = modules.find((m) => m.kind === 'continuation')!;
    const to = moduleLines(lead).filter((l) => JUMP.test(l.text));
    expect(to.map((l) => l.text)).toEqual([`（下转第${lead.story.continue!.page}版）`]);
    // at the foot of the module's last column, flush right
    const frame = pages.get(lead.page)!.frame;
    expect(to[0].column).toBe(lead.story.columns[1]);
    expect(Math.abs(to[0].right - frame.colRight(to[0].column))).toBeLessThan(0.6);
    expect(
      Math.min(
        ...bodyLines(lead)
          .filter((l) => l.column === to[0].column)
          .map((l) => l.y),
      ),
    ).toBeGreaterThan(to[0].y);
    const from = moduleLines(cont).filter((l) => JUMP.test(l.text));
    expect(from.map((l) => l.text)).toEqual([`（上接第${lead.page}版）`]);
    // first in the continuation's first column, before the text it resumes
    const first = bodyLines(cont)[0];
    expect(from[0].column).toBe(first.column);
    expect(from[0].y).toBeGreaterThan(first.y);
    expect(fit.stories.find((s) => s.flow === lead.flow)?.continues).toEqual({ page: lead.story.continue!.page, used: true, room: true });
  });

  it('prints each page’s 报眉 with its own page number and section', () => {
    for (const p of plan.pages) {
      const { items, frame } = pages.get(p.page)!;
      const head = squeeze(
        items
          .filter((i) => i.y > frame.typeTop)
          .map((i) => i.str)
          .join(''),
      );
      expect(head).toContain(plan.paper);
      expect(head).toContain(squeeze(plan.date));
      expect(head).toContain(`第${p.page}版${p.section}`);
      for (const other of plan.pages.filter((o) => o.page !== p.page)) expect(head).not.toContain(`第${other.page}版`);
    }
  });

  it('starts and ends no line with a forbidden mark and leaves no 孤字', () => {
    const letters = (s: string) => [...s].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
    for (const [flow, t] of texts) {
      const lines = modules.filter((m) => m.flow === flow).flatMap(bodyLines);
      expect(
        lines.filter((l) => g.noStart.includes(l.text[0])).map((l) => l.text),
        flow,
      ).toEqual([]);
      expect(
        lines.filter((l) => g.noEnd.includes(l.text[l.text.length - 1])).map((l) => l.text),
        flow,
      ).toEqual([]);
      // each paragraph's last line holds at least minLastLine letters
      let at = 0;
      const ends = lines.map((l) => (at += l.text.length));
      for (const b of t.blocks.filter((x) => x.tag === 'p')) {
        const i = ends.findIndex((e) => e >= b.end);
        const start = i > 0 ? ends[i - 1] : 0;
        if (start > b.start) expect(letters(lines[i].text), `${flow}: “${lines[i].text}”`).toBeGreaterThanOrEqual(g.minLastLine);
      }
    }
  });

  it('sets every line of every module on the page’s one baseline grid', () => {
    const offsets: number[] = [];
    for (const [no, p] of pages) {
      const body = readingLines(
        p.items.filter((i) => Math.abs(i.size - g.em) < 0.05 && i.y < p.frame.typeTop),
        p.frame,
      );
      expect(body.length, `page ${no}`).toBeGreaterThan(200);
      // the first line's baseline from the type area's top, then every line a whole number of grid lines below it
      const first = p.frame.typeTop - Math.max(...body.map((l) => l.y));
      const off = (l: TextLine) => {
        const d = (p.frame.typeTop - l.y - first) / g.grid;
        return Math.abs(d - Math.round(d)) * g.grid;
      };
      // Chromium places baselines on whole pixels (0.75 pt)
      expect(Math.max(...body.map(off)), `page ${no}`).toBeLessThanOrEqual(0.76);
      offsets.push(first % g.grid);
    }
    // …and the grid is the same on every page: a baseline sits as far below its grid line on each
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeLessThanOrEqual(0.76);
  });
});
