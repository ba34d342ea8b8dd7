// An edition's pages are laid out in one tab per worker, each tab showing one page after another
// (src/page/edition.ts, PageTab): fonts declared by earlier pages stay loaded, everything else of
// the page before goes. Nothing of an earlier page may change a later one: the sample edition
// built one page at a time (one tab: page 2 laid out where page 1 was, in a browser of one process)
// comes out exactly as built two at a time (each page the first in its tab, a renderer per tab).
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCliAsync, ROOT } from '../helpers/cli.js';
import { expectSameEdition } from './helpers/edition.js';

const SAMPLE = path.join(ROOT, 'manuscript/editions/2024-01-19.yaml');
let out: string | undefined;

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('an edition whose pages share a tab', () => {
  it('gives the same pages, previews and report as pages each the first in its tab', async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'baoban-tabs-'));
    const fresh = await runCliAsync(['build:pdf', SAMPLE, '--concurrency', '2', '--out', path.join(out, 'fresh')]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout + fresh.stderr).toMatch(/2 pages at a time/);
    const shared = await runCliAsync(['build:pdf', SAMPLE, '--concurrency', '1', '--out', path.join(out, 'shared')]);
    expect(shared.code, shared.stderr).toBe(0);
    expect(shared.stdout + shared.stderr).toMatch(/, 1 page at a time/);
    await expectSameEdition(path.join(out, 'fresh', '2024-01-19'), path.join(out, 'shared', '2024-01-19'), [1, 2]);
  }, 240_000);
});
