// Exactly one headline (主题): the front matter `headline:` or one `#` heading, not both, not none.
import type { Heading } from 'mdast';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'headline-count',
  severity: 'error',
  summary: "An article has exactly one headline: `headline:` (or Pandoc's `title:`) in the front matter or one `# ` heading.",
  why: 'The headline block is built from one 主题; a second `#` heading would be set as a second headline in the body. Section heads are `## `.',
  options: {},
  examples: {
    ok: [{ markdown: '# 广聚共识增合力\n\n正文。\n' }, { markdown: '---\nheadline: 广聚共识增合力\n---\n\n## 小标题\n\n正文。\n' }],
    notOk: [
      { markdown: '正文。\n', expect: ['1:1-2:1 The article has no headline'] },
      { markdown: '# 主题一\n\n正文。\n\n# 主题二\n\n正文。\n', expect: ['5:1-5:6 A second `# ` headline'] },
      {
        markdown: '---\nheadline: 主题\n---\n\n# 又一个主题\n\n正文。\n',
        expect: ['5:1-5:8 A second headline: the front matter already has `headline:`'],
      },
      // Pandoc's `title:` is the headline: its `#` sections are baoban's `##`
      {
        markdown: '---\ntitle: 主题\n---\n\n# 第一节\n\n正文。\n',
        expect: ['5:1-5:6 A second headline: the front matter already has `title:`'],
      },
    ],
  },
  check(ctx) {
    // Broken front matter may hide the headline: that is reported on its own.
    if (ctx.file.messages.some((m) => m.ruleId === 'front-matter-yaml')) return;
    const h1s = ctx.tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 1);
    const fromMatter = ctx.tree.children.some((n) => n.type === 'yaml') && !h1s.some(isHeadline) && Boolean(ctx.matter.headline);
    if (!fromMatter && h1s.length === 0) {
      ctx.flag('The article has no headline: add `headline:` to the front matter or a `# ` heading', ctx.range(0, ctx.source.length));
      return;
    }
    const extra = fromMatter ? h1s : h1s.slice(1);
    const key = ctx.file.data.matterFrom?.headline ?? 'headline';
    for (const h of extra) {
      ctx.flag(
        fromMatter
          ? `A second headline: the front matter already has \`${key}:\`; make this a section head (\`## \`) or remove it`
          : 'A second `# ` headline: an article has one; make this a section head (`## `)',
        h.position,
      );
    }
  },
});

function isHeadline(h: Heading): boolean {
  const cls = (h.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties?.className ?? [];
  return cls.includes('headline');
}
