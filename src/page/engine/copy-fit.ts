// Copy fit: what did not fit (overset: set in a column of the last frame's width to count its
// lines, then dropped: it is reported, never printed), how full each frame is, and the empty lines
// after the text (underset) or above a 小标题 that moved on (gaps).
import { blockLine } from './dom.js';
import type { Flow } from './fill.js';
import { padToGrid } from './grid.js';
import type { CopyFit, FrameReport } from './protocol.js';
import { manuscriptText } from './text-index.js';

/** The flow's copy fit, and its frames as filled. */
export function copyFit(flow: Flow, grid: number): { fit: CopyFit; frames: FrameReport[] } {
  const fit: CopyFit = { status: 'fits', oversetLines: 0, oversetChars: 0, firstWords: '', firstLine: null, undersetLines: 0, gapLines: 0 };
  const { source } = flow;
  if (source.firstElementChild) {
    const last = flow.frames[flow.frames.length - 1]?.el;
    const measure = document.createElement('div');
    measure.className = 'article-body flow-measure';
    // A flow with no frame (a module its headline fills) is counted in its source's column width:
    // the source is not laid out (display: none), so its box is 0 wide, one character a line.
    measure.style.width = last ? last.getBoundingClientRect().width + 'px' : source.style.width;
    source.parentNode!.appendChild(measure); // beside the source, so the same rules set it
    fit.firstLine = blockLine(source.firstElementChild);
    const part = (source.firstElementChild as HTMLElement).dataset.part;
    if (part !== undefined) fit.firstPart = Number(part);
    const rest = Array.from(source.children) as HTMLElement[];
    measure.append(...rest);
    padToGrid(rest, grid);
    // a table's header row printed again (续表) is not the words that did not fit
    const chars = Array.from(manuscriptText(measure).replace(/\s+/g, ''));
    fit.status = 'overset';
    fit.oversetLines = Math.round(measure.getBoundingClientRect().height / grid);
    fit.oversetChars = chars.length;
    fit.firstWords = chars.slice(0, 24).join('');
    measure.remove();
  }
  const frames = flow.frames.map(({ el, page }): FrameReport => {
    const box = el.getBoundingClientRect();
    const sheet = el.closest('.sheet')!.getBoundingClientRect();
    const lines = Number(el.dataset.lines);
    const lastChild = el.lastElementChild;
    const used = lastChild ? Math.min(lines, Math.round((lastChild.getBoundingClientRect().bottom - box.top) / grid)) : 0;
    return {
      flow: flow.id,
      page,
      column: Number(el.dataset.column),
      firstLine: Number(el.dataset.firstLine),
      lines,
      usedLines: used,
      blocks: el.children.length,
      columnLine: 0, // numbered once every flow's frames are known (line-map.ts)
      left: box.left - sheet.left,
      top: box.top - sheet.top,
      width: box.width,
      height: box.height,
    };
  });
  // Underset: the empty lines after the end of the text; gaps: empty lines left at a frame's foot
  // (above a head that moved on with its text, a photo or a table row that moved on whole).
  const lastUsed = frames.reduce((at, f, i) => (f.blocks ? i : at), -1);
  frames.forEach((f, i) => {
    if (i > lastUsed) fit.undersetLines += f.lines;
    else if (i === lastUsed) fit.undersetLines += f.lines - f.usedLines;
    else fit.gapLines += f.lines - f.usedLines;
  });
  if (fit.status === 'fits' && fit.undersetLines > 0) fit.status = 'underset';
  return { fit, frames };
}

/** The page's copy fit from its flows' (one flow: that flow's). */
export function pageFit(fits: CopyFit[]): CopyFit {
  if (fits.length === 1) return fits[0];
  const first = fits.find((f) => f.status === 'overset');
  const sum = (k: 'oversetLines' | 'oversetChars' | 'undersetLines' | 'gapLines') => fits.reduce((n, f) => n + f[k], 0);
  const underset = sum('undersetLines');
  return {
    status: first ? 'overset' : underset > 0 ? 'underset' : 'fits',
    oversetLines: sum('oversetLines'),
    oversetChars: sum('oversetChars'),
    firstWords: first?.firstWords ?? '',
    firstLine: first?.firstLine ?? null,
    undersetLines: underset,
    gapLines: sum('gapLines'),
  };
}
