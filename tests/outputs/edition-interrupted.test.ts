// An edition build stopped with Ctrl-C leaves no output folder behind, as a refused one does: the
// folder it made goes with what it holds (its photos scaled so far), and in a folder that was there
// only what the run added goes, the user's own files stay. The exit handlers do this synchronously
// (src/cli/output-folders.ts), since the build's own asynchronous cleanup never runs on a signal.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { runTree } from '../helpers/process-tree.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-interrupted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAN = path.join(ROOT, 'manuscript/editions/2024-01-19.yaml');

/** Build the sample edition into `out`; once its photos are being scaled into the plan's folder, Ctrl-C. */
async function interruptedEdition(out: string) {
  let pid = 0;
  const running = runTree(process.execPath, [path.join(ROOT, 'src/cli/run.mjs'), 'build:pdf', PLAN, '--out', out], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    timeoutMs: 180_000,
    started: (p) => (pid = p),
  });
  const images = path.join(out, '2024-01-19', 'images');
  const until = Date.now() + 120_000;
  while (!(existsSync(images) && readdirSync(images).length) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  expect(existsSync(images), 'the build scaled no photo').toBe(true);
  process.kill(pid, 'SIGINT');
  return running;
}

describe('an edition build stopped with Ctrl-C', () => {
  it('removes the output folder it made, with the photos scaled so far', { timeout: 300_000 }, async () => {
    const out = path.join(dir, 'fresh');
    const run = await interruptedEdition(out);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('interrupted (SIGINT)');
    expect(existsSync(path.join(out, '2024-01-19'))).toBe(false);
    expect(existsSync(out)).toBe(false); // --out's folder too: the run made it, and nothing else is in it
  });

  it('leaves a folder that was there as it was: the user’s files stay, what the run added goes', { timeout: 300_000 }, async () => {
    const out = path.join(dir, 'kept');
    mkdirSync(path.join(out, '2024-01-19'), { recursive: true });
    writeFileSync(path.join(out, '2024-01-19', 'notes.txt'), '版面说明\n');
    writeFileSync(path.join(out, 'other.txt'), '别的\n');
    const run = await interruptedEdition(out);
    expect(run.code, run.stderr).toBe(130);
    expect(readdirSync(path.join(out, '2024-01-19'))).toEqual(['notes.txt']);
    expect(readdirSync(out).sort()).toEqual(['2024-01-19', 'other.txt']);
  });
});
