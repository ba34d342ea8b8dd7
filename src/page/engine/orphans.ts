// 孤字: a paragraph whose last line holds too few letters takes letters from the line above, kept
// together with nowrap (span.keep-together). The paragraph must keep its line count, so the frames
// do not change; if it would not, or the last line is still short, the paragraph is put back.
import { isLowSurrogate, LETTER } from './dom.js';
import { BlockText, type LineCache, readLines } from './lines.js';
import type { Splitter } from './split.js';
import { TextIndex } from './text-index.js';

/** Fix the paragraphs that end in a 孤字; returns how many were fixed. */
export function fixOrphans(paragraphs: HTMLElement[], lines: LineCache, splitter: Splitter, minLastLine: number): number {
  let fixed = 0;
  for (const p of paragraphs) {
    const own = lines.get(p);
    if (own.length < 2) continue;
    const last = own[own.length - 1];
    const above = own[own.length - 2];
    if (last.letters >= minLastLine) continue;
    const index = new TextIndex(p);
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
    if (need > 0) continue;
    const before = p.cloneNode(true) as HTMLElement;
    const height = p.getBoundingClientRect().height;
    const span = document.createElement('span');
    span.className = 'keep-together';
    span.appendChild(index.rangeFrom(t).extractContents());
    p.appendChild(span);
    // Only the last two lines can change: the lines above them are kept, not read again.
    const text = new BlockText(p);
    const after = [...own.slice(0, -2), ...readLines(text, above.from)];
    lines.forget(p);
    if (Math.abs(p.getBoundingClientRect().height - height) > 0.5 || after[after.length - 1].letters < minLastLine) {
      // Put back as it was: the copy lays out exactly as the paragraph did, so its lines stand.
      splitter.replaced(p, before);
      p.replaceWith(before);
      lines.set(before, own);
    } else {
      fixed++;
      lines.set(p, after, text);
    }
  }
  return fixed;
}
