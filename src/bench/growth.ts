// `npm run bench`, growth part: how `check` and `build:pdf` grow with the manuscript's size. Each
// size (1, 2, 4 and 8 MB by default) is a manuscript grown from the seed's sentences
// (src/bench/grow.ts), run as a fresh process as a user runs it, measured for wall time, CPU time
// and peak memory of the whole process tree (src/bench/measure.ts). Each doubling of the input
// should at most about double the cost: the ratios are printed, and judged on CPU time (wall time
// on a shared machine says more about the other processes than about ours).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { growManuscript } from './grow.js';
import { type Measured, measureCli } from './measure.js';

export interface GrowthOptions {
  /** Sizes in MB, smallest first (default 1, 2, 4, 8). */
  sizes?: number[];
  /** Commands to measure (default check and build:pdf). */
  commands?: string[];
}

/** A doubling may cost this much more and still count as about linear (GC and caches grow a little faster than the input). */
export const LINEAR_RATIO = 2.6;

export interface GrowthRow {
  mb: number;
  runs: Record<string, Measured>;
}

const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchGrowth(options: GrowthOptions = {}): Promise<{ ok: boolean; rows: GrowthRow[] }> {
  const sizes = options.sizes ?? [1, 2, 4, 8];
  const commands = options.commands ?? ['check', 'build:pdf'];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-bench-growth-'));
  const rows: GrowthRow[] = [];
  let ok = true;
  try {
    for (const mb of sizes) {
      const file = await growManuscript(path.join(dir, `grown-${mb}mb`), mb * 1_000_000);
      const runs: Record<string, Measured> = {};
      for (const command of commands) {
        const args = command === 'check' ? ['check', file] : [command, file, '--out', path.join(dir, 'out')];
        const m = await measureCli(args);
        // Findings make exit 1; anything else means the command did not do its work.
        if (m.code !== 0 && m.code !== 1) {
          process.stdout.write(`growth: ${command} on ${mb} MB exited ${m.code}: ${m.stderr.trim().split('\n').pop()}\n`);
          ok = false;
        }
        runs[command] = m;
      }
      rows.push({ mb, runs });
      process.stdout.write(
        `growth: ${String(mb).padStart(2)} MB  ` +
          commands
            .map((c) => `${c} ${fmtS(runs[c].wallMs)} wall, ${fmtS(runs[c].cpuMs)} CPU, ${runs[c].peakMb.toFixed(0)} MB peak`)
            .join('  ·  ') +
          '\n',
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Per doubling (or per step, scaled to a doubling): CPU time and peak memory ratios.
  for (const command of commands) {
    const steps: string[] = [];
    let worst = 0;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      const doublings = Math.log2(b.mb / a.mb);
      const per = (x: number, y: number) => (x > 0 ? (y / x) ** (1 / doublings) : Number.NaN);
      const cpu = per(a.runs[command].cpuMs, b.runs[command].cpuMs);
      const mem = per(a.runs[command].peakMb, b.runs[command].peakMb);
      worst = Math.max(worst, cpu, mem);
      steps.push(`${a.mb}→${b.mb} MB: CPU ×${cpu.toFixed(2)}, memory ×${mem.toFixed(2)}`);
    }
    const linear = worst <= LINEAR_RATIO;
    ok &&= linear;
    process.stdout.write(
      `growth: ${command} per doubling — ${steps.join('; ')} — ${linear ? 'about linear' : `NOT linear (a doubling cost ×${worst.toFixed(2)}, more than ×${LINEAR_RATIO})`}\n`,
    );
  }
  return { ok, rows };
}
