// A line with no Han character (tests/page/fixtures/latin-spread): the rest of a long word broken
// at the column's edge was justified across the whole column, “d o c i o u s”, and the line checks,
// which measured looseness on Han characters only, called it 0 em; so was “d o c i o u s 与”, the
// one Han character ending the line (no space after it to show the spread). English that is set
// normally, codes and numbers are not loose.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/latin-spread');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-latin-spread-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a line of Latin letters spread across the column', () => {
  it('is a loose line at its paragraph, with how loose it is; no other line is', { timeout: 300_000 }, () => {
    const r = runCli(['build:pdf', FIX, '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const fit = JSON.parse(readFileSync(path.join(tmp, 'latin-spread', 'page.fit.json'), 'utf8'));
    expect(fit.lines.loose.map((l: { text: string; line: number }) => [l.line, l.text])).toEqual([
      [6, 'docious'],
      [10, 'docious与'],
    ]);
    expect(fit.lines.loose[0].loose).toBeGreaterThan(1);
    expect(fit.lines.loose[1].loose).toBeGreaterThan(0.5);
    expect(r.stdout + r.stderr).toMatch(
      /6:1\s+warning\s+Loose line: \d+\.\d+ em between characters in “docious” \(page 1, column 1\)\s+page-loose-line/,
    );
  });
});
