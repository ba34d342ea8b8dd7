// The in-page layout engine, bundled by esbuild into one script (engine-script.ts) and run through
// the DevTools protocol after the page's fonts have loaded; the page runs no script of its own.
// Each flow (a source of blocks and its frames) is threaded independently; then the copy fit,
// 孤字 fixes and line measurements are taken on the laid-out page. Returns plain JSON.
import { blockBoxes } from './block-map.js';
import { copyFit, pageFit } from './copy-fit.js';
import { paragraphsOf, where, wrapItemText } from './dom.js';
import { measureSpacing, threadAndFit } from './autofit.js';
import { type FillContext, Sheets } from './fill.js';
import { mapLines, numberColumns } from './line-map.js';
import { LineCache } from './lines.js';
import { fixOrphans } from './orphans.js';
import type { FrameReport, LayoutInput, LayoutResult } from './protocol.js';
import { checkLines } from './quality.js';
import { Splitter } from './split.js';

export function layout(input: LayoutInput): LayoutResult {
  const started = performance.now();
  const splitter = new Splitter();
  const ctx: FillContext = {
    grid: input.grid,
    keepWithHead: input.keepWithHead,
    minTableRows: input.minTableRows,
    minLastLine: input.minLastLine,
    perLine: 13,
    splitter,
    problems: [],
  };
  const sheets = new Sheets(input.maxPages);
  for (const f of input.flows) {
    const source = document.querySelector(f.source);
    if (source) wrapItemText(source);
  }
  const threaded = input.flows.map((f) => threadAndFit(f, sheets, ctx, input.autoPages, input.maxLoose));
  const flows = threaded.map((t) => t.flow);
  sheets.finish();
  const laidOut = performance.now();

  const fitted = flows.map((f) => copyFit(f, input.grid));
  const frames = fitted.flatMap((f) => f.frames);
  numberColumns(frames);
  const frameOf = new Map<Element, FrameReport>();
  flows.forEach((f, i) => {
    f.frames.forEach((slot, j) => {
      frameOf.set(slot.el, fitted[i].frames[j]);
    });
  });
  // Every flow's frames in reading order (document order: sheet by sheet, column by column).
  const frameEls = [...frameOf.keys()].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const blocksInFrames = () => frameEls.flatMap((f) => Array.from(f.children) as HTMLElement[]);
  const fitDone = performance.now();

  // Each block's lines are read once; only a paragraph that a 孤字 fix changes is read again.
  // Reading lines changes no frame, so the blocks read are the ones the 孤字 fix looks at; the fix
  // can put a copy in a paragraph's place, so the blocks are listed again after it.
  const lines = new LineCache();
  const laidOutBlocks = blocksInFrames();
  for (const b of laidOutBlocks) if (b.tagName !== 'FIGURE') lines.get(b);
  const read = performance.now();
  const orphansFixed = fixOrphans(
    laidOutBlocks.flatMap(paragraphsOf).filter((p) => !p.classList.contains('split')),
    lines,
    splitter,
    input.minLastLine,
    input.maxLoose,
  );
  const orphaned = performance.now();

  const blocks = blocksInFrames();
  const checks = checkLines(blocks, lines, input, orphansFixed);
  tooWide(blocks, ctx.problems);
  const printed = input.lineMap
    ? blocks.flatMap((b) => mapLines(b, lines.get(b), frameOf.get(b.parentElement!)!, splitter.startOf(b), input.grid))
    : [];
  const boxes = blockBoxes();
  for (const t of threaded) if (t.autoFit) measureSpacing(t.autoFit, t.flow, lines);
  for (const f of flows) f.source.remove();
  return {
    pages: sheets.sheets.length,
    frames,
    fit: pageFit(fitted.map((f) => f.fit)),
    flows: flows.map((f, i) => ({ id: f.id, fit: fitted[i].fit, ...(threaded[i].autoFit ? { autoFit: threaded[i].autoFit } : {}) })),
    ...checks,
    problems: ctx.problems,
    boxes,
    lines: printed,
    ms: {
      frames: Math.round(laidOut - started),
      copyFit: Math.round(fitDone - laidOut),
      orphans: Math.round(orphaned - read),
      lineChecks: Math.round(read - fitDone + performance.now() - orphaned),
    },
  };
}

/**
 * Blocks wider than their column: a frame clips what overflows it, so a table of more columns than
 * the text column can hold (or a block pushed wider) would lose its right-hand part in silence.
 * Text blocks break their lines and stay inside; a table or preformatted block can overflow, and
 * any block that reaches an em past the column's edge is reported.
 */
function tooWide(blocks: HTMLElement[], problems: LayoutResult['problems']): void {
  for (const el of blocks) {
    const frame = el.parentElement!.getBoundingClientRect();
    const em = Number.parseFloat(getComputedStyle(el).fontSize) || 12;
    const inner = el.tagName === 'TABLE' || el.tagName === 'PRE' ? el.scrollWidth > el.clientWidth + 1 : false;
    if (!inner && el.getBoundingClientRect().right <= frame.right + (el.tagName === 'TABLE' ? 1 : em)) continue;
    problems.push({ rule: 'block-too-wide', ...where(el), text: (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 20) });
  }
}
