// Keeping blocks on the line grid. Chromium has no line grid (docs/layout-engine.md, “No line
// grid in Chromium”): a block whose height is not a whole number of grid lines (a 小标题 with its
// own line height, a photo, a caption) would put everything after it off the grid, so the engine
// pads each block at its foot to whole grid lines.

/**
 * Pad blocks to whole grid lines where they stand. Done for a batch in three steps (clear old
 * padding, read every height, write every padding) so that the page is laid out twice for the
 * batch, not twice per block. A block's height does not depend on the blocks after it, so the
 * result is the same as padding them one by one.
 */
export function padToGrid(blocks: HTMLElement[], grid: number): void {
  // A block coming back from an earlier frame drops that frame's padding (its context may differ).
  for (const el of blocks) if (el.style.paddingBottom) el.style.paddingBottom = '';
  const pads: Array<string | null> = blocks.map((el) => {
    const h = el.getBoundingClientRect().height;
    // A paragraph is whole lines already (its line height is the grid).
    if (Math.abs(h / grid - Math.round(h / grid)) < 0.002 && el.tagName === 'P') return null;
    const cs = getComputedStyle(el);
    const outer = h + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
    const extra = Math.ceil(outer / grid - 0.002) * grid - outer;
    return extra > 0.01 ? `${parseFloat(cs.paddingBottom) + extra}px` : null;
  });
  blocks.forEach((el, i) => {
    const pad = pads[i];
    if (pad) el.style.paddingBottom = pad;
  });
}
