import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findHalfWidthPunctuation, joinLines, lineBreaks, toFullWidthPunctuation } from '../../src/core/cjk.js';

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

  it('takes each of the seven ASCII marks, and no other character (not one whose low byte is a mark)', () => {
    expect(findHalfWidthPunctuation('中,中;中:中?中!中(中)').map((c) => c.from)).toEqual([',', ';', ':', '?', '!', '(', ')']);
    // U+012C, U+FF0C, U+3A3F: codes ending in the bytes of , and ? — not marks
    expect(findHalfWidthPunctuation('中\u012C中\uFF0C中\u3A3F中')).toEqual([]);
  });

  it('is idempotent', () => {
    for (const c of cases) expect(toFullWidthPunctuation(toFullWidthPunctuation(c.in))).toBe(c.out);
  });
});

describe('soft line breaks', () => {
  it('between two CJK characters (punctuation included) are dropped with the spaces around them', () => {
    expect(joinLines('政协委员 \n 履职。\n“凝聚共识”')).toBe('政协委员履职。“凝聚共识”');
  });

  it('elsewhere are one word space', () => {
    expect(joinLines('EPUB\n3 电子书\nISBN  \n978')).toBe('EPUB 3 电子书 ISBN 978');
    expect(joinLines('第一行\r\nline two')).toBe('第一行 line two');
  });

  it('are located with the spaces they span', () => {
    expect(lineBreaks('中 \n\t文\nA')).toEqual([
      { index: 1, length: 3, betweenCjk: true },
      { index: 5, length: 1, betweenCjk: false },
    ]);
  });
});
