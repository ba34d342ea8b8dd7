// 破折号 “——” as one unbreakable two-em unit in justified columns.
//
// Why: Noto Serif SC / Noto Sans SC set “——” as ONE ligature glyph (2 em in Han context under the
// zh-Hans `locl`, 1.692 em otherwise), but Chromium justifies per character: the expansion
// opportunity between the two dashes is added after the ligature glyph. At the end of a justified
// line that space lands after the dash, so the dash stops one expansion short of the column edge
// (1.8 pt on the seed page); mid-line the space around the dash is lopsided.
//
// The fix wraps every “——” in <span class="dash">; the page stylesheet makes it an inline-block
// (no expansion inside it, never split across lines) and gives it a hidden Han character as
// script context, so the ligature keeps its two-em form (templates/newspaper/page.css). The text
// itself is untouched: the PDF gives back two U+2014 characters.
//
// Used by the page writer and article.html through browser-typeset.ts; the rule that makes the
// span work is in templates/article.css. The EPUB keeps plain text: e-readers justify and shape on
// their own terms.
import type { Element, Root } from 'hast';
import { wrapMatches } from './wrap-text.js';

export const DASH_CLASS = 'dash';
/** The hidden Han character templates/article.css puts in each span.dash: the fonts must cover it. */
export const DASH_CONTEXT = '一';

/** Wrap each “——” of the tree in span.dash (in place); returns how many were wrapped. */
export function wrapDashes(tree: Root | Element): number {
  return wrapMatches(tree, /\u2014\u2014/g, DASH_CLASS);
}
