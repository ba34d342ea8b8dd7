// Newspaper captions open with the date and then say what happened: "2023年7月15日，……举行。"
import { compilePattern } from '../../core/pattern.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'caption-style',
  severity: 'warning',
  summary: 'A caption does not start with the date in newspaper style or says too little after it.',
  why: 'House style: a caption states the date, then the place and the event (2023年7月15日，北京市政协与自治区政协召开……座谈会。). The pattern is configurable for other house styles.',
  options: { pattern: '^\\d{4}年\\d{1,2}月\\d{1,2}日[，,]', minEventLength: 6 },
  optionBounds: { minEventLength: { min: 0, max: 1000, stricter: 'higher' } },
  optionDocs: {
    pattern: 'regular expression the caption must match at its start',
    minEventLength: 'characters the caption needs after the date',
  },
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，北京市政协与自治区政协召开座谈会。](images/good.jpg)\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n![座谈会现场。](images/good.jpg)\n',
        expect: ['3:3-3:9 Caption should open with the date, e.g. “2023年7月15日，”, then say where and what happened'],
      },
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会。](images/good.jpg)\n',
        expect: ['3:3-3:18 Caption says little after the date (3 characters)'],
      },
    ],
  },
  check(ctx) {
    const pattern = compilePattern(ctx.options.pattern);
    for (const b of ctx.blocks()) {
      if (b.kind !== 'caption' || b.text.trim() === '') continue;
      const place = ctx.rangeIn(b, 0, b.text.trimEnd().length);
      const m = pattern.exec(b.text);
      if (!m) {
        ctx.flag('Caption should open with the date, e.g. “2023年7月15日，”, then say where and what happened', place);
        continue;
      }
      const event = b.text.slice(m.index + m.match.length).replace(/[\s\p{P}]/gu, '');
      if ([...event].length < ctx.options.minEventLength) {
        ctx.flag(`Caption says little after the date (${[...event].length} characters): name the place and the event`, place);
      }
    }
  },
});
