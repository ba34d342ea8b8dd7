// The page layout a manuscript is built on, for the rules that measure against it (heading-length,
// image-resolution): the one the build names (build:pdf --layout, given to the check as
// CheckOptions.layout), else the one the manuscript names (front matter `layout:`, else the
// default), loaded once per run through ctx.memo. The build resolves it the same way
// (cli/build-pdf.ts resolveLayout), so the check judges the page that is printed.
import { loadLayout, type Layout } from '../config/layout.js';
import type { RuleContext } from './rule.js';

/** The layout, or undefined when it cannot be loaded: an unknown layout is the page builder's finding. */
export function manuscriptLayout(ctx: RuleContext<unknown>): Promise<Layout | undefined> {
  if (ctx.layout) return Promise.resolve(ctx.layout);
  return ctx.memo('layout', async () => {
    try {
      return loadLayout(typeof ctx.matter.layout === 'string' ? ctx.matter.layout : undefined);
    } catch {
      return undefined;
    }
  });
}
