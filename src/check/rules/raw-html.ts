// Raw HTML in a manuscript is never printed (no output runs or keeps it: remark-rehype drops it,
// and the page and the e-book take nothing from it). A user who wrote `<img src=…>` or a `<table>`
// must learn that it is gone, and what to write instead. HTML comments print nothing by design
// (lint comments among them) and are not reported.
import type { Html, Parent } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import { defineRule } from '../rule.js';

const COMMENTS_ONLY = /^\s*(<!--[\s\S]*?-->\s*)+$/;

/** The element an HTML snippet starts with, by name: "img", "table", "/sub" (a closing tag). */
function firstTag(html: string): string {
  const m = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(html);
  return m ? `${m[1]}${m[2].toLowerCase()}` : 'markup';
}

/** What a tag stood for, and how to write it so that it prints. */
function advice(html: string): string {
  const name = /<\/?([a-zA-Z][a-zA-Z0-9]*)/.exec(html)?.[1]?.toLowerCase() ?? '';
  if (name === 'img' || name === 'picture' || name === 'figure') return 'write a photo as ![caption](images/file.jpg)';
  if (name === 'table') return 'write the table as a markdown table (| a | b |)';
  if (name === 'br') return 'end the paragraph instead, or write the line on';
  if (/^(b|strong)$/.test(name)) return 'write **bold**';
  if (/^(i|em)$/.test(name)) return 'write *emphasis*';
  if (name === 'a') return 'write a link as [text](https://…)';
  // <span lang="en">Hello</span>: a passage in another language has a directive of its own.
  const lang = /\blang\s*=\s*["']?([^"'\s>]+)/i.exec(html)?.[1];
  if (lang) return `write a passage in another language as :lang[…]{${lang}}`;
  return 'write it in markdown, or delete it';
}

export default defineRule({
  id: 'raw-html',
  severity: 'warning',
  summary: 'The manuscript holds raw HTML (a tag such as `<img>`, `<table>` or `<br>`), which no output prints.',
  why: 'Scripts and markup from a manuscript never reach the page, the web page or the e-book: a block of HTML is left out whole, an inline tag is dropped and only the text around it prints. Rewrite it in markdown (a photo as `![caption](file)`, a table as a markdown table) or delete it. HTML comments are not reported.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n<!-- 编辑注：待核实 -->\n\n正文。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n<table><tr><td>数据</td></tr></table>\n\n正文。\n',
        expect: ['3:1-3:36 Raw HTML is not printed: the HTML block (table) is left out of every output'],
      },
      {
        markdown: '# 主题\n\n<img src="images/good.jpg">\n',
        expect: ['3:1-3:28 Raw HTML is not printed: the HTML block (img) is left out of every output; write a photo as ![caption]'],
      },
      {
        markdown: '# 主题\n\n他说<span lang="en">Hello</span>。\n',
        expect: [
          '3:3-3:19 Raw HTML is not printed: the span tag is dropped (the text around it prints); write a passage in another language as :lang[…]{en}',
          '3:24-3:31 Raw HTML is not printed: the closing span tag is dropped',
        ],
      },
      {
        markdown: '# 主题\n\n水的分子式是H<sub>2</sub>O。\n',
        expect: [
          '3:8-3:13 Raw HTML is not printed: the sub tag is dropped',
          '3:14-3:20 Raw HTML is not printed: the closing sub tag is dropped',
        ],
      },
    ],
  },
  check(ctx) {
    visitParents(ctx.tree, 'html', (node: Html, ancestors: Parent[]) => {
      if (COMMENTS_ONLY.test(node.value)) return;
      const inline = ancestors.at(-1)?.type === 'paragraph' || ancestors.at(-1)?.type === 'heading';
      const tag = firstTag(node.value);
      // The element is named, not quoted: the message itself prints (proof's findings sheet).
      const what = inline
        ? `the ${tag.startsWith('/') ? `closing ${tag.slice(1)} tag` : `${tag} tag`} is dropped (the text around it prints)`
        : `the HTML block (${tag}${node.value.includes('\n') ? `, ${node.value.split('\n').length} lines` : ''}) is left out of every output`;
      ctx.flag(`Raw HTML is not printed: ${what}; ${advice(node.value)}`, node.position);
    });
  },
});
