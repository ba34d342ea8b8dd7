// A caption left in the text without its photo: a short, date-led, one-sentence paragraph with no
// photo next to it. Pasted copy often carries the caption of a photo that never arrived. A 简讯
// (brief) opens the same way (“2024年1月18日，自治区政协召开……。”) but stands under its own title:
// a paragraph that is the first under a heading (or a bold title line) is that title's story, not a
// caption, unless the title names a photo (图片新闻, 图说, 组图: a photo story whose photo is missing).
import type { Parent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { compilePattern } from '../../core/pattern.js';
import { defineRule } from '../rule.js';
import { charWidth } from '../../core/text-blocks.js';

export default defineRule({
  id: 'orphan-caption',
  severity: 'warning',
  summary:
    'A paragraph looks like a photo caption (date-led, one short sentence) but no photo is next to it; the first paragraph under a title that names no photo is that title’s brief (简讯), not a caption.',
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
      { markdown: '## 自治区政协召开常委会议\n\n2024年1月18日，自治区政协召开十二届十三次常委会议。\n' },
      { markdown: '**自治区政协召开常委会议**\n\n2024年1月18日，自治区政协召开十二届十三次常委会议。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n正文。\n\n2023年6月30日,自治区政协举办“两优一先”表彰大会暨文艺演出。\n',
        expect: ['5:1-5:35 Caption with no photo'],
      },
      {
        markdown: '## 图片新闻\n\n2024年1月18日，自治区政协委员在呼和浩特市视察民生项目。\n',
        expect: ['3:1-3:32 Caption with no photo'],
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
      if (titled(near[0])) return;
      ctx.flag('Caption with no photo: add the photo (![this caption](images/…)) or delete the line', node.position);
    });
  },
});

/** Photo words in a title: the story under it is a photo's (图片新闻, 图说, 组图, 摄影). */
const PHOTO_TITLE = /图|摄影|photo/i;

/** Is this block a story's title (a heading, or a paragraph all in bold) that names no photo? */
function titled(block: RootContent | undefined): boolean {
  const title =
    block?.type === 'heading' || (block?.type === 'paragraph' && block.children.length === 1 && block.children[0].type === 'strong');
  return Boolean(title && block && !PHOTO_TITLE.test(toString(block)));
}
