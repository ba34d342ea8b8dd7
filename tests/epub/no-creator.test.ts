// A volume no one is named for (tests/fixtures/epub/no-creator): no chapter gives author: and the
// volume gives no creators:, so the e-book would name no dc:creator and its ONIX record say
// NoContributor, unsaid. It is a warning at the volume's first chapter; a volume whose creators:
// name someone is not warned.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const SERIES = path.join(ROOT, 'tests/fixtures/epub/no-creator/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-no-creator-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('warns of a volume that names no author, at its first chapter, and not of one with creators:', { timeout: 300_000 }, () => {
  const r = runCli(['build:epub', '--series', SERIES, '--no-validate', '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const text = r.stdout + r.stderr;
  const found = text.split('\n').filter((l) => l.includes('epub-no-creator'));
  expect(found, text).toHaveLength(1);
  expect(found[0]).toMatch(
    /^1:1\s+warning\s+Volume 1 names no author: .* ONIX record says NoContributor; add author: to the chapters, or creators: /,
  );
  expect(text).toMatch(/no-creator\/yi\.md\n1:1\s+warning\s+Volume 1 names no author/);
});
