// The line map: every printed line with its 第N栏第M行, its box on the sheet, and where its text
// sits in its manuscript block, so that proofs can number lines and mark findings, and reviewers'
// marks can be traced back to the manuscript.
import { blockLine } from './dom.js';
import type { LineBox } from './lines.js';
import type { FrameReport, PrintedLine } from './protocol.js';

/**
 * Number each column's lines on its page: the grid lines of that column's frames, every flow's,
 * counted top to bottom from 1 (lines under a headline block or a photo slot are not counted).
 */
export function numberColumns(frames: FrameReport[]): void {
  const byColumn = new Map<string, FrameReport[]>();
  for (const f of frames) {
    const key = `${f.page}:${f.column}`;
    byColumn.set(key, [...(byColumn.get(key) ?? []), f]);
  }
  for (const column of byColumn.values()) {
    let line = 1;
    for (const f of column.sort((a, b) => a.firstLine - b.firstLine)) {
      f.columnLine = line;
      line += f.lines;
    }
  }
}

/** The printed lines of one block in a frame; `start` is where the block's piece starts in its whole text. */
export function mapLines(el: Element, lines: LineBox[], frame: FrameReport, start: number, grid: number): PrintedLine[] {
  const fr = el.parentElement!.getBoundingClientRect();
  const sheet = el.closest('.sheet')!.getBoundingClientRect();
  const block = blockLine(el);
  const part = (el as HTMLElement).dataset.part;
  const out: PrintedLine[] = [];
  for (const l of lines) {
    if (!l.ink) continue;
    // The grid line the ink's middle falls in.
    const row = Math.max(0, Math.min(frame.lines - 1, Math.floor(((l.ink.top + l.ink.bottom) / 2 - fr.top) / grid)));
    out.push({
      flow: frame.flow,
      page: frame.page,
      column: frame.column,
      columnLine: frame.columnLine + row,
      gridLine: frame.firstLine + row,
      left: l.ink.left - sheet.left,
      top: l.ink.top - sheet.top,
      width: l.ink.right - l.ink.left,
      height: l.ink.bottom - l.ink.top,
      text: l.text,
      block,
      from: start + l.textFrom,
      to: start + l.textTo,
      ...(part === undefined ? {} : { part: Number(part) }),
    });
  }
  return out;
}
