// A front matter `lang:` that is no language tag (zh_CN, 中文, a code of no language, a pasted
// fragment of markup) went into <html lang> and the page's language as typed, without a word
// (tests/check/fixtures/matter-langs/). matter-lang says it at the value's line:col with the tag to
// write; real tags pass, in any letter case.
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings } from '../helpers/check.js';

const dir = path.join(ROOT, 'tests/check/fixtures/matter-langs');

it('says a language that is no tag at its place in the front matter, with the tag to write, and passes real tags', () => {
  const said = checkFindings(dir)
    .filter((f) => f.ruleId === 'matter-lang')
    .map((f) => `${path.basename(f.file)} ${f.line}:${f.column} ${f.severity} ${f.message}`);
  expect(said).toEqual([
    'english-name.md 3:7 error Front matter "lang": "Chinese" is the name of a language, not its tag: write zh-CN',
    'markup.md 3:7 error Front matter "lang": "zh"><script>alert(1)</script>" is not a language tag (BCP 47): write a tag such as zh-CN, en or mn',
    'name.md 3:7 error Front matter "lang": "中文" is the name of a language, not its tag: write zh-CN',
    'underscore.md 3:7 error Front matter "lang": "zh_CN" is not a language tag (BCP 47): write zh-CN',
    'unknown.md 3:7 error Front matter "lang": "xx" names no known language: write a tag such as zh-CN, en or mn',
  ]);
});
