// Two manuscripts whose outputs would share one folder (tests/fixtures/manuscripts/same-name:
// a/xiaoxi.md and b/xiaoxi.md, both <out>/xiaoxi/), given to one build: refused in one line before
// anything is written. Each folder was claimed only when its manuscript's turn came, so the first
// manuscript's page (or article.html, or proof) was written, and then the run ended in the error,
// exit 2, with no word that anything stood in the output folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-same-name-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const a = path.join(ROOT, 'tests/fixtures/manuscripts/same-name/a/xiaoxi.md');
const b = path.join(ROOT, 'tests/fixtures/manuscripts/same-name/b/xiaoxi.md');

describe('two manuscripts that would share one output folder', () => {
  for (const command of ['build:html', 'build:pdf', 'build:proof']) {
    it(`${command} refuses them in one line (exit 2) and writes nothing`, () => {
      const out = path.join(dir, command.replace(':', '-'));
      const r = runCli([command, a, b, '--out', out]);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n').pop()).toMatch(
        /^error: \S*b\/xiaoxi\.md and \S*a\/xiaoxi\.md would both be written to \S*\/xiaoxi\/; rename one of them, or build them one at a time with --out$/,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out), `${out} was made`).toBe(false);
    });
  }
});
