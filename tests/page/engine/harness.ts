// Runs in the test page (bundled like the engine, by src/page/engine-script.ts): the engine's
// modules, plus small drivers that set up a fixture and return what the tests look at as JSON.
import { BlockText, looseOf, readLines } from '../../../src/page/engine/lines.js';
import { HAN, isHighSurrogate, isLowSurrogate, SPACE } from '../../../src/page/engine/dom.js';
import { type Candidate, candidates, STEPS } from '../../../src/page/engine/autofit.js';
import { type FillContext, Sheets } from '../../../src/page/engine/fill.js';
import type { LayoutInput } from '../../../src/page/engine/protocol.js';
import { Rethreader } from '../../../src/page/engine/rethread.js';
import { Splitter } from '../../../src/page/engine/split.js';

export { layout } from '../../../src/page/engine/main.js';

/** Put a fixture into the page and wait until every font it uses has loaded. */
export async function load(body: string): Promise<string> {
  document.body.innerHTML = body;
  void document.body.offsetHeight;
  await document.fonts.ready;
  return document.fonts.status;
}

export interface BlockView {
  tag: string;
  classes: string[];
  line: number | null;
  piece: string | null;
  text: string;
  /** lines the block takes, from its height */
  height: number;
}

/** Each frame's blocks after layout, in order. */
export function frames(grid: number): BlockView[][] {
  return Array.from(document.querySelectorAll<HTMLElement>('.frame')).map((f) =>
    Array.from(f.children as HTMLCollectionOf<HTMLElement>).map((b) => ({
      tag: b.tagName.toLowerCase(),
      classes: Array.from(b.classList),
      line: Number(b.dataset.line) || null,
      piece: b.dataset.piece ?? null,
      text: (b.textContent ?? '').replace(/\s+/g, ''),
      height: b.getBoundingClientRect().height / grid,
    })),
  );
}

export interface LineView {
  from: number;
  end: number;
  text: string;
  loose: number;
  looseAtMost: number;
}

/** Lines of the blocks matching `selector`, read the engine's way; every looseness measured. */
export function engineLines(selector: string): LineView[][] {
  return Array.from(document.querySelectorAll(selector)).map((el) => {
    const block = new BlockText(el);
    return readLines(block).map((l) => ({ from: l.from, end: l.end, text: l.text, looseAtMost: l.looseAtMost, loose: looseOf(block, l) }));
  });
}

/**
 * Lines of the same blocks read the slow, obvious way: every character measured, a new line
 * whenever a character's middle lies below the current line's first character. The reference
 * the engine's reader is checked against.
 */
export function referenceLines(selector: string): LineView[][] {
  const range = document.createRange();
  return Array.from(document.querySelectorAll(selector)).map((el) => {
    const em = parseFloat(getComputedStyle(el).fontSize);
    const lines: Array<LineView & { foot: number; widths: number[]; ink: { left: number; right: number } }> = [];
    const ctx = document.createElement('canvas').getContext('2d')!;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let base = 0;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      for (let off = 0; off < n.data.length; off++) {
        const code = n.data.charCodeAt(off);
        if (isLowSurrogate(code)) continue;
        const ch = n.data.slice(off, off + (isHighSurrogate(code) ? 2 : 1));
        range.setStart(n, off);
        range.setEnd(n, off + ch.length);
        const r = range.getClientRects()[0];
        if (!r || (r.width === 0 && SPACE.test(ch))) continue;
        let cur = lines[lines.length - 1];
        if (!cur || r.top + r.height / 2 > cur.foot) {
          cur = {
            from: base + off,
            end: 0,
            text: '',
            loose: 0,
            looseAtMost: 0,
            foot: r.bottom,
            widths: [],
            ink: { left: r.left, right: r.right },
          };
          if (lines.length) lines[lines.length - 1].end = base + off;
          lines.push(cur);
        }
        if (!SPACE.test(ch)) {
          cur.text += ch;
          cur.ink.left = Math.min(cur.ink.left, r.left);
          cur.ink.right = Math.max(cur.ink.right, r.right);
        }
        if (HAN.test(ch)) cur.widths.push(r.width);
      }
      base += n.data.length;
    }
    if (lines.length) lines[lines.length - 1].end = base;
    const all = el.textContent ?? '';
    return lines.map(({ foot, widths, ink, ...l }) => {
      widths.sort((a, b) => a - b);
      // One Han character, ending the line, shows no spread (no space after it): measured as a line without Han.
      const lastHan = HAN.test([...l.text].pop() ?? '');
      if (widths.length > 1 || (widths.length === 1 && !lastHan))
        return { ...l, loose: Math.max(0, (widths[widths.length >> 1] - em) / em), looseAtMost: Number.NaN };
      // No Han character (or only its last): the line's extent beyond its text's own width (in its font, unjustified), per gap.
      const own = all.slice(l.from, l.end).trim();
      const gaps = [...own].length - 1;
      ctx.font = getComputedStyle(el).font;
      const loose = gaps < 1 ? 0 : Math.max(0, (ink.right - ink.left - ctx.measureText(own).width) / gaps / em);
      return { ...l, loose, looseAtMost: Number.NaN };
    });
  });
}

