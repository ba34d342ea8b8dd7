// standins — draw the missing stand-in photos a manuscript names (`![caption](x.standin.jpg)`).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { visit } from 'unist-util-visit';
import { findManuscripts } from '../manuscript/read.js';
import { loadArticle } from '../pipeline.js';
import { resolveAsset } from '../core/assets.js';
import { browserEndpoint, type BuildBrowser, openBrowser } from '../browser/remote.js';
import { STANDIN_NAME } from '../core/standin-mark.js';
import { drawStandIn } from '../standins/draw.js';
import { printSummary, progress } from '../output/progress.js';
import { BROWSER_FLAG, BROWSER_USAGE, parseCommon } from './options.js';
import { checkBuildConfigs } from './check-configs.js';

export const usage = `npm run standins -- [manuscript …] [--force]
  Draw a labelled stand-in image for every figure whose file is named *.standin.jpg or *.standin.png
  and does not exist yet (--force redraws them). Stand-ins are for layout only and are reported by
  the checks; replace them with the real photos.
${BROWSER_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv, { force: { type: 'boolean' }, ...BROWSER_FLAG });
  const files = (await Promise.all(opts.paths.map(findManuscripts))).flat();
  checkBuildConfigs({ fonts: true });
  const outputs: string[] = [];
  let handle: BuildBrowser | undefined;
  try {
    for (const file of files) {
      const article = await loadArticle(file, { check: false });
      const wanted: Array<{ file: string; caption: string }> = [];
      visit(article.mdast, (node) => {
        const fig = (node.data as { figure?: { src: string; caption: string } } | undefined)?.figure;
        if ((node.type as string) !== 'figure' || !fig || !STANDIN_NAME.test(fig.src)) return;
        const { file: target } = resolveAsset(article.root, fig.src);
        if (target && (opts.values.force || !existsSync(target))) wanted.push({ file: target, caption: fig.caption });
      });
      for (const w of wanted) {
        handle ??= await openBrowser(browserEndpoint(opts.values['browser-ws'] as string | undefined));
        progress(`drawing ${path.relative(process.cwd(), w.file)}`);
        await drawStandIn(handle.browser, w);
        outputs.push(w.file);
      }
    }
  } finally {
    await handle?.release();
  }
  printSummary({ command: 'standins', outputs, errors: 0, warnings: 0, startedAt });
  return 0;
}
