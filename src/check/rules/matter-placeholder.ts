// Front matter values still holding a placeholder such as 〔报名〕 or 〔版次〕.
import { isScalar } from 'yaml';
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
    ],
  },
  check(ctx) {
    const matter = matterDocument(ctx.tree, ctx.source);
    if (!matter) return;
    const { base } = matter;
    const pattern = new RegExp(ctx.options.pattern, 'u');
    for (const pair of matter.map.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string' || !pair.value.range) continue;
      const m = pattern.exec(pair.value.value);
      if (!m) continue;
      ctx.flag(`Front matter "${String(pair.key.value)}" is still a placeholder (${m[0]}): fill it in`, {
        start: ctx.point(base + pair.value.range[0]),
        end: ctx.point(base + pair.value.range[1]),
      });
    }
  },
});
