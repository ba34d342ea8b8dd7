// The layout file's sizes as CSS: custom properties for templates/newspaper/page.css, and the
// @page size. Geometry stays in the layout file; this only translates it.
import type { Layout } from '../config/layout.js';
import type { Geometry } from './geometry.js';

export function layoutCss(layout: Layout, g: Geometry): string {
  const t = layout.type;
  const vars: Record<string, string | undefined> = {
    '--grid': `${g.grid}px`,
    '--body-size': t.bodySize,
    '--caption-size': t.captionSize,
    '--caption-line-height': t.captionLineHeight,
    '--head-size': t.headSize,
    '--head-line-height': t.headLineHeight,
    '--headline-size': t.headlineSize,
    '--kicker-size': t.kickerSize,
    '--subheadline-size': t.subheadlineSize,
    '--byline-size': t.bylineSize,
    '--running-head-size': t.runningHeadSize,
    // Design colours (the press stage prints each in the CMYK the layout names for it)
    ...Object.fromEntries(Object.entries(layout.colors).map(([name, c]) => [`--color-${name}`, c.css])),
  };
  const decl = Object.entries(vars)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k}: ${v};`)
    .join('\n');
  return `@page { size: ${g.sheet.width}px ${g.sheet.height}px; margin: 0; }\n:root {\n${decl}\n}`;
}
