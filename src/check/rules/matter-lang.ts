// The front matter's `lang:` becomes the page's, the article's and the web page's language
// (`<html lang>`, `<article lang>`): Chromium breaks lines and picks glyphs by it, and a screen
// reader reads by it. A value that is no language tag (zh_CN, 中文, a pasted fragment of markup)
// went into every output as typed, without a word. The tag is read by core/lang-tag.ts.
import { langTagProblem } from '../../core/lang-tag.js';
import { matterScalar } from '../matter-values.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'matter-lang',
  severity: 'error',
  summary: 'The front matter’s `lang:` is not a language tag (BCP 47) such as zh-CN: zh_CN, 中文 or a tag of no known language.',
  why:
    'The article’s language is written into every output (`<html lang>`, the page’s language): the browser breaks lines and picks ' +
    'glyphs by it, and a screen reader reads the text by it. A tag it cannot read (zh_CN with an underscore, the name 中文, a ' +
    'language code that does not exist) is ignored or misread. Write a BCP 47 tag: zh-CN (the default), zh-TW, en, mn-Mong.',
  options: {},
  examples: {
    ok: [
      { markdown: '---\nheadline: 主题\nlang: zh-CN\n---\n\n正文。\n' },
      { markdown: '---\nheadline: 主题\nlang: mn-Mong\n---\n\n正文。\n' },
    ],
    notOk: [
      {
        markdown: '---\nheadline: 主题\nlang: zh_CN\n---\n\n正文。\n',
        expect: ['3:7-3:12 Front matter "lang": "zh_CN" is not a language tag (BCP 47): write zh-CN'],
      },
      {
        markdown: '---\nheadline: 主题\nlang: 中文\n---\n\n正文。\n',
        expect: ['3:7-3:9 Front matter "lang": "中文" is the name of a language, not its tag: write zh-CN'],
      },
      {
        markdown: '---\nheadline: 主题\nlang: xx\n---\n\n正文。\n',
        expect: ['3:7-3:9 Front matter "lang": "xx" names no known language: write a tag such as zh-CN, en or mn'],
      },
    ],
  },
  check(ctx) {
    // An empty `lang:` leaves the default (zh-CN).
    const lang = matterScalar(ctx.tree, ctx.source, 'lang');
    const problem = lang && langTagProblem(String(lang.value));
    if (lang && problem) ctx.flag(`Front matter "lang": ${problem}`, ctx.range(lang.start, lang.end));
  },
});
