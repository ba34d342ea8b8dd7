// Verse written a line at a time, without a hard break at each line's end: markdown joins the lines
// of a paragraph (a soft break), and between Chinese characters nothing is left of the break, so
// 床前明月光，/ 疑是地上霜。 printed as one line of prose, with no word said.
import type { Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from '../rule.js';

/** A mark a line of Chinese verse ends with. */
const LINE_END = /[，。！？；：、…—”’」』）》]$/u;
const HAN = /\p{Script=Han}/u;
/** A line that ends in a hard break: a backslash or two spaces. */
const HARD = /(\\| {2,})$/;

export default defineRule({
  id: 'verse-lines',
  severity: 'warning',
  summary: 'Three or more short lines of verse in one paragraph are joined into one line: their line breaks are soft.',
  why:
    'Markdown joins the lines of a paragraph, and between Chinese characters nothing of the break is left: a poem written a line ' +
    'at a time (each line short and ending in a mark, such as 床前明月光，) prints as one line of prose in the page and the e-book. ' +
    'End each line but the last with a backslash (\\) or two spaces to keep its break; prose whose lines run on is left alone.',
  options: { maxLineLength: 20 },
  optionDocs: { maxLineLength: 'the longest line, in characters, still taken for a line of verse' },
  optionBounds: { maxLineLength: { min: 2, max: 200, stricter: 'higher' } },
  examples: {
    ok: [
      { markdown: '# 主题\n\n床前明月光，\\\n疑是地上霜。\\\n举头望明月，\\\n低头思故乡。\n' },
      { markdown: '# 主题\n\n正文一段，很长的一段话，写了很多字，然后换行\n接着写下去，这是编辑粘贴时留下的换行。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n',
        expect: ['3:1-6:7 4 lines of verse are printed as one line'],
      },
    ],
  },
  check(ctx) {
    visit(ctx.tree, 'paragraph', (node: Paragraph) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const raw = ctx.source.slice(start, end).split('\n');
      // Three lines at least: two short lines may be one sentence typed over two (第一段的文字，/ 第二段的文字。).
      if (raw.length < 3) return;
      // The text of each line: without a quotation's > and a list's indent, and without its hard break.
      const lines = raw.map((l) => l.replace(/^\s*(>\s?)*\s*/, ''));
      const soft = lines.slice(0, -1).filter((l) => !HARD.test(l)).length;
      if (soft === 0) return;
      const text = lines.map((l) => l.replace(HARD, '').trim());
      const verse = text.every((t) => [...t].length >= 2 && [...t].length <= ctx.options.maxLineLength && HAN.test(t) && LINE_END.test(t));
      if (!verse) return;
      ctx.flag(
        `${lines.length} lines of verse are printed as one line: markdown joins lines that end without a hard break; ` +
          'end each line but the last with a backslash (\\) to keep its break',
        node.position,
      );
    });
  },
});
