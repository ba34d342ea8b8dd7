// A table of more columns than a text column holds (tests/page/fixtures/wide-table): the frame
// clipped its right-hand columns and nothing said so. Now it is an error at the table's line,
// with the page and column, and a press build (--final) refuses it; a table that fits is not reported.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/wide-table');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-wide-table-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a table wider than its column', () => {
  it('is an error at its line, with its page and column; the table that fits is not reported', { timeout: 300_000 }, () => {
    const r = runCli(['build:pdf', FIX, '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const said = r.stdout + r.stderr;
    const line =
      readFileSync(path.join(FIX, 'article.md'), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('| 列0')) + 1;
    expect(said).toMatch(
      new RegExp(
        `${line}:1\\s+error\\s+A block wider than its column is cut at the column's edge \\(page 1, column 1\\): “列0 列1.*page-block-too-wide`,
      ),
    );
    expect(said.match(/page-block-too-wide/g)).toHaveLength(1);
  });

  it('stops a press build (--final), which writes nothing', { timeout: 300_000 }, () => {
    const out = path.join(tmp, 'final');
    const r = runCli(['build:pdf', FIX, '--out', out, '--no-preview', '--final']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/1 error\(s\) remain; --final writes nothing/);
    expect(existsSync(out)).toBe(false);
  });
});
