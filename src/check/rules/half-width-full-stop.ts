// A half-width full stop `.` (or the full-width Latin one `．`) in Chinese text, where clreq and
// GB/T 15834 set 。. Decimals (1.5), abbreviations (U.S.), file names (报告.pdf), URLs and e-mail
// addresses stay as written: only a stop with Chinese on both sides, or after Chinese text at the
// end of a sentence, is reported. The typesetter does not convert it (unlike , ; : ? ! ( ), a `.`
// between two Chinese characters may stand for 。, for the ·  of a foreign name (马克·吐温) or for
// the 、 after a numeral (一、总则)), so only the stop that ends a block or a quotation is fixed.
import { defineRule, type Edit } from '../rule.js';
import { isHan, protectedRanges } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';

const STOPS = '.．';
/** Closing marks a sentence's 。 stands before (or after: 他说：“好。”). */
const CLOSERS = '”’）》」』】〕';
// (a character, never '' or undefined: ''.includes is true of every string)
const isStop = (c: string | undefined) => c !== undefined && c.length === 1 && STOPS.includes(c);
const isCloser = (c: string | undefined) => c !== undefined && c.length === 1 && CLOSERS.includes(c);

/** The first character after `i` that is not white space (a line break too: 建议.⏎会议); undefined at the end. */
function nextVisible(s: string, i: number): { char: string | undefined; at: number } {
  let j = i + 1;
  while (j < s.length && ' \t\r\n'.includes(s[j])) j++;
  return { char: j < s.length ? String.fromCodePoint(s.codePointAt(j)!) : undefined, at: j };
}

function prevChar(s: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const code = s.charCodeAt(i - 1);
  if (code >= 0xdc00 && code <= 0xdfff && i >= 2) return s.slice(i - 2, i);
  return s[i - 1];
}

/** What a figure is written with, its unit signs too (1,000 · 15.2% · 3‰). */
const FIGURE = /[0-9.,%％‰]/;

/**
 * A figure before the stop at `i` that Chinese text leads into (增长15.2%. 共3200.): the sentence is
 * Chinese though the stop's neighbour is not. A figure of English text (version 1.0.) has none.
 * The scan stops at the figure's start: a stop is looked back from once, at a block's or a quotation's end.
 */
function figureInChinese(s: string, i: number): boolean {
  let j = i;
  while (j > 0 && FIGURE.test(s[j - 1])) j--;
  return j < i && /[0-9]/.test(s.slice(j, i)) && isHan(prevChar(s, j));
}

interface Stop {
  index: number;
  from: string;
  /** At a sentence's end (the block's end, or before a closing mark): 。 for certain. */
  end: boolean;
}

/** The stops of a block's text that stand in Chinese text. */
export function findHalfWidthStops(s: string): Stop[] {
  const found: Stop[] = [];
  const guarded = protectedRanges(s);
  let g = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isStop(s[i])) continue;
    while (g < guarded.length && guarded[g][1] <= i) g++;
    if (g < guarded.length && guarded[g][0] <= i) continue;
    // An ellipsis typed as dots (……): not a full stop.
    if (isStop(s[i - 1]) || isStop(s[i + 1])) continue;
    const prev = prevChar(s, i);
    const next = nextVisible(s, i);
    const ends = next.char === undefined || (next.at === i + 1 && isCloser(next.char));
    if (!isHan(prev) && !isCloser(prev) && !(ends && figureInChinese(s, i))) continue;
    if (ends) found.push({ index: i, from: s[i], end: true });
    else if (isHan(next.char)) found.push({ index: i, from: s[i], end: false });
  }
  return found;
}

export default defineRule({
  id: 'half-width-full-stop',
  severity: 'warning',
  fixable: true,
  summary: 'A half-width full stop `.` (or `．`) stands in Chinese text, where 。 belongs.',
  why:
    'clreq and GB/T 15834: a sentence of Chinese text ends with 。; the Latin `.` prints as a small dot low on the line, out of place among the characters. ' +
    'Reported where Chinese stands on both sides (建议.会议) or where it ends Chinese text (会议召开. at the end of a paragraph or before ”）》); ' +
    'decimals (1.5), abbreviations (U.S.), file names (报告.pdf), URLs and e-mail addresses are left alone. ' +
    '`--fix` writes 。 where the stop ends a paragraph or a quotation; between two Chinese characters it is left to the editor: ' +
    'it may be a 。, the · of a foreign name (马克·吐温) or the 、 after a numeral (一、总则).',
  options: {},
  examples: {
    ok: [
      { markdown: '# 主题\n\n会议召开。增长1.5%，U.S. 代表发言，附件见报告.pdf 和 https://example.cn/a.b。\n' },
      { markdown: '# 主题\n\n引文照录：It is version 1.0.\n' },
      { markdown: '# 主题\n\n他说：“这是 e.g. 的用法。”邮箱 news@example.cn 也可以，网址<https://example.cn/新.闻>。\n' },
    ],
    notOk: [
      // a sentence that ends with a figure (增长15.2%.)
      {
        markdown: '# 主题\n\n烟酒类增长15.2%.\n',
        expect: [
          "3:11-3:12 1 half-width full stop in Chinese text (first: '.' at 3:11): a Chinese sentence ends with 。; run `npm run check -- --fix`",
        ],
      },
      {
        markdown: '# 主题\n\n会议在北京召开.\n\n他说：“我们一定做好.”\n',
        expect: [
          "3:8-3:9 1 half-width full stop in Chinese text (first: '.' at 3:8): a Chinese sentence ends with 。; run `npm run check -- --fix`",
          "5:11-5:12 1 half-width full stop in Chinese text (first: '.' at 5:11)",
        ],
      },
      {
        markdown: '# 主题\n\n委员们提出建议.会议采纳了建议。\n\n一．总则\n',
        unfixed: true,
        expect: [
          "3:8-3:9 1 half-width full stop in Chinese text (first: '.' at 3:8): type 。 where a sentence ends, · between the parts of a foreign name (马克·吐温), 、 after a numeral (一、)",
          "5:2-5:3 1 half-width full stop in Chinese text (first: '．' at 5:2)",
        ],
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const stops = findHalfWidthStops(b.text).filter((s) => !inAddress(b.offsets[s.index]));
      if (!stops.length) continue;
      const edits: Edit[] = [];
      for (const s of stops) {
        const offset = b.offsets[s.index];
        // `\.` is a markdown escape: left to the editor, as the half-width marks are.
        if (s.end && offset >= 0 && ctx.source[offset] === s.from && ctx.source[offset - 1] !== '\\')
          edits.push({ offset, from: s.from, to: '。' });
      }
      const first = stops[0];
      const place = ctx.rangeIn(b, first.index, 1);
      const n = stops.length;
      const how =
        edits.length === n
          ? 'a Chinese sentence ends with 。; run `npm run check -- --fix`'
          : 'type 。 where a sentence ends, · between the parts of a foreign name (马克·吐温), 、 after a numeral (一、)' +
            (edits.length ? `; \`npm run check -- --fix\` changes the ${edits.length} at a sentence's end` : '');
      ctx.flag(
        `${n} half-width full stop${n === 1 ? '' : 's'} in Chinese text (first: '${first.from}' at ${place?.start.line}:${place?.start.column}): ${how}`,
        place,
        { fix: edits, note: stops.map((s) => `${s.from}→${s.end ? '。' : '。 · 、'}`).join(' ') },
      );
    }
  },
});
