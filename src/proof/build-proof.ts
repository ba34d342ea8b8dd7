// The proof (校样): the print page's own layout run, with the proof's marks drawn over it through
// buildPage's overlay hook (never a second layout), the findings sheet after it, the findings and
// changes as PDF annotations, and the data the next round and proof:notes need embedded in the PDF.
// Writes dist/<name>/proof.pdf (the latest round), proof-r<N>.pdf (every round), proof.png and proof.json.
import { FINDINGS_SOURCE } from '../core/findings.js';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toString } from 'hast-util-to-string';
import type { Article } from '../core/article.js';
import { buildPage, type BuildPageOptions, type BuiltPage } from '../page/write-page.js';
import { toMm, type Layout } from '../config/layout.js';
import { PX_PER_MM, type Geometry } from '../page/geometry.js';
import { pageParts } from '../page/page-html.js';
import { pageFontCss } from '../page/warm-tab.js';
import { browserTypeset } from '../typeset/browser-typeset.js';
import { printFonts } from '../fonts/print-fonts.js';
import { loadFontConfig } from '../config/fonts.js';
import { escapeHtml, readTemplate } from '../output/html-document.js';
import { matterText } from '../core/matter.js';
import { InputError } from '../core/input-error.js';
import { stageOutputs } from '../output/staging.js';
import { shortPath } from '../output/progress.js';
import { ConfinementError, readConfined } from '../core/confine.js';
import { PROJECT_ROOT, relativeToReport } from '../core/paths.js';
import { loadProofConfig, type ProofConfig } from '../config/proof.js';
import { TextMap, type Box, type MapLine, type NoteMark, type PrintedUnit } from './text-map.js';
import { FOOTNOTES, noteMarks, sourceUnits, type MeasuredUnit } from './printed-units.js';
import { placeFindings, type Photo, type ProofFinding } from './findings.js';
import { photoChanges, photoDeletions, placeChanges, roundChanges, type Change, type RoundBlock, type RoundPhoto } from './changes.js';
import { overlayHtml, proofCssVars, proofGeometry, roundLabel, sheetHtml } from './overlay.js';
import { writeAnnotations, type SheetRow } from './annotations.js';
import { attachData, loadUnits, readData, storeUnits, type DataPage, type ProofData } from './data.js';
import { inputHash, sha256 } from './inputs.js';
import { laps } from '../core/laps.js';

const PAGE_SCRIPT = path.join(PROJECT_ROOT, 'src', 'proof', 'proof-page.js');
let pageScript: Promise<string> | undefined;

export interface ProofOptions extends Omit<BuildPageOptions, 'overlay' | 'amendPdf'> {
  /** round number; default: the previous proof's round + 1, or 1 */
  round?: number;
  /** an earlier proof to compare with; default: the latest proof in outDir */
  against?: string;
  config?: ProofConfig;
  /** build time (tests fix it) */
  date?: Date;
}

export interface ProofCounts {
  findings: number;
  onPage: number;
  offPage: number;
  errors: number;
  warnings: number;
  infos: number;
  annotations: number;
  changes: { total: number; insert: number; delete: number; replace: number; move: number; photo: number };
  oversetChars: number;
}

export interface ProofJson {
  round: number;
  label: string;
  builtAt: string;
  inputHash: string;
  /** the manuscript, relative to proof.json's folder */
  manuscript: string;
  layout: { name: string; trimMm: { width: number; height: number } };
  against: { round: number; file: string; inputHash: string } | null;
  findings: Array<Omit<ProofFinding, 'boxes' | 'kind'> & { onPage: boolean }>;
  changes: Array<Omit<Change, 'boxes' | 'at' | 'was' | 'noteAt'>>;
  counts: ProofCounts;
  /** milliseconds of the build's steps (the page's, with its overlay: the proof's marks) */
  ms: Record<string, number>;
}

export interface BuiltProof {
  page: BuiltPage;
  pdf: Uint8Array;
  png?: Uint8Array;
  json: ProofJson;
  round: number;
}

/**
 * The earlier round this one compares with: --against, else the latest proof.pdf in the output folder.
 * The file is read at once (a missing or unreadable one stops the build before the layout); its
 * embedded data is parsed while the browser lays the page out, and awaited when the marks are drawn.
 */
