// `npm run bench`, edition part: a generated 16-page broadsheet edition (40 stories filling their
// modules, about 156,000 characters of the seed's text, a photo on every other page, one jump) built as a user builds it
// (the bundled CLI, a fresh process, every page laid out, printed, pressed and previewed), against
// the same browser printing the same text as plain A4 HTML (a fresh process too), alternately.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { toString } from 'hast-util-to-string';
import { PROJECT_ROOT } from '../core/paths.js';
import { loadArticle } from '../pipeline.js';
import { childrenCpuMs } from './measure.js';
import { plainA4, writePlainA4Cut } from './plain-a4.js';

const SEED = path.join(PROJECT_ROOT, 'manuscript', 'ningju-gongshi');
const RUN = path.join(PROJECT_ROOT, 'src', 'cli', 'run.mjs');

interface Module {
  columns: [number, number];
  top: number;
  lines: number;
  photo?: { columns: [number, number]; top: number; lines: number };
  continue?: { page: number; columns: [number, number]; top: number; lines: number };
}

/**
 * The pages' modules on the 8 × 120 grid of feature-8col: odd pages a lead across the page with a
 * photo and two stories below it, even pages two tall stories; page 1's lead continues on page 2.
 */
function pageModules(page: number): Module[] {
  if (page % 2 === 1)
    return [
      {
        columns: [1, 8],
        top: 1,
        lines: 50,
        photo: { columns: [1, 4], top: 10, lines: 30 },
        ...(page === 1 ? { continue: { page: 2, columns: [6, 8], top: 1, lines: 30 } } : {}),
      },
      { columns: [1, 4], top: 51, lines: 70 },
      { columns: [5, 8], top: 51, lines: 70 },
    ];
  if (page === 2)
    return [
      { columns: [1, 5], top: 1, lines: 120 },
      { columns: [6, 8], top: 31, lines: 90 },
    ];
  return [
    { columns: [1, 5], top: 1, lines: 120 },
    { columns: [6, 8], top: 1, lines: 120 },
  ];
}

/**
 * Characters of body text a module holds, about: 10.9 a grid cell (a column's line; 13 characters
 * wide, less paragraph ends, 小标题 and the story's headline block), less its photo's cells and a
 * full-width headline's extra depth, plus its continuation's cells. Measured on this layout: the
 * stories fill their modules, few lines short (the automatic fit takes up the slack) or over.
 */
function capacity(m: Module): number {
  const cells = (b: { columns: [number, number]; lines: number }) => (b.columns[1] - b.columns[0] + 1) * b.lines;
  const cols = m.columns[1] - m.columns[0] + 1;
  const wideHead = cols >= 6 ? cols * 6 : 0;
  return (cells(m) - (m.photo ? cells(m.photo) : 0) - wideHead + (m.continue ? cells(m.continue) - 3 * cols : 0)) * 10.9;
}

