// The page layout a layout editor controls: templates/newspaper/layouts/<name>.yaml.
// Everything here is read from that file; TypeScript only derives lengths from it.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TEMPLATES } from '../core/paths.js';
import { InputError } from '../core/input-error.js';

export const DEFAULT_LAYOUT = 'feature-8col';

export interface PhotoSlot {
  /** first and last base column, 1-based */
  columns: [number, number];
  /** grid lines from the top of the type area */
  top: number;
  /** height in grid lines, caption included */
  lines: number;
}

export interface LineRules {
  /** Characters that never start a line (clreq 避头) */
  noStart: string;
  /** Characters that never end a line (clreq 避尾) */
  noEnd: string;
  /** A paragraph's last line holds at least this many characters (孤字 below it) */
  minLastLine: number;
  /** Extra space between two characters allowed in a justified line, in em */
  maxLoose: number;
}

export interface RunningHead {
  left?: string;
  center?: string;
  right?: string;
}

export interface CropMarks {
  /** gap between the trim and the mark */
  offset: string;
  length: string;
  /** line weight */
  weight: string;
}

/** What page.cropMarks leaves unsaid: 3 mm outside the trim, 7 mm long, 0.25 pt. */
export const DEFAULT_CROP_MARKS: CropMarks = { offset: '3mm', length: '7mm', weight: '0.25pt' };

export const DEFAULT_RUNNING_HEAD: RunningHead = {
  left: '{{paper}}　{{date}}',
  center: '第{{page}}版　{{section}}',
  right: '责任编辑：{{editor}}　美术编辑：{{designer}}',
};

export interface Layout {
  name: string;
  file: string;
  page: {
    trim: { width: string; height: string };
    bleed: string;
    /** Crop marks outside the trim, or false (or absent) for none */
    cropMarks?: Partial<CropMarks> | false;
    margins?: { top: string; left: string };
  };
  type: {
    bodySize: string;
    lineHeight: string;
    captionSize: string;
    captionLineHeight?: string;
    headSize?: string;
    headLineHeight?: string;
    headlineSize?: string;
    kickerSize?: string;
    subheadlineSize?: string;
    bylineSize?: string;
    runningHeadSize?: string;
  };
  grid: { columns: number; columnWidth: number; gutter: number; lines: number; columnRules: boolean; keepWithHead?: number };
  /** 报眉: false for none; text templates with {{key}} for front matter values */
  runningHead: boolean | RunningHead;
  runningHeadGap?: string;
  headline: { columns: [number, number]; lines: number };
  photos: PhotoSlot[];
  photoPpi?: number;
  preview?: { width: number };
  /** Frames of the pages after the first (documents longer than one page) */
  continuation?: { photos?: PhotoSlot[]; headline?: { columns: [number, number]; lines: number } | null };
  lines?: Partial<LineRules>;
  /** Ascent and descent given to every font slice, so all lines share one baseline position */
  fontMetrics?: { ascent: string; descent: string };
  /** The press standard page.pdf is written to: PDF/X-1a:2001 (default) or PDF/X-4 */
  pdfx?: PdfxStandard;
  /** Total ink limit of the printing condition, in per cent ("240%") */
  inkLimit?: string | number;
  /** Design colours: the CSS value the page is drawn with, and the CMYK (per cent) it prints in */
  colors?: Record<string, DesignColor>;
  /** The printing condition: profile files in templates/ and how the output intent names them */
  outputIntent?: Partial<OutputIntent>;
}

export type PdfxStandard = 'x1a' | 'x4';

export interface DesignColor {
  /** as CSS writes it: #rrggbb */
  css: string;
  /** [C, M, Y, K] in per cent */
  cmyk: [number, number, number, number];
}

export interface OutputIntent {
  /** CMYK output profile, relative to templates/ */
  profile: string;
  /** Grey (K-only) profile for greyscale photos, relative to templates/ */
  grayProfile: string;
  /** OutputConditionIdentifier: the registered name of the printing condition */
  identifier: string;
  /** OutputCondition: the condition in words */
  condition: string;
  registry: string;
}

/**
 * The shipped printing condition: coldset newsprint from CGATS TR 002 (templates/press/README.md).
 * Its CMYK profile is chosen by the ink limit (newsprintProfile); `condition` names that limit.
 */
export const DEFAULT_OUTPUT_INTENT: Omit<OutputIntent, 'profile' | 'condition'> = {
  grayProfile: 'press/newsprint-gray.icc',
  identifier: 'CGATS TR 002',
  registry: 'http://www.color.org',
};

export const DEFAULT_INK_LIMIT = 240;

/**
 * The shipped newsprint CMYK profiles, one per total ink limit (templates/press/newsprint-cmyk-<limit>.icc,
 * separated by ArgyllCMS for that limit: make-profiles.mjs), lowest limit first.
 */
