// build:pdf with an edition plan (a .yaml file): every page of the plan, laid out in parallel in
// tabs of one browser, each page through the press; dist/<plan>/page-<N>.pdf and .png,
// edition.pdf and edition.fit.json. Called by build-pdf.ts when it is given plans.
import { count } from '../core/plural.js';
import os from 'node:os';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { Article } from '../core/article.js';
import type { PreflightProblem } from '../press/preflight.js';
import type { PressStage } from '../press/stage.js';
import { InputError, lineColumn } from '../core/input-error.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { matterText } from '../core/matter.js';
import { matterDocument } from '../core/text-blocks.js';
import { isScalar } from 'yaml';
import { loadLayoutFile } from '../config/layout.js';
import { checkConfig, throwProblems } from '../config/load.js';
import { type EditionPlan, PLAN, storyFiles } from '../config/plan.js';
import { browserEndpoint, openBrowser } from '../browser/remote.js';
import { progress, shortPath } from '../output/progress.js';
import { endBuild } from './summary.js';
import type { CommonOptions } from './options.js';
import type { EditionStories } from '../page/edition.js';
import { OutputFolders } from './output-folders.js';
import { reportLinkAddresses } from '../page/links.js';
import { dropUnplacedImages } from '../page/unplaced-images.js';
import { removeUnusedCopiesUnder } from '../page/images.js';

/** Pages laid out at once: the flag, else one per processor the machine gives this process. */
export function concurrencyOf(flag: string | undefined): number {
  if (flag === undefined) return Math.max(1, os.availableParallelism());
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`--concurrency must be a whole number of at least 1, not "${flag}"`);
  return n;
}

/**
 * A story's front matter `layout:` is not the page it prints on: an edition lays out every story on
 * the plan's layout. It was passed over without a word (a manuscript written for feature-8col printed
 * on tabloid-5col); now it is said, at the front matter's layout line.
 */
function reportOwnLayout(article: Article, planLayout: string, planFile: string): void {
  const own = matterText(article.matter.layout);
  if (!own || own === planLayout) return;
  const source = String(article.file.value ?? '');
  const matter = matterDocument(article.mdast, source);
  const pair = matter?.map.items.find((p) => isScalar(p.key) && p.key.value === 'layout');
  const range = (pair?.value as { range?: [number, number] } | undefined)?.range;
  const place = matter && range ? lineColumn(source, matter.base + range[0]) : undefined;
  article.file.message(
    `Front matter "layout: ${own}" is not used in an edition: every story is laid out on the plan's layout, ${planLayout} (${shortPath(planFile)}); delete the line, or change the plan's layout`,
    { place, ruleId: 'edition-matter-layout', source: FINDINGS_SOURCE },
  ).fatal = null;
}

