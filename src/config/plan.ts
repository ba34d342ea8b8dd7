// The edition plan a layout editor writes (e.g. manuscript/editions/2024-01-19.yaml): which pages,
// and on each page which stories in which module of the column grid. Validated in two steps, each
// reporting every problem at once at the plan's file:line:col: the shape of the file (keys, types),
// then the page geometry (modules off the grid, overlapping, leaving holes; a `continue` to a page
// the plan does not have; manuscripts that do not exist). Grid positions are counted from 1, as a
// layout editor counts them: columns from the left, grid lines from the top of the type area.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Document, isMap, isScalar, type Node, parseDocument } from 'yaml';
import { describeFsError, InputError, lineColumn } from '../core/input-error.js';

/** [first, last] base column, 1-based. */
export type Columns = [number, number];

/** A rectangle of the grid: base columns [first, last], grid lines from `top` (1-based), `lines` high. */
export interface GridBox {
  columns: Columns;
  top: number;
  lines: number;
}

export interface HeadlinePlan {
  /** the columns the headline block spans (default: the module's) */
  columns?: Columns;
  /** its height in grid lines (default: estimated from the text at its size) */
  lines?: number;
  /** the 主题's size (default: the layout's edition.headlineSizes for the block's width) */
  size?: string;
}

export interface ContinuePlan extends GridBox {
  page: number;
  /** the continuation head (default: the story's headline) */
  head?: string;
  headline?: HeadlinePlan | false;
}

export type BoxStyle = 'ruled' | 'shaded';

export interface StoryPlan extends GridBox {
  /** a manuscript folder or .md file, relative to the plan */
  manuscript?: string;
  /** a brief column: several short manuscripts run one after another */
  manuscripts?: string[];
  /** the brief column's head (简讯) */
  title?: string;
  headline?: HeadlinePlan | false;
  /** 引题 and 副题: the front matter's unless given here; false for none */
  kicker?: string | false;
  subheadline?: string | false;
  /** photo slots, filled by the story's figures in order */
  photos?: GridBox[];
  /** a rule around the module, or a shaded box */
  box?: BoxStyle | false;
  continue?: ContinuePlan;
}

export interface PagePlan {
  page: number;
  section: string;
  editor?: string;
  designer?: string;
  stories: StoryPlan[];
}

export interface EditionPlan {
  /** the plan file, and its name (dist/<name>/); `layout` is a layout's name or a .yaml file relative to the plan */
  file: string;
  name: string;
  paper: string;
  date: string;
  layout: string;
  editor?: string;
  designer?: string;
  pages: PagePlan[];
}

/** One thing wrong in a plan, at its place in the file. */
export interface PlanProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Everything wrong with a plan, one problem per line (file:line:col: what; how to fix). */
export class PlanError extends InputError {
  constructor(readonly problems: PlanProblem[]) {
    super(
      problems.length === 1
        ? formatPlanProblem(problems[0])
        : [`${problems.length} problems in the edition plan:`, ...problems.map(formatPlanProblem)].join('\n'),
    );
    this.name = 'PlanError';
  }
}

export function formatPlanProblem(p: PlanProblem): string {
  return `${p.file}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.message}`;
}

/** An issue about the value at `path` (keys and list indexes from the top of the file). */
export interface Issue {
  path: Array<string | number>;
  message: string;
}

/** The page grid a plan is checked against (from its layout). */
export interface PlanGrid {
  columns: number;
  lines: number;
}

/** A plan file is small: anything bigger is the wrong file. */
const MAX_PLAN_BYTES = 1024 * 1024;

