// Photos need a credit: "XXX 摄" ending a caption, `::credit[（本版图片由……提供）]`, or `credit:`.
import { compilePattern } from '../../core/pattern.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'photo-credit',
  severity: 'warning',
  summary: 'The article has photos but no photo credit.',
  why: 'Every published photo is credited: "新华社记者 XXX 摄" at the end of its caption, or one line for the page, （本版图片由……提供）.',
  options: { creditPattern: '(摄|提供|供图|图片来源|图/)' },
  optionDocs: { creditPattern: 'regular expression that marks a caption or line as a credit' },
  examples: {
    ok: [
      { markdown: '# 主题\n\n![2023年7月15日，座谈会召开。张悦 摄](images/good.jpg)\n' },
      { markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n\n::credit[（本版图片由自治区政协办公厅提供）]\n' },
    ],
    notOk: [
      { markdown: '# 主题\n\n正文。\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n', expect: ['5:1-5:38 Photos without a credit'] },
    ],
  },
  check(ctx) {
    const blocks = ctx.blocks();
    const captions = blocks.filter((b) => b.kind === 'caption');
    if (captions.length === 0) return;
    const credit = compilePattern(ctx.options.creditPattern);
    const credited =
      Boolean(ctx.matter.credit) ||
      blocks.some((b) => b.className.includes('credit')) ||
      captions.some((b) => credit.test(b.text.slice(-24)));
    if (!credited) {
      ctx.flag('Photos without a credit: end the caption with “XXX 摄” or add ::credit[（本版图片由……提供）]', captions[0].node?.position);
    }
  },
});
