// Front matter values still holding a placeholder such as 〔报名〕 or 〔版次〕.
import { isMap, isScalar, isSeq } from 'yaml';
import { defineRule } from '../rule.js';
import { matterDocument } from '../../core/text-blocks.js';

export default defineRule({
  id: 'matter-placeholder',
  severity: 'error',
  summary: 'A front matter value is still a placeholder (〔…〕) that the desk must fill in.',
  why: 'Paper name, page, date and editors print in the running head and the proof slug; a placeholder must not reach the press. Fill in the value.',
  options: { pattern: '〔[^〕]*〕' },
  optionDocs: { pattern: 'regular expression that marks a placeholder' },
  examples: {
    ok: [{ markdown: '---\npaper: 内蒙古日报\nheadline: 主题\n---\n\n正文。\n' }],
    notOk: [
      {
        markdown: '---\npaper: 〔报名〕\nheadline: 主题\npage: 〔版次〕\n---\n\n正文。\n',
        expect: [
          '2:8-2:12 Front matter "paper" is still a placeholder (〔报名〕)',
          '4:7-4:11 Front matter "page" is still a placeholder (〔版次〕)',
        ],
      },
      // Pandoc's front matter: a list of authors, and `name:` entries
      {
        markdown: '---\ntitle: 主题\nauthor:\n  - 张悦\n  - 〔作者〕\n  - name: 〔作者〕\n---\n\n正文。\n',
        expect: [
          '5:5-5:9 Front matter "author" is still a placeholder (〔作者〕)',
          '6:11-6:15 Front matter "author" is still a placeholder (〔作者〕)',
        ],
      },
    ],
  },
  check(ctx) {
    const matter = matterDocument(ctx.tree, ctx.source);
    if (!matter) return;
    const { base } = matter;
    const pattern = new RegExp(ctx.options.pattern, 'u');
    // Every text value, in lists and `name:` entries too (Pandoc's author list).
    const find = (key: string, node: unknown): void => {
      if (isSeq(node) || isMap(node)) for (const item of node.items) find(key, isMap(node) ? (item as { value: unknown }).value : item);
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
      const m = pattern.exec(node.value);
      if (!m) return;
      ctx.flag(`Front matter "${key}" is still a placeholder (${m[0]}): fill it in`, {
        start: ctx.point(base + node.range[0]),
        end: ctx.point(base + node.range[1]),
      });
    };
    for (const pair of matter.map.items) if (isScalar(pair.key)) find(String(pair.key.value), pair.value);
  },
});
