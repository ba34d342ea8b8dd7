// Run a command and watch its whole process tree through /proc: the peak resident memory of the
// tree (the CLI and every browser process it starts, summed), its wall time, and every process
// that belonged to it, so that none may outlive it (a Chromium left running after the CLI exits).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ended, PAGE_BYTES, type ProcStat, processTree, procStat } from '../../src/core/proc.js';

/** The process, unless it has ended (core/proc.ts: a zombie has). */
function readProc(pid: number): ProcStat | undefined {
  const p = procStat(pid);
  return p && !ended(p) ? p : undefined;
}

/** The process and its descendants now, those not ended. */
function tree(root: number): ProcStat[] {
  return processTree(root).filter((p) => !ended(p));
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim().slice(0, 200);
  } catch {
    return '';
  }
}

/** Wait until a process of `root`'s tree matches `test` (by its command line); its pid. */
export async function waitForDescendant(root: number, test: (cmd: string) => boolean, timeoutMs: number): Promise<number> {
  return (await waitForDescendants(root, [test], timeoutMs))[0];
}

/** Wait until processes of `root`'s tree match every test at the same moment; their pids, in the tests' order. */
export async function waitForDescendants(root: number, tests: Array<(cmd: string) => boolean>, timeoutMs: number): Promise<number[]> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const now = tree(root)
      .filter((p) => p.pid !== root)
      .map((p) => ({ pid: p.pid, cmd: cmdline(p.pid) }));
    const hits = tests.map((test) => now.find((p) => test(p.cmd))?.pid);
    if (hits.every((pid) => pid !== undefined)) return hits as number[];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    tests.length === 1
      ? `no process matching the test appeared under ${root} within ${timeoutMs} ms`
      : `no moment within ${timeoutMs} ms when processes matching all ${tests.length} tests ran under ${root} at once`,
  );
}

export interface TreeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  peakRssMb: number;
  timedOut: boolean;
  /** processes of the tree still alive after the command ended (and a grace period): pid and command line */
  leftovers: Array<{ pid: number; cmd: string }>;
}

export interface TreeOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** How long processes of the tree may take to exit after the command has (default 10 s). */
  graceMs?: number;
  /** Called once the command runs, with its pid (e.g. to signal it). */
  started?: (pid: number) => void;
}

export function runTree(command: string, args: string[], options: TreeOptions): Promise<TreeRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const seen = new Map<number, ProcStat>();
    let peak = 0;
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const sample = () => {
      if (child.pid === undefined) return;
      const now = tree(child.pid);
      peak = Math.max(
        peak,
        now.reduce((n, p) => n + p.rssPages * PAGE_BYTES, 0),
      );
      for (const p of now) if (!seen.has(p.pid)) seen.set(p.pid, p);
    };
    const timer = setInterval(sample, 100);
    if (child.pid !== undefined) options.started?.(child.pid);
    const kill = setTimeout(() => {
      timedOut = true;
      sample();
      // The whole tree, so that a hung run does not hold the machine.
      for (const p of seen.values()) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }, options.timeoutMs);
    child.on('close', async (code, signal) => {
      clearInterval(timer);
      clearTimeout(kill);
      const ms = performance.now() - started;
      // Give the processes of the tree the grace period to exit, then name those still there.
      const alive = () =>
        [...seen.values()].filter((p) => p.pid !== child.pid && readProc(p.pid)?.startTicks === p.startTicks).map((p) => p.pid);
      const deadline = performance.now() + (options.graceMs ?? 10_000);
      while (alive().length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const leftovers = alive().map((pid) => ({ pid, cmd: cmdline(pid) }));
      // Leave nothing running whatever the test says.
      for (const { pid } of leftovers) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      resolve({ code, signal, stdout, stderr, ms, peakRssMb: Math.round(peak / 1024 / 1024), timedOut, leftovers });
    });
  });
}
