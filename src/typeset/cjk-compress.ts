// 标点挤压: two full-width marks side by side take 1.5 em, not 2 (clreq). Chromium's
// `text-spacing-trim: space-first` compresses only some pairs: it trims an opening mark after a
// closing one (，（ → 1.5 em) and closing quotes before opening quotes, but leaves ，“ ：“ 。） ”，
// ！” and the like at 2 em. For those, the first mark is set in its half-width form (OpenType
// `halt`, span.halt in templates/article.css; for ）“ 》（ and kin, the second). The pairs were measured in the pinned Chromium with
// the pinned fonts (tests/html/compress.test.ts measures every pair again): a pair Chromium already
// compresses is left alone, or it would shrink to 1 em.
// ？ and ！ doubled for strong feeling (？？ ！！ ？！ ！？, and three: ？？？), which GB/T 15834 allows and
// the desk passes, are the exception: clreq sets two of them in one em, each half-width, so the whole
// run is one span.halt (？？ in 1 em, ？？？ in 1.5). Chromium alone set ？？ in 1.5 em, a gap after the
// marks.
import type { Element, Root } from 'hast';
import { wrapMatches } from './wrap-text.js';

export const HALT_CLASS = 'halt';

// Closing marks (and the pause and stop marks) measured; 、，。：；！？ are the "stops".
const CLOSING = '，、。：；！？）》”’';
const PAIRS = new RegExp(
  [
    `(?<![？！])[？！]{2,3}(?![？！])`, // ？ and ！ doubled (or tripled): every one half-width
    `[${CLOSING}](?=[${CLOSING}])`, // closing before closing: ，） 。” ”，
    `[，、。：；！？](?=[“‘])`, // a stop before an opening quote: ，“ ：“ (after ）》”’ Chromium trims the quote)
    `[；！？](?=[（《])`, // after ，、。：）》 Chromium trims the opening bracket itself
    `(?<=[）》])[“‘]|(?<=》)（`, // left at 2 em, and halting the closing mark makes 1 em: halt the opening one
  ].join('|'),
  'g',
);

/** Set one mark of each pair Chromium leaves at 2 em half-width, and doubled ？ ！ all of them; returns how many spans were set. */
export function compressPunctuation(tree: Root | Element): number {
  return wrapMatches(tree, PAIRS, HALT_CLASS);
}
