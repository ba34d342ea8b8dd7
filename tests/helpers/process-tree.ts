// Run a command and watch its whole process tree through /proc: the peak resident memory of the
// tree (the CLI and every browser process it starts, summed), its wall time, and every process
// that belonged to it, so that none may outlive it (a Chromium left running after the CLI exits).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

interface ProcInfo {
  pid: number;
  ppid: number;
  /** start time in clock ticks since boot: a pid with another start time is another process */
  start: number;
  rssBytes: number;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie (state Z) has ended; only its exit status waits to be collected.
    if (fields[0] === 'Z') return undefined;
    return { pid, ppid: Number(fields[1]), start: Number(fields[19]), rssBytes: Number(fields[21]) * PAGE };
  } catch {
    return undefined;
  }
}

function allProcs(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p) out.push(p);
  }
  return out;
}

/** The process and its descendants now. */
function tree(root: number): ProcInfo[] {
  const procs = allProcs();
  const children = new Map<number, ProcInfo[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const self = procs.find((p) => p.pid === root);
  const out: ProcInfo[] = self ? [self] : [];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i].pid) ?? []));
  return out;
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
    const seen = new Map<number, ProcInfo>();
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
        now.reduce((n, p) => n + p.rssBytes, 0),
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
      const alive = () => [...seen.values()].filter((p) => p.pid !== child.pid && readProc(p.pid)?.start === p.start).map((p) => p.pid);
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