async function previousRound(options: ProofOptions): Promise<{ parsed: Promise<{ data: ProofData; file: string }> } | undefined> {
  // proof.pdf moved or deleted, the rounds kept: the last of them (round 1 again would replace proof-r1.pdf)
  const file = options.against
    ? path.resolve(options.against)
    : existsSync(path.join(options.outDir, 'proof.pdf'))
      ? path.join(options.outDir, 'proof.pdf')
      : lastKeptRound(options.outDir);
  if (!file) return undefined;
  // A regular file of bounded size (a FIFO named by mistake is refused, not waited on).
  const bytes = await readConfined(path.dirname(file), file, { shown: path.basename(file), hardLinks: true }).catch((error: Error) => {
    throw new InputError(
      `--against ${file}: ${error instanceof ConfinementError && error.reason === 'missing' ? 'no such file' : error.message}`,
    );
  });
  // The latest proof.pdf is about to be replaced by this round: the earlier round is named by the
  // copy of it that stays (proof-r<N>.pdf), so that proof.json and the sheet name a file that holds it.
  const kept = (data: ProofData) => path.join(options.outDir, `proof-r${data.round}.pdf`);
  const parsed = readData(new Uint8Array(bytes), file).then((data) => ({
    data,
    file: !options.against && existsSync(kept(data)) ? kept(data) : file,
  }));
  parsed.catch(() => undefined); // awaited in the overlay; a build that fails before it does not report it twice
  // Wrapped: an async function returning the promise itself would wait for it.
  return { parsed };
}

/** The rounds kept in an output folder (proof-r<N>.pdf), by number. */
function keptRounds(outDir: string): number[] {
  const names = existsSync(outDir) ? readdirSync(outDir) : [];
  return names.flatMap((n) => {
    const m = /^proof-r([1-9]\d*)\.pdf$/.exec(n);
    return m ? [Number(m[1])] : [];
  });
}

function lastKeptRound(outDir: string): string | undefined {
  const rounds = keptRounds(outDir);
  return rounds.length ? path.join(outDir, `proof-r${Math.max(...rounds)}.pdf`) : undefined;
}

/**
 * A round already kept is never replaced: reviewers may hold it, and the next round compares with
 * it. Refused before anything is written, with the round that is free.
 */
function refuseKeptRound(outDir: string, round: number): void {
  const file = path.join(outDir, `proof-r${round}.pdf`);
  if (!existsSync(file)) return;
  const next = Math.max(...keptRounds(outDir), round) + 1;
  throw new InputError(
    `${shortPath(file)} already holds ${roundLabel(round)} (round ${round}), which is kept as it was sent: ` +
      `number this round --round ${next}, or move that file away to make round ${round} again`,
  );
}

/** Each flow block's whole text (printed or not), in page order, from the same typeset tree the page uses. */
function flowTexts(
  article: Article,
  g: Geometry,
): Array<{ id: string; block: number | null; text: string; table?: true; notes?: NoteMark[] }> {
  const { flow } = pageParts(browserTypeset(article.hast).hast, g);
  return flow.map((el, i) => {
    const line = Number(el.properties['data-line']) || null;
    const classes = String(el.properties.className ?? '').split(/[\s,]+/);
    const id = line ? `block:${line}` : classes.includes('credit') ? 'credit' : classes.includes('footnotes') ? FOOTNOTES : `piece:${i}`;
    const notes = noteMarks(el);
    return {
      id,
      block: line,
      text: toString(el),
      ...(el.tagName === 'table' ? { table: true as const } : {}),
      ...(notes.length ? { notes } : {}),
    };
  });
}

const ZONE_ORDER = { headline: 0, body: 1, caption: 2, 'running-head': 3 } as const;

/**
 * The page's printed units with their source offsets, in reading order (headline, body, captions,
 * 报眉). A body unit holds its block's whole text, what did not fit too (the next round compares
 * whole blocks, and the sheet prints the overset text); the page says how much of it is printed.
 */