/** Is this file an edition plan? (a YAML file given to build:pdf) */
export function isPlanFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Read and check a plan: its shape, then its geometry on `gridOf(layout)`; throws PlanError with every problem. */
export function loadPlan(file: string, gridOf: (layout: string, planDir: string) => PlanGrid): EditionPlan {
  const abs = path.resolve(file);
  const text = readPlanText(abs);
  const shown = path.relative(process.cwd(), abs) || abs;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => ({ file: shown, ...lineColumn(text, offset) });
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length)
    throw new PlanError(
      syntax.map((e) => ({ ...at(e.pos[0]), message: `not valid YAML: ${e.message.split('\n')[0]}; correct the syntax here` })),
    );
  const data: unknown = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 });
  const locate = (issues: Issue[]) => issues.map((i) => ({ ...at(offsetOf(doc, i.path)), message: i.message }));
  const shape = checkShape(data);
  if (shape.length) throw new PlanError(sortProblems(locate(shape)));
  const raw = data as Omit<EditionPlan, 'file' | 'name'>;
  const plan: EditionPlan = { ...raw, layout: raw.layout ?? 'feature-8col', file: abs, name: path.basename(abs, path.extname(abs)) };
  let grid: PlanGrid;
  try {
    grid = gridOf(plan.layout, path.dirname(abs));
  } catch (error) {
    throw new PlanError([{ ...at(offsetOf(doc, ['layout'])), message: `layout "${plan.layout}": ${(error as Error).message}` }]);
  }
  const issues = [...checkGeometry(plan, grid), ...checkManuscripts(plan)];
  if (issues.length) throw new PlanError(sortProblems(locate(issues)));
  return plan;
}

