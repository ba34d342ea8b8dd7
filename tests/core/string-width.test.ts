// simpleWidth answers for string-width (the columns vfile-reporter aligns a findings report by) on
// strings of ASCII and plain CJK: it must give string-width's own answer for every character it
// takes, and leave every other string to string-width.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { simpleWidth } from '../../src/core/string-width.js';
import { ROOT } from '../helpers/cli.js';

describe('simpleWidth', () => {
  it("gives string-width's width for every character it measures, one by one", () => {
    const differ: string[] = [];
    let measured = 0;
    for (let cp = 0; cp <= 0x3fffd; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const w = simpleWidth(ch);
      if (w === undefined) continue;
      measured++;
      if (w !== stringWidth(ch)) differ.push(`U+${cp.toString(16)} ${w} ${stringWidth(ch)}`);
    }
    expect(differ).toEqual([]);
    expect(measured).toBeGreaterThan(90_000);
  });

  it("gives string-width's width for every line of the seed manuscript and for findings' words", () => {
    const seed = readFileSync(path.join(ROOT, 'manuscript/ningju-gongshi/article.md'), 'utf8').split('\n');
    const words = [
      'Full-width “，” after a Latin word: write ","',
      '2:16-2:20 warning Range typed with ‘~’ — write ～',
      '人事事项（免去张三同志职务）。',
      '第1版第2篇 凝聚共识',
    ];
    const lines = [...seed, ...words].filter((l) => simpleWidth(l) !== undefined);
    expect(lines.length).toBeGreaterThan(words.length);
    for (const l of lines) expect(simpleWidth(l), l).toBe(stringWidth(l));
  });

  it('leaves to string-width what it does not measure: emoji, marks, controls, Hangul, other scripts', () => {
    for (const s of ['👍', '家👨‍👩‍👧', 'e\u0301', '한국', '\u1100\u1161', 'a\tb', '\u001b[31m红\u001b[0m', 'Ça', '〽', '\u302a']) {
      expect(simpleWidth(s), s).toBeUndefined();
    }
  });
});
