// bench — speed figures (never timed tests): the page build against its baseline, a long document
// in pages per second, the EPUB volume build and the copy desk's checks.
import { parseArgs } from 'node:util';
import { benchPage } from '../bench/page.js';
import { benchEpub } from '../bench/epub.js';
import { benchProof } from '../bench/proof.js';
import { benchCheck } from '../check/bench.js';

export const usage = `npm run bench -- [--runs N] [--chapters N]
  Build the seed page N times (default 5) as a fresh process and compare with a baseline process
  that only prints the laid-out HTML; then lay out the seed as a long document (default 40 chapters);
  then the seed's proof (build:proof) against its page (build:pdf), N times each.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string' }, chapters: { type: 'string' } } });
  const started = performance.now();
  const page = await benchPage({
    runs: values.runs ? Number(values.runs) : undefined,
    chapters: values.chapters ? Number(values.chapters) : undefined,
  });
  const proof = await benchProof(values.runs ? Number(values.runs) : undefined);
  await benchEpub();
  await benchCheck();
  process.stdout.write(
    `bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s${page.ok ? '' : ' — the page build missed a target'}${proof.ok ? '' : ' — the proof missed its target'}\n`,
  );
  return 0;
}
