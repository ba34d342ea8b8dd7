// build:pdf — lay out each manuscript on its newspaper page: dist/<manuscript>/page.pdf, page.png
// and page.fit.json. One browser for the whole build.
// The browser is launched first and the heavy modules (markdown, checks, PDF tools) load while it
// starts: on two cores that overlap is a good part of the build's time.
import { count } from '../core/plural.js';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { InputError } from '../core/input-error.js';
import { browserEndpoint, openBrowser } from '../browser/remote.js';
import { matterText } from '../core/matter.js';
import { progress, shortPath } from '../output/progress.js';
import { endBuild } from './summary.js';
import { loadLayout, loadLayoutFile, DEFAULT_LAYOUT, type Layout } from '../config/layout.js';
import { BROWSER_FLAG, BROWSER_USAGE, parseCommon } from './options.js';
import { OutputFolders } from './output-folders.js';
import { refuseFinal } from './final.js';
import { isPlanFile, notAPlan, plansInEditions } from '../config/project.js';

export const usage = `npm run build:pdf -- [manuscript …] [--out DIR] [--layout NAME|FILE.yaml] [--pages auto] [--no-preview] [--screen-copy] [--final]
npm run build:pdf -- <plan.yaml …> [--concurrency N] [--out DIR] [--no-preview] [--final]
  Lay out each manuscript on a newspaper page: DIR/<name>/page.pdf, page.png, page.fit.json and
  page.preflight.json, with the full findings report in findings.txt (default DIR: dist/), written
  all together or not at all. page.pdf is the press file: PDF/X (the layout's "pdfx:",
  x1a by default) in CMYK for newsprint, black text in 100 % K, photos within the ink limit; the
  preflight report says what a plant's check finds in it, and page.png shows the page as printed.
  The layout is --layout, else the front matter's "layout:", else ${DEFAULT_LAYOUT}
  (templates/newspaper/layouts/). --pages auto continues onto as many pages as the text needs.
  --screen-copy also writes page.screen.pdf, the RGB PDF for screens (links kept, not for print).
  --final (press build) writes nothing while check errors remain, the copy is overset or the
  preflight fails (press-* errors).
  Given an edition plan (a .yaml file, e.g. manuscript/editions/2024-01-19.yaml: pages, and on each
  page the stories in their modules of the grid), it builds the edition: DIR/<plan>/page-<N>.pdf
  and .png for every page, edition.pdf (all pages in order) and edition.fit.json (every story's
  copy fit and automatic fitting, every page's line quality) and findings.txt (every finding of its
  stories). --concurrency N lays out N pages at
  once in tabs of one browser (default: the processors this machine gives the build). The folder
  of plans (manuscript/editions) builds every edition in it.
${BROWSER_USAGE}`;

/** One-line preflight for the summary. */
function preflightLine(p: import('../press/preflight.js').PreflightReport): string {
  const spaces = Object.keys(p.colourSpaces).join(', ');
  const errors = p.problems.filter((x) => x.error).length;
  const warnings = p.problems.length - errors;
  // the conformance level a plant asks for (PDF/X-1a:2001), not only the version (PDF/X-1:2001)
  const standard = p.standard.gtsPdfxConformance ?? p.standard.gtsPdfxVersion ?? 'no PDF/X';
  return (
    `${standard}, output intent ${p.outputIntent?.identifier ?? 'missing'}, ${spaces}; ` +
    `ink max ${p.ink.max}% (limit ${p.ink.limit}%), rich black: text ${p.text.richBlack}, rules ${p.rules.richBlack}; ` +
    (errors
      ? `preflight FAILED: ${count(errors, 'error')}${warnings ? `, ${count(warnings, 'warning')}` : ''}`
      : `preflight passed${warnings ? ` with ${count(warnings, 'warning')}` : ''}`)
  );
}

/**
 * --layout takes a layout name or a YAML file; otherwise the manuscript's own choice. A front
 * matter layout that cannot be used stops the build with the manuscript's file:line:column (where
 * the check's matter-layout finding points).
 */
