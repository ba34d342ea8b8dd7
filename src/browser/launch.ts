// One headless Chromium per build, from @sparticuz/chromium (a binary inside its npm package, so
// nothing is downloaded and no system browser is needed). BAOBAN_CHROMIUM or
// PUPPETEER_EXECUTABLE_PATH overrides it, e.g. with Debian's /usr/bin/chromium.
// Pages are confined: no script from a manuscript runs, and no request leaves the allowed folders.
import path from 'node:path';
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

async function browserArgs(): Promise<string[]> {
  if (process.env.BAOBAN_CHROMIUM || process.env.PUPPETEER_EXECUTABLE_PATH) {
    return ['--no-sandbox', '--headless=new', ...QUIET];
  }
  const chromium = (await import('@sparticuz/chromium')).default;
  return [...chromium.args.filter((a) => !UNSAFE.has(a)), ...QUIET];
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await browserExecutable();
  return puppeteer.launch({
    executablePath,
    headless: 'shell',
    args: await browserArgs(),
    // Same output whatever the machine's locale and timezone.
    env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8' },
  });
}

/**
 * A page that runs no script of the document's own and loads only `file:` URLs under the given
 * folders (and data: URLs). Everything else is aborted and recorded in `blocked`.
 */
export async function confinedPage(browser: Browser, allowedDirs: string[]): Promise<{ page: Page; blocked: string[] }> {
  const page = await browser.newPage();
  const blocked: string[] = [];
  const roots = allowedDirs.map((d) => path.resolve(d) + path.sep);
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url === 'about:blank') return void request.continue();
    if (url.startsWith('file://')) {
      const file = path.resolve(decodeURIComponent(new URL(url).pathname));
      if (roots.some((r) => file.startsWith(r))) return void request.continue();
    }
    blocked.push(url);
    void request.abort('accessdenied');
  });
  return { page, blocked };
}