export function newsprintProfiles(): Array<{ limit: number; file: string }> {
  const names = readdirSync(path.join(TEMPLATES, 'press')).flatMap((n) => {
    const m = /^newsprint-cmyk-(\d+)\.icc$/.exec(n);
    return m ? [{ limit: Number(m[1]), file: `press/${n}` }] : [];
  });
  return names.sort((a, b) => a.limit - b.limit);
}

/** The shipped profile for an ink limit: the one separated for the highest limit not above it. */
export function newsprintProfile(limit: number): { limit: number; file: string } | undefined {
  return newsprintProfiles()
    .filter((p) => p.limit <= limit)
    .pop();
}

/**
 * The layout's printing condition. Without a profile of its own, the photos are separated by the
 * shipped newsprint profile for its ink limit, so that the conversion itself keeps to the limit.
 * A profile the layout names (a plant's) is used as it is: its own separation sets the ink, and
 * the preflight checks it against the layout's limit.
 */
export function outputIntent(layout: Layout): OutputIntent & { separatedFor?: number } {
  const own = layout.outputIntent ?? {};
  if (own.profile) return { ...DEFAULT_OUTPUT_INTENT, condition: 'Coldset offset on newsprint', ...own, profile: own.profile };
  const shipped = newsprintProfile(inkLimit(layout));
  if (!shipped) throw new InputError(`${layout.file}: "inkLimit" has no newsprint profile (validateLayout checks this)`);
  return {
    ...DEFAULT_OUTPUT_INTENT,
    condition: `Coldset offset on newsprint (CGATS/SNAP TR 002), total ink ${shipped.limit}%`,
    ...own,
    profile: shipped.file,
    separatedFor: shipped.limit,
  };
}

/** The layout's ink limit in per cent. */
export function inkLimit(layout: Layout): number {
  return layout.inkLimit === undefined ? DEFAULT_INK_LIMIT : parseFloat(String(layout.inkLimit));
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
  if (!existsSync(file))
    throw new InputError(`${file}: no such layout; front matter "layout:" must name a file in templates/newspaper/layouts/`);
  return loadLayoutFile(file, name);
}

/** A layout from any YAML file (a layout editor's copy, a test fixture), checked before use. */
export function loadLayoutFile(file: string, name = path.basename(file, path.extname(file))): Layout {
  let raw: Layout;
  try {
    raw = parseYaml(readFileSync(file, 'utf8')) as Layout;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such layout file' : (error as Error).message.split('\n')[0]}`);
  }
  const layout = { ...raw, name, file, photos: raw?.photos ?? [] };
  validateLayout(layout);
  return layout;
}

/** Stop on a layout that cannot be set, naming the key and what it must be. */
function validateLayout(l: Layout): void {
  const fail = (key: string, what: string): never => {
    throw new InputError(`${l.file}: "${key}" ${what}`);
  };
  if (!l.page?.trim?.width || !l.page?.trim?.height) fail('page.trim', 'must give width and height, e.g. { width: 390mm, height: 550mm }');
  for (const [key, value] of [
    ['page.trim.width', l.page.trim.width],
    ['page.trim.height', l.page.trim.height],
    ['page.bleed', l.page.bleed ?? 0],
    ['type.bodySize', l.type?.bodySize],
    ['type.lineHeight', l.type?.lineHeight],
  ] as const) {
    try {
      if (value === undefined || !(toMm(value) >= 0)) fail(key, 'is missing');
    } catch (error) {
      if (error instanceof InputError && !error.message.startsWith(l.file)) fail(key, `is not a length: ${error.message}`);
      throw error;
    }
  }
  const marks = l.page.cropMarks;
  if (marks !== undefined && marks !== false && (typeof marks !== 'object' || marks === null || Array.isArray(marks)))
    fail('page.cropMarks', 'must be false or { offset, length, weight }, e.g. { offset: 3mm, length: 7mm, weight: 0.25pt }');
  validatePress(l, fail);
  const g = l.grid;
  if (!g) fail('grid', 'is missing');
  for (const key of ['columns', 'columnWidth', 'lines'] as const) {
    if (!Number.isInteger(g[key]) || g[key] < 1) fail(`grid.${key}`, 'must be a whole number of at least 1');
  }
  if (!(g.gutter >= 0)) fail('grid.gutter', 'must be a number of characters (0 or more)');
  const slots: Array<[string, PhotoSlot | { columns: [number, number]; top?: number; lines: number } | null | undefined]> = [
    ['headline', l.headline],
    ...l.photos.map((p, i) => [`photos[${i}]`, p] as [string, PhotoSlot]),
  ];
  for (const [key, s] of slots) {
    if (!s) continue;
    const [a, b] = s.columns ?? [];
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 1 && b >= a && b <= g.columns))
      fail(`${key}.columns`, `must be [first, last] within 1–${g.columns}`);
    const top = (s as PhotoSlot).top ?? 0;
    if (!(Number.isInteger(s.lines) && s.lines >= 0 && top >= 0 && top + s.lines <= g.lines))
      fail(`${key}`, `must fit in the ${g.lines} grid lines (top + lines)`);
  }
}

