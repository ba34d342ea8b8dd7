// Enough pixels for the size the photo prints at. Figure N fills photo slot N of the page layout;
// a figure without a slot is measured at `defaultColumns` base columns.
import { defineRule } from '../rule.js';
import { displaySize, manuscriptImages } from '../images.js';
import { photoPrintSizes, spanWidthMm } from '../../config/layout.js';
import { manuscriptLayout } from '../layout.js';

export default defineRule({
  id: 'image-resolution',
  severity: 'warning',
  summary: 'A photo has fewer pixels than `minPpi` at the size it prints at (a slot photo is cropped to fill its slot).',
  why: 'Newsprint needs about 200 ppi at the printed size; below that a photo prints soft or blocky. The message says the actual ppi and the pixel width needed.',
  options: { minPpi: 200, defaultColumns: 2 },
  optionBounds: {
    minPpi: { min: 1, max: 2400, stricter: 'higher' },
    defaultColumns: { min: 1, max: 50, stricter: 'higher' },
  },
  optionDocs: {
    minPpi: 'least pixels per inch at the printed width',
    defaultColumns: 'base columns a photo without a slot in the layout is printed across',
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
    const layout = await manuscriptLayout(ctx);
    if (!layout) return; // an unknown layout is the page builder's finding
    const slots = photoPrintSizes(layout);
    for (const img of images) {
      const slot = slots[img.figure!];
      const widthMm = slot ? slot.widthMm : spanWidthMm(layout, ctx.options.defaultColumns);
      const { width, height } = displaySize(img.meta!);
      // A slot's photo is cropped to cover the whole slot: it needs enough pixels in both
      // dimensions; a photo in the text column only across its width.
      const ppiAcross = width / (widthMm / 25.4);
      const ppiDown = slot ? height / (slot.heightMm / 25.4) : Infinity;
      const ppi = Math.min(ppiAcross, ppiDown);
      if (ppi >= ctx.options.minPpi) continue;
      const minPpi = ctx.options.minPpi;
      const size = slot ? `${widthMm.toFixed(1)} × ${slot.heightMm.toFixed(1)} mm` : `${widthMm.toFixed(1)} mm`;
      const needed = slot
        ? `${Math.ceil((minPpi * widthMm) / 25.4)} × ${Math.ceil((minPpi * slot.heightMm) / 25.4)} px`
        : `${Math.ceil((minPpi * widthMm) / 25.4)} px across`;
      const where = slot
        ? `photo slot ${img.figure! + 1} of ${layout.name}`
        : `${ctx.options.defaultColumns} columns, no slot in ${layout.name}`;
      ctx.flag(
        `Image "${img.src}" is ${width} × ${height} px: ${Math.round(ppi)} ppi at ${size} (${where}); ` +
          `${minPpi} ppi needs ${needed}: use a larger original`,
        img.node.position,
      );
    }
  },
});
