// A caption left in the text without its photo: a short, date-led, one-sentence paragraph with no
// photo next to it. Pasted copy often carries the caption of a photo that never arrived.
import type { Parent } from 'mdast';
import { visit } from 'unist-util-visit';
import { compilePattern } from '../../core/pattern.js';
import { defineRule } from '../rule.js';
import { charWidth } from '../../core/text-blocks.js';

export default defineRule({
  id: 'orphan-caption',
  severity: 'warning',
  summary: 'A paragraph looks like a photo caption (date-led, one short sentence) but no photo is next to it.',
  why: 'A caption without its photo prints as a stray line of body text. Add the photo with this caption (![…](images/…)) or delete the line; if it is body text, accept it with <!-- lint ignore orphan-caption -->.',
  options: { pattern: '^\\d{4}年\\d{1,2}月\\d{1,2}日[，,]', maxLength: 100 },
  optionBounds: { maxLength: { min: 1, max: 100_000, stricter: 'higher' } },
  optionDocs: {
    pattern: 'regular expression a caption-like paragraph starts with (as caption-style)',
    maxLength: 'longest paragraph, in characters, still taken for a caption',
  },
  examples: {
    ok: [
      { markdown: '# 主题\n\n![2023年6月30日，文艺演出举行。](images/good.jpg)\n\n正文。\n' },
      { markdown: '# 主题\n\n2023年1月15日，会议闭幕。新一届政协党组第一时间召开扩大会议，提出10个方面凝聚共识重点。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n正文。\n\n2023年6月30日,自治区政协举办“两优一先”表彰大会暨文艺演出。\n',
        expect: ['5:1-5:35 Caption with no photo'],
      },
    ],
  },
  check(ctx) {
    const pattern = compilePattern(ctx.options.pattern);
    visit(ctx.tree, 'paragraph', (node, index, parent: Parent | undefined) => {
      const b = ctx.blockOf(node);
      if (!b || !parent || index === undefined || b.className.some((c) => c === 'byline' || c === 'credit')) return;
      const text = b.text.trim();
      if (charWidth(text) > ctx.options.maxLength || !pattern.test(text)) return;
      // One sentence: no sentence end before the last character.
      if (/[。！？!?]/.test(text.slice(0, -1))) return;
      const near = [parent.children[index - 1], parent.children[index + 1]];
      if (near.some((n) => n?.type === ('figure' as never))) return;
      ctx.flag('Caption with no photo: add the photo (![this caption](images/…)) or delete the line', node.position);
    });
  },
});
