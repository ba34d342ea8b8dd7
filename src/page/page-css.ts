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
    '--caption-line-height': t.captionLineHeight ?? '1.35',
    '--head-size': t.headSize ?? t.bodySize,
    '--head-line-height': t.headLineHeight ?? '1.4',
    '--headline-size': t.headlineSize ?? '42pt',
    '--kicker-size': t.kickerSize ?? '16pt',
    '--subheadline-size': t.subheadlineSize ?? '18pt',
    '--byline-size': t.bylineSize ?? t.bodySize,
    '--running-head-size': t.runningHeadSize ?? t.bodySize,
    // Design colours (the press stage prints each in the CMYK the layout names for it)
    ...Object.fromEntries(Object.entries(layout.colors ?? {}).map(([name, c]) => [`--color-${name}`, c.css])),
  };
  const decl = Object.entries(vars)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k}: ${v};`)
    .join('\n');
  return `@page { size: ${g.sheet.width}px ${g.sheet.height}px; margin: 0; }\n:root {\n${decl}\n}`;
}
