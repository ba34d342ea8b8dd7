// `npm run bench`, proof part: the seed's proof (build:proof) against its print page (build:pdf),
// each a fresh process from start to exit as a desk runs it (the bundled CLI), alternately so both
// see the same machine. The proof is the same layout run plus its marks, findings sheet, PDF
// comments, embedded data and the comparison with the previous round (every run after the first
// is a next round): the target is at most 30 % more than the page.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/paths.js';

const SEED = path.join(PROJECT_ROOT, 'manuscript', 'ningju-gongshi');
const RUN = path.join(PROJECT_ROOT, 'src', 'cli', 'run.mjs');
const TARGET = 0.3;

function timed(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, [RUN, ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, BAOBAN_QUIET: '1' },
  });
  if (r.status !== 0) throw new Error(`${args[0]} failed in the benchmark: ${r.stderr.split('\n').slice(-3).join(' ')}`);
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchProof(runs = 5): Promise<{ ok: boolean }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-bench-proof-'));
  try {
    const pageOut = path.join(tmp, 'page');
    const proofOut = path.join(tmp, 'proof');
    // Warm-up: disk cache, scaled photo, the CLI bundle.
    timed(['build:pdf', SEED, '--out', pageOut]);
    timed(['build:proof', SEED, '--out', proofOut]);
    const page: number[] = [];
    const proof: number[] = [];
    for (let i = 0; i < runs; i++) {
      page.push(timed(['build:pdf', SEED, '--out', pageOut]));
      proof.push(timed(['build:proof', SEED, '--out', proofOut]));
    }
    const [p, q] = [median(page), median(proof)];
    const extra = q / p - 1;
    const ok = extra <= TARGET;
    process.stdout.write(
      [
        `proof (seed, ${runs} runs each, alternating, a fresh process from start to exit; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores):`,
        `  npm run build:pdf    median ${s(p)} (min ${s(Math.min(...page))}, max ${s(Math.max(...page))})`,
        `  npm run build:proof  median ${s(q)} (min ${s(Math.min(...proof))}, max ${s(Math.max(...proof))}), a next round each time`,
        `  the proof costs ${extra >= 0 ? '+' : ''}${(extra * 100).toFixed(0)} % of the page (target: at most +${TARGET * 100} %) ${ok ? '✓' : '✗'}`,
      ].join('\n') + '\n',
    );
    return { ok };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
