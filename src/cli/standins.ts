// standins — draw the missing stand-in photos a manuscript names (`![caption](x.standin.jpg)`).
import path from 'node:path';
import { lstat } from 'node:fs/promises';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';
import { findManuscripts } from '../manuscript/read.js';
import { loadArticle } from '../pipeline.js';
import { OutputPathError, resolveAsset } from '../core/confine.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { browserEndpoint, type BuildBrowser, openBrowser } from '../browser/remote.js';
import { STANDIN_NAME } from '../core/standin-mark.js';
import { drawStandIn } from '../standins/draw.js';
import { printSummary, progress } from '../output/progress.js';
import { countFindings, printFindings } from '../check/print-findings.js';
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
  let kept = 0;
  let named = 0;
  const vfiles = [];
  let handle: BuildBrowser | undefined;
  try {
    for (const file of files) {
      const article = await loadArticle(file, { check: false });
      vfiles.push(article.file);
      const figures: Array<{ src: string; caption: string; place: Position | undefined }> = [];
      visit(article.mdast, (node) => {
        const fig = (node.data as { figure?: { src: string; caption: string } } | undefined)?.figure;
        if ((node.type as string) === 'figure' && fig && STANDIN_NAME.test(fig.src)) figures.push({ ...fig, place: node.position });
      });
      const refuse = (place: Position | undefined, why: string) => {
        const msg = article.file.message(`Stand-in not drawn: ${why}`, { place, ruleId: 'standin-not-drawn', source: FINDINGS_SOURCE });
        msg.fatal = true;
      };
      named += figures.length;
      for (const fig of figures) {
        const { file: target, refused } = resolveAsset(article.root, fig.src);
        if (!target) {
          refuse(fig.place, refused!);
          continue;
        }
        // What is at the target decides: nothing (draw), the stand-in drawn before (kept unless
        // --force), or a link or anything else, which is never written through or replaced.
        const there = await lstat(target).catch(() => undefined);
        if (there && !there.isFile()) {
          refuse(fig.place, `"${fig.src}" is ${there.isSymbolicLink() ? 'a symbolic link' : 'not a file'}; remove it, then draw again`);
          continue;
        }
        if (there && !opts.values.force) {
          kept++;
          continue;
        }
        handle ??= await openBrowser(browserEndpoint(opts.values['browser-ws'] as string | undefined));
        progress(`drawing ${path.relative(process.cwd(), target)}`);
        try {
          await drawStandIn(handle.browser, { file: target, root: article.root, caption: fig.caption });
          outputs.push(target);
        } catch (error) {
          if (!(error instanceof OutputPathError)) throw error;
          refuse(fig.place, error.message);
        }
      }
    }
  } finally {
    await handle?.release();
  }
  printFindings(vfiles);
  const counts = countFindings(vfiles);
  // "0 outputs written" alone did not say why: every stand-in was there already, or none is named.
  const facts = named
    ? kept
      ? [`${kept} stand-in${kept === 1 ? '' : 's'} already drawn, kept (--force draws ${kept === 1 ? 'it' : 'them'} again)`]
      : []
    : [`no figure names a stand-in (*.standin.jpg or *.standin.png) in ${files.length} manuscript${files.length === 1 ? '' : 's'}`];
  printSummary({ command: 'standins', outputs, facts, errors: counts.errors, warnings: counts.warnings, startedAt });
  // Exit 1 only for stand-ins that could not be drawn; the manuscript's own findings are check's.
  return vfiles.some((f) => f.messages.some((m) => m.ruleId === 'standin-not-drawn')) ? 1 : 0;
}
