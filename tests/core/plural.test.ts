import { describe, expect, it } from 'vitest';
import { count } from '../../src/core/plural.js';
import { fitLine } from '../../src/page/write-page.js';

describe('count', () => {
  it('gives the noun in the number it takes', () => {
    expect(count(1, 'line')).toBe('1 line');
    expect(count(0, 'line')).toBe('0 lines');
    expect(count(3, 'empty line')).toBe('3 empty lines');
    expect(count(2, 'child', 'children')).toBe('2 children');
  });

  it('the page summary says one line as one line', () => {
    const base = { oversetLines: 0, oversetChars: 0, undersetLines: 0, gapLines: 0, firstWords: '' };
    expect(fitLine({ ...base, status: 'underset', undersetLines: 1 } as Parameters<typeof fitLine>[0])).toBe(
      'underset: 1 empty line remains',
    );
    expect(
      fitLine({ ...base, status: 'overset', oversetLines: 1, oversetChars: 1, firstWords: '字' } as Parameters<typeof fitLine>[0]),
    ).toBe('OVERSET 1 line, 1 character did not fit — first words “字”');
  });
});
