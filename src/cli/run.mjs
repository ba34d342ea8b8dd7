#!/usr/bin/env node
// The command-line entry the npm scripts use. It runs src/cli/main.ts from a bundle that esbuild
// makes of src/ (in node_modules/.cache/baoban-cli/), rebuilt only when a source file is newer
// than the bundle. Compiling a few hundred TypeScript and ESM files at every start cost ~0.7 s
// of a ~2 s page build; loading one bundle costs ~0.1 s. Set BAOBAN_NO_BUNDLE=1 to run the
// sources through tsx instead.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = path.join(root, 'src');
// BAOBAN_CLI_CACHE puts the bundle in another folder of the project (a test builds a fresh one there).
const cache = process.env.BAOBAN_CLI_CACHE
  ? path.resolve(process.env.BAOBAN_CLI_CACHE)
  : path.join(root, 'node_modules', '.cache', 'baoban-cli');
// Packages with native parts, their own file layout or a browser binary stay outside the bundle.
// pdf-lib and puppeteer-core are bundled: imported from outside, Node read each of their hundreds
// of files (and parsed pdf-lib's CommonJS for its exports) at every build: ~0.2 s of CPU each;
// bundled, ~0.04 s and ~0.1 s.
const EXTERNAL = [
  'sharp',
  'puppeteer',
  '@sparticuz/chromium',
  // pdf.js loads its worker from its own folder
  'pdfjs-dist',
  'epub-gen-memory',
  'esbuild',
  'subset-font',
  'harfbuzzjs',
  '@likecoin/epubcheck-ts',
  'jszip',
  // its "main" is a UMD build that requires its modules at run time (esbuild leaves those requires unresolved)
  'jsonc-parser',
];

// puppeteer-core launches Chromium through @puppeteer/browsers, whose downloads (never used here:
// the browser comes inside @sparticuz/chromium) import proxy-agent, and with it a JavaScript
// engine, parsers and address tables: 2 MB of the bundle that every command parsed at its start
// (~20 ms of CPU before the browser was launched). A download would fail with this message.
const NO_PROXY_AGENT = {
  name: 'no-proxy-agent',
  setup(build) {
    build.onResolve({ filter: /^proxy-agent$/ }, (args) => ({ path: args.path, namespace: 'no-proxy-agent' }));
    build.onLoad({ filter: /.*/, namespace: 'no-proxy-agent' }, () => ({
      contents:
        'export class ProxyAgent { constructor() { throw new Error("baoban downloads nothing: proxy-agent is left out of its bundle"); } }',
      loader: 'js',
    }));
  },
};

/**
 * A plugin that bundles `contents` in place of the package `pkg` where `wanted(importer)` says so;
 * inside `contents`, `pkg` is the real package as the project resolves it (one copy in the bundle).
 */
function wrapPackage(pkg, contents, wanted = () => true) {
  const namespace = `wrap-${pkg}`;
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${pkg}$`) }, (args) =>
        args.namespace === namespace || !wanted(args.importer) ? undefined : { path: pkg, namespace },
      );
      build.onLoad({ filter: /.*/, namespace }, () => ({ contents: contents.join('\n'), loader: 'js', resolveDir: root }));
    },
  };
}

// puppeteer-core passes every protocol message, sent and received, to the `debug` package, and
// makes a new logger for each one (debug(prefix)(message), src/common/Debug.js): thousands in an
// edition (each font and photo the pages ask for is a message or two), ~60 ms of Node's CPU for
// loggers that print nothing. Unless DEBUG is set (then `debug` logs as usual), the bundle's
// `debug` hands out one logger that does nothing.
const QUIET_DEBUG = wrapPackage('debug', [
  "import debug from 'debug';",
  'const quiet = () => {};',
  'quiet.enabled = false;',
  'quiet.extend = () => quiet;',
  'export default process.env.DEBUG ? debug : () => quiet;',
]);

// vfile-reporter measures every cell of a findings report with string-width (graphemes, emoji
// patterns): ~0.1 s for an edition's thousand findings. Its strings of ASCII and plain CJK are
// measured by src/core/string-width.ts first (the same widths); any other by string-width.
const FAST_STRING_WIDTH = wrapPackage(
  'string-width',
  [
    "import stringWidth from 'string-width';",
    `import { simpleWidth } from ${JSON.stringify(path.join(src, 'core', 'string-width.ts'))};`,
    'export default function width(s, options) {',
    '  const simple = options === undefined && typeof s === "string" ? simpleWidth(s) : undefined;',
    '  return simple ?? stringWidth(s, options);',
    '}',
  ],
  (importer) => importer.includes(`${path.sep}vfile-reporter${path.sep}`),
);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|mjs|js|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

async function bundle() {
  const stamp = String(Math.max(newestSource(src), statSync(path.join(root, 'package-lock.json')).mtimeMs));
  const current = path.join(cache, 'current');
  const stampFile = path.join(current, 'stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return path.join(current, 'main.mjs');
  const { build } = await import('esbuild');
  const tmp = path.join(cache, `build-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  await build({
    entryPoints: { main: path.join(src, 'cli', 'main.ts') },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    // Imports and the alias below resolve from the project, whatever folder the command is run in.
    absWorkingDir: root,
    external: EXTERNAL,
    alias: { 'pdf-lib': 'pdf-lib/es/index.js' },
    plugins: [NO_PROXY_AGENT, QUIET_DEBUG, FAST_STRING_WIDTH],
    banner: { js: "import { createRequire as __baobanRequire } from 'node:module'; const require = __baobanRequire(import.meta.url);" },
  });
  writeFileSync(path.join(tmp, 'stamp'), stamp);
  // Replace the old bundle in one rename; a process that loses the race uses the winner's bundle.
  const old = path.join(cache, `old-${process.pid}-${Date.now()}`);
  try {
    if (existsSync(current)) renameSync(current, old);
    renameSync(tmp, current);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return existsSync(path.join(current, 'main.mjs')) ? path.join(current, 'main.mjs') : path.join(tmp, 'main.mjs');
}

process.env.BAOBAN_ROOT = root;
// V8 optimises a function once it has run about 66 KB of bytecode (--interrupt-budget). A build is
// a short process that runs much of its code for a moment (the manuscripts' parsers and checks,
// the protocol, pdf-lib, the preflight): with the default, V8's background threads spent about
// 2.5 s of CPU of a 16-page edition compiling optimised code, much of it used a few times or not
// at all, on the two cores the browser needs too. With 1,000,000 they spend about 0.8 s, and the
// code that runs long (a page's PDF parsed, a large manuscript) is still optimised after a few
// milliseconds (figures: `npm run bench`, README "Speed").
setFlagsFromString('--interrupt-budget=1000000');
// npm runs a script in the project's folder and says in INIT_CWD where the user typed it: the paths
// of `npm run check -- article.md`, typed in a manuscript's folder, are the user's, so the command
// works from there (the project's own folders are absolute: src/core/paths.ts). Only for the npm
// script of this very command (npm_lifecycle_event), not for a CLI that a test under `npm test` runs.
const initCwd = process.env.INIT_CWD;
if (initCwd && process.env.npm_lifecycle_event === process.argv[2] && path.resolve(initCwd) !== process.cwd()) {
  try {
    process.chdir(initCwd);
  } catch {
    // a folder that is gone or unreadable: the paths stay the project's
  }
}
if (process.env.BAOBAN_NO_BUNDLE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(src, 'cli', 'main.ts')).href);
} else {
  await import(pathToFileURL(await bundle()).href);
}
