// `npm run bench`, page part: the seed page built end to end as a user runs it (a fresh process,
// start to exit, PDF written), against a baseline in the same run (a fresh process whose browser
// only prints the final, already laid-out HTML); then a long document (the seed as 40 chapters)
// through the same layout engine onto as many pages as it needs, in pages per second.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PROJECT_ROOT } from '../core/paths.js';
import { loadArticle } from '../pipeline.js';
import { launchBrowser } from '../browser/launch.js';
import { loadLayout } from '../config/layout.js';
import { renderPage } from '../page/render.js';
import { benchEdition } from './edition.js';
import { plainA4, writeCutFonts } from './plain-a4.js';

const SEED = path.join(PROJECT_ROOT, 'manuscript', 'ningju-gongshi');
const MAIN = path.join(PROJECT_ROOT, 'src', 'cli', 'main.ts');
const RUN = path.join(PROJECT_ROOT, 'src', 'cli', 'run.mjs');

export interface BenchOptions {
  runs?: number;
  chapters?: number;
  /** only the seed page against its baseline (--page-only), or only the long document (--long-only) */
  only?: 'page' | 'long';
}

/** A fresh Node process, timed from spawn to exit. `tsx` runs the TypeScript as `npm run` does. */
function run(args: string[], tsx = true): { ms: number; code: number | null; stderr: string; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...(tsx ? ['--import', 'tsx'] : []), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, BAOBAN_QUIET: '1' },
  });
  return { ms: performance.now() - t, code: r.status, stderr: r.stderr, stdout: r.stdout };
}

/**
 * The baseline bundled by esbuild into JavaScript chunks, as src/cli/run.mjs bundles the CLI: so
 * that neither side of the comparison compiles several hundred TypeScript and ESM files at start.
 * The chunks go straight into dist/, one folder below the project root as src/ is, so the
 * project's paths resolve the same way; they are removed afterwards.
 */
