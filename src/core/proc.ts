// Processes as Linux's /proc shows them: one process's status line (/proc/<pid>/stat) and a
// process tree (a process and everything below it). Used to stop Chromium's whole tree
// (cli/browser.ts) and to measure a command's CPU time and memory (bench/measure.ts). Where there
// is no /proc, a process reads as gone and a tree as empty.
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat that the project reads. */
export interface ProcStat {
  pid: number;
  /** R running, S sleeping, D disk, Z zombie (ended, its exit status not yet collected), X dead … */
  state: string;
  ppid: number;
  /** CPU time of the children the process has waited for (user + system), in clock ticks. */
  childrenTicks: number;
  /** When the process started, in clock ticks since boot: a pid with another start is another process. */
  startTicks: number;
  /** Resident memory, in pages. */
  rssPages: number;
}

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux the project runs on). */
export const TICKS_PER_SECOND = 100;
/** Bytes per page of /proc's memory figures (4 KiB on x86-64 and arm64 Linux). */
export const PAGE_BYTES = 4096;

/**
 * Parse a /proc/<pid>/stat line. The command name (field 2, in parentheses) may hold anything but
 * a NUL, spaces and ') ' included ("a) S 1 b" is a name a process may give itself): it ends at the
 * LAST ')' of the line, and the numbered fields are counted from there.
 */
export function parseProcStat(line: string): ProcStat | undefined {
  const close = line.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(line, 10);
  // f[0] is field 3 (state); field n is f[n - 3].
  const f = line.slice(close + 2).split(' ');
  if (f.length < 22 || !Number.isInteger(pid)) return undefined;
  return {
    pid,
    state: f[0],
    ppid: Number(f[1]),
    childrenTicks: Number(f[13]) + Number(f[14]),
    startTicks: Number(f[19]),
    rssPages: Number(f[21]),
  };
}

/** A process's status, or undefined when it is gone (or there is no /proc). */
export function procStat(pid: number | 'self'): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every process now, from one pass over /proc (a process gone between the listing and its read is left out). */
function allProcesses(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const p = procStat(Number(name));
    if (p) out.push(p);
  }
  return out;
}

/**
 * `root` and every process below it (children, their children …), root first, then level by level;
 * zombies included (their state says so). Empty when root is gone or there is no /proc.
 */
export function processTree(root: number): ProcStat[] {
  const all = allProcesses();
  const children = new Map<number, ProcStat[]>();
  for (const p of all) {
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(p);
    else children.set(p.ppid, [p]);
  }
  const self = all.find((p) => p.pid === root);
  const out = self ? [self] : [];
  // Each process has one parent, so the walk meets each once: no cycle to guard against.
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i].pid) ?? []));
  return out;
}

/** Whether a process has ended: a zombie has (only its exit status waits to be collected), a dead one too. */
export function ended(p: ProcStat): boolean {
  return p.state === 'Z' || p.state === 'X';
}

/** Whether the process has ended or is gone. */
export function hasEnded(pid: number): boolean {
  const p = procStat(pid);
  return p === undefined || ended(p);
}
