// Speed figures for the copy desk (never timed tests): the seed checked in-process, and a ~1 MB
// manuscript made from the seed's paragraphs. Run: npx tsx src/check/bench.ts
// (src/cli/bench.ts can call benchCheck() beside the page and EPUB figures).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPath } from './run.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';

const SEED = path.join(DEFAULT_MANUSCRIPTS, 'ningju-gongshi', 'article.md');
// Targets on the 2-core machine: a feature checks well under a second; 1 MB in a few seconds.
const TARGET_SEED_MS = 300;
const TARGET_LARGE_MS = 5000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchCheck(runs = 5): Promise<{ ok: boolean; seedMs: number; largeMs: number; largeBytes: number }> {
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    findings = (await checkPath(SEED)).file.messages.length;
    times.push(performance.now() - t);
  }
  const seedMs = median(times);
  // A long manuscript: the seed's paragraphs, numbered so they are not all duplicates.
  const text = readFileSync(SEED, 'utf8');
  const [, matter, body] = text.split(/^---$/m);
  const paras = body.split(/\n\n+/).filter((p) => p.trim() && !p.startsWith('!'));
  const out = [`---${matter}---\n`];
  let bytes = 0;
  for (let i = 0; bytes < 1_000_000; i++) {
    const p = `${paras[i % paras.length].replace(/自治区/, `第${i}号自治区`)}\n\n`;
    out.push(p);
    bytes += Buffer.byteLength(p);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-bench-check-'));
  let largeMs = 0;
  let largeFindings = 0;
  try {
    const file = path.join(dir, 'article.md');
    await writeFile(file, out.join(''));
    const t = performance.now();
    largeFindings = (await checkPath(file)).file.messages.length;
    largeMs = performance.now() - t;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const ok = seedMs <= TARGET_SEED_MS && largeMs <= TARGET_LARGE_MS;
  process.stdout.write(
    `check: seed ${seedMs.toFixed(0)} ms median of ${runs} (target ≤ ${TARGET_SEED_MS} ms, ${findings} findings); ` +
      `${(bytes / 1e6).toFixed(2)} MB manuscript ${largeMs.toFixed(0)} ms (target ≤ ${TARGET_LARGE_MS} ms, ${largeFindings} findings)` +
      `${ok ? '' : ' — MISSED a target'}\n`,
  );
  return { ok, seedMs, largeMs, largeBytes: bytes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { ok } = await benchCheck();
  process.exitCode = ok ? 0 : 1;
}
