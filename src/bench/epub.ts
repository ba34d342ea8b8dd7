// Benchmark: a 40-chapter, ~240,000-character volume, built from manuscripts written to a temporary
// folder. Timed from reading the series file to the written EPUB + ONIX, browser launch included,
// validators excluded (they are the retailers' tools, not ours). Target: under 3 s.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { launchBrowser } from '../browser/launch.js';
import { loadArticles } from '../pipeline.js';
import { buildVolume } from '../epub/build-volume.js';
import { loadSeries } from '../config/series.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';

const CHAPTERS = 40;
const CHARS_PER_CHAPTER = 6000;

/** Deterministic pseudo-random numbers, so every run builds the same book. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Chapter texts: the seed's paragraphs, plus other characters so the font subset is realistic. */
async function writeVolume(dir: string): Promise<number> {
  const seed = await readFile(path.join(DEFAULT_MANUSCRIPTS, 'ningju-gongshi', 'article.md'), 'utf8');
  const paragraphs = seed
    .replace(/^---[\s\S]*?---/, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !/^(#|!\[|::)/.test(p));
  const random = lcg(20240120);
  const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#7a8a9a' } })
    .jpeg()
    .toBuffer();
  let total = 0;
  const chapters: string[] = [];
  for (let c = 1; c <= CHAPTERS; c++) {
    const name = `chapter-${String(c).padStart(2, '0')}`;
    await mkdir(path.join(dir, name, 'images'), { recursive: true });
    await writeFile(path.join(dir, name, 'images', 'photo.jpg'), photo);
    const body: string[] = [];
    let length = 0;
    let section = 0;
    while (length < CHARS_PER_CHAPTER) {
      if (body.length % 8 === 0) body.push(`## 第${++section}节 履职实践与经验`);
      // A real volume of this length uses ~3,500 distinct characters: draw from a pool of 3,000.
      const rare = Array.from({ length: 40 }, () => String.fromCodePoint(0x4e00 + 6 * Math.floor(random() * 3000))).join('');
      const p = `${paragraphs[Math.floor(random() * paragraphs.length)]}${rare}。`;
      body.push(p);
      length += p.length;
      if (body.length === 6) body.push('![2023年7月15日，座谈会现场。](images/photo.jpg)');
    }
    total += length;
    chapters.push(name);
    await writeFile(
      path.join(dir, name, 'article.md'),
      `---\nheadline: 第${c}章 凝聚共识的实践\nauthor: 张悦\n---\n\n${body.join('\n\n')}\n`,
    );
  }
  await writeFile(
    path.join(dir, 'series.yaml'),
    [
      'series:',
      '  name: 政协委员履职丛书',
      '  slug: bench',
      '  publisher: 内蒙古自治区政协办公厅',
      '  rights: © 2024 内蒙古自治区政协办公厅',
      '  accessibility:',
      '    summary: 本书为可重排的文字版电子书。',
      'volumes:',
      '  - number: 1',
      '    title: 基准测试卷',
      '    date: 2024-01-20',
      '    description: 四十章的基准测试卷。',
      '    chapters:',
      ...chapters.map((c) => `      - ${c}`),
      '',
    ].join('\n'),
  );
  return total;
}

export async function benchEpub(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-bench-epub-'));
  try {
    const characters = await writeVolume(dir);
    // Twice: the first run is what a fresh `npm run build:epub` pays (JIT, wasm compile); the second is steady state.
    for (const run of ['cold', 'warm']) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const browser = await launchBrowser();
      const launched = performance.now();
      let checked = 0;
      let result: Awaited<ReturnType<typeof buildVolume>> | undefined;
      try {
        const series = await loadSeries(path.join(dir, 'series.yaml'));
        result = await buildVolume(series, series.volumes[0], loadArticles(series.volumes[0].chapters), {
          outDir: path.join(dir, 'out'),
          browser,
          checked: () => void (checked = performance.now()),
        });
      } finally {
        await browser.close();
      }
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      if (!result) throw new Error('bench volume was not built');
      process.stdout.write(
        `epub (${run}): ${CHAPTERS} chapters, ${characters.toLocaleString('en')} characters, ${result.images} image file(s) for ${CHAPTERS} photos → ` +
          `${(result.bytes / 1024).toFixed(0)} KB EPUB (font subset ${(result.fontBytes / 1024).toFixed(0)} KB in ${result.fontFiles} files) ` +
          `in ${seconds.toFixed(2)} s — target < 3 s: ${seconds < 3 ? 'met' : 'MISSED'} (browser launch ${s(launched - started)}, ` +
          `read + typeset + checks ${s(checked - launched)}, chapters/images/font/cover/zip ${s(performance.now() - checked)}; ` +
          `this process used ${s((used.user + used.system) / 1000)} CPU; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; validators excluded)\n`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
