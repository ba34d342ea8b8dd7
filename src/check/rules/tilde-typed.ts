// A range typed with a half-width tilde (“9~12日”, “10%~20%”, “15~18元”): typed on a Western keyboard,
// it prints as a small raised stroke, where Chinese text takes the 浪纹线 ～ (GB/T 15834 4.13). It is
// fixable where the tilde stands in a Chinese range: a digit before it, a digit after it, and Chinese
// beside the range. A tilde in code, an address (~user), a path (~/) or Latin text is left alone,
// and so is ≈ written as ~ before a lone number (~5%), which is the editor's call. Two such
// ranges in one paragraph (预计9~12日，约10~15元) are worse: markdown pairs the tildes as a
// strikethrough, so the text between them prints struck through and the tildes not at all; that
// pair is said too, and fixed the same way.
import type { Delete } from 'mdast';
import { visit } from 'unist-util-visit';
import { isCjk } from '../../core/cjk.js';
import { autolinkLookup } from '../addresses.js';
import { inPlainText, moreInBlock } from '../in-text.js';
import { defineRule, type Edit } from '../rule.js';

const RIGHT = '～';
/** A tilde between a number (a digit, or %, ℃, a Chinese unit after it) and a digit: a range. */
const RANGE = /(?<=[\d%℃‰\p{Script=Han}])~(?=\d)/gu;
/** A range's tilde in the source at offset i: a number or a Chinese unit before it, a digit after it. */
const rangeAt = (source: string, i: number): boolean =>
  source[i] === '~' && /[\d%℃‰\p{Script=Han}]/u.test(source[i - 1] ?? '') && /\d/.test(source[i + 1] ?? '');

/** A number's own characters, skipped to find what stands beside the range (a time's colon too: 8:00~12:00). */
const NUMBER = /[\d.,:%℃‰]/;

/** Whether Chinese stands right beside the range around the tilde at i (9~12日, 为10%~20%): Chinese text, not Latin. */
function inChinese(text: string, i: number): boolean {
  let a = i - 1;
  while (a >= 0 && NUMBER.test(text[a])) a--;
  let z = i + 1;
  while (z < text.length && NUMBER.test(text[z])) z++;
  return isCjk(text[a]) || isCjk(text[z]);
}

export default defineRule({
  id: 'tilde-typed',
  severity: 'warning',
  fixable: true,
  summary: 'A range in Chinese text is typed with a half-width tilde (9~12日), where ～ belongs.',
  why:
    'GB/T 15834: a range of numbers in Chinese text is joined with the 浪纹线 ～ (or a 一字线 —); a half-width ~ prints as a small raised ' +
    'stroke. `--fix` writes ～ where a number stands before the tilde and a digit after it, with Chinese beside the range. Tildes in ' +
    'code, addresses, paths (~/) and Latin text are left alone. Two such tildes in a paragraph that markdown takes for a strikethrough (预计9~12日，约10~15元) are ' +
    'said as that, and fixed the same way.',
  options: {},
  examples: {
    ok: [
      {
        markdown: '# 主题\n\n预计9～12日将有新股申购。运行 `ls ~/docs`，网址 https://example.cn/~user 照录。他说 it costs 5~10 USD。\n',
      },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n预计9~12日将有多只新股申购，募资规模在10%~20%之间。\n',
        expect: ["3:4-3:5 Range typed with '~' and 1 more in this paragraph: Chinese text takes ～; run `npm run check -- --fix`"],
      },
      {
        markdown: '# 主题\n\n会议时间为8:00~12:00，地点另行通知。\n',
        expect: ["3:10-3:11 Range typed with '~': Chinese text takes ～; run `npm run check -- --fix`"],
      },
      {
        markdown: '# 主题\n\n预计9~12日申购，发行价约10~15元。\n',
        expect: ["3:4-3:5 Ranges typed with '~' here and at 3:17 pair up as a strikethrough: the text between them prints struck through"],
      },
    ],
  },
  check(ctx) {
    // Two range tildes markdown took for a strikethrough (~…~, one tilde each side): the text prints struck through.
    visit(ctx.tree, 'delete', (d: Delete) => {
      const [start, end] = [d.position?.start.offset, d.position?.end.offset];
      if (start === undefined || end === undefined || ctx.source[start + 1] === '~') return;
      const tildes = [start, end - 1].filter((i) => rangeAt(ctx.source, i));
      if (!tildes.length) return;
      const close = ctx.point(end - 1);
      ctx.flag(
        `Ranges typed with '~' here and at ${close.line}:${close.column} pair up as a strikethrough: the text between them prints ` +
          'struck through and the tildes not at all; Chinese text takes ～; ' +
          (tildes.length === 2 ? 'run `npm run check -- --fix`' : 'type ～ by hand'),
        ctx.range(start, start + 1),
        { fix: tildes.length === 2 ? tildes.map((offset) => ({ offset, from: '~', to: RIGHT })) : [] },
      );
    });
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      if (!b.text.includes('~')) continue;
      const plain = inPlainText(b, inAddress);
      const found = [...b.text.matchAll(RANGE)].filter((m) => inChinese(b.text, m.index) && plain(m.index, 1));
      if (!found.length) continue;
      const edits: Edit[] = [];
      for (const m of found) {
        const offset = b.offsets[m.index];
        if (offset >= 0 && ctx.source[offset] === '~' && ctx.source[offset - 1] !== '\\') edits.push({ offset, from: '~', to: RIGHT });
      }
      const more = moreInBlock(b, found.length);
      ctx.flag(
        `Range typed with '~'${more}: Chinese text takes ～; ${
          edits.length === found.length
            ? 'run `npm run check -- --fix`'
            : 'type ～ by hand (`npm run check -- --fix` leaves an escaped one)'
        }`,
        ctx.rangeIn(b, found[0].index, 1),
        { fix: edits.length === found.length ? edits : [] },
      );
    }
  },
});
