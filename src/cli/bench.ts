// bench — speed figures (never timed tests): the page build against its baseline, a long document
// in pages per second, and the EPUB figures when that writer provides src/bench/epub.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchPage } from '../bench/page.js';

export const usage = `npm run bench -- [--runs N] [--chapters N]
  Build the seed page N times (default 5) as a fresh process and compare with a baseline process
  that only prints the laid-out HTML; then lay out the seed as a long document (default 40 chapters).`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string' }, chapters: { type: 'string' } } });
  const started = performance.now();
  const page = await benchPage({ runs: values.runs ? Number(values.runs) : undefined, chapters: values.chapters ? Number(values.chapters) : undefined });
  const epub = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'epub.ts');
  if (existsSync(epub)) {
    const mod = (await import(epub)) as { benchEpub?: () => Promise<void> };
    await mod.benchEpub?.();
  }
  process.stdout.write(`bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s${page.ok ? '' : ' — the page build missed a target'}\n`);
  return 0;
}
