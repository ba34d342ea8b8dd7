// The front matter's `layout:` must name a layout the page build can use: the check says so at
// the front matter line, rather than leaving it to build:pdf to stop with exit 2.
import { isScalar } from 'yaml';
import { loadLayout } from '../../config/layout.js';
import { matterText } from '../../core/matter.js';
import { matterDocument } from '../../core/text-blocks.js';
import { defineRule } from '../rule.js';

export default defineRule({
  id: 'matter-layout',
  severity: 'error',
  summary: "The front matter's `layout:` names no usable layout in templates/newspaper/layouts/ (missing, misspelt or invalid).",
  why: 'The page is laid out on the layout the front matter names; `npm run build:pdf` refuses a layout it cannot find or read. Name one of the files in templates/newspaper/layouts/ (without .yaml), or remove the line for the default.',
  options: {},
  examples: {
    ok: [{ markdown: '---\nheadline: 主题\nlayout: feature-8col\n---\n\n正文。\n' }],
    notOk: [
      {
        markdown: '---\nheadline: 主题\nlayout: feature-9col\n---\n\n正文。\n',
        expect: ['3:9-3:21 Front matter "layout: feature-9col" cannot be used'],
      },
      {
        // It said "…/templates/newspaper/layouts/tabloid-5col.yaml.yaml: no such layout".
        markdown: '---\nheadline: 主题\nlayout: tabloid-5col.yaml\n---\n\n正文。\n',
        expect: [
          '3:9-3:26 Front matter "layout: tabloid-5col.yaml" cannot be used: there is no layout "tabloid-5col.yaml" in templates/newspaper/layouts/ (feature-8col, tabloid-5col); write "tabloid-5col": a layout is named without .yaml',
        ],
      },
      {
        markdown: '---\nheadline: 主题\nlayout: ../../secret\n---\n\n正文。\n',
        expect: ['3:9-3:21 Front matter "layout: ../../secret" cannot be used'],
      },
    ],
  },
  check(ctx) {
    const name = matterText(ctx.matter.layout);
    if (!name) return;
    try {
      loadLayout(name);
    } catch (error) {
      const matter = matterDocument(ctx.tree, ctx.source);
      const pair = matter?.map.items.find((p) => isScalar(p.key) && p.key.value === 'layout');
      const range = (pair?.value as { range?: [number, number] } | undefined)?.range;
      const place = matter && range ? { start: ctx.point(matter.base + range[0]), end: ctx.point(matter.base + range[1]) } : undefined;
      ctx.flag(`Front matter "layout: ${name}" cannot be used: ${(error as Error).message}`, place);
    }
  },
});
