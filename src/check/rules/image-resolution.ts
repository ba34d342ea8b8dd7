// Enough pixels for the size the photo prints at. Figure N fills photo slot N of the page layout
// (its part above the caption: config/layout.ts photoBoxMm; the ppi is printedPpi, the press's too);
// a figure without a slot is measured at `defaultColumns` base columns (1: the text column the page
// sets it in, where the press measures it too). An edition places its
// photos itself (RuleContext.photoPlaces): figure N in the plan's slot N of its story, the rest
// across a column of the story's module. An e-book (RuleContext.ebook, build:epub) has no page: a
// reader shows the photo across its screen, so it is judged by its pixels on its long side
// (templates/epub/book.yaml images.min-side), not by a newspaper slot it never fills.
import { defineRule, type RuleContext } from '../rule.js';
import { displaySize, manuscriptImages } from '../images.js';
import { photoBoxMm, photoPrintSizes, printedPpi, spanWidthMm } from '../../config/layout.js';
import { manuscriptLayout } from '../layout.js';
import { count } from '../../core/plural.js';

export default defineRule({
  id: 'image-resolution',
  severity: 'warning',
  summary:
    'A photo has fewer pixels than `minPpi` at the size it prints at (a slot photo is cropped to cover its part of the slot, above its caption).',
  why:
    'Newsprint needs about 200 ppi at the printed size; below that a photo prints soft or blocky. A slot photo prints in the slot less ' +
    'its caption (its lines estimated from its length), the box the press measures the printed photo in (press-photo-resolution). ' +
    'The message says the actual ppi, ' +
    'the pixel width needed and the place measured: on a single page the layout’s photo slot N for figure N; in an edition the ' +
    'plan’s photo slot N of the story (named at its line in the plan), and a column of the story’s module for a figure without one. ' +
    'In build:epub a photo is judged as a reader shows it, across its screen: by its pixels on its long side, at least ' +
    'templates/epub/book.yaml `images.min-side` (1000), whatever the page would print it at.',
  options: { minPpi: 200, defaultColumns: 1 },
  optionBounds: {
    minPpi: { min: 1, max: 2400, stricter: 'higher' },
    defaultColumns: { min: 1, max: 50, stricter: 'higher' },
  },
  optionDocs: {
    minPpi: 'least pixels per inch at the printed width',
    defaultColumns:
      'base columns a photo without a slot in the layout is measured across (a single page; an edition uses its module’s column): ' +
      'the page prints it across one, its text column',
  },
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/small.jpg)\n',
        expect: ['3:1-3:39 Image "images/small.jpg" is 600 × 400 px'],
      },
    ],
  },
  async check(ctx) {
    const images = (await manuscriptImages(ctx)).filter((i) => i.meta && i.figure !== undefined);
    if (!images.length) return;
    if (ctx.ebook) {
      const { minPhotoSide } = ctx.ebook;
      for (const img of images) {
        const { width, height } = displaySize(img.meta!);
        if (Math.max(width, height) >= minPhotoSide) continue;
        ctx.flag(
          `Image "${img.src}" is ${width} × ${height} px: under ${minPhotoSide} px on its long side a photo shows small or soft ` +
            "across a reader's screen (templates/epub/book.yaml images.min-side): use a larger original",
          img.node.position,
        );
      }
      return;
    }
    const place = await printPlaces(ctx);
    if (!place) return; // an unknown layout is the page builder's finding
    for (const img of images) {
      const { widthMm, heightMm, where } = place(img.figure!, img.caption ?? '');
      const { width, height } = displaySize(img.meta!);
      // A slot's photo is cropped to cover its box (the slot less its caption): it needs enough
      // pixels in both dimensions; a photo in the text column only across its width. The press
      // measures the printed photo with the same printedPpi.
      const ppi = printedPpi({ width, height }, { widthMm, heightMm });
      if (ppi >= ctx.options.minPpi) continue;
      const minPpi = ctx.options.minPpi;
      const size = heightMm ? `${widthMm.toFixed(1)} × ${heightMm.toFixed(1)} mm` : `${widthMm.toFixed(1)} mm`;
      const needed = heightMm
        ? `${Math.ceil((minPpi * widthMm) / 25.4)} × ${Math.ceil((minPpi * heightMm) / 25.4)} px`
        : `${Math.ceil((minPpi * widthMm) / 25.4)} px across`;
      ctx.flag(
        `Image "${img.src}" is ${width} × ${height} px: ${Math.round(ppi)} ppi at ${size} (${where}); ` +
          `${minPpi} ppi needs ${needed}: use a larger original`,
        img.node.position,
      );
    }
  },
});

/** Where figure N prints: its photo's box in its slot (width and height) or a column (width only), and how the message names it. */
type Place = (figure: number, caption: string) => { widthMm: number; heightMm?: number; where: string };

/**
 * The build's own places when it gives them (an edition: the plan's slots, the module's column);
 * else the layout's single-page photo slots, and `defaultColumns` for a figure without one.
 */
async function printPlaces(ctx: RuleContext<{ defaultColumns: number }>): Promise<Place | undefined> {
  const layout = await manuscriptLayout(ctx);
  if (!layout) return undefined;
  const placed = ctx.photoPlaces;
  if (placed)
    return (n, caption) => {
      const slot = placed.slots[n];
      return slot
        ? { ...photoBoxMm(layout, slot, caption), where: slot.name }
        : { widthMm: placed.column.widthMm, where: placed.column.name };
    };
  const slots = photoPrintSizes(layout);
  const columns = ctx.options.defaultColumns;
  return (n, caption) => {
    const slot = slots[n];
    return slot
      ? { ...photoBoxMm(layout, slot, caption), where: `photo slot ${n + 1} of ${layout.name}` }
      : { widthMm: spanWidthMm(layout, columns), where: `${count(columns, 'column')}, no slot in ${layout.name}` };
  };
}
