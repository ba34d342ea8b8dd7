// An edition's pages are laid out while its later stories are still being typeset (src/cli/
// build-edition.ts): a manuscript that is refused late (the last story of the sample edition,
// nested past the limit) stops the build with its own error at its line and column, exit 2, no
// stack trace, and nothing written: the pages already under way finish before the output folder
// is cleaned up, so none of their files (the photos' press copies) is left behind.
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync, ROOT } from '../helpers/cli.js';

let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('an edition with a manuscript refused while its first pages are laid out', () => {
  it('stops with that manuscript’s error, exits 2 and writes nothing', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-refused-'));
    await cp(path.join(ROOT, 'manuscript/editions'), path.join(dir, 'editions'), { recursive: true });
    // the plan's last story (page 2): its manuscript ends in quotes nested 40 deep
    await appendFile(path.join(dir, 'editions/2024-01-19/beijiang/article.md'), `\n\n${'>'.repeat(40)} 太深\n`);
    const out = path.join(dir, 'out');
    const cli = await runCliAsync(['build:pdf', path.join(dir, 'editions/2024-01-19.yaml'), '--out', out]);
    expect(cli.code, cli.stderr).toBe(2);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(cli.stderr).toMatch(/beijiang\/article\.md:\d+:33: .*nested 33 deep.*\(nesting-too-deep\)/);
    expect(existsSync(path.join(out, '2024-01-19'))).toBe(false);
  }, 240_000);
});
