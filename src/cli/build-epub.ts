// build:epub — every volume of the series (manuscript/series.yaml), or the volumes named, to
// dist/epub/<series>-<n>.epub + .onix.xml; then EPUBCheck and Ace on each, one line per volume.
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { browserEndpoint, openBrowser } from '../browser/remote.js';
import { loadArticles } from '../pipeline.js';
import { countFindings, findingsReport, printFindings, SCREENFUL } from '../check/print-findings.js';
import { buildVolume, volumeStem, type VolumeResult } from '../epub/build-volume.js';
import { bookConvertsImage } from '../epub/images.js';
import { loadBookConfig } from '../config/book.js';
import { loadSeries, SERIES, selectVolumes, type Series, type Volume } from '../config/series.js';
import { ConfigError, type Problem } from '../config/load.js';
import { findManuscripts } from '../manuscript/read.js';
import { isPlanFile, kindOf } from '../config/project.js';
import { InputError } from '../core/input-error.js';
import { removeOnExit } from '../core/cleanup.js';
import { ace, epubcheck, javaEpubcheck, type AceResult, type EpubcheckResult, type Finding } from '../epub/validate.js';
import type { SourcePlace } from '../epub/source-places.js';
import { printSummary, progress, shellWord, shortPath } from '../output/progress.js';
import { DEFAULT_MANUSCRIPTS, DIST } from '../core/paths.js';
import { BROWSER_FLAG, BROWSER_USAGE, parseCommon } from './options.js';
import { checkBuildConfigs } from './check-configs.js';
import { refuseOwnFolder } from './output-folders.js';

export const usage = `npm run build:epub -- [volume …] [--series FILE] [--out DIR] [--no-validate] [--final]
  Build each volume of the series as EPUB 3 with its ONIX 3.0 record: DIR/<series>-<n>.epub and
  DIR/<series>-<n>.onix.xml (default DIR: dist/epub/). Volumes are numbers from the series file
  (default: manuscript/series.yaml); none named builds all.
  Each volume is checked with EPUBCheck (Java when available, else epubcheck-ts) and DAISY Ace;
  any EPUBCheck error or Ace violation fails the build (exit 1). --no-validate skips both.
  --final writes nothing for a volume whose manuscripts still have errors, nor one EPUBCheck or Ace
  fails (the book there before stays). Their findings are in DIR/<series>-<n>.findings.txt too.
${BROWSER_USAGE} (Ace, the accessibility checker, runs its own local browser.)`;