/** Write the edition: a plan and one manuscript per story, the seed's paragraphs in turn, each module filled. */
async function generate(dir: string, pages: number): Promise<{ plan: string; stories: string[] }> {
  const seed = await readFile(path.join(SEED, 'article.md'), 'utf8');
  const paragraphs = seed
    .split(/^---$/m)[2]
    .split(/\n\n+/)
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith('!') && !p.startsWith('::') && !p.startsWith('#'));
  const heads = [...seed.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
  const layout = Array.from({ length: pages }, (_, i) => pageModules(i + 1));
  let next = 0;
  const stories: string[] = [];
  const planPages: string[] = [];
  for (const [i, modules] of layout.entries()) {
    const lines = [`  - page: ${i + 1}`, `    section: 第${i + 1}版`, '    stories:'];
    for (const [j, m] of modules.entries()) {
      const name = `p${i + 1}-${j + 1}`;
      const want = capacity(m);
      const body: string[] = [];
      let have = 0;
      // Whole paragraphs while they fit (a 小标题 before every eighth), …
      while (have + paragraphs[next % paragraphs.length].length <= want) {
        if (body.length % 8 === 7) body.push(`## ${heads[next % heads.length]}`);
        const p = paragraphs[next++ % paragraphs.length];
        body.push(p);
        have += p.length;
      }
      // and the next one's beginning, up to what the module holds
      const rest = [...paragraphs[next++ % paragraphs.length].replace(/\*/g, '')].slice(0, Math.max(0, want - have - 1)).join('');
      if (rest) body.push(`${rest}。`);
      const photo = m.photo ? `\n\n![第${i + 1}版图片说明：2023年7月15日，座谈会召开。](images/photo-1.standin.jpg)` : '';
      const md = `---\nheadline: 第${i + 1}版第${j + 1}篇 凝聚共识\nsubheadline: ——自治区政协2023年度凝聚共识工作回眸\nauthor: 张悦\n---${photo}\n\n${body.join('\n\n')}\n`;
      await mkdir(path.join(dir, name), { recursive: true });
      await writeFile(path.join(dir, name, 'article.md'), md);
      if (m.photo) await cp(path.join(SEED, 'images'), path.join(dir, name, 'images'), { recursive: true });
      stories.push(path.join(dir, name, 'article.md'));
      const box = (b: { columns: [number, number]; top: number; lines: number }) =>
        `{ columns: [${b.columns.join(', ')}], top: ${b.top}, lines: ${b.lines} }`;
      lines.push(
        `      - manuscript: ${name}`,
        `        columns: [${m.columns.join(', ')}]`,
        `        top: ${m.top}`,
        `        lines: ${m.lines}`,
        ...(m.photo ? [`        photos: [${box(m.photo)}]`] : []),
        ...(m.continue ? [`        continue: { page: ${m.continue.page}, ${box(m.continue).slice(2)}`] : []),
      );
    }
    planPages.push(lines.join('\n'));
  }
  const plan = path.join(dir, 'bench-edition.yaml');
  await writeFile(plan, `paper: 内蒙古日报\ndate: 2024年1月19日\nlayout: feature-8col\npages:\n${planPages.join('\n')}\n`);
  return { plan, stories };
}

/** A fresh process: its wall time, and the CPU time of it and every process it started (the browser's too). */
function run(args: string[]): { ms: number; cpuMs: number; code: number | null; stderr: string } {
  const cpu = childrenCpuMs();
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, BAOBAN_QUIET: '1' } });
  return { ms: performance.now() - t, cpuMs: childrenCpuMs() - cpu, code: r.status, stderr: r.stderr };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The edition build against its baseline; `baseline` is the bundled print-baseline script. */
