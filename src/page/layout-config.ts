// The page layout a layout editor controls: templates/newspaper/layouts/<name>.yaml.
// Everything here is read from that file; TypeScript only derives lengths from it.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TEMPLATES } from '../paths.js';
import { InputError } from '../manuscript/read.js';

export const DEFAULT_LAYOUT = 'feature-8col';

export interface PhotoSlot {
  /** first and last base column, 1-based */
  columns: [number, number];
  /** grid lines from the top of the type area */
  top: number;
  /** height in grid lines, caption included */
  lines: number;
}

export interface Layout {
  name: string;
  file: string;
  page: { trim: { width: string; height: string }; bleed: string; cropMarks: boolean };
  type: { bodySize: string; lineHeight: string; captionSize: string };
  grid: { columns: number; columnWidth: number; gutter: number; lines: number; columnRules: boolean };
  runningHead: boolean;
  headline: { columns: [number, number]; lines: number };
  photos: PhotoSlot[];
}

/** A length like "390mm", "9pt", "12px" in millimetres. */
export function toMm(length: string | number): number {
  if (typeof length === 'number') return length;
  const m = /^\s*(-?[\d.]+)\s*(mm|cm|pt|px|in)?\s*$/.exec(length);
  if (!m) throw new InputError(`"${length}" is not a length (use mm, cm, pt, px or in)`);
  const n = parseFloat(m[1]);
  const unit = m[2] ?? 'mm';
  return unit === 'mm' ? n : unit === 'cm' ? n * 10 : unit === 'in' ? n * 25.4 : unit === 'pt' ? (n * 25.4) / 72 : (n * 25.4) / 96;
}

export function layoutFile(name = DEFAULT_LAYOUT): string {
  if (!/^[\w.-]+$/.test(name)) throw new InputError(`layout "${name}" is not a layout name (letters, digits, - and _)`);
  return path.join(TEMPLATES, 'newspaper', 'layouts', `${name}.yaml`);
}

export function loadLayout(name = DEFAULT_LAYOUT): Layout {
  const file = layoutFile(name);
  if (!existsSync(file)) throw new InputError(`${file}: no such layout; front matter "layout:" must name a file in templates/newspaper/layouts/`);
  let raw: Layout;
  try {
    raw = parseYaml(readFileSync(file, 'utf8')) as Layout;
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  return { ...raw, name, file, photos: raw.photos ?? [] };
}

/** Width of `n` adjacent base columns (gutters between them included), in mm. */
export function spanWidthMm(layout: Layout, n: number): number {
  const em = toMm(layout.type.bodySize);
  return (n * layout.grid.columnWidth + (n - 1) * layout.grid.gutter) * em;
}

/** Printed size of each photo slot, in mm (the image area, caption excluded approximately). */
export function photoPrintSizes(layout: Layout): Array<{ widthMm: number; heightMm: number }> {
  const line = toMm(layout.type.lineHeight);
  return layout.photos.map((p) => ({
    widthMm: spanWidthMm(layout, p.columns[1] - p.columns[0] + 1),
    heightMm: p.lines * line,
  }));
}
