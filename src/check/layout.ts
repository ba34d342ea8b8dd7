// The page layout a manuscript names (front matter `layout:`, else the default), loaded once per
// run for the rules that measure against it (heading-length, image-resolution) through ctx.memo.
import { loadLayout, type Layout } from '../config/layout.js';
import type { RuleContext } from './rule.js';

/** The layout, or undefined when it cannot be loaded: an unknown layout is the page builder's finding. */
export function manuscriptLayout(ctx: RuleContext<unknown>): Promise<Layout | undefined> {
  return ctx.memo('layout', async () => {
    try {
      return loadLayout(typeof ctx.matter.layout === 'string' ? ctx.matter.layout : undefined);
    } catch {
      return undefined;
    }
  });
}
