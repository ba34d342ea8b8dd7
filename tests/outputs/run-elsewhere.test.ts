// A user may run the CLI from the manuscript's own folder (`node /path/to/baoban/src/cli/run.mjs
// build:epub …`), and the first command of a fresh clone makes the CLI's bundle: it must resolve
// the project's packages from the project, not from the folder the command was run in.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'baoban-elsewhere-'));
// A fresh bundle of this test's own (the project's may already be made); inside the project, where
// the packages it leaves outside are found.
const cache = path.join(ROOT, 'node_modules/.cache', `baoban-cli-elsewhere-${process.pid}`);
afterAll(async () => {
  await rm(elsewhere, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

it('builds its bundle and runs a command from a folder outside the project', () => {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/run.mjs'), 'build:epub', '--help'], {
    cwd: elsewhere,
    encoding: 'utf8',
    env: { ...process.env, BAOBAN_CLI_CACHE: cache },
    timeout: 120_000,
  });
  expect(result.stderr).not.toMatch(/Could not resolve|ERROR/);
  expect(result.stdout).toContain('npm run build:epub');
  expect(result.status).toBe(0);
});
