// 孤字: a paragraph whose last line holds too few letters takes letters from the line above, kept
// together with nowrap (span.keep-together). The paragraph must keep its line count, so the frames
// do not change; if it would not, or the last line is still short, or the line above is spread
// looser than the layout allows (maxLoose: a 孤字 is not traded for a loose line), the paragraph is
// put back.
import { isLowSurrogate, LETTER } from './dom.js';
import { BlockText, type LineBox, type LineCache, looseOf, readLines } from './lines.js';
import type { Splitter } from './split.js';
import { TextIndex } from './text-index.js';

interface Fix {
  p: HTMLElement;
  lines: LineBox[];
  /** where the kept-together letters start */
  at: number;
  index: TextIndex;
  height: number;
  before: HTMLElement;
  /** the looseness of the line above the last before the fix */
  looseAbove: number;
}

/** Where a paragraph's last line would have to start to hold minLastLine letters, or null if it cannot. */
function fixAt(own: LineBox[], index: TextIndex, minLastLine: number): number | null {
  const last = own[own.length - 1];
  const above = own[own.length - 2];
  let need = minLastLine - last.letters;
  let t = last.from;
  while (need > 0 && t > above.from + 1) {
    t--;
    let c = index.charAt(t);
    if (isLowSurrogate(c.charCodeAt(0))) {
      t--;
      c = index.charAt(t) + c;
    }
    if (LETTER.test(c)) need--;
  }
  return need > 0 ? null : t;
}

/**
 * Fix the paragraphs that end in a 孤字; returns how many were fixed. All fixes are made at once
 * and checked after one layout (a paragraph's lines do not depend on the others'), then the
 * failed ones are put back.
 */
export function fixOrphans(
  paragraphs: HTMLElement[],
  lines: LineCache,
  splitter: Splitter,
  minLastLine: number,
  maxLoose: number = Number.POSITIVE_INFINITY,
): number {
  const fixes: Fix[] = [];
  for (const p of paragraphs) {
    const own = lines.get(p);
    if (own.length < 2 || own[own.length - 1].letters >= minLastLine) continue;
    const index = new TextIndex(p);
    const at = fixAt(own, index, minLastLine);
    if (at !== null)
      fixes.push({
        p,
        lines: own,
        at,
        index,
        height: p.getBoundingClientRect().height,
        before: p.cloneNode(true) as HTMLElement,
        looseAbove: looseOf(lines.text(p), own[own.length - 2]),
      });
  }
  for (const f of fixes) {
    const span = document.createElement('span');
    span.className = 'keep-together';
    span.appendChild(f.index.rangeFrom(f.at).extractContents());
    f.p.appendChild(span);
  }
  // Only the last two lines can change: the lines above them are kept, not read again.
  const results = fixes.map((f) => {
    const text = new BlockText(f.p);
    const after = [...f.lines.slice(0, -2), ...readLines(text, f.lines[f.lines.length - 2].from)];
    const ok =
      Math.abs(f.p.getBoundingClientRect().height - f.height) <= 0.5 &&
      after.length === f.lines.length &&
      after[after.length - 1].letters >= minLastLine &&
      looseOf(text, after[after.length - 2]) <= Math.max(maxLoose, f.looseAbove);
    return { ok, text, after };
  });
  // A paragraph put back moves the blocks after it in its frame back too: their boxes were read
  // out of place, so they are read again when asked.
  const moved = new Set<Element>();
  fixes.forEach((f, i) => {
    const frame = f.p.closest('.frame')!;
    lines.forget(f.p);
    if (!results[i].ok) {
      splitter.replaced(f.p, f.before);
      f.p.replaceWith(f.before);
      lines.set(f.before, f.lines);
      moved.add(frame);
    } else if (!moved.has(frame)) lines.set(f.p, results[i].after, results[i].text);
  });
  return results.filter((r) => r.ok).length;
}
