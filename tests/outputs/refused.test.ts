// A refused build leaves no folder behind: --final with errors remaining, an overset page or
// edition story, or a build stopped by bad input (exit 2) removes the output folder it made (and
// the --out folder, when the run made it); an output folder that was there before is left exactly
// as it was.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-refused-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FIX = path.join(ROOT, 'tests/page/fixtures');
const TWO_COLUMNS = path.join(FIX, 'layouts/two-columns.yaml');

/** A manuscript with errors (placeholders, a control character): --final refuses it. */
const hidden = path.join(tmp, 'hidden');
cpSync(path.join(ROOT, 'tests/fixtures/hostile/matter-hidden'), hidden, { recursive: true });
rmSync(path.join(hidden, 'case.yaml'));

/** Every file below `dir` with its bytes, for "left exactly as it was". */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((rel) => {
        const full = path.join(dir, rel);
        return [rel, statSync(full).isDirectory() ? '(folder)' : readFileSync(full, 'base64')];
      }),
  );
}

describe('a refused build leaves no folder behind', () => {
  it('build:pdf --final with errors remaining makes neither the output folder nor --out', { timeout: 300_000 }, () => {
    const out = path.join(tmp, 'errors', 'out');
    const r = runCli(['build:pdf', hidden, '--out', out, '--final', '--no-preview']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/error\(s\) remain; --final writes nothing/);
    expect(existsSync(path.join(tmp, 'errors')), 'the --out folder and its parent were made').toBe(false);
  });

  it('build:pdf --final of an overset page leaves the output folder that was there as it was, and makes no other', {
    timeout: 300_000,
  }, () => {
    const out = path.join(tmp, 'overset');
    // An earlier draft build's folder; another manuscript is refused first in the same run.
    mkdirSync(path.join(out, 'overflow'), { recursive: true });
    writeFileSync(path.join(out, 'overflow', 'notes.txt'), 'the editor’s own file\n');
    const before = snapshot(out);
    const r = runCli(['build:pdf', hidden, path.join(FIX, 'overflow'), '--layout', TWO_COLUMNS, '--out', out, '--final', '--no-preview']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/overflow\/article\.md: overset; --final writes nothing/);
    expect(r.stderr).toMatch(/hidden.*error\(s\) remain; --final writes nothing/);
    expect(snapshot(out)).toEqual(before);
  });

  it('build:pdf --final of an edition plan with an overset story makes no folder', { timeout: 300_000 }, () => {
    const out = path.join(tmp, 'edition');
    const r = runCli(['build:pdf', path.join(FIX, 'edition-fit/plan.yaml'), '--out', out, '--final', '--no-preview']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/overset stories, press errors or page errors; --final writes nothing/);
    expect(existsSync(out), existsSync(out) ? readdirSync(out, { recursive: true }).join(', ') : '').toBe(false);
  });

  it('build:proof stopped by bad input (exit 2) leaves no folder, nor does build:proof --final', { timeout: 300_000 }, () => {
    const out = path.join(tmp, 'proof');
    const against = runCli(['build:proof', path.join(FIX, 'photos'), '--against', path.join(tmp, 'nothing.pdf'), '--out', out]);
    expect(against.code, against.stderr).toBe(2);
    expect(against.stderr).toMatch(/--against .*nothing\.pdf: no such file/);
    const final = runCli(['build:proof', path.join(FIX, 'photos'), '--out', out, '--final']);
    expect(final.code).toBe(2);
    expect(existsSync(out), existsSync(out) ? readdirSync(out, { recursive: true }).join(', ') : '').toBe(false);
  });
});
