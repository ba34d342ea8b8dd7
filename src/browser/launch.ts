// One headless Chromium per build, from @sparticuz/chromium (a binary inside its npm package, so
// nothing is downloaded and no system browser is needed). BAOBAN_CHROMIUM or
// PUPPETEER_EXECUTABLE_PATH overrides it, e.g. with Debian's /usr/bin/chromium.
// Pages are confined: no script from a manuscript runs, and no request leaves the allowed folders.
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { onCleanup } from '../core/cleanup.js';
import { isInside } from '../core/confine.js';
import { browserEnv } from './font-jail.js';
// puppeteer-core: the same API without puppeteer's download and config machinery (faster to load).
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

// Flags from @sparticuz/chromium that would weaken the confinement of untrusted pages.
const UNSAFE = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);
const QUIET = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'];

let executablePromise: Promise<string> | undefined;

export async function browserExecutable(): Promise<string> {
  const override = process.env.BAOBAN_CHROMIUM || process.env.PUPPETEER_EXECUTABLE_PATH;
  if (override) return override;
  executablePromise ??= import('@sparticuz/chromium').then((m) => m.default.executablePath());
  return executablePromise;
}

export interface LaunchOptions {
  /**
   * Tabs that work at the same time (an edition's pages): a renderer process per tab. @sparticuz/chromium
   * runs in one process (--single-process, made for AWS Lambda), where every tab shares the one
   * renderer thread and pages laid out "in parallel" take turns; one page at a time keeps it.
   */
  parallelTabs?: boolean;
}

async function browserArgs(options: LaunchOptions = {}): Promise<string[]> {
  if (process.env.BAOBAN_CHROMIUM || process.env.PUPPETEER_EXECUTABLE_PATH) {
    return ['--no-sandbox', '--headless=new', ...QUIET];
  }
  const chromium = (await import('@sparticuz/chromium')).default;
  const skip = (a: string) => UNSAFE.has(a) || (options.parallelTabs === true && a === '--single-process');
  return [...chromium.args.filter((a) => !skip(a)), ...QUIET];
}

/**
 * The command line of the build's Chromium with the flags a launch gives it (puppeteer's and
 * ours), and its environment: a browser started with them and --remote-debugging-port prints what
 * a launched one prints.
 */
export async function browserCommand(options: LaunchOptions = {}): Promise<{ executable: string; args: string[]; env: NodeJS.ProcessEnv }> {
  const args = puppeteer.defaultArgs({ headless: 'shell', args: await browserArgs(options) }).filter((a) => a !== 'about:blank');
  return { executable: await browserExecutable(), args, env: browserEnv() };
}

/**
 * Launch the build's browser. It talks to us over a pipe (not a socket): when this process ends in
 * any way, kill -9 included, the pipe closes and Chromium exits with it. Until it is closed it is
 * registered for the exit and signal handlers (src/core/cleanup.ts), which kill it.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = await browserExecutable();
  const browser = await puppeteer.launch({
    executablePath,
    headless: 'shell',
    args: await browserArgs(options),
    pipe: true,
    // Our own handlers stop the browser and remove temporary files (puppeteer's would exit first).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Same output whatever the machine's locale, timezone and fonts (font-jail.ts).
    env: browserEnv(),
  });
  const child = browser.process();
  const release = onCleanup(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });
  browser.once('disconnected', () => {
    release();
    // A browser that lost its connection (crashed, or closed) leaves no process behind.
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });
  return browser;
}

/** The real path of a folder, or the folder as named when it does not exist (yet). */
function realDir(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * A page that runs no script of the document's own and loads only `file:` URLs whose real path
 * (symbolic links resolved) lies under the given folders, and data: URLs. Everything else is
 * aborted and recorded in `blocked`: a link under an allowed folder that leads outside is blocked.
 */
export async function confinedPage(browser: Browser, allowedDirs: string[]): Promise<{ page: Page; blocked: string[] }> {
  const page = await browser.newPage();
  const blocked: string[] = [];
  const roots = allowedDirs.map(realDir);
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url === 'about:blank') return void request.continue();
    const deny = () => {
      blocked.push(url);
      return request.abort('accessdenied').catch(() => undefined);
    };
    if (!url.startsWith('file://')) return void deny();
    let file: string;
    try {
      file = path.resolve(decodeURIComponent(new URL(url).pathname));
    } catch {
      return void deny();
    }
    // Decided on the real path; a file that does not exist is judged by its name (the browser
    // then finds nothing there).
    realpath(file)
      .catch(() => file)
      .then((real) => (roots.some((r) => isInside(r, real)) ? request.continue() : deny()))
      .catch(() => undefined);
  });
  return { page, blocked };
}