/** A validator's findings, at most a screenful of them; all of them are in the volume's report. */
function printCapped(lines: string[], tool: string, report: string): void {
  for (const l of lines.slice(0, SCREENFUL)) process.stderr.write(`${l}\n`);
  if (lines.length > SCREENFUL)
    process.stderr.write(`  … ${lines.length - SCREENFUL} more ${tool} findings not shown: all are in ${report}\n`);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function checkLine(r: EpubcheckResult): string {
  const n = r.fatals + r.errors;
  return `${r.tool}: ${n} error${n === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`;
}

function aceLine(r: AceResult): string {
  if (r.violations === 0) return `${r.tool}: no violations`;
  const parts = Object.entries(r.byImpact).map(([impact, n]) => `${n} ${impact}`);
  return `${r.tool}: ${r.violations} violation${r.violations === 1 ? '' : 's'} (${parts.join(', ')})`;
}

/**
 * A file or folder named where a volume number belongs (a series file, an edition plan, a
 * manuscript): refused with what it is and the command that takes it, before anything is built.
 */
function notAVolume(arg: string, seriesFile: string): void {
  if (/^\d+$/.test(arg) || !existsSync(arg)) return; // a number, or a name selectVolumes refuses with the volumes there are
  const series = shortPath(seriesFile);
  const takes = `build:epub takes volume numbers of ${series} (-- 1 2), or none for all of them`;
  if (statSync(arg).isFile() && kindOf(arg) === SERIES)
    throw new InputError(`${arg} is an e-book series file: name it with --series (npm run build:epub -- --series ${arg}); ${takes}`);
  if (statSync(arg).isFile() && /\.ya?ml$/i.test(arg) && isPlanFile(arg))
    throw new InputError(`${arg} is an edition plan: build it with npm run build:pdf -- ${arg}; ${takes}`);
  if (statSync(arg).isDirectory() || /\.(md|markdown|txt)$/i.test(arg))
    throw new InputError(
      `${arg} is a manuscript, not a volume: a volume's manuscripts are the chapters: its series file names ` +
        `(add it to ${series}, or give another series file with --series; docs/config.md#e-book-series); ${takes}`,
    );
  throw new InputError(`${arg} is not a volume number; ${takes}`);
}

/**
 * Every chapter of the volumes to build holds a manuscript (a folder with article.md or *.md, a .md
 * file), or the run stops before any book is built, every such chapter told at its series.yaml
 * line at once: an empty folder, a folder of notes.txt or a photo named as a chapter stopped the
 * build at the first of them, unplaced, after the volumes before it were built and written.
 */
async function refuseChaptersWithoutManuscript(series: Series, volumes: Volume[]): Promise<void> {
  const problems: Problem[] = [];
  for (const volume of volumes) {
    // Each manuscript file a chapter reads, and the first chapter that reads it. series.yaml's own
    // check compares the chapters' names (ch1 and ./ch1/), not the files a folder stands for: ch1,
    // ch1/article.md and the series' folder (.), which reads every manuscript in it, made the same
    // chapter three times in the book, unsaid.
    const readBy = new Map<string, number>();
    for (const [j, chapter] of volume.chapters.entries()) {
      try {
        const at = volume.at.chapters?.[j];
        for (const file of await findManuscripts(chapter)) {
          const first = readBy.get(file);
          if (first === undefined) {
            readBy.set(file, j);
            continue;
          }
          const before = volume.at.chapters?.[first];
          problems.push({
            file: series.file,
            line: at?.line,
            column: at?.column,
            message:
              `${at ? `${at.path}: ` : ''}chapter "${at?.written ?? chapter}" (volume ${volume.number}) reads ${path.relative(path.dirname(series.file), file)}, ` +
              `the manuscript of ${before ? `${before.path} ("${before.written}")` : `chapter ${first + 1}`} again; list each chapter of a volume once`,
          });
          break;
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const at = volume.at.chapters?.[j];
        const why = error.message.startsWith(`${chapter}: `) ? error.message.slice(chapter.length + 2) : error.message;
        problems.push({
          file: series.file,
          line: at?.line,
          column: at?.column,
          message: `${at ? `${at.path}: ` : ''}chapter "${at?.written ?? chapter}" (volume ${volume.number}): ${why}`,
        });
      }
    }
  }
  if (problems.length) throw new ConfigError(problems);
}

/**
 * A validator's finding as the console and the report show it: at the manuscript's file:line:col
 * the element it names came from, with its place in the book (file:line:col, or Ace's CFI) after
 * it; at the book's place alone when it comes from no manuscript (the package, the navigation).
 */
export function validatorLine(book: string, f: Finding, id: string, place: SourcePlace | undefined): string {
  const inBook = `${book}/${f.where ?? ''}${f.cfi ? `#epubcfi(${f.cfi})` : ''}`;
  if (!place) return `  ${inBook}  ${f.severity}  ${f.message}  ${id}`;
  return `  ${shortPath(place.file)}:${place.line}:${place.column}  ${f.severity}  ${f.message}  ${id}  (in ${inBook})`;
}

/** What the validators said of a book: for the volume's line, the report, and what failed it. */
interface Validated {
  /** Each validator's result line ("EPUBCheck 4.2.6 (Java): 0 errors, 0 warnings", "Ace did not run: …") */
  heads: string[];
  /** The results and every finding, for the findings report */
  said: string;
  /** What failed the book: a result line, or "EPUBCheck did not run" */
  failing: string[];
  ms: number;
}

/**
 * EPUBCheck and Ace on the book's bytes before it is written (a temporary copy, removed on every
 * path): a screenful of their findings on the console, all of them for the report.
 */
async function validateBook(
  epub: Buffer,
  name: string,
  report: string,
  places: () => Promise<(finding: Finding) => SourcePlace | undefined>,
): Promise<Validated> {
  progress(`${name}: EPUBCheck and Ace`);
  const t = performance.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-validate-'));
  const release = removeOnExit(dir);
  try {
    const file = path.join(dir, name);
    await writeFile(file, epub);
    const [check, access] = await Promise.allSettled([epubcheck(file), ace(file)]);
    // Each finding at the manuscript's line where the element it names came from (the book's file and place beside it).
    const found = [check, access].flatMap((r) => (r.status === 'fulfilled' ? r.value.findings : []));
    const place = found.length ? await places().catch(() => undefined) : undefined;
    const line = (f: Finding, id: string) => validatorLine(name, f, id, place?.(f));
    const said: Array<{ head: string; lines: string[]; tool: string; failing: boolean }> = [];
    if (check.status === 'fulfilled')
      said.push({
        head: checkLine(check.value),
        lines: check.value.findings.map((f) => line(f, f.id)),
        tool: 'EPUBCheck',
        failing: check.value.fatals + check.value.errors > 0,
      });
    else said.push({ head: `EPUBCheck did not run: ${(check.reason as Error).message}`, lines: [], tool: 'EPUBCheck', failing: true });
    if (access.status === 'fulfilled')
      said.push({
        head: aceLine(access.value),
        lines: access.value.findings.map((f) => line(f, `ace:${f.id}`)),
        tool: 'Ace',
        failing: access.value.violations > 0,
      });
    else said.push({ head: `Ace did not run: ${(access.reason as Error).message}`, lines: [], tool: 'Ace', failing: true });
    for (const s of said) printCapped(s.lines, s.tool, shortPath(report));
    return {
      heads: said.map((s) => s.head),
      said: `${said.flatMap((s) => [s.head, ...s.lines]).join('\n')}\n`,
      failing: said.filter((s) => s.failing).map((s) => (s.head.startsWith(`${s.tool} did not run`) ? `${s.tool} did not run` : s.head)),
      ms: performance.now() - t,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    release();
  }
}

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv, { series: { type: 'string' }, 'no-validate': { type: 'boolean' }, ...BROWSER_FLAG });
  const seriesFile = path.resolve((opts.values.series as string | undefined) ?? path.join(DEFAULT_MANUSCRIPTS, 'series.yaml'));
  const named = opts.paths.length === 1 && opts.paths[0] === DEFAULT_MANUSCRIPTS ? [] : opts.paths;
  const validate = !opts.values['no-validate'];
  // Whether Java EPUBCheck is there is asked once, while the first volume is built: EPUBCheck then
  // starts beside Ace instead of a JVM start later.
  if (validate) void javaEpubcheck();
  const outDir = path.resolve(opts.out ?? path.join(DIST, 'epub'));

  for (const arg of named) notAVolume(arg, seriesFile);
  checkBuildConfigs({ series: seriesFile, book: true, fonts: true });
  const series = await loadSeries(seriesFile);
  const volumes = selectVolumes(series, named);
  // The books are written into the output folder itself: never among the series file's or a chapter's own files.
  refuseOwnFolder(outDir, seriesFile, ...volumes.flatMap((v) => v.chapters));
  await refuseChaptersWithoutManuscript(series, volumes);
  const config = loadBookConfig(); // templates/epub/book.yaml, read once for every volume
  const outputs: string[] = [];
  const vfiles: VFile[] = [];
  /** Each volume's findings report and its manuscripts' findings (written with its book, or not). */
  const reports: Array<{ report: string; files: VFile[] }> = [];
  let failed = 0;
  let refused = 0;
  let refusedInvalid = 0;
  /** Each volume a validator failed or could not check, with what failed it. */
  const notReady: string[] = [];
  const handle = await openBrowser(browserEndpoint(opts.values['browser-ws'] as string | undefined));
  const browser = handle.browser;
  try {
    for (const volume of volumes) {
      progress(`volume ${volume.number} 《${volume.title}》: ${volume.chapters.length} manuscript(s)`);
      const seen = new Map<VFile, number>();
      /** Problems found while building the book (e.g. a photo that cannot be read), printed once. */
      const printLater = (files: VFile[]) => {
        for (const f of files.filter((f) => f.messages.length > (seen.get(f) ?? 0))) {
          const copy = new VFile({ path: f.path, cwd: f.cwd });
          copy.messages = f.messages.slice(seen.get(f) ?? 0);
          printFindings([copy]);
          seen.set(f, f.messages.length);
        }
      };
      let verdict: Validated | undefined;
      // The formats the book converts itself are no error in its manuscripts (image-format), and its
      // photos are judged on a reader's screen, not in a newspaper slot (image-resolution).
      const articles = loadArticles(volume.chapters, {
        convertsImage: bookConvertsImage,
        ebook: { minPhotoSide: config.images.minSide },
      });
      const result: VolumeResult | undefined = await buildVolume(series, volume, articles, {
        outDir,
        browser,
        config,
        progress,
        // The volume's full findings report is written with the book, all or none, with what the validators said.
        alongside: (stem, files, validated) => ({
          [`${stem}.findings.txt`]: `${findingsReport(files)}${validated ? `\n${validated}` : ''}`,
        }),
        // EPUBCheck and Ace run on the book before it is written: a --final build writes no book they fail.
        validate: validate
          ? async (epub, name, files, places) => {
              printLater(files);
              const checked = await validateBook(epub, name, path.join(outDir, `${volumeStem(series, volume)}.findings.txt`), places);
              verdict = checked;
              return { refuse: Boolean(opts.final) && checked.failing.length > 0, said: checked.said };
            }
          : undefined,
        checked: (files) => {
          // The copy desk's findings come first, before the book is built (a screenful; the rest in
          // the report written with the book).
          const report = path.join(outDir, `${volumeStem(series, volume)}.findings.txt`);
          printFindings(files, { reports: opts.final && countFindings(files).errors ? [] : [shortPath(report)] });
          for (const f of files) seen.set(f, f.messages.length);
          vfiles.push(...files);
          const errors = countFindings(files).errors;
          reports.push({ report, files });
          if (opts.final && errors) {
            process.stderr.write(
              `✗ volume ${volume.number}: ${errors} error(s) remain in its manuscripts; --final writes nothing until they are fixed\n`,
            );
            return true;
          }
        },
      });
      if (verdict?.failing.length) {
        failed += verdict.failing.length;
        notReady.push(`${volumeStem(series, volume)}.epub (${verdict.failing.join('; ')})`);
      }
      if (!result) {
        if (verdict?.failing.length) {
          process.stderr.write(
            `✗ volume ${volume.number}: ${verdict.heads.join('; ')}; --final writes no book that fails validation (the one there stays)\n`,
          );
          refusedInvalid++;
        } else refused++;
        continue;
      }
      printLater(result.files);
      // The volume's full findings report is written with the book (alongside): it is an output too.
      outputs.push(result.epub, result.onix, path.join(outDir, `${volumeStem(series, volume)}.findings.txt`));
      const name = path.basename(result.epub);
      let line =
        `${name}: ${result.chapters} chapter${result.chapters === 1 ? '' : 's'}` +
        // A long chapter cut into several files (book.yaml chapters.max-file-kb) is said so.
        `${result.chapterFiles > result.chapters ? ` in ${result.chapterFiles} files` : ''}, ${kb(result.bytes)} ` +
        `(font subset ${kb(result.fontBytes)} in ${result.fontFiles} files), built in ${(result.ms / 1000).toFixed(2)} s`;
      if (verdict) line += `; ${verdict.heads.join('; ')} (${(verdict.ms / 1000).toFixed(1)} s)`;
      if (result.missingGlyphs.length)
        line += `; ${result.missingGlyphs.length} character(s) the body font lacks: ${result.missingGlyphs.join(' ')}`;
      process.stdout.write(`${line}\n`);
    }
  } finally {
    await handle.release();
  }
  const counts = countFindings(vfiles);
  // The book's errors are its own (a photo format it converts is none, a photo is judged on a screen):
  // `npm run check` judges the page and would show others, so the reports that hold them are named.
  // (counted now: the book's own findings, a photo it could not read, join its manuscripts' while it is built)
  const errorReports = reports.filter((r) => countFindings(r.files).errors).map((r) => r.report);
  const written = errorReports.filter((r) => outputs.includes(r)).map(shortPath);
  const unwritten = errorReports.filter((r) => !outputs.includes(r)).map((r) => path.basename(r));
  const errorsAt = [
    written.length ? `see ${written.join(', ')}` : '',
    unwritten.length
      ? `${written.length ? 'and ' : ''}the findings above (a build without --final writes them all to ${unwritten.join(', ')})`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  printSummary({
    command: 'build:epub',
    outputs,
    facts: [
      `volumes: ${volumes.length} (${shortPath(seriesFile)})${validate ? '' : ', not validated (--no-validate)'}`,
      ...(refused ? [`✗ ${refused} volume(s) not written: their manuscripts have errors (--final)`] : []),
      ...(refusedInvalid
        ? [`✗ ${refusedInvalid} volume(s) not written: EPUBCheck or Ace failed them or could not check them (--final)`]
        : []),
      ...(notReady.length ? [`✗ not ready for distribution: ${notReady.join(', ')}`] : []),
    ],
    errors: counts.errors,
    warnings: counts.warnings,
    startedAt,
    errorsAt: errorsAt || undefined,
    // npm run check alone checks manuscript/: a series elsewhere has its chapters checked in its own folder.
    check:
      path.dirname(seriesFile) === path.resolve(DEFAULT_MANUSCRIPTS)
        ? undefined
        : `npm run check -- ${shellWord(shortPath(path.dirname(seriesFile)))}`,
  });
  return failed || refused || refusedInvalid ? 1 : 0;
}
