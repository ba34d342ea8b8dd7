// An output folder that is the manuscript's own folder (--out its parent: dist/<name>/ is then the
// manuscript folder) is refused in one line before anything is written: the outputs were mixed
// with the manuscript's files, written over a page.pdf or findings.txt of its own, and photo copies
// were added to its images/. The same for an edition plan whose folder has the plan's name.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-own-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file below `folder` with its bytes, to see that nothing changed. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder, { recursive: true }) as string[]) {
    const file = path.join(folder, name);
    files[name] = statSync(file).isFile() ? readFileSync(file, 'base64') : 'folder';
  }
  return files;
}

describe('an output folder that is the manuscript folder itself', () => {
  const manuscript = path.join(dir, 'plain');
  cpSync(path.join(ROOT, 'tests/fixtures/manuscripts/plain'), manuscript, { recursive: true });
  // the author's own files of those names, which a build would have written over
  writeFileSync(path.join(manuscript, 'page.pdf'), 'the reporter’s reference page');
  writeFileSync(path.join(manuscript, 'findings.txt'), 'the desk’s notes');
  const before = snapshot(manuscript);

  for (const command of ['build:html', 'build:pdf', 'build:proof']) {
    it(`${command} refuses it in one line (exit 2) and changes nothing there`, () => {
      const r = runCli([command, manuscript, '--out', dir]);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      // (after the progress lines) the one line saying why
      expect(r.stderr.trim().split('\n').pop()).toMatch(
        /^error: \S*plain\/article\.md: its outputs would be written into its own folder \S*plain\/; choose another --out/,
      );
      expect(snapshot(manuscript)).toEqual(before);
    });
  }

  it('build:pdf of an edition plan in a folder of its own name refuses it too', () => {
    const folder = path.join(dir, 'crowd');
    cpSync(path.join(ROOT, 'tests/fixtures/hostile/plan-crowded-page'), folder, { recursive: true });
    cpSync(path.join(folder, 'plan.yaml'), path.join(folder, 'crowd.yaml'));
    const plan = snapshot(folder);
    const r = runCli(['build:pdf', path.join(folder, 'crowd.yaml'), '--out', dir]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/crowd\.yaml: its outputs would be written into its own folder \S*crowd\/; choose another --out/);
    expect(snapshot(folder)).toEqual(plan);
  });
});
