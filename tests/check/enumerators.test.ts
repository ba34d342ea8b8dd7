// A mark after a bracketed enumerator in a government work report (tests/check/fixtures/qa/enumerators.md):
// （一）、经济运行, （1）、扩大有效投资, （三），民生 — GB/T 15834 puts no other mark after a bracketed 序次语, a
// slip carried over from 一、 that no check said. Now a doubled-punctuation warning at a block's or sentence's start;
// --fix deletes the mark; 一、 and （二） typed right, and a bracketed number inside a sentence (附表（1），), are left alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/enumerators.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-enumerators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a mark after a bracketed enumerator', () => {
  it('is a warning at the start of a heading or paragraph', () => {
    const all = checkFindings(file);
    expect(all.filter((f) => f.ruleId === 'doubled-punctuation').map((f) => `${f.line}:${f.column} ${f.fixable}`)).toEqual([
      '5:8 true',
      '9:4 true',
      '13:8 true',
    ]);
  });

  it('--fix deletes the mark and nothing else', () => {
    const copy = fixedCopy(file, dir);
    expect(readFileSync(copy, 'utf8')).toBe(
      readFileSync(file, 'utf8')
        .replace('（一）、经济', '（一）经济')
        .replace('（1）、扩大', '（1）扩大')
        .replace('（2）、提振', '（2）提振')
        .replace('（三），民生', '（三）民生'),
    );
  });
});
