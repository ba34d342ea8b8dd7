// Keeping blocks on the line grid. Chromium has no line grid (docs/layout-engine.md, “No line
// grid in Chromium”): a block whose height is not a whole number of grid lines (a 小标题 with its
// own line height, a photo, a caption) would put everything after it off the grid, so the engine
// pads each block at its foot to whole grid lines.

/**
 * Pad blocks to whole grid lines where they stand. Done for a batch in three steps (clear old
 * padding, read every position, write every padding) so that the page is laid out twice for the
 * batch, not twice per block. A block's height does not depend on the blocks after it, so the
 * result is the same as padding them one by one.
 *
 * Each block's foot is put on the grid where it stands in its parent (the frame, or a measuring
 * column), counting the padding the blocks before it in the batch get, and each padding is a whole
 * number of Chromium's layout units (1/64 px), rounded up: padded to its own height alone, every
 * block lost the fraction of a unit Chromium rounds away, and a column of many short blocks (a
 * brief column of a dozen briefs) drifted off the grid block by block.
 */
export function padToGrid(blocks: HTMLElement[], grid: number): void {
  // A block coming back from an earlier frame drops that frame's padding (its context may differ).
  for (const el of blocks) if (el.style.paddingBottom) el.style.paddingBottom = '';
  const onGrid = (y: number) => Math.abs(y / grid - Math.round(y / grid)) < 0.002;
  const tops = new Map<Element, number>();
  let parent: Element | null = null;
  let shift = 0;
  const pads: Array<string | null> = blocks.map((el) => {
    if (el.parentElement !== parent) {
      parent = el.parentElement;
      shift = 0;
    }
    let top = parent ? tops.get(parent) : 0;
    if (top === undefined) {
      top = parent!.getBoundingClientRect().top;
      tops.set(parent!, top);
    }
    const r = el.getBoundingClientRect();
    // A paragraph is whole lines already (its line height is the grid): it needs padding only off the grid.
    if (el.tagName === 'P' && onGrid(r.height) && onGrid(r.top - top + shift)) return null;
    const cs = getComputedStyle(el);
    const foot = r.bottom + parseFloat(cs.marginBottom) - top + shift;
    const extra = Math.ceil(foot / grid - 0.002) * grid - foot;
    if (extra <= 0.01) return null;
    const own = parseFloat(cs.paddingBottom);
    const pad = Math.ceil((own + extra) * 64) / 64;
    shift += pad - own;
    return `${pad}px`;
  });
  blocks.forEach((el, i) => {
    const pad = pads[i];
    if (pad) el.style.paddingBottom = pad;
  });
}
