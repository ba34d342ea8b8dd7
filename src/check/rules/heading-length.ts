// A 小标题 longer than the lines the layout gives it. The column width comes from the page layout
// (templates/newspaper/layouts/*.yaml, grid.columnWidth characters per base column). An e-book
// (build:epub) has no column: its heads reflow on the reader's screen, so only a fixed maxLength holds there.
import type { Heading } from 'mdast';
import { defineRule } from '../rule.js';
import { charWidth } from '../../core/text-blocks.js';
import { manuscriptLayout } from '../layout.js';

export default defineRule({
  id: 'heading-length',
  severity: 'warning',
  summary: "A section head (小标题, `##` and below) is longer than `maxLines` lines of the layout's column.",
  why: 'A 小标题 that runs to three or four lines in a 13-character column reads as body text and wastes depth on the page. Shorten it, or raise the limit in manuscript/config.yaml. build:epub measures no column (the book reflows): there only a fixed `maxLength` applies.',
  options: { maxLines: 2, columns: 1, maxLength: 0 },
  optionBounds: {
    maxLines: { min: 1, max: 100, stricter: 'lower' },
    columns: { min: 1, max: 50, stricter: 'lower' },
    maxLength: { min: 0, max: 100_000 },
  },
  optionDocs: {
    maxLines: 'lines a 小标题 may take',
    columns: 'base columns a 小标题 spans',
    maxLength: "fixed limit in characters; 0 = maxLines × columns × the layout's characters per column",
  },
  examples: {
    ok: [{ markdown: '# 主题\n\n## 这一年，自治区政协强引领、树导向\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n## 这一年,自治区政协强引领、树导向、明重点,推动凝聚共识工作入脑入心、落实落细\n',
        expect: ['3:1-3:42 小标题 has 37 characters; at most 26 fit (2 lines of 13 characters)'],
      },
      {
        markdown: '# 主题\n\n## 凝聚共识有抓手\n',
        options: { maxLength: 6 },
        expect: ['3:1-3:11 小标题 has 7 characters; at most 6 fit (6 characters)'],
      },
    ],
  },
  async check(ctx) {
    let limit = ctx.options.maxLength;
    if (!limit && ctx.ebook) return;
    let why = `${limit} characters`;
    if (!limit) {
      // Without a layout (an unknown one is the page builder's finding), the default column.
      let perLine = 13;
      const layout = await manuscriptLayout(ctx);
      if (layout) perLine = layout.grid.columnWidth * ctx.options.columns + (ctx.options.columns - 1) * layout.grid.gutter;
      limit = perLine * ctx.options.maxLines;
      why = `${ctx.options.maxLines} lines of ${perLine} characters`;
    }
    for (const b of ctx.blocks()) {
      if (b.kind !== 'heading' || (b.node as Heading).depth < 2) continue;
      const width = charWidth(b.text);
      if (width > limit) ctx.flag(`小标题 has ${width} characters; at most ${limit} fit (${why}): shorten it`, b.node!.position);
    }
  },
});