export async function runEditions(opts: CommonOptions, plans: string[], startedAt: number): Promise<number> {
  if (opts.values.layout)
    throw new InputError('--layout does not apply to an edition plan: the plan names its layout (layout: in the plan)');
  // Taken silently before: an edition's pages are the plan's, and it writes no screen copy.
  if (opts.values.pages)
    throw new InputError('--pages does not apply to an edition plan: the plan lists its pages, and a story runs on with continue:');
  if (opts.values['screen-copy'])
    throw new InputError('--screen-copy does not apply to an edition plan: an edition writes its press pages and edition.pdf only');
  // Every plan is checked before anything is built: all of their problems at once.
  const checked = plans.map((f) => checkConfig(PLAN, f));
  throwProblems(checked);
  const loaded = checked.map((c) => (c as Extract<typeof c, { ok: true }>).value);
  // Two plans of one name (in different folders) would share an output folder: refused before either is built.
  const folders = new OutputFolders(opts.out);
  for (const plan of loaded)
    folders.claim(
      plan.name,
      plan.file,
      storyFiles(plan).flatMap((s) => s.files),
    );
  const concurrency = concurrencyOf(opts.values.concurrency as string | undefined);
  // Pages laid out at once need a renderer each (launch.ts); a remote pool's browser is as it was started.
  const handlePromise = openBrowser(browserEndpoint(opts.values['browser-ws'] as string | undefined), {
    parallelTabs: concurrency > 1 && loaded.some((p) => p.pages.length > 1),
  });
  handlePromise.catch(() => undefined);
  // let go of the browser once (when the last plan's pages are printed, else when the build ends)
  let releasing: Promise<void> | undefined;
  const release = () => (releasing ??= handlePromise.then((h) => h.release()).catch(() => undefined));
  const [{ buildEdition, closeWarmTabs, storyPrintPlaces, warmEditionTabs }, { findingsReport, SCREENFUL }] = await Promise.all([
    import('../page/edition.js'),
    import('../check/print-findings.js'),
  ]);
  const outputs: string[] = [];
  const facts: string[] = [];
  const vfiles: VFile[] = [];
  /** the full findings report of each plan built (findings.txt beside its pages) */
  const reports: string[] = [];
  let failed = false;
  let warm: ReturnType<typeof warmEditionTabs> | undefined;
  let stopped = false;
  /** the plan whose files are being staged, until they are moved into place or dropped */
  let writing: import('../page/write-edition.js').EditionWriter | undefined;
  /** every page's press stage: its photos may still be converting when a page fails */
  const presses: PressStage[] = [];
  /** the first plan, its output folder made and its tabs opened while the configs are checked */
  let early: { plan: EditionPlan; outDir: string } | undefined;
  try {
    // The first plan's tabs open, and load its stories' fonts, while the configs are checked and the
    // build's modules load: the first pages wait for those fonts. (A layout that cannot be read
    // leaves them to the plan's own start: the check says what is wrong with it.)
    const first = loaded[0];
    const firstLayout = readableLayout(first.layoutFile);
    if (firstLayout) {
      early = { plan: first, outDir: await folders.folder(first.name, first.file) };
      warm = warmEditionTabs(
        handlePromise.then((h) => h.browser),
        early.outDir,
        [first.file, ...storyFiles(first).flatMap((s) => s.files)],
        Math.min(concurrency, first.pages.length),
        firstLayout.fontMetrics,
      );
    }
    // The fonts, each plan's layout and its manuscripts' desk configs, while Chromium starts.
    const { checkBuildConfigsWhileLaunching } = await import('./check-configs.js');
    for (const plan of loaded)
      await checkBuildConfigsWhileLaunching(
        handlePromise.then((h) => h.browser),
        { manuscripts: storyFiles(plan).flatMap((s) => s.files), fonts: true, layout: plan.layoutFile },
      );
    const [
      { loadArticle },
      { editionFit, EditionWriter },
      press,
      { reportJoinedFindings, reportPressFindings },
      { figureSources },
      { pageGeometry, PX_PER_MM },
    ] = await Promise.all([
      import('../pipeline.js'),
      import('../page/write-edition.js'),
      import('../press/stage.js'),
      import('../press/findings.js'),
      import('../page/render.js'),
      import('../page/geometry.js'),
    ]);
    const { PdfxJoin } = await import('../press/pdfx.js');
    for (const plan of loaded) {
      const layout = loadLayoutFile(plan.layoutFile);
      // never more pages at once than the plan has (--concurrency 99 on a 2-page plan lays out 2)
      const atOnce = Math.min(concurrency, plan.pages.length);
      progress(`edition ${plan.name}: ${count(plan.pages.length, 'page')} on ${layout.name}, ${atOnce} at a time`);
      // A safe folder name, made without following a link below the base, never shared with another plan of the run.
      const outDir = await folders.folder(plan.name, plan.file);
      /** this plan's manuscripts' findings (vfiles holds every plan's) */
      const planFiles = vfiles.length;
      // The pages' tabs load the stories' fonts while Node reads, checks and typesets them (a plan
      // refused before its pages leaves its tabs to the next plan's start, which closes them); the
      // first plan's were opened before the configs were checked.
      if (early?.plan !== plan) {
        await closeWarmTabs(warm);
        warm = warmEditionTabs(
          handlePromise.then((h) => h.browser),
          outDir,
          [plan.file, ...storyFiles(plan).flatMap((s) => s.files)],
          Math.min(concurrency, plan.pages.length),
          layout.fontMetrics,
        );
      }
      // The stories are typeset one after another in page order, and each page is laid out as soon
      // as the stories on it are ready, while the rest are typeset (a story that fails to load
      // stops the build with its error). --final first typesets them all: it builds nothing while
      // a manuscript has an error. The first story waits for the tabs to be opened: opening them
      // takes turns of Node's (each protocol reply) that a manuscript being typeset holds up, and
      // the fonts those tabs then load are what the first pages wait for.
      const stories: EditionStories = new Map();
      let typeset: Promise<unknown> = (warm ?? Promise.resolve()).then(
        () => undefined,
        () => undefined,
      );
      for (const { flow, files } of storyFiles(plan)) {
        const story = typeset.then(async () => {
          const articles = [];
          // image-resolution measures each photo where the plan prints it: its slot, or a column of the story's module.
          const photoPlaces = storyPrintPlaces(plan, layout, flow);
          for (const file of files) {
            if (stopped) throw new Error('the build stopped');
            progress(`typesetting ${shortPath(file)}`);
            // The checks that measure against a layout (image-resolution, heading-length) judge the plan's, the page printed.
            const article = await loadArticle(file, { layout, photoPlaces });
            reportLinkAddresses(article.hast, article.file);
            dropUnplacedImages(article.hast, article.file);
            reportOwnLayout(article, layout.name, plan.file);
            vfiles.push(article.file);
            articles.push(article);
          }
          return { flow, articles };
        });
        story.catch(() => undefined);
        stories.set(flow, story);
        typeset = story;
      }
      if (opts.final) await typeset;
      const errors = vfiles.slice(planFiles).reduce((n, f) => n + f.messages.filter((m) => m.fatal === true).length, 0);
      if (opts.final && errors) {
        process.stderr.write(
          `✗ ${shortPath(plan.file)}: ${errors} error(s) remain in its manuscripts; --final writes nothing until they are fixed\n`,
        );
        failed = true;
        continue;
      }
      const stages = new Map<number, ReturnType<typeof press.pressStage>>();
      // edition.pdf: each page is copied in as soon as the press has written and preflighted it;
      // its files are staged as soon as it is printed (and dropped if the plan is refused).
      const join = await PdfxJoin.create();
      // the pages' preflights keep their readings of the content streams for edition.pdf's (preflightJoined)
      const memo = press.preflightMemo();
      const writer = await EditionWriter.open(outDir);
      writing = writer;
      const { browser } = await handlePromise;
      const built = await buildEdition(plan, stories, {
        layout,
        outDir,
        browser,
        concurrency,
        preview: !opts.values['no-preview'],
        finishing: (page) => {
          const stage = press.pressStage(layout, outDir, { written: (doc) => join.add(page, doc), memo });
          stages.set(page, stage);
          presses.push(stage);
          return stage;
        },
        printed: (page) => writer.page(page),
        progress,
        warm,
      });
      // The last plan's pages are printed: the browser shuts down while Node joins, preflights and writes.
      if (plan === loaded.at(-1)) release();
      // Press findings go to the manuscript on the page they concern (its photo, its text, else the
      // story whose module they are in), else to the page's first story (they are about the page).
      const { typeArea } = pageGeometry(layout);
      const extra: Record<number, Record<string, unknown>> = {};
      let preflightErrors = 0;
      let failedPages = 0;
      for (const p of built.pages) {
        const pressed = stages.get(p.page)!.result();
        const modules = built.modules.get(p.page)!.modules;
        const stories = built.typeset.filter((s) => modules.some((m) => m.flow === s.flow));
        const onPage = stories.flatMap((s) => s.articles);
        // a problem that names no photo or text, by where it is: the story whose module holds it
        const at = (problem: PreflightProblem) => {
          const w = problem.where;
          const ta = typeArea;
          const m = w && modules.find((x) => inside(x.box, w.xMm * PX_PER_MM - ta.left, w.yMm * PX_PER_MM - ta.top));
          return m ? stories.find((s) => s.flow === m.flow)?.articles[0].file : undefined;
        };
        if (onPage.length)
          reportPressFindings(
            onPage[0].file,
            pressed,
            (problem) => pressProblemFile(onPage, problem, figureSources) ?? at(problem),
            p.page,
          );
        extra[p.page] = { preflight: { passed: !pressed.preflight.problems.some((x) => x.error), problems: pressed.preflight.problems } };
        const errorsHere = pressed.preflight.problems.filter((x) => x.error).length;
        preflightErrors += errorsHere;
        if (errorsHere) failedPages++;
      }
      const overset = built.stories.filter((s) => s.fit.status === 'overset');
      // A screenful at most: every story's fit is in edition.fit.json (a plan of a hundred one-line
      // stories printed two hundred lines here).
      for (const s of overset.slice(0, SCREENFUL / 4))
        process.stderr.write(
          `\n✗ ${s.flow} (${s.manuscripts.map(shortPath).join(', ')}): OVERSET ${count(s.fit.oversetLines, 'line')}, ${count(s.fit.oversetChars, 'character')} did not fit — first words “${s.fit.firstWords}”\n  the overset text is NOT on the page; cut the copy or give the module more lines\n`,
        );
      if (overset.length > SCREENFUL / 4)
        process.stderr.write(`\n✗ ${overset.length - SCREENFUL / 4} more stories overset: each story's fit is in edition.fit.json\n`);
      // Every error on the stories' manuscripts: the page's own (a photo that could not be placed),
      // found once they were laid out, and the press's (reported on them above).
      const pageErrors = vfiles.slice(planFiles).reduce((n, f) => n + f.messages.filter((m) => m.fatal === true).length, 0);
      if (opts.final && (overset.length || preflightErrors || pageErrors)) {
        process.stderr.write(
          `✗ ${shortPath(plan.file)}: overset stories, press errors or page errors; --final writes nothing until they are fixed\n`,
        );
        failed = true;
        await writer.abort();
        writing = undefined;
        continue;
      }
      progress('saving edition.pdf and writing the pages, previews and edition.fit.json');
      const edition = await join.save(layout, {
        title: `${plan.paper} ${plan.date}`,
        subject: `${plan.paper} ${plan.date} 第${plan.pages.map((p) => p.page).join('、')}版`,
        keywords: [plan.paper, ...plan.pages.map((p) => p.section)],
        lang: 'zh-CN',
      });
      // edition.pdf is preflighted as written, as a plant receiving it would: a join of preflighted
      // pages is not taken on trust. Only a content stream byte for byte a page's (with what it
      // draws with) is not interpreted again: the page's reading of it is taken (memo; the count of
      // each in edition.fit.json). What it finds beyond its pages' problems is the join's own.
      progress('preflighting edition.pdf');
      const joined = await press.preflightJoined(
        edition,
        layout,
        built.pages.map((p) => stages.get(p.page)!.result()),
        memo,
      );
      // said to the first page's first story (about the file, not a story), as a page's own problems are
      const first =
        built.typeset.find((s) => built.modules.get(built.pages[0].page)!.modules.some((m) => m.flow === s.flow)) ?? built.typeset[0];
      if (first) reportJoinedFindings(first.articles[0].file, joined.added);
      const joinErrors = joined.added.filter((p) => p.error).length;
      if (opts.final && joinErrors) {
        process.stderr.write(`✗ ${shortPath(plan.file)}: edition.pdf fails its preflight; --final writes nothing until it passes\n`);
        failed = true;
        await writer.abort();
        writing = undefined;
        continue;
      }
      const fit = {
        ...editionFit(plan, layout, built, outDir, extra),
        edition: {
          file: 'edition.pdf',
          preflight: {
            passed: !joined.report.problems.some((x) => x.error),
            problems: joined.report.problems,
            contentStreams: joined.contentStreams,
            ms: joined.ms,
          },
        },
      };
      writing = undefined;
      outputs.push(...(await writer.finish(edition, fit, { 'findings.txt': findingsReport(vfiles.slice(planFiles)) })));
      // A press build hands the folder on: copies of photos the edition no longer prints go (page/images.ts).
      if (opts.final) await removeUnusedCopiesUnder(outDir, built.photos);
      reports.push(shortPath(path.join(outDir, 'findings.txt')));
      folders.finish(plan.name);
      const q = built.pages.reduce(
        (a, p) => ({
          lines: a.lines + p.result.quality.lines,
          starts: a.starts + p.result.quality.badStarts.length,
          ends: a.ends + p.result.quality.badEnds.length,
          orphans: a.orphans + p.result.quality.orphans.length,
        }),
        { lines: 0, starts: 0, ends: 0, orphans: 0 },
      );
      const dropped = [...new Set(writer.removed.map((n) => Number(/\d+/.exec(n)![0])))];
      facts.push(
        `${plan.name}: ${count(built.pages.length, 'page')}, ${count(built.stories.length, 'story', 'stories')} (${overset.length} overset), ${count(atOnce, 'page')} at a time, ${(built.ms.total / 1000).toFixed(2)} s`,
        ...(dropped.length
          ? [
              `  removed ${writer.removed.join(', ')}: ${dropped.length > 1 ? 'pages' : 'page'} ${dropped.join(', ')} ${dropped.length > 1 ? 'are' : 'is'} no longer in the plan`,
            ]
          : []),
        ...built.stories.slice(0, SCREENFUL).map((s) => `  ${s.flow} ${s.manuscripts.map(manuscriptName).join(', ')}: ${fitWords(s)}`),
        ...(built.stories.length > SCREENFUL
          ? [`  … ${built.stories.length - SCREENFUL} more stories: each story's fit is in edition.fit.json`]
          : []),
        `  lines: ${q.lines} measured, ${q.starts} bad starts, ${q.ends} bad ends, ${q.orphans} 孤字; press: ${preflightErrors ? `preflight FAILED on ${failedPages} of ${count(built.pages.length, 'page')} (${count(preflightErrors, 'error')})` : 'preflight passed on every page'}${joinErrors ? `; edition.pdf preflight FAILED (${count(joinErrors, 'error')} of its own)` : fit.edition.preflight.passed ? ' and on edition.pdf' : '; edition.pdf has its pages’ errors'}`,
      );
    }
  } finally {
    stopped = true; // a build that failed typesets no more stories
    await writing?.abort().catch(() => undefined);
    await closeWarmTabs(warm);
    await Promise.all(presses.map((p) => p.settled())); // no photo copy written into a folder being removed
    await folders.removeUnfinished(); // a refused or failed plan leaves no folder behind
    await release();
  }
  const counts = await endBuild('build:pdf', vfiles, { outputs, facts, reports, startedAt });
  return failed || (opts.final && counts.errors) ? 1 : 0;
}

