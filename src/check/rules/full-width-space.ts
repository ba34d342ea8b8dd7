// A full-width space (U+3000) inside a paragraph of body text. The typesetting facts
// (/work/shared/docs/typesetting.md, clreq) leave it no place there: the 2-em indent is the
// layout's (a typed one at a paragraph's start is manual-indent's), full-width punctuation carries
// its own space, and Han–Latin spacing is the engine's, "never a typed space". Its places are the
// head between two phrases (广聚共识增合力　团结奋进谱新篇), the byline and the photo credit
// (本报记者　张悦, 张悦　摄): headings, captions, front matter, ::byline/::credit/::kicker
// paragraphs and a credit's phrase (本报记者　张悦　李明, 张悦　摄) are left alone.
import { defineRule, type Edit } from '../rule.js';
import { isCjk, isHan } from '../../core/cjk.js';
import { afterDateline, betweenPhrases, CREDIT_PHRASE, inNameList, phraseAround } from '../../core/cjk-phrases.js';

const SPACE = '\u3000';
/** A typed indent at a paragraph's start: manual-indent's finding. */
const INDENT = /^[\u3000\u00A0]+/;
/** Classes of paragraphs that are a byline, a credit or a kicker (remark-news-directives). */
export const CREDIT_CLASSES = ['byline', 'credit', 'kicker'];
/** Japanese kana and Korean Hangul: their own text, with their own spacing (やまだ　たろう, 김민수 씨), not Chinese body text. */
export const KANA_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]/u;

interface Run {
  start: number;
  end: number;
  /** Typed at the start of a line inside the paragraph (after a soft line break). */
  lineStart: boolean;
  /** Certain to go: at a line's or the paragraph's end, beside punctuation or Latin text. */
  remove: boolean;
  /** Why it is certain to go. */
  reason?: string;
}

const REASONS = {
  latin: 'the space between Chinese and Latin text or digits is the layout’s',
  end: 'nothing follows it on its line',
  mark: 'a full-width mark carries its own space',
};

