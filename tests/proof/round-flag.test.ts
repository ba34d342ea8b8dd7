// --round with a number past what JavaScript holds exactly (99999999999999999999) was taken as
// 100000000000000000000: build:proof wrote proof-r100000000000000000000.pdf, 第100000000000000000000校,
// whose data every later round (--against) and proof:notes then refused ("round: Too big"). It is
// refused in one line before anything is built, and so is a round not written in digits.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-round-flag-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('build:proof --round', () => {
  for (const round of ['99999999999999999999', '1e3']) {
    it(`refuses ${round} in one line (exit 2), nothing written`, () => {
      const dist = path.join(out, round);
      const r = runCli([
        'build:proof',
        path.join(ROOT, 'tests/fixtures/manuscripts/plain'),
        '--round',
        round,
        '--out',
        dist,
        '--no-preview',
      ]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n').pop()).toBe(
        `error: --round must be a whole number of at least 1 (in digits, at most 9007199254740991), not "${round}"`,
      );
      expect(existsSync(dist)).toBe(false);
    });
  }
});
