// A child process tied to this one: when this process ends in any way, kill -9 included, the
// child and what it started end too. The command runs under a small watchdog (a second Node
// process) in a process group of its own; the watchdog reads our pipe on its stdin, and when that
// closes (we are gone) or a signal comes, it sends SIGTERM to the group, then SIGKILL 3 s later.
// (DAISY Ace starts its own Chromium: SIGTERM lets Ace's puppeteer stop it; a SIGKILL would leave it.)
import { type ChildProcessWithoutNullStreams, spawn, type SpawnOptions } from 'node:child_process';
import { onCleanup } from './cleanup.js';

const WATCHDOG = `
const { spawn } = require('node:child_process');
const [command, ...args] = JSON.parse(process.argv[1]);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
let stopping = false;
const signal = (s) => { try { process.kill(-child.pid, s); } catch {} };
const stop = () => {
  if (stopping) return;
  stopping = true;
  signal('SIGTERM');
  setTimeout(() => { signal('SIGKILL'); process.exit(1); }, 3000).unref();
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, stop);
child.on('error', (e) => { process.stderr.write(e.message + '\\n'); process.exit(127); });
child.on('exit', (code, sig) => { if (stopping) signal('SIGKILL'); process.exit(code === null ? 1 : code); });
`;

/** spawn(command, args) under the watchdog; stdout and stderr as usual, stdin is the watchdog's. */
export function spawnTied(
  command: string,
  args: string[],
  options: Pick<SpawnOptions, 'env' | 'cwd'> = {},
): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ['-e', WATCHDOG, JSON.stringify([command, ...args])], {
    ...options,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // An orderly exit of ours (or Ctrl-C) stops it at once; an abrupt one closes its stdin.
  const release = onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  child.on('exit', release);
  return child;
}
