// core/proc.ts reads real processes: a process tree started here (a Node process that names
// itself "a) Z 1 b", with a child of its own) is found whole, each with its right state and
// parent, though the name holds ') ' and looks like the fields that follow it.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { hasEnded, parseProcStat, processTree, procStat } from '../../src/core/proc.js';

const HOSTILE_NAME = 'a) Z 1 b';
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

/** A Node process that renames itself (Linux: its /proc name too), starts a sleeping child, then says "ready <child pid>". */
async function startTree(): Promise<{ parent: number; child: number; proc: ChildProcess }> {
  const script = `
    process.title = ${JSON.stringify(HOSTILE_NAME)};
    const c = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    setTimeout(() => console.log('ready ' + c.pid), 200);
    setTimeout(() => {}, 60000);`;
  const proc = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(proc.pid!);
  const child = await new Promise<number>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (d: string) => {
      const m = /ready (\d+)/.exec(d);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', () => reject(new Error('the test process ended early')));
  });
  started.push(child);
  return { parent: proc.pid!, child, proc };
}

describe.runIf(process.platform === 'linux')('core/proc on this machine', () => {
  it("reads a process whose name holds ') ': its state and parent, not fields of its name", async () => {
    const { parent, child } = await startTree();
    const stat = procStat(parent)!;
    expect(stat).toBeDefined();
    expect(stat.pid).toBe(parent);
    expect(stat.ppid).toBe(process.pid);
    expect(['R', 'S']).toContain(stat.state);
    expect(stat.rssPages).toBeGreaterThan(0);
    expect(procStat(child)!.ppid).toBe(parent);
  });

  it('finds the tree from its root: root first, then the child; a process not in it is not', async () => {
    const { parent, child } = await startTree();
    const tree = processTree(parent).map((p) => p.pid);
    expect(tree[0]).toBe(parent);
    expect(tree).toContain(child);
    expect(tree).not.toContain(process.pid);
    // Ourselves as root: the tree holds the renamed process and its child.
    expect(processTree(process.pid).map((p) => p.pid)).toEqual(expect.arrayContaining([process.pid, parent, child]));
  });

  it('tells an ended process: a zombie (not yet waited for) or gone', async () => {
    const { parent, proc } = await startTree();
    expect(hasEnded(parent)).toBe(false);
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
    expect(hasEnded(parent)).toBe(true);
    expect(processTree(parent)).toEqual([]);
    expect(procStat(999_999_999)).toBeUndefined();
  });
});

describe('parseProcStat', () => {
  // Field layout of proc(5): pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt
  // cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime vsize rss …
  const line = (comm: string) => `4242 (${comm}) S 17 4242 4242 0 -1 4194304 10 0 0 0 5 6 7 8 20 0 1 0 999 1000 321 0 0\n`;

  it.each([
    ['node', 'a plain name'],
    ['a) Z 1 b', "a name holding ') ' and fields"],
    ['x)', "a name ending in ')'"],
    ['(', "a name of '(' alone"],
    ['a b\nc', 'a name with a space and a line break'],
  ])('%j (%s): fields counted from the last ")"', (comm) => {
    expect(parseProcStat(line(comm))).toEqual({ pid: 4242, state: 'S', ppid: 17, childrenTicks: 15, startTicks: 999, rssPages: 321 });
  });

  it('a line that is not a stat line: undefined', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('4242 (cut')).toBeUndefined();
    expect(parseProcStat('4242 (node) S 17')).toBeUndefined();
  });
});
