// The block map: where each manuscript block and photo landed, by its data-line, so that a proof
// can mark a finding where the block sits.
import { all } from './dom.js';
import type { LayoutResult } from './protocol.js';

export function blockBoxes(): LayoutResult['boxes'] {
  return all<HTMLElement>(document, '.frame > [data-line], .slot[data-line]').map((el) => {
    const r = el.getBoundingClientRect();
    return {
      line: Number(el.dataset.line),
      page: Number(el.closest<HTMLElement>('.sheet')!.dataset.page),
      left: r.left,
      top: r.top,
      width: r.width,
      height: r.height,
    };
  });
}
