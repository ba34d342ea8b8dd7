// Small pages for the engine's module tests: a sheet of the test layout (two 13-character columns,
// tests/page/fixtures/layouts/two-columns.yaml) with frames placed where a test wants them, and
// the blocks of each flow in its hidden source, styled by the real templates and fonts.
import path from 'node:path';
import { loadLayoutFile } from '../../../src/config/layout.js';
import { pageGeometry } from '../../../src/page/geometry.js';
import { ROOT } from '../../helpers/cli.js';

export const layout = loadLayoutFile(path.join(ROOT, 'tests/page/fixtures/layouts/two-columns.yaml'));
export const geometry = pageGeometry(layout);
export const GRID = geometry.grid;

export interface FrameSpec {
  column: number;
  /** first grid line, from the top of the type area */
  firstLine: number;
  lines: number;
  flow?: string;
}

const px = (n: number) => `${n}px`;

function frame(f: FrameSpec): string {
  const g = geometry;
  const left = (f.column - 1) * (g.columnWidth + g.gutter);
  const style = `left:${px(left)};top:${px(f.firstLine * g.grid)};width:${px(g.columnWidth)};height:${px(f.lines * g.grid)}`;
  const flow = f.flow ? ` data-flow="${f.flow}"` : '';
  const data = `data-column="${f.column}" data-first-line="${f.firstLine}" data-lines="${f.lines}"`;
  return `<div class="frame article-body"${flow} ${data} style="${style}"></div>`;
}

/** A page of one sheet with these frames, and each flow's blocks (HTML) in its source. */
export function page(frames: FrameSpec[], sources: Record<string, string>): string {
  const g = geometry;
  const sheetStyle = `width:${px(g.sheet.width)};height:${px(g.sheet.height)}`;
  const trim = `left:${px(g.trim.left)};top:${px(g.trim.top)};width:${px(g.trim.width)};height:${px(g.trim.height)}`;
  const area = `left:${px(g.typeArea.left)};top:${px(g.typeArea.top)};width:${px(g.typeArea.width)};height:${px(g.typeArea.height)}`;
  const source = `class="article-body flow-source flow-measure" aria-hidden="true" style="width:${px(g.columnWidth)}"`;
  const flows = Object.entries(sources).map(([id, blocks]) => `<div ${source} data-flow="${id}">${blocks}</div>`);
  const sheet =
    `<div class="sheet" data-page="1" style="${sheetStyle}"><div class="trim" style="${trim}">` +
    `<div class="type-area" style="${area}">${frames.map(frame).join('')}</div></div></div>`;
  return `<article class="article page-article" lang="zh-CN">${sheet}${flows.join('')}</article>`;
}

/** Paragraphs of the page, each with its manuscript line. */
export const paragraphs = (texts: string[], firstLine = 10) => texts.map((t, i) => `<p data-line="${firstLine + 2 * i}">${t}</p>`).join('');
