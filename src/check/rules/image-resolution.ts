// Enough pixels for the size the photo prints at. Figure N fills photo slot N of the page layout;
// a figure without a slot is measured at `defaultColumns` base columns. An edition places its
// photos itself (RuleContext.photoPlaces): figure N in the plan's slot N of its story, the rest
// across a column of the story's module.
import { defineRule, type RuleContext } from '../rule.js';
import { displaySize, manuscriptImages } from '../images.js';
import { photoPrintSizes, spanWidthMm } from '../../config/layout.js';
import { manuscriptLayout } from '../layout.js';

export default defineRule({
  id: 'image-resolution',
  severity: 'warning',
  summary: 'A photo has fewer pixels than `minPpi` at the size it prints at (a slot photo is cropped to fill its slot).',
  why:
    'Newsprint needs about 200 ppi at the printed size; below that a photo prints soft or blocky. The message says the actual ppi, ' +
    'the pixel width needed and the place measured: on a single page the layout’s photo slot N for figure N; in an edition the ' +
    'plan’s photo slot N of the story (named at its line in the plan), and a column of the story’s module for a figure without one.',
  options: { minPpi: 200, defaultColumns: 2 },
  optionBounds: {
    minPpi: { min: 1, max: 2400, stricter: 'higher' },
    defaultColumns: { min: 1, max: 50, stricter: 'higher' },
  },
  optionDocs: {
    minPpi: 'least pixels per inch at the printed width',
    defaultColumns:
      'base columns a photo without a slot in the layout is printed across (a single page; an edition uses its module’s column)',
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
    const place = await printPlaces(ctx);
    if (!place) return; // an unknown layout is the page builder's finding
    for (const img of images) {
      const { widthMm, heightMm, where } = place(img.figure!);
      const { width, height } = displaySize(img.meta!);
      // A slot's photo is cropped to cover the whole slot: it needs enough pixels in both
      // dimensions; a photo in the text column only across its width.
      const ppiAcross = width / (widthMm / 25.4);
      const ppiDown = heightMm ? height / (heightMm / 25.4) : Infinity;
      const ppi = Math.min(ppiAcross, ppiDown);
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

/** Where figure N prints: its slot (width and height) or a column (width only), and how the message names it. */
type Place = (figure: number) => { widthMm: number; heightMm?: number; where: string };

/**
 * The build's own places when it gives them (an edition: the plan's slots, the module's column);
 * else the layout's single-page photo slots, and `defaultColumns` for a figure without one.
 */
async function printPlaces(ctx: RuleContext<{ defaultColumns: number }>): Promise<Place | undefined> {
  const placed = ctx.photoPlaces;
  if (placed)
    return (n) => {
      const slot = placed.slots[n];
      return slot
        ? { widthMm: slot.widthMm, heightMm: slot.heightMm, where: slot.name }
        : { widthMm: placed.column.widthMm, where: placed.column.name };
    };
  const layout = await manuscriptLayout(ctx);
  if (!layout) return undefined;
  const slots = photoPrintSizes(layout);
  const columns = ctx.options.defaultColumns;
  return (n) => {
    const slot = slots[n];
    return slot
      ? { widthMm: slot.widthMm, heightMm: slot.heightMm, where: `photo slot ${n + 1} of ${layout.name}` }
      : { widthMm: spanWidthMm(layout, columns), where: `${columns} columns, no slot in ${layout.name}` };
  };
}
