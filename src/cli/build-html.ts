// build:html — typeset each manuscript to dist/<manuscript>/article.html.
import path from 'node:path';
import { findManuscripts, manuscriptOutputName } from '../manuscript/read.js';
import { loadArticle } from '../pipeline.js';
import { writeArticleHtml } from '../html/write-html.js';
import { findingsReport } from '../check/print-findings.js';
import { progress, shortPath } from '../output/progress.js';
import { endBuild } from './summary.js';
import { parseCommon } from './options.js';
import { checkBuildConfigs } from './check-configs.js';
import { refuseFinal } from './final.js';
import { OutputFolders } from './output-folders.js';

export const usage = `npm run build:html -- [manuscript …] [--out DIR] [--final]
  Typeset each manuscript to DIR/<name>/article.html (default DIR: dist/), with the full findings
  report in DIR/<name>/findings.txt.
  A manuscript is a .md file or a folder (every article.md / *.md under it; default: manuscript/).`;

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv);
  const files = (await Promise.all(opts.paths.map(findManuscripts))).flat();
  checkBuildConfigs({ manuscripts: files, fonts: true });
  const folders = new OutputFolders(opts.out);
  // Every manuscript's folder claimed before any is written: two that would share one are refused
  // with nothing written (the first one's outputs stood while the run ended in an error).
  for (const file of files) folders.claim(manuscriptOutputName(file), file);
  const outputs: string[] = [];
  const reports: string[] = [];
  const vfiles = [];
  for (const file of files) {
    progress(`typesetting ${path.relative(process.cwd(), file)}`);
    const article = await loadArticle(file);
    vfiles.push(article.file);
    if (refuseFinal(opts.final, article.file)) continue;
    const outDir = await folders.folder(article.outputName, file);
    const result = await writeArticleHtml(article, outDir, { alongside: () => ({ 'findings.txt': findingsReport([article.file]) }) });
    folders.finish(article.outputName); // written: an interrupted run later on leaves it (output-folders.ts)
    outputs.push(result.file);
    reports.push(shortPath(path.join(outDir, 'findings.txt')));
  }
  const counts = await endBuild('build:html', vfiles, { outputs, reports, startedAt });
  return opts.final && counts.errors ? 1 : 0;
}