/** The layout's crop marks with defaults filled in, or undefined when the page has none. */
export function cropMarks(layout: Layout): CropMarks | undefined {
  const marks = layout.page.cropMarks;
  return marks ? { ...DEFAULT_CROP_MARKS, ...marks } : undefined;
}

/** The press keys: pdfx, inkLimit, colors, outputIntent. */
function validatePress(l: Layout, fail: (key: string, what: string) => never): void {
  if (l.pdfx !== undefined && l.pdfx !== 'x1a' && l.pdfx !== 'x4') fail('pdfx', 'must be x1a (PDF/X-1a:2001) or x4 (PDF/X-4)');
  if (l.inkLimit !== undefined && !/^\s*\d+(\.\d+)?\s*%?\s*$/.test(String(l.inkLimit)))
    fail('inkLimit', 'must be a total ink coverage in per cent, e.g. 240%');
  const limit = inkLimit(l);
  if (!(limit >= 100 && limit <= 400)) fail('inkLimit', 'must be between 100% and 400%');
  if (!l.outputIntent?.profile && !newsprintProfile(limit)) {
    const lowest = newsprintProfiles()[0]?.limit;
    fail(
      'inkLimit',
      `is ${limit}%, below ${lowest}%, the lowest limit a shipped newsprint profile is separated for ` +
        '(templates/press/newsprint-cmyk-<limit>.icc); make one with templates/press/make-profiles.mjs --limits ' +
        `${limit}, or name a profile separated for it in outputIntent.profile`,
    );
  }
  for (const [name, c] of Object.entries(l.colors ?? {})) {
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      fail(`colors.${name}`, 'must be named with lower-case letters, digits and - (it becomes --color-<name> in CSS)');
    if (!/^#[0-9a-fA-F]{6}$/.test(String(c?.css))) fail(`colors.${name}.css`, 'must be a colour as #rrggbb');
    if (!Array.isArray(c.cmyk) || c.cmyk.length !== 4 || !c.cmyk.every((v) => typeof v === 'number' && v >= 0 && v <= 100))
      fail(`colors.${name}.cmyk`, 'must be [C, M, Y, K], each 0–100 (per cent)');
    const total = c.cmyk.reduce((a, b) => a + b, 0);
    if (total > limit) fail(`colors.${name}.cmyk`, `adds up to ${total}%, over the ink limit of ${limit}%`);
  }
  const oi = l.outputIntent ?? {};
  for (const key of ['profile', 'grayProfile'] as const) {
    const file = oi[key];
    if (file === undefined) continue;
    if (typeof file !== 'string' || path.isAbsolute(file) || file.split(/[\\/]/).includes('..'))
      fail(`outputIntent.${key}`, 'must be a file inside templates/, e.g. press/newsprint-cmyk-240.icc');
    if (!existsSync(path.join(TEMPLATES, file))) fail(`outputIntent.${key}`, `names ${file}, which is not in templates/`);
  }
  for (const key of ['identifier', 'condition', 'registry'] as const) {
    if (oi[key] !== undefined && typeof oi[key] !== 'string') fail(`outputIntent.${key}`, 'must be text');
  }
}

/** Width of `n` adjacent base columns (gutters between them included), in mm. */
export function spanWidthMm(layout: Layout, n: number): number {
  const em = toMm(layout.type.bodySize);
  return (n * layout.grid.columnWidth + (n - 1) * layout.grid.gutter) * em;
}

/** Printed size of each photo slot, in mm: the whole slot box, which the photo is cropped to cover (its caption takes the foot). */
export function photoPrintSizes(layout: Layout): Array<{ widthMm: number; heightMm: number }> {
  const line = toMm(layout.type.lineHeight);
  return layout.photos.map((p) => ({
    widthMm: spanWidthMm(layout, p.columns[1] - p.columns[0] + 1),
    heightMm: p.lines * line,
  }));
}

export const DEFAULT_LINE_RULES: LineRules = {
  noStart: '、。，．：；？！）］｝〕〉》」』】〗〙”’…‥·～',
  noEnd: '（［｛〔〈《「『【〖〘“‘',
  minLastLine: 2,
  maxLoose: 0.25,
};

export function lineRules(layout: Layout): LineRules {
  return { ...DEFAULT_LINE_RULES, ...(layout.lines ?? {}) };
}
