// page.fit.json and edition.fit.json name the manuscript, the plan and the layout relative to
// their own folder: the same file whichever folder the build is run from (they were relative to
// the working folder, so a build run elsewhere wrote other paths), and each path found again
// from the report's folder. proof.json too: its manuscript was relative to the project's folder
// and the round it compares with an absolute path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-fit-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PLAN = path.join(ROOT, 'tests/page/fixtures/edition-fit/plan.yaml');
const PAGE = path.join(ROOT, 'tests/fixtures/manuscripts/plain');

/** The CLI run from `cwd` (the project's folder, or one outside it). */
function runIn(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/run.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 180_000 });
  expect(r.status, r.stderr).not.toBe(2);
  return r;
}

describe('the paths in the fit reports', () => {
  it('page.fit.json: the same from the project and from another folder, relative to its own folder', () => {
    const fits = [ROOT, os.tmpdir()].map((cwd, i) => {
      const out = path.join(dir, `page-${i}`);
      runIn(cwd, ['build:pdf', PAGE, '--out', out, '--no-preview']);
      const folder = path.join(out, 'plain');
      return { folder, fit: JSON.parse(readFileSync(path.join(folder, 'page.fit.json'), 'utf8')) };
    });
    const [a, b] = fits.map(({ fit }) => ({ manuscript: fit.manuscript, layout: fit.layout }));
    expect(b).toEqual(a);
    for (const { folder, fit } of fits) {
      expect(path.resolve(folder, fit.manuscript)).toBe(path.join(PAGE, 'article.md'));
      expect(existsSync(path.resolve(folder, fit.layout.file))).toBe(true);
    }
  }, 240_000);

  it('proof.json: the manuscript and the round compared with, relative to its own folder', () => {
    const proofs = [ROOT, os.tmpdir()].map((cwd, i) => {
      const out = path.join(dir, `proof-${i}`);
      for (let round = 1; round <= 2; round++) runIn(cwd, ['build:proof', PAGE, '--out', out, '--no-preview']);
      const folder = path.join(out, 'plain');
      return { folder, proof: JSON.parse(readFileSync(path.join(folder, 'proof.json'), 'utf8')) };
    });
    expect(proofs[1].proof.manuscript).toBe(proofs[0].proof.manuscript);
    for (const { folder, proof } of proofs) {
      expect(proof.round).toBe(2);
      expect(path.resolve(folder, proof.manuscript)).toBe(path.join(PAGE, 'article.md'));
      expect(proof.against.file).toBe('proof-r1.pdf');
      expect(existsSync(path.resolve(folder, proof.against.file))).toBe(true);
    }
  }, 240_000);

  it('edition.fit.json: the plan, the layout and every story’s manuscripts, relative to its own folder', () => {
    const fits = [ROOT, os.tmpdir()].map((cwd, i) => {
      const out = path.join(dir, `edition-${i}`);
      runIn(cwd, ['build:pdf', PLAN, '--out', out, '--no-preview']);
      const folder = path.join(out, 'plan');
      return { folder, fit: JSON.parse(readFileSync(path.join(folder, 'edition.fit.json'), 'utf8')) };
    });
    const paths = (fit: { plan: string; layout: { file: string }; stories: Array<{ manuscripts: string[] }> }) => ({
      plan: fit.plan,
      layout: fit.layout.file,
      manuscripts: fit.stories.map((s) => s.manuscripts),
    });
    expect(paths(fits[1].fit)).toEqual(paths(fits[0].fit));
    for (const { folder, fit } of fits) {
      expect(path.resolve(folder, fit.plan)).toBe(PLAN);
      expect(existsSync(path.resolve(folder, fit.layout.file))).toBe(true);
      const stories = fit.stories.flatMap((s: { manuscripts: string[] }) => s.manuscripts);
      expect(stories.length).toBeGreaterThan(0);
      for (const m of stories) expect(existsSync(path.resolve(folder, m)), m).toBe(true);
    }
  }, 240_000);
});
