// A copy-desk fixture run as an editor runs it: `check --format json` (its findings, and never a
// stack trace) and `check --fix` on a copy of it.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';

export interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
  severity: string;
  fixable: boolean;
}

/** The findings `check --format json` gives for `file`; the run printed no stack trace. */
export function checkFindings(file: string): Finding[] {
  const r = runCli(['check', file, '--format', 'json']);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return JSON.parse(r.stdout);
}

/** A copy of `file` in `dir`, after `check --fix`: its path. */
export function fixedCopy(file: string, dir: string): string {
  const copy = path.join(dir, path.basename(file));
  copyFileSync(file, copy);
  runCli(['check', copy, '--fix']);
  return copy;
}