export async function benchEdition(baseline: string, runs = 3, pages = 16): Promise<{ ok: boolean }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-bench-edition-'));
  try {
    const { plan, stories } = await generate(path.join(tmp, 'editions'), pages);
    const articles = await Promise.all(stories.map((s) => loadArticle(s, { check: false })));
    // The stories' characters (headlines, text and captions, no spaces), as the A4 baseline prints them too.
    const written = articles.reduce((n, a) => n + [...toString(a.hast).replace(/\s+/g, '')].length, 0);
    const a4 = path.join(tmp, 'a4', 'edition.html');
    await mkdir(path.dirname(a4), { recursive: true });
    await writeFile(a4, plainA4(articles));
    // For comparison: the same A4 document in the fonts the build cuts for its pages.
    const a4Cut = path.join(tmp, 'a4-cut', 'edition.html');
    await mkdir(path.dirname(a4Cut), { recursive: true });
    await writePlainA4Cut(articles, a4Cut);
    const out = path.join(tmp, 'out');
    const warm = run([RUN, 'build:pdf', plan, '--out', out]); // the photos scaled and pressed once, as on a second build
    if (warm.code !== 0) throw new Error(`the edition failed in the benchmark: ${warm.stderr.split('\n').slice(-4).join(' ')}`);
    const build: number[] = [];
    const print: number[] = [];
    const buildCpu: number[] = [];
    const printCpu: number[] = [];
    const printCut: number[] = [];
    for (let i = 0; i < runs; i++) {
      const b = run([RUN, 'build:pdf', plan, '--out', out]);
      if (b.code !== 0) throw new Error(`the edition failed in the benchmark: ${b.stderr.split('\n').slice(-4).join(' ')}`);
      build.push(b.ms);
      buildCpu.push(b.cpuMs);
      const p = run([baseline, a4, path.join(tmp, 'a4', 'edition.pdf')]);
      if (p.code !== 0) throw new Error(`plain A4 baseline failed: ${p.stderr}`);
      print.push(p.ms);
      printCpu.push(p.cpuMs);
      const c = run([baseline, a4Cut, path.join(tmp, 'a4-cut', 'edition.pdf')]);
      if (c.code !== 0) throw new Error(`plain A4 baseline (cut fonts) failed: ${c.stderr}`);
      printCut.push(c.ms);
    }
    const a4Pages = (await PDFDocument.load(await readFile(path.join(tmp, 'a4', 'edition.pdf')), { updateMetadata: false })).getPageCount();
    const fit = JSON.parse(await readFile(path.join(out, 'bench-edition', 'edition.fit.json'), 'utf8'));
    const sb = stats(build);
    const sp = stats(print);
    const ratio = sb.median / sp.median;
    const perPage = (key: string) => stats(fit.pages.map((p: { ms: Record<string, number> }) => p.ms[key] ?? 0)).median;
    const fits: Array<{ status: string; oversetChars: number; undersetLines: number }> = fit.stories.map((s: { fit: unknown }) => s.fit);
    const overset = fits.filter((s) => s.status === 'overset');
    const underset = fits.filter((s) => s.status === 'underset');
    process.stdout.write(
      [
        `edition (${pages} broadsheet pages, ${stories.length} stories, ${written.toLocaleString('en')} characters, a photo on every other ` +
          `page, one jump; ${runs} runs each after a first build, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores):`,
        `  npm run build:pdf -- plan.yaml: median ${f(sb.median)} (min ${f(sb.min)}, max ${f(sb.max)}) end to end, ` +
          `${(pages / (sb.median / 1000)).toFixed(2)} pages/s (every page laid out, printed, pressed as PDF/X and previewed; edition.pdf, edition.fit.json)`,
        `  baseline: the same browser printing the same text as plain A4 HTML, nothing else: median ${f(sp.median)} ` +
          `(min ${f(sp.min)}), ${a4Pages} A4 pages, in the font packages' web slices as published`,
        `  the same A4 document in the fonts the build cuts for its pages (fonts/print-fonts.ts): median ${f(stats(printCut).median)}, ` +
          `ratio ${(sb.median / stats(printCut).median).toFixed(2)} × (for comparison; the target is against the baseline above)`,
        `  ratio ${ratio.toFixed(2)} × baseline (target ≤ 3: ${ratio <= 3 ? 'met' : 'MISSED'}); CPU time (the process and its browser): ` +
          `${f(stats(buildCpu).median)} against ${f(stats(printCpu).median)}, ${(stats(buildCpu).median / stats(printCpu).median).toFixed(2)} × ` +
          '(a busy machine moves it less than the wall time)',
        `  stories: ${overset.length} overset ` +
          `(${overset.reduce((n, s) => n + s.oversetChars, 0)} characters), ${underset.length} underset ` +
          `(${underset.reduce((n, s) => n + s.undersetLines, 0)} lines), ${fits.length - overset.length - underset.length} fit`,
        `  per page (median of the last build): load ${perPage('load')} ms, layout ${perPage('layout')} ms, pdf ${perPage('pdf')} ms, ` +
          `png ${perPage('png')} ms, press ${perPage('press')} ms, preflight ${perPage('preflight')} ms; ${fit.ms.total} ms inside the edition build`,
      ].join('\n') + '\n',
    );
    return { ok: ratio <= 3 };
  } finally {
    if (!process.env.BAOBAN_KEEP_BENCH) await rm(tmp, { recursive: true, force: true });
  }
}
