// The console summary of an edition whose preflight fails on one page of two
// (tests/press/fixtures/edition-summary: page 1's Arabic is set in a font of the machine). It said
// "preflight FAILED (1 error(s)) on every page"; it names how many pages failed, of how many.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-edition-summary-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('an edition whose press preflight fails on one page', () => {
  it('says on how many pages of how many, and how many errors', { timeout: 300_000 }, () => {
    const r = runCli(['build:pdf', path.join(ROOT, 'tests/press/fixtures/edition-summary/plan.yaml'), '--out', out, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/press: preflight FAILED on 1 of 2 pages \(1 error\)\n/);
    expect(r.stdout + r.stderr).toMatch(/error\s+Press: text printed in \S+, a font of this machine/);
  });
});