function pageUnits(article: Article, layout: Layout, g: Geometry, measured: MeasuredUnit[]): PrintedUnit[] {
  const onPage = new Map(measured.map((u) => [u.id, u]));
  const body = flowTexts(article, g).map((b): MeasuredUnit => {
    const m = onPage.get(b.id);
    // The page's text is the start of the block's (else, which is not expected, the page's text is taken as it is).
    const table = b.table ? { table: b.table } : {};
    if (m && !b.text.startsWith(m.text)) return { ...m, printed: m.text.length, ...table };
    const notes = b.notes ? { notes: b.notes } : {};
    return { id: b.id, zone: 'body', block: b.block, page: m?.page ?? 0, text: b.text, printed: m?.text.length ?? 0, ...table, ...notes };
  });
  const all: MeasuredUnit[] = [...body, ...measured.filter((u) => u.zone !== 'body')].sort(
    (a, b) => ZONE_ORDER[a.zone] - ZONE_ORDER[b.zone],
  );
  const source = String(article.file.value ?? '');
  return sourceUnits({ tree: article.mdast, source, matter: article.matter }, layout, all);
}

export async function buildProof(article: Article, options: ProofOptions): Promise<BuiltProof> {
  const config = options.config ?? loadProofConfig();
  const date = options.date ?? new Date();
  if (options.round !== undefined) refuseKeptRound(options.outDir, options.round);
  const reading = await previousRound(options);
  let previous: { data: ProofData; file: string } | undefined;
  let round = options.round ?? 1;
  const source = String(article.file.value ?? '');
  const manuscript = path.relative(PROJECT_ROOT, article.file.path).startsWith('..')
    ? article.file.path
    : path.relative(PROJECT_ROOT, article.file.path);
  let findings: ProofFinding[] = [];
  let changes: Change[] = [];
  let photos: RoundPhoto[] = [];
  let rows: SheetRow[] = [];
  let data: ProofData | undefined;
  let hash = '';
  let oversetChars = 0;
  let annotations = 0;
  let proof: Geometry | undefined;
  // The proof's own steps, in proof.json's ms beside the page's (proof.*): where its extra time goes.
  const { ms, lap, restart } = laps('proof.');

  const built = await buildPage(article, {
    ...options,
    overlay: async (ctx) => {
      const { page, layout } = ctx;
      restart();
      const geometry = proofGeometry(ctx.geometry, config);
      proof = geometry;
      // The marks' fonts start loading now, while the page is measured and the findings placed:
      // their text is mostly known already (the findings' messages, the labels, the front matter).
      const early = [
        PROOF_LABELS,
        ...ctx.pageFindings.map((f) => f.message.reason),
        ...article.file.messages.map((m) => `${m.reason}${m.ruleId ?? ''}`),
      ];
      for (const v of Object.values(article.matter)) early.push(matterText(v));
      const { css: earlyCss, keys } = await proofFonts(early.join(''), layout, ctx.fonts);
      const fonts = new Set([...ctx.fonts, ...keys]);
      await page.evaluate(`(() => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(earlyCss)}; document.head.appendChild(s);
        const w = document.createElement('div'); w.className = 'proof-font-warm'; w.setAttribute('aria-hidden', 'true');
        w.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden;visibility:hidden';
        w.innerHTML = ${JSON.stringify(`<span style="font:500 9px var(--pm-font, '${loadFontConfig().faces.heading.family}')">${escapeHtml(early.join(''))}</span><span style="font:700 9px '${loadFontConfig().faces.heading.family}'">${escapeHtml(early.join(''))}</span>`)};
        document.body.appendChild(w); })()`);
      lap('fontWarm');
      const inputs = await inputHash(article, layout, ctx.photos);
      hash = inputs.hash;
      lap('hash');
      pageScript ??= readFile(PAGE_SCRIPT, 'utf8');
      const script = await pageScript;
      const measured = (await page.evaluate(
        `(${script})(${JSON.stringify({
          step: 'measure',
          sheet: proof.sheet,
          trim: { left: proof.trim.left, top: proof.trim.top },
          lines: ctx.result.lines,
          // the text frames in trim px, to number each line of type of a table row (line-map.ts numbers the row)
          frames: ctx.result.frames.map((f) => ({
            page: f.page,
            column: f.column,
            top: f.top - ctx.geometry.trim.top,
            lines: f.lines,
            columnLine: f.columnLine,
          })),
          grid: ctx.geometry.grid,
        })})`,
      )) as { units: MeasuredUnit[]; lines: MapLine[]; photos: Photo[]; emptySlots: Box[]; pages: number };
      lap('measure');

      // The earlier round has been parsed meanwhile (previousRound); the round's number comes from it.
      previous = await reading?.parsed;
      if (previous && previous.data.manuscript.outputName !== article.outputName) {
        // Not refused (a manuscript may have been renamed), but never compared with in silence.
        const msg = article.file.message(
          `--against ${previous.file} is a proof of another manuscript (${previous.data.manuscript.path}), not of this one: the changes marked are against that text; name a proof of this manuscript to compare with its last round`,
          { ruleId: 'proof-against-other', source: FINDINGS_SOURCE },
        );
        msg.fatal = false;
      }
      round = options.round ?? (previous ? previous.data.round + 1 : 1);
      if (options.round === undefined) refuseKeptRound(options.outDir, round);
      lap('previousWait');
      const units = pageUnits(article, layout, ctx.geometry, measured.units);
      const map = new TextMap(source, units, measured.lines);

      findings = placeFindings(article.file.messages, ctx.pageFindings, map, measured.photos, article.mdast, measured.emptySlots);
      // each photo with its file and its bytes' hash, for the next round
      photos = measured.photos.map((p) => {
        const file = inputs.photos.find((f) => f.line === p.block);
        return { ...p, ...(file ? { src: file.src } : {}), ...(file?.sha256 ? { sha256: file.sha256 } : {}) };
      });
      const blocks: RoundBlock[] = units.map((u) => ({
        id: u.id,
        text: u.text,
        zone: u.zone,
        ...(u.table ? { table: true } : {}),
        ...(u.notes ? { notes: u.notes } : {}),
      }));
      if (previous) {
        // A proof made before the page dropped the footnotes' ↑ (src/page/links.ts) kept one after each
        // footnote: not a change of this round's, so it is not compared.
        const before: RoundBlock[] = loadUnits(previous.data.units).map((u) => ({
          id: u.id,
          text: u.id === 'footnotes' ? u.text.replace(/ ↑(?=\s|$)/g, '') : u.text,
          zone: u.zone,
          // a proof made before units said they were tables: its tables' changes are given as before
          ...(u.table ? { table: true } : {}),
          // a proof made before units kept their footnotes: a footnote removed is given as its text and its number
          ...(u.notes ? { notes: u.notes } : {}),
        }));
        const captions = new Map(
          before.filter((u) => u.zone === 'caption').map((u) => [Number(u.id.slice('caption:'.length)), u.text] as const),
        );
        // Where a figure of the last round stands now: at the first character of the body block that
        // followed it, else just after the last character of the one before it (a photo at the
        // story's end had no line at all).
        const lineOf = (u: RoundBlock) => Number(u.id.slice('block:'.length));
        const bodyBlocks = before
          .filter((u) => (u.zone ?? 'body') === 'body' && u.id.startsWith('block:'))
          .sort((a, b) => lineOf(a) - lineOf(b));
        const stood = (figure: number) => {
          const next = bodyBlocks.find((u) => lineOf(u) > figure);
          const now = next ? units.find((u) => u.zone === 'body' && u.text === next.text) : undefined;
          const src = now ? map.source(now.id, 0, 1) : undefined;
          if (src) return map.points.point(src.start);
          const prev = bodyBlocks.filter((u) => lineOf(u) < figure && u.text.trim()).at(-1);
          const then = prev ? units.find((u) => u.zone === 'body' && u.text === prev.text) : undefined;
          const end = then ? map.source(then.id, then.text.trimEnd().length - 1, then.text.trimEnd().length) : undefined;
          return end ? map.points.point(end.end) : undefined;
        };
        changes = photoDeletions(previous.data.photos, photos, captions, placeChanges(roundChanges(before, blocks), map), stood);
        changes.push(...photoChanges(previous.data.photos, photos, changes.length + 1));
      }
      const overset = ctx.result.fit.status === 'overset' ? oversetText(units) : '';
      oversetChars = Array.from(overset.replace(/\s+/g, '')).length;

      const slug = slugLine(article, layout, manuscript, hash, round, date);
      const o = {
        config,
        print: ctx.geometry,
        proof,
        frames: ctx.result.frames,
        pages: measured.pages,
        matter: article.matter,
        round,
        against: previous ? { round: previous.data.round, file: previous.file } : undefined,
        slug,
        findings,
        changes,
      };
      lap('place');
      const marks = overlayHtml(o);
      const sheet = sheetHtml({ ...o, manuscript, hash, overset });
      const fontText = [
        slug,
        ...findings.map((f) => `${f.message}${f.ruleId}${f.text ?? ''}${f.unprinted ? `未印出${f.unprinted}` : ''}`),
        ...changes.map((c) => `${c.text}${c.deleted ?? ''}`),
      ].join('');
      const css = [
        (await proofFonts(fontText + overset + PROOF_LABELS, layout, fonts)).css,
        proofCssVars(config),
        await readTemplate('proof', 'proof.css'),
      ].join('\n');
      // The sheet's rows are measured once their fonts have loaded; the warm-up text goes after
      // (printing waits for the fonts too: puppeteer's page.pdf awaits document.fonts.ready).
      const placed = (await page.evaluate(
        `(async () => { const s = document.createElement('style'); s.textContent = ${JSON.stringify(css)}; document.head.appendChild(s);
          const placed = await (${script})(${JSON.stringify({ step: 'sheet', marks, sheetHtml: sheet, sheetWidth: proof.sheet.width, panelFoot: 6 * PX_PER_MM })});
          document.querySelector('.proof-font-warm')?.remove();
          return placed; })()`,
      )) as { sheetHeight: number; pages: number; rows: SheetRow[]; markers: SheetRow[] };
      rows = placed.rows;
      // a page lower than the sign-off panel beside it: the sheet grew to hold the panel
      if (placed.sheetHeight > proof.sheet.height) proof = { ...proof, sheet: { ...proof.sheet, height: placed.sheetHeight } };
      const onTrim = <T extends { left: number; top: number }>(r: T): T => ({
        ...r,
        left: r.left - geometry.trim.left,
        top: r.top - geometry.trim.top,
      });
      lap('sheet');

      data = {
        format: 'baoban-proof',
        version: 1,
        round,
        builtAt: date.toISOString(),
        inputHash: hash,
        manuscript: { path: manuscript, outputName: article.outputName, sha256: sha256(source), text: source },
        layout: { name: layout.name, trimMm: ctx.geometry.trimMm },
        pages: [],
        units: storeUnits(units),
        lines: measured.lines,
        findings: findings.map(({ boxes: _, ...f }) => f),
        changes: changes.map(({ boxes: _, at: __, was: ___, noteAt: ____, ...c }) => c),
        ...(previous ? { against: { round: previous.data.round, inputHash: previous.data.inputHash } } : {}),
        sheet: rows.map(onTrim),
        markers: placed.markers.map(onTrim),
        photos,
      };
      return { geometry: proof, preview: { area: { left: 0, top: 0, ...proof.sheet }, width: previewWidth(config, proof.sheet.width) } };
    },
    amendPdf: async (doc) => {
      if (!data || !proof) return;
      const started = performance.now();
      const trim = proof.trim;
      data.pages = doc.getPages().map((p, i): DataPage => {
        const media = p.getMediaBox();
        return { page: i + 1, trimLeft: media.x + trim.left * 0.75, trimTop: media.y + media.height - trim.top * 0.75, ptPerPx: 0.75 };
      });
      annotations = await writeAnnotations(doc, { findings, changes, rows, trim, manuscript, date });
      await attachData(doc, data);
      doc.setTitle(`${roundLabel(round)} 校样 · ${matterText(article.matter.headline) || article.outputName}`, {
        showInWindowTitleBar: true,
      });
      doc.setSubject(`proof round ${round}, inputs ${hash}`);
      ms['proof.annotate'] = Math.round(performance.now() - started);
    },
  });

  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const kinds = (k: Change['kind']) => changes.filter((c) => c.kind === k).length;
  const json: ProofJson = {
    round,
    label: roundLabel(round),
    builtAt: date.toISOString(),
    inputHash: hash,
    // Files named relative to proof.json's own folder, as page.fit.json names them: the same
    // whichever folder the build ran from, found again by path.resolve(dirname(proof.json), name).
    // (The data inside the PDF keeps the manuscript relative to the project: the PDF travels.)
    manuscript: relativeToReport(options.outDir, path.resolve(article.file.path)),
    layout: { name: options.layout.name, trimMm: built.rendered.geometry.trimMm },
    against: previous
      ? {
          round: previous.data.round,
          file: relativeToReport(options.outDir, path.resolve(previous.file)),
          inputHash: previous.data.inputHash,
        }
      : null,
    findings: findings.map(({ boxes: _, kind, ...f }) => ({ ...f, onPage: kind !== 'none' })),
    changes: changes.map(({ boxes: _, at: __, was: ___, noteAt: ____, ...c }) => c),
    counts: {
      findings: findings.length,
      onPage: findings.filter((f) => f.place).length,
      offPage: findings.filter((f) => !f.place).length,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      annotations,
      changes: {
        total: changes.length,
        insert: kinds('insert'),
        delete: kinds('delete'),
        replace: kinds('replace'),
        move: kinds('move'),
        photo: kinds('photo'),
      },
      oversetChars,
    },
    ms: { ...built.pageFit.ms, ...ms },
  };
  return { page: built, pdf: built.pdf, png: built.rendered.png, json, round };
}

