// bench — speed figures (never timed tests): the page build against its baseline, a long document
// in pages per second, the EPUB volume build and the copy desk's checks.
import { benchPage } from '../bench/page.js';
import { benchEpub } from '../bench/epub.js';
import { benchProof } from '../bench/proof.js';
import { benchCheck } from '../check/bench.js';
import { benchGrowth } from '../bench/growth.js';
import { InputError } from '../core/input-error.js';
import { parseFlags } from './options.js';

export const usage = `npm run bench -- [--runs N] [--chapters N] [--sizes 1,2,4,8] [--page-only] [--long-only] [--growth-only] [--edition-only]
  Build the seed page N times (default 5) as a fresh process and compare with a baseline process
  that only prints the laid-out HTML; then lay out the seed as a long document (default 40 chapters)
  and a 16-page edition of 40 stories (160,000 characters) against plain A4 printing of its text;
  then the seed's proof (build:proof) against its page (build:pdf), N times each; the EPUB and the
  checks; then how check and build:pdf grow with the manuscript's size (--sizes, in MB, default
  1,2,4,8: time, CPU and peak memory, and the ratio per doubling, which should be about 2).
  --page-only runs the seed page against its baseline alone, --long-only the long document alone
  (N runs each), --growth-only the growth part alone, --edition-only the edition part alone.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      runs: { type: 'string' },
      chapters: { type: 'string' },
      sizes: { type: 'string' },
      'growth-only': { type: 'boolean' },
      'edition-only': { type: 'boolean' },
      'page-only': { type: 'boolean' },
      'long-only': { type: 'boolean' },
    },
    false,
  );
  for (const flag of ['runs', 'chapters'] as const) {
    const n = Number(values[flag] ?? 1);
    if (!(Number.isInteger(n) && n >= 1)) throw new InputError(`--${flag} must be a whole number of at least 1, not "${values[flag]}"`);
  }
  const sizesText = values.sizes as string | undefined;
  const sizes = sizesText?.split(',').map(Number);
  if (sizes && (sizes.some((n) => !(n > 0)) || sizes.length < 2))
    throw new InputError(`--sizes takes two or more sizes in MB, smallest first, e.g. 1,2,4,8 (not "${sizesText}")`);
  const started = performance.now();
  if (values['growth-only']) {
    const growth = await benchGrowth({ sizes });
    process.stdout.write(
      `bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s${growth.ok ? '' : ' — growth is not linear'}\n`,
    );
    return 0;
  }
  if (values['edition-only']) {
    const { bundle } = await import('../bench/page.js');
    const { benchEdition } = await import('../bench/edition.js');
    const bundled = await bundle();
    try {
      const edition = await benchEdition(bundled.baseline, values.runs ? Number(values.runs) : 3);
      process.stdout.write(
        `bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s${edition.ok ? '' : ' — the edition missed its target'}\n`,
      );
    } finally {
      await bundled.cleanup();
    }
    return 0;
  }
  const only = values['page-only'] ? 'page' : values['long-only'] ? 'long' : undefined;
  const page = await benchPage({
    runs: values.runs ? Number(values.runs) : undefined,
    chapters: values.chapters ? Number(values.chapters) : undefined,
    only,
  });
  if (only) {
    process.stdout.write(
      `bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s${page.ok ? '' : ' — the page build missed a target'}\n`,
    );
    return 0;
  }
  const proof = await benchProof(values.runs ? Number(values.runs) : undefined);
  await benchEpub();
  await benchCheck();
  const growth = await benchGrowth({ sizes });
  process.stdout.write(
    `bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s${page.ok ? '' : ' — the page build missed a target'}${proof.ok ? '' : ' — the proof missed its target'}${growth.ok ? '' : ' — growth is not linear'}\n`,
  );
  return 0;
}
