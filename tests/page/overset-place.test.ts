// Where an overset finding points (src/page/findings.ts wordsAt): at the first overset words as the
// manuscript writes them, from their block's line on; a shorter run of their letters when the
// source breaks the line or marks up a word inside the run; the block's line when nothing matches.
import { describe, expect, it } from 'vitest';
import { wordsAt } from '../../src/page/findings.js';

const source = ['# 标题', '', '第一段文字在这里，然后一直写下去', '还有第二行，**自治区**政协召开会议。', ''].join('\n');

describe('wordsAt', () => {
  it('finds the words on the block’s first line', () => {
    expect(wordsAt(source, 3, '然后一直写下去还有')).toEqual({ line: 3, column: 10 });
  });
  it('finds them on a later line of the block, and before markup inside the run', () => {
    expect(wordsAt(source, 3, '还有第二行，自治区政协')).toEqual({ line: 4, column: 1 });
    expect(wordsAt(source, 3, '自治区政协召开会议')).toEqual({ line: 4, column: 9 });
  });
  it('never looks above the block, and falls back to its line', () => {
    expect(wordsAt(source, 4, '第一段文字')).toEqual({ line: 4, column: 1 });
    expect(wordsAt(source, 3, '——')).toEqual({ line: 3, column: 1 });
  });
});
