// Every way out of a build stops its browser and removes its temporary files, and `npm run browser`,
// stopped, takes its browser and profile with it: Ctrl-C (SIGINT),
// SIGTERM and SIGHUP run the cleanup handlers (src/core/cleanup.ts); kill -9 cannot be caught, so
// the browser runs on a pipe and exits when the CLI's end of it closes. Checked on the real CLI:
// the whole process tree is watched through /proc, and none of it may outlive the command.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runTree, waitForDescendant, waitForDescendants } from '../helpers/process-tree.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isBrowser = (cmd: string) => /chrom|headless_shell/i.test(cmd) && !cmd.includes('run.mjs');

/** Start a CLI command (watched with its whole tree); its pid and its run. */
function start(args: string[], timeoutMs = 180_000) {
  let pid = 0;
  const running = runTree(process.execPath, [path.join(ROOT, 'src/cli/run.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    timeoutMs,
    started: (p) => (pid = p),
  });
  return { pid, running };
}

/** Start build:pdf on the seed, wait for its browser, then send `signal` to the CLI. */
async function interrupted(signal: NodeJS.Signals) {
  const out = path.join(dir, signal);
  const { pid, running } = start(['build:pdf', '--out', out]);
  await waitForDescendant(pid, isBrowser, 120_000);
  process.kill(pid, signal);
  return { run: await running, out };
}

/** Temporary files and staging folders anywhere under the output folder. */
function leftovers(out: string): string[] {
  if (!existsSync(out)) return [];
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .map((e) => e.name)
    .filter((n) => /^\.staging-|\.tmp$|^\.(warm|page)\./.test(n));
}

describe('a build stopped from outside', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s: exits %i saying so, browser stopped, no temporary file left', async (signal, code) => {
    const { run, out } = await interrupted(signal);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(`interrupted (${signal})`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.leftovers).toEqual([]);
    expect(leftovers(out)).toEqual([]);
  });

  it('kill -9: the browser exits with the CLI (its pipe closes)', async () => {
    const { run } = await interrupted('SIGKILL');
    expect(run.signal).toBe('SIGKILL');
    expect(run.leftovers).toEqual([]);
  });

  it('a browser that crashes: one line saying so, exit 2, nothing left running or half-written', { timeout: 300_000 }, async () => {
    const out = path.join(dir, 'crash');
    const { pid, running } = start(['build:pdf', '--out', out]);
    // The browser's main process (the CLI's own child), killed as an out-of-memory killer would.
    const browser = await waitForDescendant(pid, (cmd) => isBrowser(cmd) && !cmd.includes('--type='), 120_000);
    process.kill(browser, 'SIGKILL');
    const run = await running;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: the browser stopped unexpectedly \(.*\)[^\n]*Nothing was written$/m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.leftovers).toEqual([]);
    expect(leftovers(out)).toEqual([]);
  });

  it('a browser that crashes while the photos are converted: the folder the run made goes, no copy lands in it later', {
    timeout: 300_000,
  }, async () => {
    const out = path.join(dir, 'crash-photos');
    const images = path.join(out, 'ningju-gongshi', 'images');
    const { pid, running } = start(['build:pdf', '--out', out]);
    // The press converts the seed's photo while the browser lays the page out: the first copy is in images/.
    const browser = await waitForDescendant(pid, (cmd) => isBrowser(cmd) && !cmd.includes('--type='), 120_000);
    for (const end = Date.now() + 120_000; !existsSync(images) && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    process.kill(browser, 'SIGKILL');
    const run = await running;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: the browser stopped unexpectedly \(.*\)[^\n]*Nothing was written$/m);
    // the press copies were written after the run removed its folder (it said nothing was written)
    await new Promise((r) => setTimeout(r, 2000));
    expect(existsSync(out) ? readdirSync(out, { recursive: true }) : []).toEqual([]);
    expect(run.leftovers).toEqual([]);
  });

  it('kill -9 while EPUBCheck and Ace validate: they, and any browser Ace started, end too', { timeout: 400_000 }, async () => {
    const { pid, running } = start(['build:epub', '--out', path.join(dir, 'epub')], 300_000);
    // Java EPUBCheck runs for seconds, Ace beside it: both under the watchdog (src/core/child.ts),
    // killed at a moment when both run (on a loaded machine one may start while the other ends).
    await waitForDescendants(
      pid,
      [(cmd) => /^\S*java .*epubcheck/.test(cmd), (cmd) => /^\S*node .*ace-cli\/bin\/ace\.js/.test(cmd)],
      240_000,
    );
    process.kill(pid, 'SIGKILL');
    const run = await running;
    expect(run.signal).toBe('SIGKILL');
    expect(run.leftovers).toEqual([]);
  });
});

describe('npm run browser (the shared browser) stopped from outside', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('npm run browser stopped with %s: its Chromium and its profile go too', async (signal) => {
    const { pid, running } = start(['browser', '--port', '0']);
    const browser = await waitForDescendant(pid, (cmd) => isBrowser(cmd) && !cmd.includes('--type='), 120_000);
    const profile = readFileSync(`/proc/${browser}/cmdline`, 'utf8')
      .split('\0')
      .find((a) => a.startsWith('--user-data-dir='))!
      .slice('--user-data-dir='.length);
    expect(existsSync(profile)).toBe(true);
    process.kill(pid, signal);
    const run = await running;
    expect(run.stderr).toContain(`interrupted (${signal})`);
    expect(run.leftovers).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });

  it('npm run browser whose Chromium crashes: says so, exit 2, its profile removed (it ended with 0 and not a word)', async () => {
    const { pid, running } = start(['browser', '--port', '0']);
    const browser = await waitForDescendant(pid, (cmd) => isBrowser(cmd) && !cmd.includes('--type='), 120_000);
    const profile = readFileSync(`/proc/${browser}/cmdline`, 'utf8')
      .split('\0')
      .find((a) => a.startsWith('--user-data-dir='))!
      .slice('--user-data-dir='.length);
    // once it listens (Chromium writes the port it took into the profile)
    for (const end = Date.now() + 60_000; !existsSync(path.join(profile, 'DevToolsActivePort')) && Date.now() < end; )
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 500)); // and the CLI has read its "DevTools listening" line
    process.kill(browser, 'SIGKILL');
    const run = await running;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: the browser stopped unexpectedly \(killed by SIGKILL\): builds given its --browser-ws address/m);
    expect(run.leftovers).toEqual([]);
    expect(existsSync(profile)).toBe(false);
  });

  it('npm run browser killed with kill -9: its Chromium exits with it (its DevTools pipe closes)', async () => {
    const { pid, running } = start(['browser', '--port', '0']);
    await waitForDescendant(pid, (cmd) => isBrowser(cmd) && !cmd.includes('--type='), 120_000);
    process.kill(pid, 'SIGKILL');
    const run = await running;
    expect(run.signal).toBe('SIGKILL');
    expect(run.leftovers).toEqual([]);
  });
});
