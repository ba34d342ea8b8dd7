// The Node side of the in-page layout engine: its script, and the one typed call into the page.
// The engine's TypeScript modules (src/page/engine/) are bundled by esbuild into one script that
// the page evaluates through the DevTools protocol (never as a document script: the page runs
// with JavaScript disabled). The bundle is cached in node_modules/.cache/baoban-engine/ and built
// again when one of its sources changes, so a build pays for esbuild only after an edit.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { writeAtomic } from '../core/atomic.js';
import { NODE_MODULES, PROJECT_ROOT } from '../core/paths.js';
import type * as Engine from './engine/main.js';
import type { LayoutInput, LayoutResult } from './engine/protocol.js';

/** A bundle for the page: its code defines `global` (an object of the entry module's exports). */
export interface EngineBundle<Api> {
  code: string;
  global: string;
  /** never set: carries the entry module's type for callInPage */
  api?: Api;
}

// Found from the project root (not this module's URL), so that the bundled CLI finds it too.
const ENGINE_ENTRY = path.join(PROJECT_ROOT, 'src', 'page', 'engine', 'main.ts');
const CACHE = path.join(NODE_MODULES, '.cache', 'baoban-engine');

interface Cached {
  /** every source file of the bundle, with its modification time */
  inputs: Record<string, number>;
  code: string;
}

async function fresh(cached: Cached): Promise<boolean> {
  const times = await Promise.all(
    Object.keys(cached.inputs).map((f) =>
      stat(f).then(
        (s) => s.mtimeMs,
        () => -1,
      ),
    ),
  );
  return Object.values(cached.inputs).every((t, i) => t === times[i]);
}

async function bundle(entry: string, global: string): Promise<string> {
  const file = path.join(CACHE, `${createHash('sha256').update(`${entry}\0${global}`).digest('hex').slice(0, 16)}.json`);
  const cached = await readFile(file, 'utf8').then(
    (s) => JSON.parse(s) as Cached,
    () => undefined,
  );
  if (cached && (await fresh(cached))) return cached.code;
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [entry],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    format: 'iife',
    globalName: global,
    platform: 'browser',
    target: 'chrome120',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(out.metafile.inputs).map((f) => path.resolve(PROJECT_ROOT, f));
  const times = await Promise.all(inputs.map((f) => stat(f).then((s) => s.mtimeMs)));
  const code = out.outputFiles[0].text;
  // Several builds may race to write it: each writes a whole file and renames it into place. A
  // cache that cannot be written (a read-only install) only means building again next time.
  const record: Cached = { inputs: Object.fromEntries(inputs.map((f, i) => [f, times[i]])), code };
  await writeAtomic(file, JSON.stringify(record)).catch(() => undefined);
  return code;
}

const bundles = new Map<string, Promise<string>>();

/** The bundle of an engine entry module (the engine itself by default), built once per process. */
export async function engineBundle<Api = typeof Engine>(entry = ENGINE_ENTRY, global = 'baobanEngine'): Promise<EngineBundle<Api>> {
  const key = `${entry}\0${global}`;
  let code = bundles.get(key);
  if (!code) bundles.set(key, (code = bundle(entry, global)));
  return { code: await code, global };
}

type Fn = (...args: never[]) => unknown;
type Args<F> = F extends (...args: infer A) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/**
 * Call an exported function of a bundle in the page, with JSON arguments; its JSON result comes
 * back typed as the function's own. The one place where the page's answer is given its type.
 *
 * The bundle is run once per document and kept there (an own property of the window, under a name
 * made of the bundle's hash), and each call then only calls into it: a tab that lays out one
 * edition page after another in the same document compiles the engine once and runs it warm from
 * page to page, instead of compiling it again for every call (the call's arguments made every
 * script different, so V8 could not reuse one) and running it cold. A document's own elements
 * cannot stand in for it: named elements are properties of the window's prototype, never own ones,
 * and the page runs no script of its own. A new document (a navigation) gets the bundle again.
 */
export async function callInPage<Api, K extends keyof Api & string>(
  page: Page,
  bundle: EngineBundle<Api>,
  name: K,
  ...args: Api[K] extends Fn ? Args<Api[K]> : never
): Promise<Api[K] extends Fn ? Result<Api[K]> : never> {
  const key = JSON.stringify(installedName(bundle));
  const call = `window[${key}][${JSON.stringify(name)}](...${JSON.stringify(args)})`;
  const installed = `Object.prototype.hasOwnProperty.call(window, ${key})`;
  const script = `(() => {\nif (!${installed}) {\n${bundle.code}\nObject.defineProperty(window, ${key}, { value: ${bundle.global} });\n}\nreturn ${call};\n})()`;
  return (await page.evaluate(script)) as Api[K] extends Fn ? Result<Api[K]> : never;
}

const hashes = new Map<string, string>();

/** The name a bundle is kept under in a document it has run in (callInPage). */
export function installedName(bundle: EngineBundle<unknown>): string {
  let hash = hashes.get(bundle.code);
  if (!hash) hashes.set(bundle.code, (hash = createHash('sha256').update(bundle.code).digest('hex').slice(0, 16)));
  return `__baoban_${bundle.global}_${hash}`;
}

/** Lay out the page loaded in `page` (fonts ready). */
export async function runLayout(page: Page, input: LayoutInput): Promise<LayoutResult> {
  return callInPage(page, await engineBundle(), 'layout', input);
}