export default defineRule({
  id: 'full-width-space',
  severity: 'warning',
  fixable: true,
  summary: 'A full-width space (U+3000) stands inside a paragraph of body text.',
  why:
    'clreq: body text is set solid, justified between its characters; a typed full-width space prints as a one-character hole in the line. ' +
    'The first-line indent is the layout’s (typed at a paragraph’s start it is `manual-indent`), full-width punctuation carries its own space, ' +
    'and the space between Chinese and Latin text is the engine’s, never typed. A full-width space belongs between the two phrases of a head ' +
    '(广聚共识增合力　团结奋进谱新篇) and of a title (“亮丽内蒙古　奋进新征程”), in a byline and in a photo credit (本报记者　张悦, 张悦　摄): ' +
    'headings, captions, the front matter, a line with no sentence mark, quotations and titles in 《》, ' +
    '::byline, ::credit and ::kicker paragraphs, a credit’s phrase (one opening with 本报记者, 记者, 通讯员 … or ending with 摄), ' +
    'the names of a list after a colon (主席团成员：王一　李明华　张　三), the space after a paragraph’s 电头 (本报讯　近日……) and a space beside Japanese kana or Korean Hangul are not reported. ' +
    '`--fix` deletes a space at the end of a line or paragraph, beside punctuation, or between Chinese and Latin text or digits; ' +
    'one between two Chinese characters is left to the editor (delete it, or type the mark it stands for: ，、；), and so is one at the start ' +
    'of a line inside a paragraph: a typed indent there marks a paragraph that markdown joins to the one above without a blank line between them.',
  options: {},
  examples: {
    ok: [
      { markdown: '# 广聚共识增合力　团结奋进谱新篇\n\n本报讯（记者　张悦）会议召开。\n\n::byline[本报记者　张悦]\n' },
      { markdown: '# 主题\n\n![2023年7月15日，座谈会召开。张悦　摄](images/good.jpg)\n\n（本报记者　张悦　通讯员　李明）\n' },
      { markdown: '# 主题\n\n主席团成员：王　一　李明华　张　三\n\n日本客商山田太郎（やまだ　たろう）出席。\n' },
      { markdown: '# 主题\n\n本报讯　近日，自治区政协召开专题协商会。\n\n新华社呼和浩特12月1日电　记者张悦报道。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n会议召开。　委员们发言。\n\n共有　100　名委员参加。　\n',
        expect: [
          '3:6-3:7 Full-width space in the text: a full-width mark carries its own space, delete it (`npm run check -- --fix` does)',
          '5:3-5:4 Full-width space in the text and 2 more in this paragraph: the space between Chinese and Latin text or digits is the layout’s, delete them (`npm run check -- --fix` does)',
        ],
      },
      {
        markdown: '# 主题\n\n时间：7月15日　地点：呼和浩特\n\n第一段的文字，\n　　第二段的文字。\n',
        unfixed: true,
        expect: [
          '3:9-3:10 Full-width space in the text: body text is set solid, delete it or type the mark it stands for (，、；)',
          '6:1-6:3 A line inside the paragraph starts with 2 full-width spaces: if a new paragraph starts here, put a blank line before it (markdown joins lines without one); then delete the spaces',
        ],
      },
    ],
  },
  check(ctx) {
    for (const b of ctx.blocks()) {
      if (b.kind !== 'paragraph' || b.className.some((c) => CREDIT_CLASSES.includes(c))) continue;
      const s = b.text;
      const skip = INDENT.exec(s)?.[0].length ?? 0;
      const runs: Run[] = [];
      for (let i = s.indexOf(SPACE, skip); i >= 0; i = s.indexOf(SPACE, i)) {
        let end = i;
        while (s[end] === SPACE) end++;
        const start = i;
        i = end;
        if (
          CREDIT_PHRASE.test(phraseAround(s, start, end).trim()) ||
          betweenPhrases(s, start) ||
          inNameList(s, start, end) ||
          afterDateline(s, start)
        )
          continue;
        // Japanese or Korean beside it: their spacing, not Chinese text's (日本客商山田太郎（やまだ　たろう）)
        if (KANA_HANGUL.test(s[start - 1] ?? '') || KANA_HANGUL.test(s[end] ?? '')) continue;
        // Where the run starts in the source: after a line break (spaces and quote markers between) it opens a line.
        const offset = b.offsets[start];
        const before = offset >= 0 ? ctx.source.slice(Math.max(0, offset - 40), offset) : '';
        const lineStart = offset >= 0 && /\n[ \t>]*$/.test(before);
        const prev = s[start - 1];
        const next = s[end];
        const atEnd = next === undefined || next === '\n' || !s.slice(end).trim();
        const besideMark = (c: string | undefined) => isCjk(c) && !isHan(c);
        // Latin (Greek, Cyrillic) letters and digits, which the layout spaces from Chinese; not kana or Hangul
        const besideLatin = (c: string | undefined) => !!c && /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}]/u.test(c);
        const reason =
          besideLatin(prev) || besideLatin(next)
            ? REASONS.latin
            : atEnd
              ? REASONS.end
              : besideMark(prev) || besideMark(next)
                ? REASONS.mark
                : undefined;
        runs.push({ start, end, lineStart, remove: !lineStart && !!reason, reason });
      }
      for (const [k, run] of runs.entries()) {
        // One finding for a paragraph's spaces of one kind, at the first (a pasted article has many).
        const kind = (r: Run) => (r.lineStart ? 'line' : r.remove ? 'remove' : 'keep');
        if (runs.findIndex((r) => kind(r) === kind(run)) !== k) continue;
        const same = runs.filter((r) => kind(r) === kind(run));
        const more = same.length > 1 ? ` and ${same.length - 1} more in this paragraph` : '';
        const n = run.end - run.start;
        const place = ctx.rangeIn(b, run.start, n);
        if (run.lineStart) {
          ctx.flag(
            `A line inside the paragraph starts with ${n} full-width space${n === 1 ? '' : 's'}${more}: if a new paragraph starts here, ` +
              'put a blank line before it (markdown joins lines without one); then delete the spaces',
            place,
          );
          continue;
        }
        if (!run.remove) {
          ctx.flag(`Full-width space in the text${more}: body text is set solid, delete it or type the mark it stands for (，、；)`, place);
          continue;
        }
        const fix: Edit[] = [];
        for (const r of same)
          for (let i = r.start; i < r.end; i++) {
            const offset = b.offsets[i];
            if (offset >= 0 && ctx.source[offset] === SPACE) fix.push({ offset, from: SPACE, to: '' });
          }
        const why = [REASONS.latin, REASONS.end, REASONS.mark].find((r) => same.some((x) => x.reason === r));
        ctx.flag(
          `Full-width space in the text${more}: ${why}, delete ${same.length > 1 || n > 1 ? 'them' : 'it'} (\`npm run check -- --fix\` does)`,
          place,
          { fix },
        );
      }
    }
  },
});
