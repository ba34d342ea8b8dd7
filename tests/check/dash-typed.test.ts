// A 破折号 typed as hyphens (tests/check/fixtures/qa/dash-typed.md): “认为--要加快”, “强调 －－ 要” printed
// two short strokes, and no check said so. Now a dash-typed warning, and --fix writes ——; a single
// - or — between names (呼和浩特-包头, a 连接号), hyphens in code, in Latin text (--help) and in an
// address are left alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/dash-typed.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-dash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a dash typed as hyphens in Chinese text', () => {
  it('is a warning in the headline and in the text, not in code, Latin text, an address or a single hyphen', () => {
    const all = checkFindings(file);
    expect(all.filter((f) => f.ruleId === 'dash-typed').map((f) => `${f.line}:${f.column} ${f.fixable}`)).toEqual([
      '2:15 true',
      '5:7 true',
    ]);
  });

  it('--fix writes —— in their place and nothing else', () => {
    const copy = fixedCopy(file, dir);
    expect(readFileSync(copy, 'utf8')).toBe(
      readFileSync(file, 'utf8')
        .replace('发展--自治区', '发展——自治区')
        .replace('认为--要', '认为——要')
        .replace('强调 －－ 要', '强调——要'),
    );
  });
});
