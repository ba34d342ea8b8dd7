// A story whose front matter names a layout of its own (tests/page/fixtures/edition-matter-layout:
// layout: feature-8col, on a tabloid-5col edition). An edition lays every story out on the plan's
// layout, and the story's line was passed over without a word; it is reported, at that line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-edition-matter-layout-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a story with a front matter layout of its own, in an edition', () => {
  it('is laid out on the plan’s layout, and its layout: line is reported as unused', () => {
    const r = runCli(['build:pdf', path.join(ROOT, 'tests/page/fixtures/edition-matter-layout/plan.yaml'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/edition plan: 1 page on tabloid-5col/);
    const line = r.stderr.split('\n').find((l) => l.includes('Front matter "layout'));
    expect(line).toMatch(/edition-matter-layout/);
    expect(line).toMatch(
      /^\s*4:9\s+info\s+Front matter "layout: feature-8col" is not used in an edition: every story is laid out on the plan's layout, tabloid-5col \(\S*plan\.yaml\); delete the line, or change the plan's layout/,
    );
  });
});
