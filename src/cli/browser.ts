// browser — start the project's Chromium as a shared browser that builds connect to with
// --browser-ws (or BAOBAN_BROWSER_WS): the same binary and flags as a browser a build launches,
// listening for the DevTools protocol. It prints its WebSocket endpoint and runs until stopped.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onCleanup, removeOnExit } from '../core/cleanup.js';
import { InputError } from '../core/input-error.js';
import { hasEnded, processTree } from '../core/proc.js';
import { browserCommand } from '../browser/launch.js';
import { parseCommon } from './options.js';

export const usage = `npm run browser -- [--port N] [--host ADDRESS]
  Start the project's Chromium (the binary and flags of a build's own browser) listening for the
  DevTools protocol on ADDRESS:N (default 127.0.0.1:9222; --port 0 picks a free port), and print
  its endpoint: builds on this or another machine use it with --browser-ws ws://… (or
  BAOBAN_BROWSER_WS). Node serves the pages everything they need; the browser reads no file of
  the building machine. Stop it with Ctrl-C. Listen on another address than 127.0.0.1 only on a
  network you trust: anyone who reaches the port controls the browser.`;

export async function run(argv: string[]): Promise<number> {
  const opts = parseCommon(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const port = Number(opts.values.port ?? 9222);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InputError(`--port must be a port number (0–65535), not "${opts.values.port}"`);
  const host = String(opts.values.host ?? '127.0.0.1');
  // Shared by builds whose pages are laid out at once: a renderer per tab (launch.ts, parallelTabs).
  const { executable, args, env } = await browserCommand({ parallelTabs: true });
  const profile = await mkdtemp(path.join(os.tmpdir(), 'baoban-browser-'));
  const child = spawn(
    executable,
    // The DevTools pipe (fds 3 and 4) is held open and never used: when this process ends in any
    // way, kill -9 included, it closes and Chromium exits with it, as a build's own browser does.
    [
      ...args,
      `--remote-debugging-port=${port}`,
      `--remote-debugging-address=${host}`,
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      env,
    },
  );
  // Ctrl-C, SIGTERM or SIGHUP end this command through the cleanup handlers (core/cleanup.ts),
  // which exit at once: the browser is stopped there, then its profile removed, or it would run on
  // without its parent. Removed only once the browser is gone: a dying Chromium still writing into
  // its profile made folders again behind the removal.
  const stopBrowser = onCleanup(() => killAndWait(child.pid));
  const dropProfile = removeOnExit(profile);
  let said = false;
  const stderr = child.stderr!;
  stderr.setEncoding('utf8');
  stderr.on('data', (chunk: string) => {
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(chunk);
    if (m && !said) {
      said = true;
      process.stdout.write(`${m[1]}\n`);
      process.stderr.write(`  › the browser listens; build with --browser-ws ${m[1]} (Ctrl-C stops it)\n`);
    }
  });
  const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  stopBrowser();
  await rm(profile, { recursive: true, force: true });
  dropProfile();
  // Only Ctrl-C and the like stop it on purpose, and they end this command in the cleanup handlers
  // before it gets here: a browser that ended by itself (crashed, out of memory, killed) is said to
  // have, or the command ended with 0 and not a word while the builds given its address failed.
  const how = ended.signal ? `killed by ${ended.signal}` : `exit code ${ended.code}`;
  process.stderr.write(
    said
      ? `error: the browser stopped unexpectedly (${how}): builds given its --browser-ws address cannot reach it any more; start it again with npm run browser\n`
      : `error: the browser stopped before it listened (${how})${ended.signal ? '' : `; is --port ${port} free on ${host}?`}\n`,
  );
  return 2;
}

/**
 * Kill a process and all its descendants (Chromium's zygote, renderers and utility processes, which
 * may still write into the profile after the browser process is gone), and wait, synchronously
 * (cleanup handlers run just before the process exits), until the kernel has ended each (a zombie or
 * gone), for at most two seconds. Where there is no /proc, it only kills the process.
 */
function killAndWait(pid: number | undefined): void {
  if (pid === undefined) return;
  const tree = processTree(pid).map((p) => p.pid);
  const all = tree.length ? tree : [pid];
  for (const p of all) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + 2000;
  let left = all;
  while (left.length && Date.now() < until) {
    left = left.filter((p) => !hasEnded(p));
    if (left.length) Atomics.wait(pause, 0, 0, 10);
  }
}
