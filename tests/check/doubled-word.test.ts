// A word said twice on purpose (tests/check/fixtures/qa/doubled-words.md): 一 with a measure word
// doubled for “one by one” (一个村一个村地走访, 一家企业一家企业地调研, 一棵树一棵树地种) and a courtesy
// said twice in speech (对不起对不起, 没关系没关系, 了不起了不起), and a song or chant said three times
// (再见吧再见吧再见吧, 中国队加油中国队加油中国队加油) were doubled-word warnings on correct
// Chinese; a real slip in the same story (自治区政协自治区政协, 一带一路一带一路) is still one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/doubled-words.md');

describe('a word said twice in a newsroom story', () => {
  it('is a warning only where it is a slip', () => {
    const all = checkFindings(file);
    expect(all.filter((f) => f.ruleId === 'doubled-word').map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      "13:1 '自治区政协' twice in a row and 1 more in this paragraph: delete one copy, or put the word that was meant",
    ]);
  });
});