/**
 * proof.png's width in pixels for a proof sheet `sheetWidth` CSS px wide: the configured width, or
 * wider, so that the line numbers are set at least lineNumberPx pixels high (at 1400 px, a
 * broadsheet's 4.5 pt numbers were 5 px: no reviewer could read 第N栏第M行 on it).
 */
export function previewWidth(config: ProofConfig, sheetWidth: number): number {
  const { width, lineNumberPx } = config.sheet.preview;
  const numberPx = toMm(config.lineNumbers.size) * PX_PER_MM;
  return Math.max(width, Math.ceil((sheetWidth * lineNumberPx) / numberPx));
}

/** Words the marks print besides the findings (for the fonts the overlay loads). */
const PROOF_LABELS =
  '共校样第一二三四五六七八九十〇校签字姓名日期责任编辑美术编辑校对值班总编问题处错误警告提示版面上标出全部列在清单页起与相比增删改移加的文字去处动段落没有前可比较行号每栏次该左侧不在未排入原走输入时间报眉标题区图片说明（）：，。；·×—→−+0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:/()[]“”';

/**
 * @font-face rules for the marks' text: the heading face's files it needs that the page has not
 * declared (those the page has are already loaded; declaring them again would load them again).
 */
async function proofFonts(text: string, layout: Layout, declared: ReadonlySet<string>): Promise<{ css: string; keys: string[] }> {
  const heading = loadFontConfig().faces.heading;
  const { slices } = await printFonts(text);
  const key = (s: { file: string; weight: number }) => `${s.file}|${s.weight}`;
  const wanted = slices.filter((s) => s.family === heading.family && (s.weight === 500 || s.weight === 700) && !declared.has(key(s)));
  return { css: pageFontCss(wanted, layout.fontMetrics), keys: wanted.map(key) };
}

