// Line quality, measured on the laid-out page: lines that start or end with a forbidden mark
// (避头尾), paragraphs that end in a 孤字, justified lines spread too loose; and where blocks sit:
// 小标题 (at a column foot or not), continuations (their indent), blocks off the line grid.
import { blockLine, isHead, paragraphsOf, where } from './dom.js';
import { type LineBox, type LineCache, looseOf, shownText } from './lines.js';
import type { LayoutInput, LayoutResult, LineQuality } from './protocol.js';

export type Checks = Pick<LayoutResult, 'quality' | 'heads' | 'continued' | 'offGrid'>;

/**
 * The right edge of a paragraph's text, when its lines are to be checked for a hole at their end:
 * a line of a paragraph's middle that justification could not fill, a third of it or more left empty (“词” alone, the long English
 * word or address after it gone to the next line, and nothing on the line to spread). undefined for
 * a paragraph with a line break of its own (<br>), whose lines end short on purpose.
 */
function textRight(el: HTMLElement): number | undefined {
  if (el.tagName !== 'P' || el.querySelector('br')) return undefined;
  const cs = getComputedStyle(el);
  if (cs.textAlign !== 'justify') return undefined;
  return el.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
}

/** Check every block in the frames, in reading order. */
export function checkLines(blocks: HTMLElement[], lines: LineCache, input: LayoutInput, orphansFixed: number): Checks {
  const G = input.grid;
  const quality: LineQuality = { lines: 0, badStarts: [], badEnds: [], orphans: [], loose: [], orphansFixed, maxLoose: 0 };
  const checks: Checks = { quality, heads: [], continued: [], offGrid: [] };
  const justified: Array<{ el: HTMLElement; line: LineBox }> = [];
  const short: Array<{ el: HTMLElement; line: LineBox; gap: number }> = [];
  for (const el of blocks) {
    const fr = el.parentElement!.getBoundingClientRect();
    const rect = el.getBoundingClientRect();
    const offset = (rect.top - fr.top) / G;
    if (Math.abs(offset - Math.round(offset)) > 0.01) checks.offGrid.push({ ...where(el), offset });
    if (isHead(el)) {
      checks.heads.push({
        ...where(el),
        text: el.textContent ?? '',
        atFoot: !el.nextElementSibling,
        lastLine: Math.round((rect.bottom - fr.top) / G),
      });
    }
    if (el.tagName === 'FIGURE') continue;
    const own = lines.get(el);
    const right = textRight(el);
    const em = right === undefined ? 0 : lines.text(el).em;
    // a third of the column left empty, and never less than an em
    const hole = right === undefined ? 0 : Math.max(em, (right - el.getBoundingClientRect().left) / 3);
    const setJustified = el.tagName === 'P' && !el.classList.contains('byline') && !el.classList.contains('credit');
    const ends = !el.classList.contains('split');
    if (el.classList.contains('continued') && own.length)
      checks.continued.push({ ...where(el), indent: own[0].left - fr.left, text: shownText(lines.text(el), own[0]) });
    own.forEach((l, i) => {
      quality.lines++;
      const at = () => ({ ...where(el), text: shownText(lines.text(el), l) });
      if (l.first && input.noStart.includes(l.first)) quality.badStarts.push(at());
      if (l.last && input.noEnd.includes(l.last)) quality.badEnds.push(at());
      const lastOfParagraph = i === own.length - 1 && ends;
      // A one-line paragraph is short, not a 孤字; the one line of a paragraph's part that a frame
      // break carried over (continued) is that paragraph's last line, and is.
      const ofMore = own.length > 1 || el.classList.contains('continued');
      if (lastOfParagraph && ofMore && el.tagName === 'P' && l.letters < input.minLastLine) quality.orphans.push(at());
      if (setJustified && !lastOfParagraph) {
        justified.push({ el, line: l });
        if (right !== undefined && l.ink && right - l.ink.right > hole) short.push({ el, line: l, gap: (right - l.ink.right) / em });
      }
    });
    // The paragraphs and items inside a quotation or a list end in a 孤字 as a paragraph does.
    if (el.tagName !== 'P')
      for (const inner of paragraphsOf(el)) {
        const mine = lines.get(inner);
        const last = mine[mine.length - 1];
        if (!last || inner.classList.contains('split') || (mine.length < 2 && !inner.classList.contains('continued'))) continue;
        if (last.letters < input.minLastLine)
          quality.orphans.push({ ...where(el), line: blockLine(inner) ?? blockLine(el), text: shownText(lines.text(inner), last) });
      }
  }
  // Loose lines: only lines that could be too loose, or the loosest, are measured character by
  // character; the others are known to be tighter from their bound (lines.ts).
  const byBound = [...justified].sort((a, b) => b.line.looseAtMost - a.line.looseAtMost);
  let max = 0;
  for (const { el, line } of byBound) {
    if (line.looseAtMost <= max && line.looseAtMost <= input.maxLoose) break;
    max = Math.max(max, looseOf(lines.text(el), line));
  }
  for (const { el, line } of justified) {
    if (line.loose !== undefined && line.loose > input.maxLoose)
      quality.loose.push({ ...where(el), text: shownText(lines.text(el), line), loose: Math.round(line.loose * 1000) / 1000 });
  }
  // A justified line that ends a third of its column short of its paragraph's right edge: a hole.
  for (const { el, line, gap } of short)
    quality.loose.push({ ...where(el), text: shownText(lines.text(el), line), loose: 0, short: Math.round(gap * 10) / 10 });
  quality.maxLoose = Math.round(max * 1000) / 1000;
  return checks;
}
