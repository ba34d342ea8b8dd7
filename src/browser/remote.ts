// The build's browser: launched here (launch.ts), or an existing one reached over the DevTools
// protocol when a WebSocket endpoint is given (--browser-ws ws://… or BAOBAN_BROWSER_WS): a
// browserless/chrome pool, or any Chromium started with --remote-debugging-port. Such a browser
// cannot read this machine's files; it needs none, since every page of ours is served by Node
// (served.ts). A remote browser is never closed by us, only disconnected: it belongs to its pool.
import type { Browser } from 'puppeteer-core';
import { InputError } from '../core/input-error.js';
import { type LaunchOptions, launchBrowser } from './launch.js';

export const BROWSER_WS_ENV = 'BAOBAN_BROWSER_WS';

export interface BuildBrowser {
  browser: Browser;
  /** the endpoint of a remote browser, or undefined for one launched here */
  remote?: string;
  /** Close a launched browser; disconnect from a remote one (our tabs are closed as each page is done). */
  release(): Promise<void>;
}

/** The endpoint asked for: the flag, else the environment; undefined to launch a browser here. */
export function browserEndpoint(flag: string | undefined): string | undefined {
  const ws = (flag ?? process.env[BROWSER_WS_ENV] ?? '').trim();
  if (!ws) return undefined;
  if (!/^wss?:\/\/[^\s/]+/i.test(ws))
    throw new InputError(
      `--browser-ws "${ws}" is not a DevTools WebSocket endpoint; give ws://host:port/devtools/browser/<id> (or a browserless ws://host:port?token=…)`,
    );
  return ws;
}

export async function openBrowser(endpoint: string | undefined, options: LaunchOptions = {}): Promise<BuildBrowser> {
  if (!endpoint) {
    const browser = await launchBrowser(options);
    return {
      browser,
      async release() {
        await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      },
    };
  }
  const puppeteer = (await import('puppeteer-core')).default;
  let browser: Browser;
  try {
    browser = await puppeteer.connect({ browserWSEndpoint: endpoint, defaultViewport: null, protocolTimeout: 300_000 });
  } catch (error) {
    throw new InputError(
      `cannot reach the browser at ${endpoint} (${(error as Error).message.split('\n')[0]}); is it running, and is the endpoint right?`,
    );
  }
  return {
    browser,
    remote: endpoint,
    async release() {
      await browser.disconnect().catch(() => undefined);
    },
  };
}