function slugLine(article: Article, layout: Layout, manuscript: string, hash: string, round: number, date: Date): string {
  const m = article.matter;
  const paper = [matterText(m.paper), matterText(m.date), m.page !== undefined ? `第${matterText(m.page)}版` : '', matterText(m.section)]
    .filter(Boolean)
    .join(' ');
  const stamp = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const size = `${Math.round(toMm(layout.page.trim.width))} × ${Math.round(toMm(layout.page.trim.height))} mm`;
  return [paper, manuscript, `输入 ${hash}`, stamp, `${roundLabel(round)} (round ${round})`, `${layout.name} ${size}`]
    .filter(Boolean)
    .join('  ·  ');
}

/** The text that did not fit: the rest of the first block cut at the foot of the page, and every block after it. */
function oversetText(units: Array<{ zone: string; text: string; printed?: number }>): string {
  const body = units.filter((u) => u.zone === 'body');
  const first = body.findIndex((u) => (u.printed ?? u.text.length) < u.text.length);
  if (first < 0) return '';
  return body
    .slice(first)
    .map((u) => u.text.slice(u.printed ?? 0).trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * The round's proof-r<N>.pdf, proof.pdf (the latest round), proof.json and proof.png, all or none:
 * staged, then renamed together (src/output/staging.ts), the round's own file first so that
 * proof.pdf is always one of the kept rounds.
 */
export async function writeProof(built: BuiltProof, outDir: string): Promise<string[]> {
  const stage = await stageOutputs(outDir);
  try {
    await stage.write(`proof-r${built.round}.pdf`, built.pdf);
    await stage.write('proof.pdf', built.pdf);
    await stage.write('proof.json', JSON.stringify(built.json, null, 2) + '\n');
    if (built.png) await stage.write('proof.png', built.png);
    return await stage.commit();
  } catch (error) {
    await stage.abort();
    throw error;
  }
}