function readPlanText(file: string): string {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(`${file}: is not a file; give the path of an edition plan (.yaml)`);
    if (st.size > MAX_PLAN_BYTES) throw new InputError(`${file}: is ${st.size} bytes; an edition plan is at most ${MAX_PLAN_BYTES} bytes`);
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read the edition plan (${describeFsError(error)})`);
  }
}

// ── shape ──────────────────────────────────────────────────────────────────────────────────────
// What each key may hold. (When the project's config schema lands in src/config/, this becomes the
// plan's schema module; the geometry checks below stay as its cross-field check.)

type Path = Array<string | number>;
type Check = (v: unknown, p: Path, out: Issue[]) => void;

const show = (p: Path) => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const text: Check = (v, p, out) => {
  if (typeof v === 'number') return; // a date or a number written bare is text too
  if (typeof v !== 'string' || !v.trim()) out.push({ path: p, message: `${show(p)} must be text, e.g. "${p[p.length - 1]}: …"` });
};
const whole =
  (min: number, what: string): Check =>
  (v, p, out) => {
    if (!Number.isInteger(v) || (v as number) < min)
      out.push({ path: p, message: `${show(p)} must be a whole number of at least ${min} (${what})` });
  };
const length: Check = (v, p, out) => {
  if (typeof v !== 'string' || !/^\s*\d+(\.\d+)?\s*(mm|cm|pt|px|in)\s*$/.test(v))
    out.push({ path: p, message: `${show(p)} must be a length with its unit, e.g. 26pt` });
};
const columns: Check = (v, p, out) => {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((c) => Number.isInteger(c) && c >= 1) || v[1] < v[0])
    out.push({ path: p, message: `${show(p)} must be [first, last]: base columns counted from 1 at the left, e.g. [1, 4]` });
};
const oneOf =
  (values: unknown[], example: string): Check =>
  (v, p, out) => {
    if (!values.includes(v)) out.push({ path: p, message: `${show(p)} must be one of ${values.map(String).join(', ')} (${example})` });
  };
/** `false` (for none), or what `check` accepts. */
const orFalse =
  (check: Check): Check =>
  (v, p, out) => {
    if (v !== false) check(v, p, out);
  };
const list =
  (item: Check, min: number, example: string): Check =>
  (v, p, out) => {
    if (!Array.isArray(v) || v.length < min) {
      out.push({ path: p, message: `${show(p)} must be a list${min ? ` of at least ${min}` : ''} (${example})` });
      return;
    }
    v.forEach((x, i) => {
      item(x, [...p, i], out);
    });
  };

interface Key {
  check: Check;
  required?: boolean;
}
const keys =
  (spec: Record<string, Key>, what: string): Check =>
  (v, p, out) => {
    if (!isObj(v)) {
      out.push({ path: p, message: `${p.length ? show(p) : 'the plan'} must be a mapping (key: value lines): ${what}` });
      return;
    }
    for (const [k, s] of Object.entries(spec)) {
      if (v[k] === undefined || v[k] === null) {
        if (s.required) out.push({ path: p, message: `${p.length ? show(p) : 'the plan'} has no "${k}:"; add it (${what})` });
      } else s.check(v[k], [...p, k], out);
    }
    for (const k of Object.keys(v)) {
      if (k in spec) continue;
      const near = suggest(k, Object.keys(spec));
      out.push({
        path: [...p, k],
        message: `unknown key "${k}" ${p.length ? `in ${show(p)}` : 'at the top of the plan'}; ${near ? `did you mean "${near}"?` : `the keys here are ${Object.keys(spec).join(', ')}`}`,
      });
    }
  };

const box = {
  columns: { check: columns, required: true },
  top: { check: whole(1, 'the first grid line, counted from 1 at the top of the type area'), required: true },
  lines: { check: whole(1, 'the height in grid lines'), required: true },
};
const headline = orFalse(
  keys(
    {
      columns: { check: columns },
      lines: { check: whole(1, 'the headline block’s height in grid lines') },
      size: { check: length },
    },
    'columns, lines and size of the headline block',
  ),
);
const textOrOff = orFalse(text);

const storyShape = keys(
  {
    manuscript: { check: text },
    manuscripts: { check: list(text, 1, 'the brief column’s manuscripts, e.g. [brief-1, brief-2]') },
    title: { check: text },
    ...box,
    headline: { check: headline },
    kicker: { check: textOrOff },
    subheadline: { check: textOrOff },
    photos: { check: list(keys(box, 'a photo slot: columns, top, lines'), 0, 'photo slots: - { columns: [1, 3], top: 10, lines: 30 }') },
    box: { check: orFalse(oneOf(['ruled', 'shaded'], 'ruled: a rule all round; shaded: a shaded box; false for none')) },
    continue: {
      check: keys(
        { page: { check: whole(1, 'the page it continues on') }, ...box, head: { check: text }, headline: { check: headline } },
        'where the rest of the story runs: page, columns, top, lines',
      ),
    },
  },
  'a story: manuscript (or manuscripts), columns, top, lines',
);
const story: Check = (v, p, out) => {
  storyShape(v, p, out);
  if (!isObj(v)) return;
  const one = v.manuscript !== undefined && v.manuscript !== null;
  const many = v.manuscripts !== undefined && v.manuscripts !== null;
  if (one === many)
    out.push({
      path: p,
      message: `${show(p)} needs either "manuscript:" (one story) or "manuscripts:" (a brief column of several), ${one ? 'not both' : 'and has neither'}`,
    });
  if (v.title !== undefined && !many)
    out.push({ path: [...p, 'title'], message: `${show(p)}.title is the head of a brief column; use it with "manuscripts:"` });
};

const pageShape = keys(
  {
    page: { check: whole(1, 'the page number, 第N版'), required: true },
    section: { check: text, required: true },
    editor: { check: text },
    designer: { check: text },
    stories: { check: list(story, 1, 'the stories on the page'), required: true },
  },
  'a page: page, section, stories',
);

const planShape = keys(
  {
    paper: { check: text, required: true },
    date: { check: text, required: true },
    layout: { check: text },
    editor: { check: text },
    designer: { check: text },
    pages: { check: list(pageShape, 1, 'the edition’s pages: - page: 1 …'), required: true },
  },
  'paper, date, layout, pages',
);

/** Shape problems of a plan's data (keys and types), every one. */
export function checkShape(data: unknown): Issue[] {
  const out: Issue[] = [];
  planShape(data, [], out);
  return out;
}

function suggest(key: string, known: string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const same = known.find((k) => norm(k) === norm(key));
  if (same) return same;
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(key, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

// ── geometry ───────────────────────────────────────────────────────────────────────────────────

/** A module placed on a page, with the plan path it is written at. */
export interface PlacedModule extends GridBox {
  page: number;
  path: Path;
  /** what the module is, in words, for messages: “story 2 (ningju-1)” */
  label: string;
}

const span = (a: number, b: number, one: string, many: string) => (a === b ? `${one} ${a}` : `${many} ${a}–${b}`);
const range = (b: GridBox) =>
  `${span(b.columns[0], b.columns[1], 'column', 'columns')}, ${span(b.top, b.top + b.lines - 1, 'line', 'lines')}`;

/** Every module of every page: stories where the plan puts them, continuations on their pages. */
export function placedModules(plan: Pick<EditionPlan, 'pages'>): PlacedModule[] {
  const out: PlacedModule[] = [];
  plan.pages.forEach((pg, i) => {
    pg.stories.forEach((s, j) => {
      const name = s.manuscript ?? s.title ?? (s.manuscripts ?? []).join(', ');
      const label = `story ${j + 1} of page ${pg.page} (${name})`;
      out.push({ page: pg.page, columns: s.columns, top: s.top, lines: s.lines, path: ['pages', i, 'stories', j], label });
      if (s.continue)
        out.push({
          page: s.continue.page,
          columns: s.continue.columns,
          top: s.continue.top,
          lines: s.continue.lines,
          path: ['pages', i, 'stories', j, 'continue'],
          label: `the continuation of ${label}`,
        });
    });
  });
  return out;
}

const inside = (outer: GridBox, inner: GridBox) =>
  inner.columns[0] >= outer.columns[0] &&
  inner.columns[1] <= outer.columns[1] &&
  inner.top >= outer.top &&
  inner.top + inner.lines <= outer.top + outer.lines;

const overlap = (a: GridBox, b: GridBox) =>
  a.columns[0] <= b.columns[1] && b.columns[0] <= a.columns[1] && a.top < b.top + b.lines && b.top < a.top + a.lines;

/** Geometry problems: modules off the grid, overlapping or leaving holes; slots outside their module; jumps to missing pages. */
export function checkGeometry(plan: Pick<EditionPlan, 'pages'>, grid: PlanGrid): Issue[] {
  const issues: Issue[] = [];
  const pageNumbers = new Map<number, number>();
  plan.pages.forEach((pg, i) => {
    if (pageNumbers.has(pg.page))
      issues.push({
        path: ['pages', i, 'page'],
        message: `page ${pg.page} is planned twice (also pages[${pageNumbers.get(pg.page)}]); give each page its own number`,
      });
    else pageNumbers.set(pg.page, i);
  });
  const onGrid = (b: GridBox, p: Path, what: string) => {
    const ok = b.columns[1] <= grid.columns && b.top + b.lines - 1 <= grid.lines;
    if (!ok)
      issues.push({
        path: p,
        message: `${what} (${range(b)}) runs off the grid of ${grid.columns} columns × ${grid.lines} lines; keep the last column ≤ ${grid.columns} and top + lines − 1 ≤ ${grid.lines}`,
      });
    return ok;
  };
  // A module off the grid is reported; its part on the grid still counts for overlaps and holes.
  const modules = placedModules(plan).map((m) => {
    if (
      onGrid(
        m,
        m.path,
        m.label.replace(/^./, (c) => c.toUpperCase()),
      )
    )
      return m;
    const columns: Columns = [m.columns[0], Math.min(m.columns[1], grid.columns)];
    return { ...m, columns, lines: Math.max(0, Math.min(m.lines, grid.lines - m.top + 1)) };
  });
  plan.pages.forEach((pg, i) => {
    pg.stories.forEach((s, j) => {
      const p: Path = ['pages', i, 'stories', j];
      const slots: Array<[GridBox, Path, string]> = (s.photos ?? []).map((b, k) => [b, [...p, 'photos', k], `photo slot ${k + 1}`]);
      if (s.headline && (s.headline.columns || s.headline.lines)) {
        const h: GridBox = { columns: s.headline.columns ?? s.columns, top: s.top, lines: s.headline.lines ?? 1 };
        slots.unshift([h, [...p, 'headline'], 'the headline block']);
      }
      slots.forEach(([b, bp, what], k) => {
        if (!inside(s, b))
          issues.push({
            path: bp,
            message: `${what} (${range(b)}) is not inside its story's module (${range(s)}); move it into the module`,
          });
        for (const [o, , other] of slots.slice(0, k))
          if (overlap(b, o)) issues.push({ path: bp, message: `${what} (${range(b)}) overlaps ${other} (${range(o)}) of the same story` });
      });
      const c = s.continue;
      if (c) {
        if (!pageNumbers.has(c.page))
          issues.push({
            path: [...p, 'continue', 'page'],
            message: `continue: page ${c.page} is not in the plan (its pages are ${[...pageNumbers.keys()].join(', ')}); add that page or jump to one of them`,
          });
        else if (c.page === pg.page)
          issues.push({
            path: [...p, 'continue', 'page'],
            message: `continue: page ${c.page} is the story's own page; a jump continues on another page`,
          });
        const head = c.headline || undefined;
        if (head?.columns && !inside(c, { columns: head.columns, top: c.top, lines: head.lines ?? 1 }))
          issues.push({
            path: [...p, 'continue', 'headline'],
            message: `the continuation head is not inside the continuation's module (${range(c)})`,
          });
      }
    });
  });
  for (const [pageNo] of pageNumbers) {
    const mine = modules.filter((m) => m.page === pageNo);
    mine.forEach((m, k) => {
      for (const o of mine.slice(0, k))
        if (overlap(m, o))
          issues.push({
            path: m.path,
            message: `${m.label.replace(/^./, (c) => c.toUpperCase())} (${range(m)}) overlaps ${o.label} (${range(o)}); move one of them or make it smaller`,
          });
    });
    const pageIndex = pageNumbers.get(pageNo)!;
    for (const hole of holes(mine, grid))
      issues.push({
        path: ['pages', pageIndex, 'stories'],
        message: `page ${pageNo} leaves a hole at ${range(hole)}: no module covers it; extend a module or add a story there`,
      });
  }
  return issues;
}

