// What the validators said of a volume (tests/fixtures/epub/validation-report): the console shows a
// screenful of their findings and said '… N more not shown', and the findings report beside the
// book held only the copy desk's: the rest were nowhere. The summary said '✗ 2 validation
// failure(s)' for one volume (a count of validators), naming none. Now the report ends with each
// validator's result and all of its findings, and the summary names each volume not ready and why.
// The validators ran on the book once written: a --final build replaced a good book with one they
// failed; they run before it is written now, and --final writes no book they fail.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = path.join(ROOT, 'tests/fixtures/epub/validation-report');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-validation-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const build = (out: string, env: Record<string, string> = {}) =>
  runCli(['build:epub', '--series', path.join(dir, 'series.yaml'), '--out', out], { BAOBAN_QUIET: '1', ...env });

it('writes what EPUBCheck and Ace said into the volume’s findings report', () => {
  const out = path.join(tmp, 'passed');
  const cli = build(out);
  expect(cli.code, cli.stderr).toBe(0);
  const report = readFileSync(path.join(out, 'validation-report-1.findings.txt'), 'utf8');
  expect(report.split('\n').slice(-3)).toEqual(['EPUBCheck 4.2.6 (Java): 0 errors, 0 warnings', 'Ace 1.4.6: no violations', '']);
  expect(cli.stdout).not.toMatch(/not ready/);
});

it('names the volume a validator could not check, and why, in the summary and the report', () => {
  const out = path.join(tmp, 'not-run');
  const cli = build(out, { BAOBAN_EPUBCHECK_JAR: path.join(dir, 'not-a.jar') });
  expect(cli.code).toBe(1);
  expect(cli.stdout).toMatch(/^ {2}✗ not ready for distribution: validation-report-1\.epub \(EPUBCheck did not run\)$/m);
  expect(cli.stdout).not.toMatch(/validation failure/);
  const report = readFileSync(path.join(out, 'validation-report-1.findings.txt'), 'utf8');
  expect(report).toMatch(/^EPUBCheck did not run: .*not-a\.jar/m);
  expect(report).toMatch(/^Ace 1\.4\.6: no violations$/m);
});

it('--final writes no book a validator fails or cannot check: the book there before stays, byte for byte', () => {
  const out = path.join(tmp, 'final');
  expect(build(out).code).toBe(0);
  const names = ['validation-report-1.epub', 'validation-report-1.onix.xml', 'validation-report-1.findings.txt'];
  const before = names.map((n) => readFileSync(path.join(out, n)));
  const cli = runCli(['build:epub', '--final', '--series', path.join(dir, 'series.yaml'), '--out', out], {
    BAOBAN_QUIET: '1',
    BAOBAN_EPUBCHECK_JAR: path.join(dir, 'not-a.jar'),
  });
  expect(cli.code).toBe(1);
  expect(cli.stderr).toMatch(/^✗ volume 1: EPUBCheck did not run: .*; --final writes no book that fails validation/m);
  expect(cli.stdout).toMatch(/^build:epub: 0 outputs written/m);
  expect(cli.stdout).toMatch(/^ {2}✗ 1 volume\(s\) not written: EPUBCheck or Ace failed them or could not check them \(--final\)$/m);
  expect(names.map((n) => readFileSync(path.join(out, n)))).toEqual(before);
  expect(readdirSync(out).sort()).toEqual([...names].sort());
});
