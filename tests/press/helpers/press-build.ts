// One press build of a fixture manuscript for a test file: `build:pdf <fixture> --no-preview` into
// a temporary folder (removed after the file's tests), with its preflight report read back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { PreflightReport } from '../../../src/press/preflight.js';
import { ROOT, runCli } from '../../helpers/cli.js';

export interface PressBuild {
  /** the folder the build wrote into (dist/ of the build) */
  out: string;
  /** the CLI run: code, stdout, stderr */
  build: ReturnType<typeof runCli>;
  /** <out>/<fixture>/page.preflight.json */
  report: PreflightReport;
}

/** Builds tests/press/fixtures/<fixture> once, before the tests of the enclosing describe or file. */
export function pressBuild(fixture: string): PressBuild {
  const out = mkdtempSync(path.join(os.tmpdir(), `baoban-${fixture}-`));
  const built = { out } as PressBuild;
  beforeAll(() => {
    built.build = runCli(['build:pdf', path.join(ROOT, 'tests/press/fixtures', fixture), '--out', out, '--no-preview']);
    built.report = JSON.parse(readFileSync(path.join(out, fixture, 'page.preflight.json'), 'utf8'));
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  return built;
}