/** The grid cells no module covers, as rectangles (runs of lines in adjacent columns with the same runs merged). */
export function holes(modules: GridBox[], grid: PlanGrid): GridBox[] {
  const runs: Array<Array<[number, number]>> = [];
  for (let c = 1; c <= grid.columns; c++) {
    const covered = new Array<boolean>(grid.lines + 1).fill(false);
    for (const m of modules) {
      if (m.columns[0] > c || m.columns[1] < c) continue;
      for (let l = Math.max(1, m.top); l < Math.min(grid.lines + 1, m.top + m.lines); l++) covered[l] = true;
    }
    const own: Array<[number, number]> = [];
    for (let l = 1; l <= grid.lines; l++) {
      if (covered[l]) continue;
      const start = l;
      while (l + 1 <= grid.lines && !covered[l + 1]) l++;
      own.push([start, l]);
    }
    runs.push(own);
  }
  const out: GridBox[] = [];
  const open = new Map<string, GridBox>();
  runs.forEach((own, i) => {
    const c = i + 1;
    const keysNow = new Set(own.map(([a, b]) => `${a}-${b}`));
    for (const [k, b] of open) {
      if (!keysNow.has(k)) {
        out.push(b);
        open.delete(k);
      }
    }
    for (const [a, b] of own) {
      const k = `${a}-${b}`;
      const o = open.get(k);
      if (o) o.columns = [o.columns[0], c];
      else open.set(k, { columns: [c, c], top: a, lines: b - a + 1 });
    }
  });
  out.push(...open.values());
  return out.sort((a, b) => a.top - b.top || a.columns[0] - b.columns[0]);
}

