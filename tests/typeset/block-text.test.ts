// rewriteJoined (src/typeset/block-text.ts): replacements found in a block's joined text are
// written back into the text nodes they fall in, across node boundaries, deletions included.
import type { Text } from 'hast';
import { describe, expect, it } from 'vitest';
import { rewriteJoined } from '../../src/typeset/block-text.js';

const texts = (...values: string[]): Text[] => values.map((value) => ({ type: 'text', value }));

describe('rewriteJoined', () => {
  it('replaces and deletes at the indices of the joined text, in whichever node each falls', () => {
    const nodes = texts('党组(扩大', ')会议,', '好\n吗', '不变');
    let seen = '';
    rewriteJoined(nodes, (joined) => {
      seen = joined;
      // given out of order: the first and last characters of nodes, one in the middle, a deletion
      return new Map([
        [8, '，'],
        [2, '（'],
        [5, '）'],
        [10, ''],
        [0, '黨'],
      ]);
    });
    expect(seen).toBe('党组(扩大)会议,好\n吗不变');
    expect(nodes.map((n) => n.value)).toEqual(['黨组（扩大', '）会议，', '好吗', '不变']);
  });

  it('leaves the nodes as they are when nothing is replaced, and ignores an index outside the text', () => {
    const nodes = texts('一', '二');
    const before = nodes.map((n) => n);
    rewriteJoined(nodes, () => new Map());
    rewriteJoined(nodes, () => new Map([[5, 'x']]));
    expect(nodes).toEqual(before);
    expect(nodes.map((n) => n.value)).toEqual(['一', '二']);
  });
});
