// Photo slots of a page (a single manuscript's, or an edition's): the caption takes the slot's
// foot and the photo the rest (page.css), so a long caption squeezed the photo to a strip and a
// longer one ran past the slot, with the photo gone, over the text below it; the build said
// nothing. Each slot is measured on the laid-out page: a caption that runs past its slot is cut at
// the slot's edge (an error), and a photo left with little of its slot is a warning; both at the
// figure's manuscript line.
import type { Page } from 'puppeteer-core';
import type { VFile } from 'vfile';
import type { Article } from '../core/article.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import type { PageFinding } from './findings.js';

/** A photo smaller than this share of its slot's height is reported as squeezed. */
const MIN_PHOTO_SHARE = 0.25;

/** A filled slot as measured: its story's flow on an edition page (null on a single manuscript's). */
export interface SlotFit {
  slot: number;
  line: number | null;
  flow: string | null;
  over: boolean;
  share: number;
}

/** Each filled slot: whether its content runs past it (then cut), and the photo's share of its height. */
export const SLOT_FIT = `(function () {
  return Array.prototype.map.call(document.querySelectorAll('.sheet:not(.sheet-elsewhere) figure.slot.photo'), function (fig) {
    var s = fig.getBoundingClientRect();
    var range = document.createRange();
    range.selectNodeContents(fig);
    var rects = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0 && r.height > 0; });
    var bottom = Math.max.apply(null, rects.map(function (r) { return r.bottom; }).concat([s.top]));
    var img = fig.querySelector('img, .photo-missing');
    var over = bottom > s.bottom + 1;
    if (over) fig.style.overflow = 'hidden';
    return { slot: Number(fig.dataset.slot), line: Number(fig.dataset.line) || null, flow: fig.dataset.flow || null, over: over, share: img ? img.getBoundingClientRect().height / s.height : 1 };
  });
})()`;

export async function slotFindings(page: Page, article: Article): Promise<PageFinding[]> {
  const slots = (await page.evaluate(SLOT_FIT)) as SlotFit[];
  return slotMessages(article.file, slots, (s) => `in the layout (photos[${s.slot - 1}].lines)`);
}

/** The findings of measured slots, said to `file`; `where` names what gives the slot its lines. */
export function slotMessages(file: VFile, slots: SlotFit[], where: (s: SlotFit) => string): PageFinding[] {
  const found: PageFinding[] = [];
  for (const s of slots) {
    const place = s.line ? { line: s.line, column: 1 } : undefined;
    if (s.over) {
      const msg = file.message(
        `The caption of photo ${s.slot} runs past its slot, with no room left for the photo; it is cut at the slot's edge: shorten the caption, or give the slot more lines ${where(s)}`,
        { place, ruleId: 'page-caption-overflow', source: FINDINGS_SOURCE },
      );
      msg.fatal = true;
      found.push({ message: msg });
    } else if (s.share < MIN_PHOTO_SHARE) {
      const msg = file.message(
        `Photo ${s.slot} prints in ${Math.round(s.share * 100)}% of its slot's height, its caption takes the rest: shorten the caption, or give the slot more lines ${where(s)}`,
        { place, ruleId: 'page-photo-squeezed', source: FINDINGS_SOURCE },
      );
      msg.fatal = false;
      found.push({ message: msg });
    }
  }
  return found;
}
