// A command run as a user runs it (a fresh process through src/cli/run.mjs), measured: wall time,
// CPU time of the whole process tree (the CLI and every browser process it started), and the peak
// resident memory of that tree, summed over its processes (sampled from /proc every 100 ms).
// Linux only (/proc); elsewhere CPU and memory read 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/paths.js';
import { PAGE_BYTES, processTree, procStat, TICKS_PER_SECOND } from '../core/proc.js';

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

/** Children's CPU time the kernel has counted for this process (the descendants it has waited for). */
export function childrenCpuMs(): number {
  const self = procStat('self');
  return self ? (self.childrenTicks / TICKS_PER_SECOND) * 1000 : 0;
}

/** Resident memory (MB) of `root` and every process below it. */
function treeRssMb(root: number): number {
  return (processTree(root).reduce((pages, p) => pages + p.rssPages, 0) * PAGE_BYTES) / 1024 / 1024;
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
