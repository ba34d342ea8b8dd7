// The headline block of a single manuscript's page: a 主题 (with its 引题 and 副题) too long for the
// layout's headline lines ran over the 报眉, off the trim and into the text frames beside it, and
// the build said nothing. It is measured and cut at the block's edge as an edition's is
// (edition-findings.ts), with the same script, and reported at its front matter line.
import type { Page } from 'puppeteer-core';
import type { Article } from '../core/article.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import type { PageFinding } from './findings.js';
import { longestMatterKey } from './running-head-check.js';

/**
 * Finds the headline blocks whose text runs past their slot (measured from the text's line boxes:
 * the block is centred, so it runs over above and below) and cuts them at the slot's edge, so
 * that no head prints over the story next to it; each is reported (an error: the head is not
 * printed whole). Argument: the grid line in px.
 */
export const HEADLINE_OVERFLOW = `(function (grid) {
  var out = [];
  document.querySelectorAll('.sheet:not(.sheet-elsewhere) .headline-area').forEach(function (slot) {
    var s = slot.getBoundingClientRect();
    var range = document.createRange();
    range.selectNodeContents(slot);
    var rects = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0 && r.height > 0; });
    if (!rects.length) return;
    var top = Math.min.apply(null, rects.map(function (r) { return r.top; }));
    var bottom = Math.max.apply(null, rects.map(function (r) { return r.bottom; }));
    var wide = rects.some(function (r) { return r.left < s.left - 1 || r.right > s.right + 1; });
    if (!wide && top >= s.top - grid / 4 && bottom <= s.bottom + grid / 4) return;
    slot.style.overflow = 'hidden';
    out.push({
      flow: slot.dataset.flow,
      kind: slot.querySelector('.continuation-head') ? 'continuation' : 'story',
      lines: Math.round(s.height / grid),
      needs: Math.ceil((bottom - top) / grid - 0.01),
      wide: wide,
    });
  });
  return out;
})`;

/** The page's headline block when its text does not fit: cut at the block's edge and reported (an error). */
export async function headlineFindings(page: Page, article: Article, grid: number): Promise<PageFinding[]> {
  const over = (await page.evaluate(`${HEADLINE_OVERFLOW}(${grid})`)) as Array<{ lines: number; needs: number; wide: boolean }>;
  if (!over.length) return [];
  const o = over[0];
  const msg = article.file.message(
    `The headline block does not fit its ${o.lines} line(s)${o.wide ? ': a character or line of it is wider than the block' : `: its text needs ${o.needs}`}; ` +
      "it is cut at the block's edge. Shorten the headline, kicker or subheadline, or give the layout's headline more lines (headline.lines) or a smaller type.headlineSize",
    {
      // at the longest of the parts the block prints: the one to shorten first
      place: longestMatterKey(article, ['kicker', 'headline', 'subheadline']),
      ruleId: 'page-headline-overflow',
      source: FINDINGS_SOURCE,
    },
  );
  msg.fatal = true;
  return [{ message: msg }];
}
