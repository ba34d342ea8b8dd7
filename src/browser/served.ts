// Pages whose every request Node answers. A page lives at a made-up origin (ORIGIN, a name that
// never resolves): its document, its fonts and its photos are read by Node (font files only from
// the configured font folders, photos only from the build's own output) and handed to the browser
// through the DevTools protocol's Fetch domain; every other request is refused and recorded. The
// browser reads no file and opens no connection of its own, so a browser on another machine
// (--browser-ws, a browserless pool) gets exactly what a local one gets, and the confinement holds
// the same way.
import { readConfined } from '../core/confine.js';
import path from 'node:path';
import type { Browser, Page, Protocol } from 'puppeteer-core';

/** The origin of every served page: `.invalid` is reserved (RFC 2606) and never resolves. */
export const ORIGIN = 'https://baoban.invalid';

/** The document's content security policy: nothing but its own origin's fonts and images, no script. */
export const SERVED_CSP = "default-src 'none'; img-src 'self' data:; font-src 'self' data:; style-src 'unsafe-inline'";

/** Files larger than this are never served (a photo is scaled to its printed size first). */
const MAX_SERVED_BYTES = 64 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

export interface ServedFolder {
  /** URL path prefix, e.g. `/fonts/` */
  prefix: string;
  /** the folder its files are read from */
  dir: string;
  /** when set, only paths below these sub-folders of `dir` (relative) are served */
  only?: string[];
}

export interface Served {
  /** documents held in memory, by URL path (`/page.html`) */
  documents: Map<string, string>;
  folders: ServedFolder[];
  /** files held in memory, by URL path (the fonts cut for this build: fonts/print-fonts.ts) */
  files?: ReadonlyMap<string, Uint8Array>;
}

export interface ServedPage {
  page: Page;
  /** requests refused (none expected: the document names nothing outside) */
  blocked: string[];
  /** add or replace a document (e.g. the page document of a warm tab) */
  documents: Map<string, string>;
}

/**
 * Font files as the protocol carries them (base64), kept for the process: every tab of a build
 * asks for the same slices, and a page of Chinese text asks for a hundred or more of them.
 */
const fileCache = new Map<string, Promise<string>>();

/** The URL of a file under one of the served folders. */
export function servedUrl(folder: ServedFolder, file: string): string {
  const rel = path.relative(folder.dir, file).split(path.sep).map(encodeURIComponent).join('/');
  return `${ORIGIN}${folder.prefix}${rel}`;
}

/** The file a URL path names under a served folder (and that folder), or undefined when it names nothing allowed. */
function fileFor(folders: ServedFolder[], urlPath: string): { file: string; dir: string } | undefined {
  for (const f of folders) {
    if (!urlPath.startsWith(f.prefix)) continue;
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath.slice(f.prefix.length));
    } catch {
      return undefined;
    }
    if (rel.includes('\0')) return undefined;
    const file = path.resolve(f.dir, rel);
    const inside = (dir: string) => {
      const r = path.relative(dir, file);
      return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
    };
    if (!inside(f.dir)) return undefined;
    if (f.only && !f.only.some((o) => inside(path.resolve(f.dir, o)))) return undefined;
    return { file, dir: f.dir };
  }
  return undefined;
}

/**
 * A file served under the confinement rule (src/core/confine.ts): its real path (links resolved)
 * inside the served folder's, a regular file (never a FIFO or a device, never waited on), of
 * bounded size. A link under an allowed folder that leads outside it is refused. (Hard links are
 * served: the folders are the font packages, which a package manager may hard-link, and the build's output.)
 */
function cachedRead(file: string, dir: string): Promise<string> {
  let body = fileCache.get(file);
  if (!body) {
    fileCache.set(file, (body = readConfined(dir, file, { maxBytes: MAX_SERVED_BYTES, hardLinks: true }).then(base64)));
    body.catch(() => fileCache.delete(file));
  }
  return body;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** Files held in memory as the protocol carries them: each tab of a build asks for the same cut fonts. */
const heldCache = new WeakMap<Uint8Array, string>();
function heldBody(bytes: Uint8Array): string {
  let body = heldCache.get(bytes);
  if (body === undefined) heldCache.set(bytes, (body = base64(bytes)));
  return body;
}

/**
 * A page that runs no script of its document's own, whose requests are all answered by Node from
 * `served` or refused. Navigate it with `page.goto(ORIGIN + '/page.html')`.
 */
export async function servedPage(browser: Browser, served: Served): Promise<ServedPage> {
  const page = await browser.newPage();
  const blocked: string[] = [];
  await page.setJavaScriptEnabled(false);
  // Every request is paused and answered through the DevTools protocol's Fetch domain, on a
  // session of our own: puppeteer's request interception would encode each body to base64 in
  // JavaScript and track every request twice; a page of Chinese text loads a hundred font slices.
  const client = await page.createCDPSession();
  const answer = async ({ requestId, request }: Protocol.Fetch.RequestPausedEvent): Promise<void> => {
    const url = request.url;
    // Chromium does not pause data: URLs (they never reach the network); should one come, it goes on.
    if (url.startsWith('data:')) return void (await client.send('Fetch.continueRequest', { requestId }));
    const deny = () => {
      blocked.push(url);
      return client.send('Fetch.failRequest', { requestId, errorReason: 'AccessDenied' });
    };
    const respond = (type: string, body: string) =>
      client.send('Fetch.fulfillRequest', { requestId, responseCode: 200, responseHeaders: [{ name: 'content-type', value: type }], body });
    if (!url.startsWith(`${ORIGIN}/`) || request.method !== 'GET') return void (await deny());
    const urlPath = new URL(url).pathname;
    const doc = served.documents.get(urlPath);
    if (doc !== undefined) return void (await respond(TYPES['.html'], Buffer.from(doc, 'utf8').toString('base64')));
    const held = served.files?.get(urlPath);
    const found = held ? undefined : fileFor(served.folders, urlPath);
    if (!held && !found) return void (await deny());
    let body: string;
    try {
      body = held ? heldBody(held) : await cachedRead(found!.file, found!.dir);
    } catch {
      return void (await deny());
    }
    await respond(TYPES[path.extname(urlPath).toLowerCase()] ?? 'application/octet-stream', body);
  };
  client.on('Fetch.requestPaused', (event) => {
    // A request the page no longer waits for (it was closed) cannot be answered: nothing to do.
    answer(event).catch(() => undefined);
  });
  await client.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
  return { page, blocked, documents: served.documents };
}