/** The layout a plan names, or undefined when it cannot be read (checkBuildConfigs then says why, with the other configs' problems). */
function readableLayout(file: string): ReturnType<typeof loadLayoutFile> | undefined {
  try {
    return loadLayoutFile(file);
  } catch {
    return undefined;
  }
}

/** A manuscript as the plan names it: its folder (<name>/article.md), or its file without .md (<name>.md). */
function manuscriptName(file: string): string {
  return /^article\.md$/i.test(path.basename(file)) ? path.basename(path.dirname(file)) : path.basename(file).replace(/\.md$/i, '');
}

function fitWords(s: import('../page/edition.js').StoryFit): string {
  const f = s.fit;
  const c = s.continues;
  const jump = c ? `, continues on page ${c.page}${c.used ? '' : c.room ? ' (nothing runs on)' : ' (no line for text there)'}` : '';
  const head = s.headOverflow?.length ? `; HEADLINE CUT on page ${s.headOverflow.map((o) => o.page).join(', ')}` : '';
  // Lines left empty at a frame's foot where what came next moved on whole (a 小标题 with its text,
  // a photo, a table's row; a short frame above a photo), as the page summary says them.
  const gaps = f.gapLines ? `; ${count(f.gapLines, 'line')} left empty at column feet` : '';
  const a = s.autoFit;
  // In a brief column a line number is its manuscript's: the manuscript is named with it.
  const where = (p: { line: number | null; part?: number }) =>
    s.manuscripts.length > 1 ? `${manuscriptName(s.manuscripts[p.part ?? 0] ?? '')} line ${p.line}` : `line ${p.line}`;
  const fitted = a?.paragraphs.length
    ? `; ${a.fitted ? 'fitted' : 'partly fitted'}: ${a.paragraphs.length} paragraph(s) ${a.direction} (${a.paragraphs.map((p) => `${where(p)} ${(p.tracking * 100).toFixed(2)} %`).join(', ')})`
    : a && !a.fitted
      ? `; could not be fitted within ±${(a.limit * 100).toFixed(1)} % tracking`
      : '';
  // What kept it from fitting: paragraphs the tracking would change, each named with why it was left as it was.
  const refused = a?.refused?.length
    ? `; kept as set: ${a.refused
        .map(
          (r) =>
            `${where(r)} (${a.direction}: ${r.why === 'loose' ? `${r.spacing} em between characters, over lines.maxLoose ${a.maxLoose}` : `a 孤字 no fix sets within ${a.maxLoose} em`})`,
        )
        .join(', ')}`
    : '';
  if (f.status === 'overset')
    return `OVERSET ${count(f.oversetLines, 'line')} (${count(f.oversetChars, 'character')}) from “${f.firstWords}”${jump}${gaps}${fitted}${refused}${head}`;
  if (f.status === 'underset') return `underset ${count(f.undersetLines, 'line')}${jump}${gaps}${fitted}${refused}${head}`;
  return `fits${jump}${gaps}${fitted}${refused}${head}`;
}

/**
 * The manuscript on an edition page that a press problem concerns: the one whose photo it is (its
 * image file inside the manuscript's folder, at the figure's line), or whose text holds the
 * characters a system font printed; none when the problem is the page's own (its colours, its ink,
 * its fonts) or nothing matches.
 */
function pressProblemFile(
  articles: Article[],
  p: PreflightProblem,
  figureSources: (article: Article) => Array<{ src: string; line?: number }>,
): VFile | undefined {
  if (p.image) {
    const image = p.image;
    return articles.find((a) => figureSources(a).some((f) => path.resolve(a.root, f.src) === image && (!p.line || f.line === p.line)))
      ?.file;
  }
  if (p.text) {
    const chars = [...p.text];
    return articles.find((a) => chars.some((c) => String(a.file.value).includes(c)))?.file;
  }
  return undefined;
}

const inside = (r: { left: number; top: number; width: number; height: number }, x: number, y: number) =>
  x >= r.left && x <= r.left + r.width && y >= r.top && y <= r.top + r.height;
