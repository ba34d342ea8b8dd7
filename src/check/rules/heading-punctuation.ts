// Headlines and section heads do not end with a full stop or a comma (GB/T 15834 practice in papers).
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'heading-punctuation',
  severity: 'warning',
  fixable: true,
  summary: 'A heading ends with sentence punctuation (。，；：、 or their half-width forms).',
  why:
    'Chinese newspaper headings carry no closing 。; a trailing comma or stop is a leftover from body text. ？ and ！ are allowed. `--fix` deletes the mark. ' +
    'An ellipsis typed as dots (春天来了...) is left to the `ellipsis` rule, whose `--fix` writes ……',
  options: { marks: '。，；：、.,;:' },
  optionDocs: { marks: 'characters a heading may not end with' },
  examples: {
    ok: [{ markdown: '# 主题\n\n## 凝聚共识有抓手\n\n## 为什么？\n\n## 春天来了...\n' }],
    notOk: [{ markdown: '# 主题\n\n## 凝聚共识有抓手。\n', expect: ['3:11-3:12 Heading ends with "。"'] }],
  },
  check(ctx) {
    for (const b of ctx.blocks()) {
      if (b.kind !== 'heading' && !(b.kind === 'matter' && b.key === 'headline')) continue;
      const text = b.text.trimEnd();
      const last = text[text.length - 1];
      // A heading of punctuation only is heading-empty's: deleting its last mark would not make it a heading.
      if (!/[\p{L}\p{N}]/u.test(text)) continue;
      if (!last || !ctx.options.marks.includes(last)) continue;
      // An ellipsis typed as dots (春天来了... or 。。。) is not a closing stop: the ellipsis rule's, whose --fix writes ……
      // (deleting one dot per --fix pass took the whole ellipsis away).
      if ('.。'.includes(last) && '.。．'.includes(text[text.length - 2] ?? '_')) continue;
      const offset = b.offsets[text.length - 1];
      const place = ctx.rangeIn(b, text.length - 1, 1);
      const fix = offset >= 0 && ctx.source[offset] === last ? [{ offset, from: last, to: '' }] : [];
      ctx.flag(`Heading ends with "${last}": delete it (headings carry no closing punctuation; --fix does)`, place, { fix });
    }
  },
});
