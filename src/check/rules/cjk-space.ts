// A half-width space typed between two Chinese characters or marks (政协 委员, 你好 。): pasted from
// a PDF or typed as a separator. Chinese is set solid; the space prints as a gap in the line. One
// between two Han characters is reported in body text only: heads, bylines and credits keep theirs,
// as for the full-width space (full-width-space.ts). One beside a Chinese mark is reported in every
// block the typesetter leaves it out of (src/typeset/rehype-cjk-space.ts: heads, captions, cells,
// the front matter's headline, bylines too): nothing the author typed goes unprinted without a word.
import { defineRule, type Edit } from '../rule.js';
import { cjkSpaces } from '../../core/cjk.js';
import { moreInBlock } from '../in-text.js';
import { CREDIT_CLASSES } from './full-width-space.js';

export default defineRule({
  id: 'cjk-space',
  severity: 'warning',
  fixable: true,
  summary: 'A half-width space stands between two Chinese characters or marks in body text.',
  why:
    'clreq: Chinese text is set solid, without spaces between its characters; a typed space (from a PDF’s copied text, or a separator ' +
    'typed for a comma) prints as a gap in the justified line. A space beside a Chinese punctuation mark (会议召开 。, **粗体** ，) ' +
    'is reported wherever it stands (paragraphs, heads, captions, table cells, the front matter’s headline, bylines): the page, the proof ' +
    'and the e-book print none there, and `--fix` deletes it. One between two Chinese characters is reported in body paragraphs and left ' +
    'to the editor: delete it, or type the mark it stands for (，、；); heads, captions, the front matter, ::byline, ::credit and ' +
    '::kicker paragraphs, a credit’s phrase (本报记者 张悦, 张悦 摄), the names of a list after a colon (主席团成员：王一 李明华 张三), ' +
    'the space after a paragraph’s 电头 (本报北京9月10日讯 贵州茅台……), the phrases of a title in quotation or title marks ' +
    '(“京蒙协作 政协助力”) and a line with no sentence mark (a slogan) keep theirs. Spaces between Chinese and Latin text are not reported here.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 广聚共识 团结奋进\n\n政协委员使用 Python 编程。本报讯（记者 张悦）会议召开。\n' },
      { markdown: '# 主题\n\n出席会议的有：王一 李明华 张三等。\n\n本报北京9月10日讯 贵州茅台今日上涨2.35%。\n' },
      {
        markdown: '# 主题\n\n广聚共识增合力 团结奋进谱新篇\n\n发起《“京蒙协作 政协助力”框架协议》，参观“亮丽内蒙古 奋进新征程”主题展览。\n',
      },
      { markdown: '# 主题\n\n代码旁`x` 。照片旁![图](images/good.jpg) 。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n会议召开 。委员们， 积极发言。\n',
        expect: ['3:5-3:6 Space between Chinese characters and 1 more in this paragraph: a Chinese mark carries its own space, delete it'],
      },
      {
        markdown: '# 主题\n\n这是**粗体** ，那是[链接](https://example.org/a) 。\n',
        expect: ['3:9-3:10 Space between Chinese characters and 1 more in this paragraph: a Chinese mark carries its own space'],
      },
      {
        markdown: '# 主题 ：副题\n\n## 小标题 ，空格\n\n正文。\n',
        expect: [
          '1:5-1:6 Space between Chinese characters: a Chinese mark carries its own space',
          '3:7-3:8 Space between Chinese characters: a Chinese mark carries its own space',
        ],
      },
      {
        markdown: '# 主题\n\n政协 委员积极建言献策。\n',
        unfixed: true,
        expect: ['3:3-3:4 Space between Chinese characters: Chinese text is set solid, delete it or type the mark it stands for (，、；)'],
      },
    ],
  },
  check(ctx) {
    for (const b of ctx.blocks()) {
      // body text: every space between Chinese; elsewhere only those beside a mark, which print nowhere
      const body = b.kind === 'paragraph' && !b.className.some((c) => CREDIT_CLASSES.includes(c));
      const s = b.text;
      const marks: Array<{ start: number; end: number }> = [];
      const words: Array<{ start: number; end: number }> = [];
      for (const { start, end, besideMark } of cjkSpaces(s)) {
        const o = b.offsets;
        // typed as one stretch of the source: not the spaces around an image or code left out of the text (照片 ![…](…) 也)
        if (o[start - 1] < 0 || o[start] < 0 || o[end] < 0 || o[end - 1] - o[start] !== end - start - 1) continue;
        if (b.left?.some((g) => g >= start && g <= end)) continue;
        // beside a mark also across the markup of bold and links (**粗体** ，, [原文](…) 。); between two Han characters
        // only where typed between them: two links or a bold phrase and the text after it may be set apart ([原文](…) [英文](…))
        if (!besideMark && (!body || o[end] - o[start - 1] !== end - start + 1)) continue;
        (besideMark ? marks : words).push({ start, end });
      }
      if (marks.length) {
        const fix: Edit[] = [];
        for (const r of marks)
          for (let i = r.start; i < r.end; i++) {
            const offset = b.offsets[i];
            if (offset >= 0 && ctx.source[offset] === s[i]) fix.push({ offset, from: s[i], to: '' });
          }
        ctx.flag(
          `Space between Chinese characters${moreInBlock(b, marks.length)}: a Chinese mark carries its own space, delete it (\`npm run check -- --fix\` does)`,
          ctx.rangeIn(b, marks[0].start, marks[0].end - marks[0].start),
          { fix },
        );
      }
      if (words.length) {
        ctx.flag(
          `Space between Chinese characters${moreInBlock(b, words.length)}: Chinese text is set solid, delete it or type the mark it stands for (，、；)`,
          ctx.rangeIn(b, words[0].start, words[0].end - words[0].start),
        );
      }
    }
  },
});
