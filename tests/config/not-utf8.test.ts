// A config saved as GB18030 (GBK), as Windows editors in China save (tests/fixtures/config/not-utf8):
// read as UTF-8, every Chinese character became U+FFFD, and build:epub wrote a book titled ���� by
// ���� (exit 0, no finding), build:pdf a 报眉 naming the paper ����. It is refused at its first byte
// that is not UTF-8, in one line saying to save it as UTF-8, and nothing is written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'tests/fixtures/config/not-utf8');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-not-utf8-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const SAVE = 'save it as UTF-8 (in the editor\'s "Save as", the encoding UTF-8)';

describe('a config file saved as GB18030', () => {
  it('series.yaml: build:epub refuses it at its first Chinese character, nothing written', () => {
    const dist = path.join(out, 'epub');
    const r = runCli(['build:epub', '--series', path.join(DIR, 'series.yaml'), '--out', dist, '--no-validate']);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(
      new RegExp(
        `series\\.yaml:1:3: is not UTF-8 here \\(byte 0xD5: a file saved as GB18030/GBK, .*\\); ${SAVE.replace(/[().]/g, '\\$&')}$`,
      ),
    );
    expect(existsSync(dist)).toBe(false);
  });

  it('an edition plan: build:pdf refuses it at the paper’s name, nothing written', () => {
    const dist = path.join(out, 'pdf');
    const r = runCli(['build:pdf', path.join(DIR, 'plan.yaml'), '--out', dist]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n').pop()).toMatch(/plan\.yaml:1:8: is not UTF-8 here \(byte 0xC4: /);
    expect(existsSync(dist)).toBe(false);
  });
});
