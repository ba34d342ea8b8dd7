// Half-width , ; : ? ! ( ) in Chinese text. The typesetter converts them in every output with the
// same function (src/core/cjk.ts), so what is reported, what prints and what
// `check --fix` writes always agree. One finding per block, not one per mark. A space typed after the
// mark, as English puts one (句子: Hello), is dropped by --fix with it: a full-width mark carries its own
// space, and ： Hello printed a gap of one and a half characters.
import { defineRule, type Edit } from '../rule.js';
import { findHalfWidthPunctuation, spacesTypedAfter } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';

export default defineRule({
  id: 'half-width-punctuation',
  severity: 'warning',
  fixable: true,
  summary: 'Half-width , ; : ? ! ( ) stand in Chinese text where full-width ，；：？！（） belong.',
  why: 'GB/T 15834: Chinese text takes full-width punctuation; half-width marks are for Western text, numbers (1,000 · 10:30) and URLs, which are left alone; a mark after a figure in Chinese text is Chinese (会议定于10:30, 地点 → 10:30，地点; at the start of a paragraph, 2023, 地点在… → 2023，地点在…), one after a figure in English text is not (3, 4 and 5; 2023, Beijing). The outputs already print full-width; `npm run check -- --fix` corrects the manuscript, and drops a space typed after the mark (句子: Hello → 句子：Hello): a full-width mark carries its own.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n人心是最大的政治，共识是奋进的动力。\n' },
      { markdown: '# 主题\n\n阅读量达1,450,000次，时间10:30，网址 https://example.com/a,b 保持不变。\n' },
      { markdown: '# 主题\n\n见<http://example.cn/文件,目录>和https://example.cn/a,b。\n' },
      { markdown: '# 主题\n\n他引用了 3, 4 and 5 这组数字，Hello, world 照录。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n人心是最大的政治,共识是奋进的动力;(一)\n',
        expect: ["3:9-3:10 4 half-width marks in Chinese text (first: ',' at 3:9)"],
      },
      // typed with spaces round it, Chinese on both sides past the spaces
      {
        markdown: '# 主题\n\n会议表决通过了人事事项 ( 免去职务 ) 。\n',
        expect: ["3:13-3:14 2 half-width marks in Chinese text (first: '(' at 3:13)"],
      },
      {
        markdown: '# 主题\n\n会议定于10:30, 地点在市政府。\n',
        expect: ["3:10-3:11 1 half-width mark in Chinese text (first: ',' at 3:10)"],
      },
      {
        markdown: '---\nheadline: 主题\nsubheadline: 凝聚共识,团结奋进\n---\n\n正文。\n',
        expect: ["3:18-3:19 1 half-width mark in Chinese text (first: ',' at 3:18)"],
      },
      // Pandoc's keys print as the headline block too: checked where they are written
      {
        markdown: '---\ntitle: 凝聚共识,团结奋进\nauthor:\n  - 张悦(记者)\n---\n\n正文。\n',
        expect: [
          "2:12-2:13 1 half-width mark in Chinese text (first: ',' at 2:12)",
          "4:7-4:8 2 half-width marks in Chinese text (first: '(' at 4:7)",
        ],
      },
      {
        markdown: '# 主题\n\n![2023年7月15日,座谈会召开。](images/good.jpg)\n\n## 这一年,强引领\n',
        expect: [
          "3:13-3:14 1 half-width mark in Chinese text (first: ',' at 3:13)",
          "5:7-5:8 1 half-width mark in Chinese text (first: ',' at 5:7)",
        ],
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const changes = findHalfWidthPunctuation(b.text).filter((c) => !inAddress(b.offsets[c.index]));
      if (!changes.length) continue;
      const edits: Edit[] = [];
      for (const c of changes) {
        const offset = b.offsets[c.index];
        // `\(` is a markdown escape; `\（` would print the backslash, so such a mark is left to the editor.
        if (offset < 0 || ctx.source[offset] !== c.from || ctx.source[offset - 1] === '\\') continue;
        // the spaces typed after it, English fashion, before more text on the same line
        const spaces = ctx.source.slice(offset + 1, offset + 1 + spacesTypedAfter(ctx.source, offset, c.from));
        edits.push({ offset, from: c.from + spaces, to: c.to });
      }
      const first = changes[0];
      const place = ctx.rangeIn(b, first.index, 1);
      const n = changes.length;
      ctx.flag(
        `${n} half-width mark${n === 1 ? '' : 's'} in Chinese text (first: '${first.from}' at ${place?.start.line}:${place?.start.column}); ` +
          (edits.length === n
            ? 'run `npm run check -- --fix`'
            : edits.length
              ? `\`npm run check -- --fix\` fixes ${edits.length}; type the escaped ones (\\( in markdown, \\u002c in YAML …) full-width by hand`
              : 'they are written as escapes (\\( in markdown, \\u002c in YAML …): type them full-width by hand'),
        place,
        { fix: edits, note: changes.map((c) => `${c.from}→${c.to}`).join(' ') },
      );
    }
  },
});
