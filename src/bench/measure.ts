// A command run as a user runs it (a fresh process through src/cli/run.mjs), measured: wall time,
// CPU time of the whole process tree (the CLI and every browser process it started), and the peak
// resident memory of that tree, summed over its processes (sampled from /proc every 100 ms).
// Linux only (/proc); elsewhere CPU and memory read 0.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/paths.js';

export interface Measured {
  code: number | null;
  wallMs: number;
  /** User + system CPU time of the process and its descendants, in ms. */
  cpuMs: number;
  /** Peak resident memory of the process tree, summed, in MB. */
  peakMb: number;
  stdout: string;
  stderr: string;
}

const TICKS = 100; // USER_HZ on Linux
const PAGE_KB = 4;

/** Children's CPU time the kernel has counted for this process (the descendants it has waited for). */
export function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // fields[0] is state (3rd field): cutime and cstime are the 16th and 17th fields.
    return ((Number(fields[13]) + Number(fields[14])) / TICKS) * 1000;
  } catch {
    return 0;
  }
}

/** Resident memory (MB) of `root` and every process below it. */
function treeRssMb(root: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const e of entries) {
    try {
      const stat = readFileSync(path.join('/proc', e, 'stat'), 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(e), Number(after[1]));
      rss.set(Number(e), Number(readFileSync(path.join('/proc', e, 'statm'), 'utf8').split(' ')[1]) * PAGE_KB);
    } catch {
      // gone between the listing and the read
    }
  }
  let kb = 0;
  for (const [pid, r] of rss) {
    let p: number | undefined = pid;
    for (let hops = 0; p && hops < 64; hops++, p = parent.get(p)) {
      if (p === root) {
        kb += r;
        break;
      }
    }
  }
  return kb / 1024;
}

/** Run the CLI with these arguments and measure it. */
export function measureCli(args: string[], env: Record<string, string> = {}): Promise<Measured> {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'src', 'cli', 'run.mjs'), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BAOBAN_QUIET: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let peakMb = 0;
    const sample = () => {
      if (child.pid) peakMb = Math.max(peakMb, treeRssMb(child.pid));
    };
    const timer = setInterval(sample, 100);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, wallMs: performance.now() - started, cpuMs: childrenCpuMs() - cpuBefore, peakMb, stdout, stderr });
    });
  });
}