export function resolveLayout(option: string | undefined, matterLayout: unknown, file?: VFile): Layout {
  if (option && /\.ya?ml$/i.test(option)) return loadLayoutFile(path.resolve(option));
  if (option) return loadLayout(option);
  const name = matterText(matterLayout);
  try {
    return loadLayout(name || DEFAULT_LAYOUT);
  } catch (error) {
    if (!name || !file || !(error instanceof InputError)) throw error;
    const finding = file.messages.find((m) => m.ruleId === 'matter-layout');
    const at = finding?.line ? `:${finding.line}:${finding.column}` : '';
    throw new InputError(`${shortPath(file.path)}${at}: front matter "layout: ${name}" cannot be used: ${error.message}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv, {
    layout: { type: 'string' },
    pages: { type: 'string' },
    'no-preview': { type: 'boolean' },
    'screen-copy': { type: 'boolean' },
    concurrency: { type: 'string' },
    ...BROWSER_FLAG,
  });
  // --pages takes one value: `--pages 2` built one page and said nothing.
  const pages = opts.values.pages as string | undefined;
  if (pages !== undefined && pages !== 'auto')
    throw new InputError(
      `--pages is "${pages}"; it takes auto (the text runs onto as many pages as it needs), or leave it out for one page`,
    );
  // An edition plan (.yaml) builds an edition; manuscripts build their pages as before. Each path
  // is told once (telling a plan reads and parses its YAML): only what is not a plan is asked why.
  // The folder of plans (manuscript/editions) builds its editions: its stories print only through them.
  opts.paths = [...new Set(opts.paths.flatMap((p) => (plansInEditions(p).length ? plansInEditions(p) : [p])))];
  const plans = opts.paths.filter(isPlanFile);
  for (const p of opts.paths) {
    const why = plans.includes(p) ? undefined : notAPlan(p);
    if (why) throw new InputError(`${shortPath(p)}: ${why}`);
  }
  if (plans.length) {
    if (plans.length !== opts.paths.length)
      throw new InputError('give build:pdf either edition plans (.yaml) or manuscripts, not both in one run');
    const { runEditions } = await import('./build-edition.js');
    return runEditions(opts, plans, startedAt);
  }
  // --concurrency lays out an edition's pages at once: with a manuscript it was taken and did nothing.
  if (opts.values.concurrency !== undefined)
    throw new InputError(
      '--concurrency does not apply to a manuscript: it lays out the pages of an edition plan at once (build:pdf -- plan.yaml --concurrency N); leave it out',
    );
  const autoPages = opts.values.pages === 'auto';
  const { findManuscripts, manuscriptOutputName } = await import('../manuscript/read.js');
  const files = (await Promise.all(opts.paths.map(findManuscripts))).flat();
  const folders = new OutputFolders(opts.out);
  // Every manuscript's folder claimed before any is written: two that would share one are refused
  // with nothing written (the first one's outputs stood while the run ended in an error).
  for (const file of files) folders.claim(manuscriptOutputName(file), file);
  const handlePromise = openBrowser(browserEndpoint(opts.values['browser-ws'] as string | undefined));
  handlePromise.catch(() => undefined);
  const browserPromise = handlePromise.then((h) => h.browser);
  browserPromise.catch(() => undefined);
  // Let go of the browser once the last page is printed: it shuts down while Node writes the
  // outputs (the finally below waits for it; release runs once).
  let releasing: Promise<void> | undefined;
  const release = () => (releasing ??= handlePromise.then((h) => h.release()).catch(() => undefined));
  // The configs are checked while Chromium starts; on a mistake it is closed again and nothing is written.
  await (await import('./check-configs.js')).checkBuildConfigsWhileLaunching(browserPromise, {
    manuscripts: files,
    fonts: true,
    layout: (opts.values.layout as string | undefined) || DEFAULT_LAYOUT,
  });
  // While Node parses and checks the first manuscript, a tab loads the fonts its characters need.
  const warming = import('../page/warm-tab.js').then(({ warmFirst }) =>
    warmFirst(browserPromise, files[0], folders.folder(manuscriptOutputName(files[0]), files[0])),
  );
  warming.catch(() => undefined);
  // The tab is opened (its document asked for) before Node turns to the manuscript, while the
  // modules load: Node answers the tab's requests, its document and then its fonts, only between
  // its own steps, and parsing and checking the manuscript hold it for a good part of the build,
  // so fonts asked for then came in after the article was typeset, and the page waited for them.
  const [[{ loadArticle }, { buildPage, fitLine, writePage }, { findingsReport }, { pressErrors, reportPressFindings }]] =
    await Promise.all([
      Promise.all([
        import('../pipeline.js'),
        import('../page/write-page.js'),
        import('../check/print-findings.js'),
        import('../press/findings.js'),
      ]),
      warming.catch(() => undefined),
    ]);
  const { pressStage, pressFiles } = await import('../press/stage.js');
  const { removeUnusedCopies } = await import('../page/images.js');
  const outputs: string[] = [];
  const reports: string[] = [];
  const facts: string[] = [];
  const vfiles = [];
  let failed = false;
  let browser: Browser | undefined;
  /** every page's press stage: its photos may still be converting when a build fails */
  const presses: Array<ReturnType<typeof pressStage>> = [];
  // The layout --layout names is the page's for every manuscript, and the checks that measure
  // against a layout (image-resolution, heading-length) are given it too: they judge this page.
  const named = opts.values.layout ? resolveLayout(opts.values.layout as string, undefined) : undefined;
  try {
    for (const [i, file] of files.entries()) {
      progress(`typesetting ${shortPath(file)}`);
      let t = performance.now();
      const article = await loadArticle(file, { layout: named });
      const articleMs = Math.round(performance.now() - t);
      vfiles.push(article.file);
      if (refuseFinal(opts.final, article.file)) {
        failed = true;
        continue;
      }
      const layout = named ?? resolveLayout(undefined, article.matter.layout, article.file);
      t = performance.now();
      browser ??= await browserPromise;
      const launchWait = Math.round(performance.now() - t);
      progress(`laying out on ${layout.name} (${shortPath(layout.file)})`);
      const outDir = await folders.folder(article.outputName, file);
      const tab = file === files[0] ? await warming.catch(() => undefined) : undefined;
      // The press writes page.pdf as PDF/X from what the page printed (src/press/).
      const press = pressStage(layout, outDir, { screenCopy: Boolean(opts.values['screen-copy']) });
      presses.push(press);
      const built = await buildPage(article, {
        layout,
        outDir,
        browser,
        autoPages,
        preview: !opts.values['no-preview'],
        tab,
        finishing: press,
      });
      if (i === files.length - 1) void release();
      const pressed = press.result();
      reportPressFindings(article.file, pressed);
      const { pageFit } = built;
      pageFit.ms = { article: articleMs, browserWait: launchWait, ...pageFit.ms };
      const fit = fitLine(pageFit.fit);
      if (pageFit.fit.status === 'overset') {
        process.stderr.write(
          `\n✗ ${shortPath(file)}: ${fit}\n  the overset text is NOT on the page; cut the copy or change the layout\n\n`,
        );
      }
      if (opts.final && pageFit.fit.status === 'overset') {
        process.stderr.write(`✗ ${shortPath(file)}: overset; --final writes nothing until the copy fits\n`);
        failed = true;
        continue;
      }
      const failedPreflight = pressErrors(article.file);
      if (opts.final && failedPreflight) {
        process.stderr.write(
          `✗ ${shortPath(file)}: the press preflight failed (${count(failedPreflight, 'press-* error')}); --final writes nothing until they are fixed\n`,
        );
        failed = true;
        continue;
      }
      // The page's own errors too (a photo that could not be placed): the checks passed, the page did not.
      if (refuseFinal(opts.final, article.file)) {
        failed = true;
        continue;
      }
      progress('writing the press PDF, preview, copy-fit and preflight reports');
      // The findings report goes in with the page, all or none; the console shows a screenful.
      outputs.push(...(await writePage(built, outDir, { ...pressFiles(pressed), 'findings.txt': findingsReport([article.file]) })));
      folders.finish(article.outputName);
      // A press build hands the folder on: copies of photos the page no longer prints go.
      if (opts.final) await removeUnusedCopies(outDir, built.rendered.photos);
      reports.push(shortPath(path.join(outDir, 'findings.txt')));
      // A screen copy from an earlier build would no longer match page.pdf.
      if (!pressed.screen) await rm(path.join(outDir, 'page.screen.pdf'), { force: true });
      const q = pageFit.lines;
      facts.push(
        `${article.outputName}: ${pageFit.page.trimMm.width} × ${pageFit.page.trimMm.height} mm` +
          `${pageFit.page.bleedMm ? ` + ${pageFit.page.bleedMm} mm bleed` : ''}, ${count(pageFit.page.pages, 'page')}` +
          `${built.rendered.png && pageFit.page.pages > 1 ? ' (page.png shows page 1)' : ''}, ` +
          `${pageFit.frames.count} frames (${pageFit.frames.usedLines}/${pageFit.frames.lines} lines), ` +
          `photos: ${pageFit.figures.slotted} in slots${pageFit.figures.inFlow ? `, ${pageFit.figures.inFlow} in the text` : ''}`,
        `  fit: ${fit}`,
        `  lines: ${q.lines} measured, ${q.badStarts.length} bad starts, ${q.badEnds.length} bad ends, ${q.orphans.length} 孤字 (${q.orphansFixed} fixed), ` +
          `${q.loose.length} loose (max ${q.maxLoose} em)`,
        `  press: ${preflightLine(pressed.preflight)}`,
      );
    }
  } finally {
    await (await warming.catch(() => undefined))?.close(); // unused when the first manuscript was refused
    await Promise.all(presses.map((p) => p.settled())); // no photo copy written into a folder being removed
    await folders.removeUnfinished(); // a refused or failed manuscript leaves no folder behind
    await release();
  }
  const counts = await endBuild('build:pdf', vfiles, { outputs, facts, reports, startedAt });
  return failed || (opts.final && counts.errors) ? 1 : 0;
}
