// Builds on a browser that runs elsewhere: a second Chromium (the project's @sparticuz binary,
// started by `npm run browser` with --remote-debugging-port) and builds that connect to it with
// --browser-ws or BAOBAN_BROWSER_WS. The sample edition comes out identical to a local build
// (every page's text at the same places, the same pixels in the previews, the same report), and
// an edition with a hostile manuscript makes the remote browser request nothing but what Node
// serves (the page, the font packages' files, the build's photos) and leaks nothing. Every
// request is watched from a connection of the test's own, attached to each new tab before it runs
// (the builds run as child processes the test does not wait on synchronously, so it can watch).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { runCliAsync, ROOT } from '../helpers/cli.js';
import { expectOnlyServed } from '../helpers/served.js';
import { expectSameEdition } from './helpers/edition.js';
import { openPdf, textItems } from './helpers/pdf.js';
import { ORIGIN } from '../../src/browser/served.js';

const SAMPLE = path.join(ROOT, 'manuscript/editions/2024-01-19.yaml');
const HOSTILE = path.join(ROOT, 'tests/page/fixtures/edition-remote/plan.yaml');
let out: string;

/** The hostile edition's plan with its stories and layout copied beside it (a plan reads manuscripts only in its own folder). */
async function hostileEdition(): Promise<string> {
  const dir = path.join(out, 'hostile-edition');
  await cp(path.join(ROOT, 'tests/proof/fixtures/hostile'), path.join(dir, 'hostile'), { recursive: true });
  await cp(path.join(ROOT, 'tests/page/fixtures/edition-fit/zhuti'), path.join(dir, 'zhuti'), { recursive: true });
  await cp(path.join(ROOT, 'tests/page/fixtures/layouts/edition-2col.yaml'), path.join(dir, 'edition-2col.yaml'));
  await cp(HOSTILE, path.join(dir, 'plan.yaml'));
  return path.join(dir, 'plan.yaml');
}
let server: ChildProcess;
let ws: string;
let monitor: Browser;
const requests: string[] = [];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-remote-'));
  server = spawn(process.execPath, [path.join(ROOT, 'src/cli/run.mjs'), 'browser', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ws = await new Promise<string>((resolve, reject) => {
    let said = '';
    server.stdout!.on('data', (d: Buffer) => {
      said += String(d);
      const m = /ws:\/\/\S+/.exec(said);
      if (m) resolve(m[0]);
    });
    server.once('exit', (code) => reject(new Error(`the browser exited (${code})`)));
  });
  // The test's own connection: every new tab is attached and paused until its requests are watched.
  monitor = await puppeteer.connect({ browserWSEndpoint: ws });
  const session = await monitor.target().createCDPSession();
  const connection = session.connection()!;
  session.on('Target.attachedToTarget', (e) => {
    const tab = connection.session(e.sessionId);
    if (!tab) return;
    tab.on('Network.requestWillBeSent', (r) => requests.push(r.request.url));
    void tab
      .send('Network.enable')
      .catch(() => undefined)
      .finally(() => tab.send('Runtime.runIfWaitingForDebugger').catch(() => undefined));
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
}, 60_000);

afterAll(async () => {
  await monitor?.disconnect();
  server?.kill('SIGTERM');
  if (out) await rm(out, { recursive: true, force: true });
});

describe('a build on a remote browser', () => {
  it('gives the sample edition exactly as a local build does', async () => {
    const local = await runCliAsync(['build:pdf', SAMPLE, '--out', path.join(out, 'local')]);
    expect(local.code, local.stderr).toBe(0);
    requests.length = 0;
    const remote = await runCliAsync(['build:pdf', SAMPLE, '--out', path.join(out, 'remote')], { BAOBAN_BROWSER_WS: ws });
    expect(remote.code, remote.stderr).toBe(0);
    // the remote browser did the work: its tabs asked for the pages
    expect(requests.some((u) => u === `${ORIGIN}/page.html`)).toBe(true);
    await expectSameEdition(path.join(out, 'local', '2024-01-19'), path.join(out, 'remote', '2024-01-19'), [1, 2]);
    // two edition builds, one after the other: a guard against a hang, not a speed target
  }, 180_000);

  it('requests nothing but what Node serves and leaks nothing, with a hostile manuscript in the edition', async () => {
    requests.length = 0;
    const cli = await runCliAsync(['build:pdf', await hostileEdition(), '--out', out, '--browser-ws', ws]);
    expect(cli.code, cli.stderr).toBe(0);
    expectOnlyServed(requests);
    // nothing was refused either: the page named nothing it may not have
    const fit = JSON.parse(await readFile(path.join(out, 'plan', 'edition.fit.json'), 'utf8'));
    expect(fit.pages.flatMap((p: { blocked: string[] }) => p.blocked)).toEqual([]);
    // the remote and ../ photos are reported, not fetched
    expect(cli.stderr).toMatch(/remote or non-file reference "https:\/\/example\.com\/photo\.jpg" is not loaded/);
    expect(cli.stderr).toMatch(/page-photo-missing/);
    // and the page holds the manuscript's words, none of /etc/passwd, no script
    const { doc } = await openPdf(path.join(out, 'plan', 'page-1.pdf'));
    const text = (await textItems(doc))
      .map((i) => i.str)
      .join('')
      .replace(/\s+/g, '');
    await doc.destroy();
    expect(text).toContain('第一段文字，后面还有文字。');
    const passwd = await readFile('/etc/passwd', 'utf8').catch(() => 'root:x:0:0');
    expect(text).not.toContain(passwd.split('\n')[0].replace(/\s+/g, ''));
    // the body's raw HTML is dropped, never run (front matter values print as the text they are)
    expect(text).not.toContain('fetch(');
    expect(text).not.toContain('iframe');
    expect(text).not.toContain('stylesheet');
  }, 120_000);
});