/**
 * The paragraphs of the flow's source that automatic fit would set tighter (sign −1) or looser
 * (+1), and at which tracking: as the engine searches for them, and the obvious way (every
 * paragraph set at every step in turn, 1/8 of the largest tracking to 8/8; the first step that
 * changes its line count the right way wins).
 */
export function trackingCandidates(
  width: number,
  grid: number,
  max: number,
  sign: -1 | 1,
): { engine: Candidate[]; reference: Candidate[] } {
  const source = document.querySelector<HTMLElement>('.flow-source')!;
  const blocks = Array.from(source.children) as HTMLElement[];
  const engine = candidates(blocks, width, grid, max, sign, source);
  const measure = document.createElement('div');
  measure.className = 'article-body flow-measure';
  measure.style.width = `${width}px`;
  source.after(measure);
  const reference: Candidate[] = [];
  blocks.forEach((b, index) => {
    if (b.tagName !== 'P') return;
    const copy = b.cloneNode(true) as HTMLElement;
    measure.replaceChildren(copy);
    const lines = () => Math.round(copy.getBoundingClientRect().height / grid);
    const before = lines();
    for (let step = 1; step <= STEPS; step++) {
      const tracking = Math.round(((sign * max * step) / STEPS) * 10000) / 10000;
      copy.style.letterSpacing = `${tracking}em`;
      const after = lines();
      if (after !== before && Math.sign(after - before) === sign) {
        reference.push({ index, tracking, before, after });
        return;
      }
    }
  });
  measure.remove();
  return { engine, reference };
}

/**
 * Thread the page's one flow, then again with some paragraphs' letter spacing changed (block
 * index → em), and keep either the second threading or the first (`back`). Returns the frame the
 * second threading started from, how many frames the page had meanwhile and has after, whether the
 * first threading's frames and blocks came back as the very nodes laid out first, and the frames.
 */
export function rethread(input: LayoutInput, tracking: Array<[number, number]>, back: boolean) {
  const ctx: FillContext = {
    grid: input.grid,
    keepWithHead: input.keepWithHead,
    minTableRows: input.minTableRows,
    minLastLine: input.minLastLine,
    perLine: 13,
    splitter: new Splitter(),
    problems: [],
  };
  const flow = input.flows[0];
  const source = document.querySelector<HTMLElement>(flow.source)!;
  const threads = new Rethreader(flow, new Sheets(input.maxPages), ctx, false, source.cloneNode(true) as HTMLElement);
  const first = threads.first().threading;
  const laidOut = first.slots.map((s) => Array.from(s.el.children));
  const changed = new Map(tracking);
  const again = threads.again(first, changed).threading;
  const meanwhile = document.querySelectorAll('.frame').length;
  const kept = threads.settle(back ? first : again);
  const same = kept.frames.every(
    (s, i) =>
      s.el === first.slots[i].el && s.el.children.length === laidOut[i].length && laidOut[i].every((b, j) => s.el.children[j] === b),
  );
  source.remove();
  return {
    from: threads.restartAt(first, changed),
    meanwhile,
    after: document.querySelectorAll('.frame').length,
    same,
    frames: frames(input.grid),
  };
}