export async function bundle(): Promise<{ baseline: string; cleanup: () => Promise<void> }> {
  const { build } = await import('esbuild');
  const dir = path.join(PROJECT_ROOT, 'dist');
  const prefix = `.bench-${process.pid}-`;
  await build({
    entryPoints: { baseline: path.join(PROJECT_ROOT, 'src', 'bench', 'print-baseline.ts') },
    outdir: dir,
    entryNames: `${prefix}[name]`,
    chunkNames: `${prefix}chunk-[hash]`,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    external: ['sharp', 'puppeteer', 'puppeteer-core', '@sparticuz/chromium', 'pdf-lib', 'epub-gen-memory'],
    banner: { js: "import { createRequire as __baobanRequire } from 'node:module'; const require = __baobanRequire(import.meta.url);" },
  });
  return {
    baseline: path.join(dir, `${prefix}baseline.mjs`),
    cleanup: async () => {
      for (const f of await readdir(dir)) if (f.startsWith(prefix)) await rm(path.join(dir, f), { force: true });
    },
  };
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchPage(options: BenchOptions = {}): Promise<{ ok: boolean }> {
  const runs = options.runs ?? 5;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-bench-'));
  try {
    // The laid-out page for the baseline: same layout, written beside its scaled photo.
    const outDir = path.join(tmp, 'seed');
    const finalHtml = path.join(outDir, 'final.html');
    const browser = await launchBrowser();
    try {
      const article = await loadArticle(path.join(SEED, 'article.md'), { check: false });
      await renderPage(article, { layout: loadLayout(), outDir, browser, preview: false, saveHtml: finalHtml });
      await writeCutFonts(outDir);
    } finally {
      await browser.close();
    }
    const bundled = await bundle();
    try {
      const ok = options.only === 'long' ? true : await benchSeed(tmp, finalHtml, bundled.baseline, runs);
      if (options.only === 'page') return { ok };
      // The long document: the seed's body 40 times as chapters, one layout run onto as many pages
      // as needed, built as a user builds it (the bundled CLI), against the same browser printing
      // the same text as plain A4 (a fresh process too, bundled the same way), alternately.
      await benchLong(tmp, bundled.baseline, options.chapters ?? 40, options.only === 'long' ? runs : Math.min(runs, 3));
      if (options.only === 'long') return { ok };
      // An edition: 16 pages of several stories each, laid out in parallel tabs (edition.ts).
      const edition = await benchEdition(bundled.baseline, Math.min(runs, 3));
      return { ok: ok && edition.ok };
    } finally {
      await bundled.cleanup();
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The seed page built end to end, alternating with the baseline so both see the same machine. */
async function benchSeed(tmp: string, finalHtml: string, baseline: string, runs: number): Promise<boolean> {
  const modes = [
    // What `npm run build:pdf` runs: src/cli/run.mjs, the bundled CLI; the baseline bundled the same way.
    { name: 'npm run build:pdf (bundled CLI)', build: [RUN], base: [baseline], tsx: false },
    {
      name: 'sources through tsx (BAOBAN_NO_BUNDLE=1)',
      build: [MAIN],
      base: [path.join(PROJECT_ROOT, 'src', 'bench', 'print-baseline.ts')],
      tsx: true,
    },
  ];
  const times = modes.map(() => ({ build: [] as number[], base: [] as number[] }));
  // The press step inside each bundled build (page.fit.json ms): writing the PDF/X, and reading it back.
  const press = { press: [] as number[], preflight: [] as number[], pressCpu: [] as number[], preflightCpu: [] as number[] };
  const pressMs = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'ningju-gongshi', 'page.fit.json'), 'utf8')).ms;
  // Warm-up (disk cache, scaled photo and its press copy).
  run([MAIN, 'build:pdf', SEED, '--out', tmp]);
  for (let i = 0; i < runs; i++) {
    for (const [m, mode] of modes.entries()) {
      const b = run([...mode.build, 'build:pdf', SEED, '--out', tmp], mode.tsx);
      if (b.code !== 0) throw new Error(`build:pdf failed in the benchmark: ${b.stderr.split('\n').slice(-3).join(' ')}`);
      times[m].build.push(b.ms);
      if (m === 0) {
        const ms = await pressMs(tmp);
        for (const k of ['press', 'preflight', 'pressCpu', 'preflightCpu'] as const) press[k].push(ms[k]);
      }
      const p = run([...mode.base, finalHtml, path.join(tmp, 'baseline.pdf')], mode.tsx);
      if (p.code !== 0) throw new Error(`baseline failed: ${p.stderr}`);
      times[m].base.push(p.ms);
    }
  }
  // A first build: no scaled copy, press copy or soft proof of the photo yet (a new photo).
  const first: number[] = [];
  let firstMs: Record<string, number> = {};
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const out = path.join(tmp, `first-${i}`);
    const b = run([RUN, 'build:pdf', SEED, '--out', out], false);
    if (b.code !== 0) throw new Error(`build:pdf failed in the benchmark: ${b.stderr.split('\n').slice(-3).join(' ')}`);
    first.push(b.ms);
    firstMs = await pressMs(out);
  }
  const pageFit = JSON.parse(await readFile(path.join(tmp, 'ningju-gongshi', 'page.fit.json'), 'utf8'));
  const lines = [
    `page (seed, ${runs} runs each, a fresh process from start to exit with page.pdf, page.png, page.fit.json written; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores):`,
  ];
  let ok = false;
  modes.forEach((mode, m) => {
    const sb = stats(times[m].build);
    const sp = stats(times[m].base);
    const ratio = sb.median / sp.median;
    if (m === 0) ok = ratio <= 1.5 && sb.median < 2000;
    lines.push(
      `  ${mode.name}:`,
      `    build:pdf   median ${f(sb.median)}  min ${f(sb.min)}  max ${f(sb.max)}`,
      `    baseline    median ${f(sp.median)}  min ${f(sp.min)}  max ${f(sp.max)}   (browser printing the laid-out HTML, nothing else)`,
      `    ratio ${ratio.toFixed(2)} × baseline (target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'MISSED'});  build median ${sb.median < 2000 ? 'under' : 'OVER'} 2 s`,
    );
  });
  const warm = stats(times[0].build).median;
  const cold = stats(first);
  lines.push(
    `  press step of the bundled builds (median): press ${stats(press.press).median} ms, ${stats(press.pressCpu).median} ms CPU ` +
      `(page.pdf as PDF/X: colours, photos, output intent); preflight ${stats(press.preflight).median} ms, ` +
      `${stats(press.preflightCpu).median} ms CPU (page.pdf read back and checked)`,
    `  first build of a new photo (no scaled or press copy yet; ${first.length} runs): median ${f(cold.median)}  min ${f(cold.min)}  ` +
      `max ${f(cold.max)}, ${cold.median >= warm ? '+' : '−'}${f(Math.abs(cold.median - warm))} against a warm build (in its last run: ` +
      `photo scaled ${firstMs.photos} ms, press copy and soft proof ${firstMs.pressPhotos} ms beside the browser, press ${firstMs.press} ms, ` +
      `preflight ${firstMs.preflight} ms)`,
  );
  lines.push(
    `  inside the last build: ${Object.entries(pageFit.ms as Record<string, number>)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
  return ok;
}

async function benchLong(tmp: string, baseline: string, chapters: number, runs: number): Promise<void> {
  const long = path.join(tmp, 'long');
  await mkdir(long, { recursive: true });
  await cp(path.join(SEED, 'images'), path.join(long, 'images'), { recursive: true });
  const seed = await readFile(path.join(SEED, 'article.md'), 'utf8');
  const [, matter, seedBody] = seed.split(/^---$/m);
  const body = Array.from({ length: chapters }, (_, i) => `## 第${i + 1}章\n\n${seedBody.trim()}\n`).join('\n');
  await writeFile(path.join(long, 'article.md'), `---${matter}---\n\n${body}`);
  const chars = [...body.replace(/\s+/g, '')].length;
  const a4 = path.join(tmp, 'a4', 'long.html');
  await mkdir(path.dirname(a4), { recursive: true });
  await writeFile(a4, plainA4([await loadArticle(path.join(long, 'article.md'), { check: false })]));
  const build: number[] = [];
  const print: number[] = [];
  for (let i = 0; i < runs; i++) {
    // (its outputs beside the manuscript's folder, never in it: a build refuses that)
    const r = run([RUN, 'build:pdf', long, '--out', path.join(tmp, 'out'), '--pages', 'auto', '--no-preview'], false);
    if (r.code !== 0) throw new Error(`long document failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
    build.push(r.ms);
    const p = run([baseline, a4, path.join(tmp, 'a4', 'long.pdf')], false);
    if (p.code !== 0) throw new Error(`plain A4 baseline failed: ${p.stderr}`);
    print.push(p.ms);
  }
  const a4Pages = (await PDFDocument.load(await readFile(path.join(tmp, 'a4', 'long.pdf')), { updateMetadata: false })).getPageCount();
  const lr = JSON.parse(await readFile(path.join(tmp, 'out', 'long', 'page.fit.json'), 'utf8'));
  const pages = lr.page.pages as number;
  const ms = lr.ms as Record<string, number>;
  const engine = ms.layout + ms.pdf;
  const sb = stats(build);
  const sp = stats(print);
  const ratio = sb.median / sp.median;
  const q = lr.lines;
  const fit = `${lr.fit.status}${lr.fit.status === 'overset' ? ` ${lr.fit.oversetLines} lines` : ''}`;
  const engineMs = ['frames', 'orphans', 'lineChecks', 'copyFit'].map((k) => `${k} ${ms[`engine.${k}`]} ms`).join(', ');
  process.stdout.write(
    [
      `long document (${chapters} chapters, ${chars.toLocaleString('en')} characters, ${lr.frames.count} frames; ` +
        `${runs} runs each, load average ${os.loadavg()[0].toFixed(1)}):`,
      `  npm run build:pdf -- --pages auto: ${pages} pages, median ${f(sb.median)} (min ${f(sb.min)}) end to end: ` +
        `${(pages / (sb.median / 1000)).toFixed(1)} pages/s`,
      `  same browser printing the same text as plain A4: ${a4Pages} pages, median ${f(sp.median)} (min ${f(sp.min)})`,
      `  ratio ${ratio.toFixed(2)} × plain A4 (target ≤ 2: ${ratio <= 2 ? 'met' : 'MISSED'})`,
      `  layout ${ms.layout} ms (engine: ${engineMs})`,
      `  layout engine + print: ${f(engine)}: ${(pages / (engine / 1000)).toFixed(1)} pages/s  (${Object.entries(ms)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')})`,
      `  fit: ${fit}; lines: ${q.lines} measured, ${q.badStarts.length} bad starts, ${q.badEnds.length} bad ends, ` +
        `${q.orphans.length} 孤字 (${q.orphansFixed} fixed), ${q.loose.length} loose`,
    ].join('\n') + '\n',
  );
}
