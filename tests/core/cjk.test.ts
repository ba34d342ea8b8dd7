import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findHalfWidthPunctuation, toFullWidthPunctuation } from '../../src/core/cjk.js';

const cases = parse(readFileSync(new URL('../fixtures/typeset/punctuation.yaml', import.meta.url), 'utf8')) as Array<{
  name: string;
  in: string;
  out: string;
}>;

describe('half-width punctuation in Chinese context', () => {
  it.each(cases)('$name', ({ in: input, out }) => {
    expect(toFullWidthPunctuation(input)).toBe(out);
  });

  it('reports the index of each mark it would change', () => {
    const changes = findHalfWidthPunctuation('党组(扩大)会议,好');
    expect(changes).toEqual([
      { index: 2, from: '(', to: '（' },
      { index: 5, from: ')', to: '）' },
      { index: 8, from: ',', to: '，' },
    ]);
  });

  it('is idempotent', () => {
    for (const c of cases) expect(toFullWidthPunctuation(toFullWidthPunctuation(c.in))).toBe(c.out);
  });
});
