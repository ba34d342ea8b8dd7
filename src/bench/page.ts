// `npm run bench`, page part: the seed page built end to end as a user runs it (a fresh process,
// start to exit, PDF written), against a baseline in the same run (a fresh process whose browser
// only prints the final, already laid-out HTML); then a long document (the seed as 40 chapters)
// through the same layout engine onto as many pages as it needs, in pages per second.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/paths.js';
import { loadArticle } from '../pipeline.js';
import { launchBrowser } from '../browser/launch.js';
import { loadLayout } from '../config/layout.js';
import { renderPage } from '../page/render.js';

const SEED = path.join(PROJECT_ROOT, 'manuscript', 'ningju-gongshi');
const MAIN = path.join(PROJECT_ROOT, 'src', 'cli', 'main.ts');
const RUN = path.join(PROJECT_ROOT, 'src', 'cli', 'run.mjs');

export interface BenchOptions {
  runs?: number;
  chapters?: number;
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
async function bundle(): Promise<{ baseline: string; cleanup: () => Promise<void> }> {
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
    } finally {
      await browser.close();
    }
    // Warm-up (disk cache, scaled photo), then alternate build and baseline so both see the same machine.
    const bundled = await bundle();
    const modes = [
      // What `npm run build:pdf` runs: src/cli/run.mjs, the bundled CLI; the baseline bundled the same way.
      { name: 'npm run build:pdf (bundled CLI)', build: [RUN], base: [bundled.baseline], tsx: false },
      {
        name: 'sources through tsx (BAOBAN_NO_BUNDLE=1)',
        build: [MAIN],
        base: [path.join(PROJECT_ROOT, 'src', 'bench', 'print-baseline.ts')],
        tsx: true,
      },
    ];
    const times = modes.map(() => ({ build: [] as number[], base: [] as number[] }));
    try {
      run([MAIN, 'build:pdf', SEED, '--out', tmp]);
      for (let i = 0; i < runs; i++) {
        for (const [m, mode] of modes.entries()) {
          const b = run([...mode.build, 'build:pdf', SEED, '--out', tmp], mode.tsx);
          if (b.code !== 0) throw new Error(`build:pdf failed in the benchmark: ${b.stderr.split('\n').slice(-3).join(' ')}`);
          times[m].build.push(b.ms);
          const p = run([...mode.base, finalHtml, path.join(tmp, 'baseline.pdf')], mode.tsx);
          if (p.code !== 0) throw new Error(`baseline failed: ${p.stderr}`);
          times[m].base.push(p.ms);
        }
      }
    } finally {
      await bundled.cleanup();
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
    lines.push(
      `  inside the last build: ${Object.entries(pageFit.ms as Record<string, number>)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')}`,
    );
    process.stdout.write(lines.join('\n') + '\n');

    // The long document: the seed's body 40 times as chapters, one layout run onto as many pages as needed.
    const chapters = options.chapters ?? 40;
    const long = path.join(tmp, 'long');
    await mkdir(long, { recursive: true });
    await cp(path.join(SEED, 'images'), path.join(long, 'images'), { recursive: true });
    const seed = await readFile(path.join(SEED, 'article.md'), 'utf8');
    const [, matter, seedBody] = seed.split(/^---$/m);
    const body = Array.from({ length: chapters }, (_, i) => `## 第${i + 1}章\n\n${seedBody.trim()}\n`).join('\n');
    const doc = `---${matter}---\n\n${body}`;
    await writeFile(path.join(long, 'article.md'), doc);
    const chars = [...body.replace(/\s+/g, '')].length;
    const r = run([MAIN, 'build:pdf', long, '--out', tmp, '--pages', 'auto', '--no-preview']);
    if (r.code !== 0) throw new Error(`long document failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
    const lr = JSON.parse(await readFile(path.join(tmp, 'long', 'page.fit.json'), 'utf8'));
    const pages = lr.page.pages as number;
    const ms = lr.ms as Record<string, number>;
    const engine = ms.layout + ms.pdf;
    process.stdout.write(
      [
        `long document (${chapters} chapters, ${chars.toLocaleString('en')} characters, ${lr.frames.count} frames):`,
        `  ${pages} pages in ${f(r.ms)} end to end: ${(pages / (r.ms / 1000)).toFixed(1)} pages/s`,
        `  layout engine + print: ${f(engine)}: ${(pages / (engine / 1000)).toFixed(1)} pages/s  (${Object.entries(ms)
          .map(([k, v]) => `${k} ${v} ms`)
          .join(', ')})`,
        `  fit: ${lr.fit.status}${lr.fit.status === 'overset' ? ` ${lr.fit.oversetLines} lines` : ''}`,
      ].join('\n') + '\n',
    );
    return { ok };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
