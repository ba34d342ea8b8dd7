// An output folder that is the manuscript's own folder (--out its parent: dist/<name>/ is then the
// manuscript folder), one inside it (--out the manuscript folder, or a folder in it) or one holding
// it is refused in one line before anything is written: the outputs were mixed with the
// manuscript's files, written over a page.pdf or findings.txt of its own, and photo copies were
// added to its images/. The same for an edition plan whose folder has the plan's name, and for
// build:epub writing into a chapter's folder, and for another manuscript's folder (one holding its
// article.md). A loose .md file's folder may hold an out/ beside it.
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
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(manuscript)).toEqual(before);
    });
  }

  it('one inside the manuscript folder (--out the folder itself, or out/ in it) is refused too', () => {
    for (const out of [manuscript, path.join(manuscript, 'out'), path.join(manuscript, 'images')]) {
      const r = runCli(['build:html', manuscript, '--out', out]);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n').pop()).toMatch(
        /^error: \S*plain\/article\.md: its outputs would be written into \S*plain\/\S*plain\/, inside its own folder \S*plain\/; choose another --out/,
      );
      expect(snapshot(manuscript)).toEqual(before);
    }
  });

  it('one holding the manuscript folder is refused too', () => {
    // the manuscript at <out>/plain/plain/article.md: <out>/plain/, its output folder, would hold it
    const holder = path.join(dir, 'holder');
    const inner = path.join(holder, 'plain', 'plain');
    cpSync(manuscript, inner, { recursive: true });
    const held = snapshot(holder);
    const r = runCli(['build:html', path.join(inner, 'article.md'), '--out', holder]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      /plain\/plain\/article\.md: its outputs would be written into \S*holder\/plain\/, the folder that holds it; choose another --out/,
    );
    expect(snapshot(holder)).toEqual(held);
  });

  it('a loose .md file may be built into an out/ folder beside it', () => {
    const loose = path.join(dir, 'loose');
    cpSync(manuscript, loose, { recursive: true });
    cpSync(path.join(loose, 'article.md'), path.join(loose, 'story.md'));
    const r = runCli(['build:html', path.join(loose, 'story.md'), '--out', path.join(loose, 'out')]);
    expect(r.code, r.stdout + r.stderr).not.toBe(2);
    expect(readdirSync(path.join(loose, 'out', 'story'))).toContain('article.html');
  });

  it('one that is another manuscript’s folder (story.md with --out beside the folder story/ of article.md) is refused too', () => {
    const desk = path.join(dir, 'desk');
    cpSync(manuscript, path.join(desk, 'story'), { recursive: true });
    cpSync(path.join(desk, 'story', 'article.md'), path.join(desk, 'story.md'));
    const theirs = snapshot(path.join(desk, 'story'));
    // its article.html, findings.txt and fonts/ went in among story/'s own files, its page.pdf over theirs
    const r = runCli(['build:html', path.join(desk, 'story.md'), '--out', desk]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      /story\.md: its outputs would be written into .*story\/, the folder of the manuscript .*story\/article\.md; choose another --out/,
    );
    expect(snapshot(path.join(desk, 'story'))).toEqual(theirs);
  });

  it('build:epub refuses to write its books into a chapter’s own folder', () => {
    const series = path.join(dir, 'series.yaml');
    writeFileSync(
      series,
      'series:\n  name: 测试丛书\n  slug: ceshi\n  publisher: 测试出版社\n  rights: © 2024 测试出版社\n  language: zh-CN\n' +
        '  accessibility:\n    summary: 可重排的文字版电子书。\nvolumes:\n  - number: 1\n    title: 第一卷\n    date: 2024-01-01\n' +
        '    description: 第一卷简介。\n    chapters: [plain]\n',
    );
    const r = runCli(['build:epub', '--series', series, '--out', manuscript, '--no-validate']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      /plain: its outputs would be written into its own folder \S*plain\/; choose another --out/,
    );
    expect(snapshot(manuscript)).toEqual(before);
  });

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