/** Manuscripts the plan names that do not exist (relative to the plan's folder). */
function checkManuscripts(plan: EditionPlan): Issue[] {
  const issues: Issue[] = [];
  const dir = path.dirname(plan.file);
  plan.pages.forEach((pg, i) => {
    pg.stories.forEach((s, j) => {
      const names: Array<[string, Path]> = s.manuscript
        ? [[s.manuscript, ['pages', i, 'stories', j, 'manuscript']]]
        : (s.manuscripts ?? []).map((m, k) => [m, ['pages', i, 'stories', j, 'manuscripts', k]]);
      for (const [name, p] of names) {
        if (!resolveManuscript(dir, name))
          issues.push({
            path: p,
            message: `manuscript "${name}" is not found in ${path.relative(process.cwd(), dir) || '.'} (a folder with article.md, or a .md file, relative to the plan)`,
          });
      }
    });
  });
  return issues;
}

/** The markdown file a plan's manuscript name stands for: <name>/article.md, <name>.md or <name> itself. */
export function resolveManuscript(planDir: string, name: string): string | undefined {
  const base = path.resolve(planDir, String(name));
  for (const f of [path.join(base, 'article.md'), `${base}.md`, base]) {
    try {
      if (existsSync(f) && statSync(f).isFile() && /\.md$/i.test(f)) return f;
    } catch {
      /* not there */
    }
  }
  return undefined;
}

// ── locating ───────────────────────────────────────────────────────────────────────────────────

/** Where the value at `path` is written: at its key when it has one, else the value (or the nearest enclosing one). */
function offsetOf(doc: Document, p: Path): number {
  if (p.length) {
    const parent = p.length === 1 ? doc.contents : doc.getIn(p.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p[p.length - 1]));
      const r = (pair?.key as Node | undefined)?.range;
      if (r) return r[0];
    }
  }
  for (let n = p.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true)) as Node | null | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}

function sortProblems(ps: PlanProblem[]): PlanProblem[] {
  return ps.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
