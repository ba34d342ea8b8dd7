// build:html — typeset each manuscript to dist/<manuscript>/article.html.
import path from 'node:path';
import { findManuscripts } from '../manuscript/read.js';
import { loadArticle } from '../pipeline.js';
import { writeArticleHtml } from '../html/write-html.js';
import { countFindings, printFindings } from '../check/print-findings.js';
import { printSummary, progress } from '../output/progress.js';
import { DIST } from '../core/paths.js';
import { parseCommon } from './options.js';
import { checkBuildConfigs } from './check-configs.js';
import { refuseFinal } from './final.js';

export const usage = `npm run build:html -- [manuscript …] [--out DIR] [--final]
  Typeset each manuscript to DIR/<name>/article.html (default DIR: dist/).
  A manuscript is a .md file or a folder (every article.md / *.md under it; default: manuscript/).`;

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv);
  const files = (await Promise.all(opts.paths.map(findManuscripts))).flat();
  checkBuildConfigs({ manuscripts: files, fonts: true });
  const outputs: string[] = [];
  const vfiles = [];
  for (const file of files) {
    progress(`typesetting ${path.relative(process.cwd(), file)}`);
    const article = await loadArticle(file);
    vfiles.push(article.file);
    if (refuseFinal(opts.final, article.file)) continue;
    const result = await writeArticleHtml(article, path.join(opts.out ?? DIST, article.outputName));
    outputs.push(result.file);
  }
  printFindings(vfiles);
  const counts = countFindings(vfiles);
  printSummary({ command: 'build:html', outputs, errors: counts.errors, warnings: counts.warnings, startedAt });
  return opts.final && counts.errors ? 1 : 0;
}
