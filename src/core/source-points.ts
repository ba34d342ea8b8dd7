// Offsets in a source text to line and column and back (1-based, UTF-16 columns, lines split at
// \n: as vfile and the markdown parser count them), by a binary search over the line starts.
import type { Point } from 'unist';

export class SourcePoints {
  private starts = [0];
  constructor(readonly source: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  point(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  /** A syntax tree's point at `offset`: its line, column and the offset. */
  at(offset: number): Point {
    return { ...this.point(offset), offset };
  }

  offset(line: number, column = 1): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
    return Math.min(start + Math.max(column, 1) - 1, this.source.length);
  }
}
