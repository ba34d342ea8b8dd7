// build:proof — the 校样 of each manuscript: the print page's layout with the proof's marks,
// findings and changes since the last round; dist/<name>/proof.pdf, proof-r<N>.pdf, proof.png,
// proof.json. A proof is made even while errors remain: that is what proofs are for.
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { browserEndpoint, openBrowser } from '../browser/remote.js';
import { InputError } from '../core/input-error.js';
import { count } from '../core/plural.js';
import { progress, shortPath } from '../output/progress.js';
import { endBuild } from './summary.js';
import { BROWSER_FLAG, BROWSER_USAGE, parseCommon } from './options.js';
import { OutputFolders } from './output-folders.js';
import { resolveLayout } from './build-pdf.js';
import { DEFAULT_LAYOUT } from '../config/layout.js';
import { isPlanFile } from '../config/project.js';

export const usage = `npm run build:proof -- [manuscript …] [--round N] [--against EARLIER-PROOF.pdf] [--out DIR] [--layout NAME|FILE.yaml] [--pages auto] [--no-preview]
  Make the proof (校样) of each manuscript on its newspaper page: DIR/<name>/proof.pdf (the latest
  round), proof-r<N>.pdf (every round kept), proof.png and proof.json (default DIR: dist/).
  The proof is the print page's own layout with a 校样 watermark, slug, sign-off box, line numbers
  (第N栏第M行), every finding marked and numbered (also as PDF comments), a findings sheet, and
  the changes since the last round. It is made even while errors remain.
  --round N        number this round N (default: the last proof's round + 1, or 1); a round
                   already kept (proof-r<N>.pdf) is never replaced
  --against FILE   compare with this earlier proof (any round, from any machine) instead of
                   DIR/<name>/proof.pdf; the proof PDF carries what the comparison needs
  Reviewers' marks come back with \`npm run proof:notes -- <returned proof.pdf>\`.
${BROWSER_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv, {
    layout: { type: 'string' },
    pages: { type: 'string' },
    'no-preview': { type: 'boolean' },
    round: { type: 'string' },
    against: { type: 'string' },
    ...BROWSER_FLAG,
  });
  if (opts.final)
    throw new InputError('--final does not apply to proofs: a proof is made while errors remain (use build:pdf -- --final for press)');
  const roundText = opts.values.round as string | undefined;
  const round = roundText === undefined ? undefined : Number(roundText);
  // Digits, and a number JavaScript holds exactly: --round 99999999999999999999 wrote a proof numbered
  // 100000000000000000000 whose data no later round (--against) and no proof:notes could read.
  if (round !== undefined && !(/^\s*\d+\s*$/.test(roundText!) && Number.isSafeInteger(round) && round >= 1))
    throw new InputError(
      `--round must be a whole number of at least 1 (in digits, at most ${Number.MAX_SAFE_INTEGER}), not "${roundText}"`,
    );
  const against = opts.values.against as string | undefined;
  // An edition plan is built by build:pdf; its proofs are its stories' own.
  const plan = opts.paths.find(isPlanFile);
  if (plan)
    throw new InputError(
      `${shortPath(plan)}: an edition plan has no proof of its own: make the proof of each story's manuscript (npm run build:proof -- <manuscript>), and build the edition's pages with npm run build:pdf -- ${shortPath(plan)}`,
    );
  const { findManuscripts, manuscriptOutputName } = await import('../manuscript/read.js');
  const files = (await Promise.all(opts.paths.map(findManuscripts))).flat();
  if (against && files.length > 1)
    throw new InputError(`--against compares one manuscript with its earlier proof; ${files.length} manuscripts were given`);
  const folders = new OutputFolders(opts.out);
  // Every manuscript's folder claimed before any is written: two that would share one are refused
  // with nothing written (the first one's outputs stood while the run ended in an error).
  for (const file of files) folders.claim(manuscriptOutputName(file), file);
  const handlePromise = openBrowser(browserEndpoint(opts.values['browser-ws'] as string | undefined));
  handlePromise.catch(() => undefined);
  const browserPromise = handlePromise.then((h) => h.browser);
  browserPromise.catch(() => undefined);
  await (await import('./check-configs.js')).checkBuildConfigsWhileLaunching(browserPromise, {
    manuscripts: files,
    fonts: true,
    proof: true,
    layout: (opts.values.layout as string | undefined) || DEFAULT_LAYOUT,
  });
  // While Node parses and checks the first manuscript, a tab loads the fonts its characters need (as build:pdf does).
  const warming = import('../page/warm-tab.js').then(({ warmFirst }) =>
    warmFirst(browserPromise, files[0], folders.folder(manuscriptOutputName(files[0]), files[0])),
  );
  warming.catch(() => undefined);
  // the findings printer loads with the rest (endBuild prints with it)
  const [{ loadArticle }, { buildProof, writeProof }] = await Promise.all([
    import('../pipeline.js'),
    import('../proof/build-proof.js'),
    import('../check/print-findings.js'),
  ]);
  const outputs: string[] = [];
  const reports: string[] = [];
  const facts: string[] = [];
  const vfiles = [];
  let browser: Browser | undefined;
  // The layout --layout names is the page's for every manuscript, and the checks that measure
  // against a layout (image-resolution, heading-length) are given it too: they judge this page.
  const named = opts.values.layout ? resolveLayout(opts.values.layout as string, undefined) : undefined;
  try {
    for (const file of files) {
      progress(`typesetting ${shortPath(file)}`);
      const article = await loadArticle(file, { layout: named });
      vfiles.push(article.file);
      const layout = named ?? resolveLayout(undefined, article.matter.layout, article.file);
      browser ??= await browserPromise;
      progress(`laying out the proof on ${layout.name} (${shortPath(layout.file)})`);
      const outDir = await folders.folder(article.outputName, file);
      const tab = file === files[0] ? await warming.catch(() => undefined) : undefined;
      const built = await buildProof(article, {
        layout,
        outDir,
        browser,
        tab,
        autoPages: opts.values.pages === 'auto',
        preview: !opts.values['no-preview'],
        round,
        against,
      });
      progress('writing the proof, its preview and proof.json');
      outputs.push(...(await writeProof(built, outDir)));
      folders.finish(article.outputName);
      reports.push(`${shortPath(path.join(outDir, 'proof.pdf'))} (findings sheet)`);
      const j = built.json;
      const c = j.counts;
      facts.push(
        `${article.outputName}: ${j.label} (round ${j.round}), inputs ${j.inputHash}, ${count(built.page.pageFit.page.pages, 'page')} + findings sheet${built.png ? ' (proof.png shows its first page)' : ''}`,
        `  findings: ${c.findings} (${c.onPage} marked on the page, ${c.offPage} on the sheet only), ${c.annotations} PDF comments`,
        j.against
          ? `  changes since round ${j.against.round}: ${c.changes.insert} inserted, ${c.changes.delete} deleted, ${c.changes.replace} replaced, ${c.changes.move} moved${c.changes.photo ? `, ${c.changes.photo} ${c.changes.photo === 1 ? 'photo' : 'photos'} replaced` : ''}`
          : '  round 1: nothing to compare with',
        ...(c.oversetChars ? [`  OVERSET: ${c.oversetChars} characters are not on the page; the findings sheet prints them`] : []),
      );
    }
  } finally {
    await (await warming.catch(() => undefined))?.close(); // unused when the first manuscript failed
    await folders.removeUnfinished(); // a failed manuscript leaves no folder behind
    await (await handlePromise.catch(() => undefined))?.release();
  }
  await endBuild('build:proof', vfiles, { outputs, facts, reports, startedAt });
  return 0;
}
