// Chapters that hold no manuscript (tests/fixtures/epub/chapters-not-manuscripts): a folder of notes
// and a Word file named as chapters of volume 2. The build stopped at the first of them, in a line
// naming no place of series.yaml, after volume 1 was built and written; now each is told at its
// line of series.yaml, all at once, before any volume is built (exit 2, nothing written).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = path.join(ROOT, 'tests/fixtures/epub/chapters-not-manuscripts');
const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'baoban-not-manuscripts-')), 'epub');
afterAll(() => rmSync(path.dirname(out), { recursive: true, force: true }));

it('tells every chapter that holds no manuscript at its series.yaml line, before any volume is built', () => {
  const cli = runCli(['build:epub', '--series', path.join(dir, 'series.yaml'), '--out', out, '--no-validate'], { BAOBAN_QUIET: '1' });
  expect(cli.code, cli.stderr).toBe(2);
  expect(cli.stderr).not.toMatch(/^\s+at /m);
  const lines = cli.stderr
    .trim()
    .split('\n')
    .map((l) => l.replaceAll(path.relative(ROOT, dir), '<dir>'));
  expect(lines).toEqual([
    'error: 2 problems in the configuration:',
    '<dir>/series.yaml:24:9: volumes[1].chapters[1]: chapter "notes" (volume 2): no manuscript in this folder: a manuscript is a folder holding article.md (or other *.md files), or a .md file named itself; it holds draft.txt: rename the manuscript to article.md, or name the file',
    '<dir>/series.yaml:25:9: volumes[1].chapters[2]: chapter "第三章.docx" (volume 2): not a manuscript: expected a markdown manuscript (a .md file) or a folder holding article.md or *.md',
  ]);
  expect(cli.stdout).not.toMatch(/not-manuscripts-1\.epub/);
  expect(existsSync(out)).toBe(false);
});
