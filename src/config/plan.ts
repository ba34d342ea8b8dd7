// The edition plan a layout editor writes (e.g. manuscript/editions/2024-01-19.yaml): which pages,
// and on each page which stories in which module of the column grid. One of the project's config
// kinds (schema.ts, load.ts): its shape is the schema below, and its geometry is checked after —
// modules off the grid, overlapping or leaving holes, slots outside their module, a `continue` to a
// page the plan does not have, manuscripts that do not exist — every problem at once, each at the
// plan's file:line:col. Grid positions count from 1, as a layout editor counts: columns from the
// left, grid lines from the top of the type area.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside } from '../core/confine.js';
import { dateProblem } from '../core/dates.js';
import { PROJECT_ROOT } from '../core/paths.js';
import { LAYOUT, layoutFile, layoutNames } from './layout.js';
import { checkConfig, formatProblem, loadConfig } from './load.js';
import { type ConfigKind, fallback, oneLine, text, typeSize, whole, z } from './schema.js';

/** [first, last] base column, 1-based. */
export type Columns = [number, number];

/** A rectangle of the grid: base columns [first, last], grid lines from `top` (1-based), `lines` high. */
export interface GridBox {
  columns: Columns;
  top: number;
  lines: number;
}

const columns = () =>
  z
    .tuple([whole(1), whole(1)])
    .refine(([a, b]) => b >= a, 'must be [first, last] with the last column not before the first, e.g. [1, 4]')
    .meta({ kind: '[first, last]: base columns, counted from 1 at the left' });

const boxKeys = (what: string) => ({
  columns: columns().meta({ description: `The first and last base column of the ${what}` }),
  top: whole(1).meta({ description: `The first grid line of the ${what}, counted from 1 at the top of the type area` }),
  lines: whole(1).meta({ description: `The ${what}'s height in grid lines` }),
});

const headlinePlan = z
  .union([
    z.literal(false),
    z.strictObject({
      columns: columns().optional().meta({ description: "The columns the headline block spans (default: the module's)" }),
      lines: whole(1).optional().meta({ description: 'Its height in grid lines (default: estimated from its text at its size)' }),
      // a type size: a bare 32 would be millimetres (a 90pt 主题), and 0pt would print no headline
      size: typeSize().optional().meta({
        description: "The 主题's size (default: the layout's edition.headlineSizes for the block's width); its 引题 and 副题 scale with it",
      }),
    }),
  ])
  .meta({ description: 'The headline block: where and how big; false for none' });

const textOrNone = (description: string) =>
  z
    .union([z.literal(false), text()])
    .optional()
    .meta({ description });

const continuePlan = z
  .strictObject({
    page: whole(1).meta({ description: 'The page the story continues on' }),
    ...boxKeys('continuation'),
    head: text().optional().meta({ description: "The continuation head (default: the story's headline)" }),
    headline: headlinePlan.optional(),
  })
  .meta({
    description: 'Where the rest of the story runs: a module on another page (下转第N版 / 上接第N版)',
    notKeys: {
      continue:
        'a story jumps once (下转 on its first page, 上接 on the next): its continuation cannot jump again; ' +
        'give the continuation module more lines or columns, or cut the story to what its two modules hold',
    },
  });

const storyPlan = z
  .strictObject({
    manuscript: text()
      .optional()
      .meta({ description: "A manuscript folder (with article.md) or .md file in the plan's folder, relative to the plan" }),
    manuscripts: z
      .array(text())
      .min(1)
      .optional()
      .meta({ description: 'A brief column: several short manuscripts run one after another, each under its own headline' }),
    title: text().optional().meta({ description: "A brief column's head (简讯)" }),
    ...boxKeys('module'),
    headline: headlinePlan.optional(),
    kicker: textOrNone("The 引题 (default: the front matter's kicker); false for none"),
    subheadline: textOrNone("The 副题 (default: the front matter's subheadline); false for none"),
    photos: z
      .array(z.strictObject(boxKeys('photo slot')))
      .default([])
      .meta({ description: "Photo slots in the module, filled by the story's figures in order (others run in its text)" }),
    box: z
      .union([z.literal(false), z.enum(['ruled', 'shaded'])])
      .default(false)
      .meta({ description: 'A rule all round the module (ruled) or a shaded box (shaded); false for none' }),
    continue: continuePlan.optional(),
  })
  .superRefine(
    (s, ctx) => {
      const one = s?.manuscript !== undefined;
      const many = s?.manuscripts !== undefined;
      if (one === many)
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `needs either "manuscript:" (one story) or "manuscripts:" (a brief column of several), ${one ? 'not both' : 'and has neither'}`,
          // a misspelt one (manuscirpt:) is then said once, by its did-you-mean (config/load.ts)
          ...(one ? {} : { params: { oneOf: ['manuscript', 'manuscripts'] } }),
        });
      if (s?.title !== undefined && !many)
        ctx.addIssue({ code: 'custom', path: ['title'], message: 'is the head of a brief column; use it with "manuscripts:"' });
      // Checked even when other keys of the story are wrong: every problem at once.
    },
    { when: () => true },
  )
  .meta({ description: 'A story in its module of the grid, with its own headline block, photo slots and text frames' });

/**
 * Most pages in one plan. The thickest dailies run to some hundred pages on their biggest day; each
 * page is a browser layout of seconds, so a plan of thousands (a generated list gone wrong) would
 * run for hours: refused at its `pages:` line instead.
 */
export const MAX_EDITION_PAGES = 200;

/**
 * Most stories on one page: a broadsheet page runs a few dozen items at most (a brief column is
 * one). Ten thousand one-line modules took five minutes and 1.4 GB and flooded the console.
 */
export const MAX_PAGE_STORIES = 100;

/**
 * Most manuscripts one plan places (each story's, and each of a brief column's): each is read,
 * checked and typeset before its page is laid out, so this bounds a plan's time as pages do.
 */
export const MAX_EDITION_MANUSCRIPTS = 2000;

const pagePlan = z
  .strictObject({
    page: whole(1).meta({ description: 'The page number (第N版), printed in its 报眉' }),
    section: oneLine('a 报眉').meta({ description: 'The page’s section (版别), printed in its 报眉' }),
    editor: oneLine('a 报眉').optional().meta({ description: "责任编辑 of this page (default: the plan's)" }),
    designer: oneLine('a 报眉').optional().meta({ description: "美术编辑 of this page (default: the plan's)" }),
    stories: z
      .array(storyPlan)
      .default([])
      .meta({
        description: `The stories on the page (at most ${MAX_PAGE_STORIES}); their modules, and those of the stories continued on it, cover its grid without overlap (a jump page may hold continuations only)`,
      }),
  })
  .meta({ description: 'A page of the edition' });

const planSchema = z.strictObject({
  paper: oneLine('a 报眉').meta({ description: 'The paper (报名), printed in every page’s 报眉' }),
  date: oneLine('a 报眉')
    .superRefine((value, ctx) => {
      // A placeholder (〔出版日期〕) is the desk's to fill (edition-plan-placeholder); a line break is oneLine's to say.
      const problem = /^〔[^〕]*〕$/u.test(value.trim()) || /[\r\n\u2028\u2029\v\f\x85]/u.test(value) ? undefined : dateProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ description: 'The date of the edition as printed in the 报眉: 2024年1月19日 (optionally with its weekday) or 2024-01-19' }),
  layout: fallback(text(), 'feature-8col').meta({
    description:
      "The page grid: a layout in templates/newspaper/layouts/, or a .yaml file relative to the plan, in the plan's folder (or the project's)",
  }),
  editor: oneLine('a 报眉').optional().meta({ description: '责任编辑 of every page' }),
  designer: oneLine('a 报眉').optional().meta({ description: '美术编辑 of every page' }),
  pages: z
    .array(pagePlan)
    .min(1)
    .meta({
      description: `The pages of the edition, each laid out on the layout (at most ${MAX_EDITION_PAGES}, placing at most ${MAX_EDITION_MANUSCRIPTS} manuscripts)`,
    }),
});

type PlanValue = z.output<typeof planSchema>;
export type StoryPlan = z.output<typeof storyPlan>;
export type PagePlan = z.output<typeof pagePlan>;
export type ContinuePlan = z.output<typeof continuePlan>;
export type HeadlinePlan = Exclude<z.output<typeof headlinePlan>, false>;
export type BoxStyle = 'ruled' | 'shaded';

export interface EditionPlan extends PlanValue {
  /** the plan file, and its name (dist/<name>/) */
  file: string;
  name: string;
  /** the layout's file (layout: names one in templates/ or a .yaml file relative to the plan) */
  layoutFile: string;
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

/** A YAML file whose kind cannot be told otherwise is taken for a plan when build:pdf is given it. */
export function looksLikePlan(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** The file of a plan's layout: a name in templates/newspaper/layouts/, or a .yaml file relative to the plan. */
export function planLayoutFile(layout: string, planFile: string): string {
  return /\.ya?ml$/i.test(layout) ? path.resolve(path.dirname(planFile), layout) : layoutFile(layout);
}

export const PLAN: ConfigKind<typeof planSchema, EditionPlan> = {
  title: 'Edition plan',
  where: 'manuscript/editions/<name>.yaml',
  about:
    'A layout editor’s plan of an edition (`npm run build:pdf -- <plan.yaml>`): its pages, and on each page the stories, each in a ' +
    'module of the layout’s column grid (first and last column, first grid line and height, counted from 1) with its own headline ' +
    'block, photo slots and text frames; a story may continue on another page (下转第N版 / 上接第N版), a module may be boxed or ' +
    'shaded, and a brief column runs several short manuscripts under one head. The modules of a page must cover its grid without ' +
    'overlap. The paper, date, page and section fill each page’s 报眉; a story’s front matter fills its headline block.',
  schema: planSchema,
  check: (value, { file }) => {
    // Before anything else: a plan of thousands of pages is not checked module by module either.
    if (value.pages.length > MAX_EDITION_PAGES)
      return [
        {
          path: ['pages'],
          message: `is a list of ${value.pages.length} pages; a plan holds at most ${MAX_EDITION_PAGES}: split the edition into plans of fewer pages`,
        },
      ];
    const crowded = value.pages.flatMap((p, i) =>
      p.stories.length > MAX_PAGE_STORIES
        ? [
            {
              path: ['pages', i, 'stories'],
              message: `is a list of ${p.stories.length} stories; a page holds at most ${MAX_PAGE_STORIES}: run short items together in a brief column (manuscripts: [...]) or spread them over more pages`,
            },
          ]
        : [],
    );
    if (crowded.length) return crowded;
    const placed = value.pages.reduce((n, p) => n + p.stories.reduce((m, s) => m + (s.manuscripts?.length ?? 1), 0), 0);
    if (placed > MAX_EDITION_MANUSCRIPTS)
      return [
        {
          path: ['pages'],
          message: `is a list of pages placing ${placed} manuscripts; a plan places at most ${MAX_EDITION_MANUSCRIPTS}: split the edition into plans of fewer stories`,
        },
      ];
    const grid = planGrid(value.layout, file);
    if (Array.isArray(grid)) return grid;
    return [...checkGeometry(value, grid), ...checkManuscripts(value, file)];
  },
  checkPartial: (data, { file, failed }) => checkPartialPlan(data, file, failed),
  finish: (value, { file }) => ({
    ...value,
    file: path.resolve(file),
    name: path.basename(file, path.extname(file)),
    layoutFile: planLayoutFile(value.layout, file),
  }),
};

/** The grid of a plan's layout (its file checked as a layout), or the problems that leave it unknown. */
function planGrid(layoutName: string, file: string): PlanGrid | Issue[] {
  const named = /\.ya?ml$/i.test(layoutName) ? undefined : layoutName;
  const layoutAt = named === undefined || /^[\w.-]+$/.test(named) ? planLayoutFile(layoutName, file) : undefined;
  // A layout file is read like the plan's manuscripts, from the plan's folder, or from the
  // project (its templates and the layouts its editions share): a path out of both would show
  // any YAML file of the machine in the layout's messages. Said before whether it exists.
  if (layoutAt && named === undefined && !layoutAllowed(layoutAt, file))
    return [
      {
        path: ['layout'],
        message: `"${layoutName}" leads outside the plan's folder ${shown(path.dirname(path.resolve(file)))}; put the layout file beside the plan (copy one of templates/newspaper/layouts/ and change it), or name one of those: ${layoutNames().join(', ')}`,
      },
    ];
  if (!layoutAt || !existsSync(layoutAt))
    return [
      {
        path: ['layout'],
        message:
          named === undefined
            ? `names ${shown(layoutAt!)}, which does not exist; name a layout in templates/newspaper/layouts/ or a .yaml file relative to the plan`
            : `is "${named}", not a layout of templates/newspaper/layouts/ (${layoutNames().join(', ')}); name one of them, or a .yaml file relative to the plan`,
      },
    ];
  const layout = checkConfig(LAYOUT, layoutAt);
  // A layout with problems: each of them, at its own file:line:col (the plan's build stops here,
  // before the build's own check of the layout would show them); the grid is unknown till then.
  if (!layout.ok)
    return layout.problems.map((p) => ({
      path: ['layout'],
      message: `names ${shown(layoutAt)}, which has a problem of its own — ${formatProblem(p)}`,
    }));
  return layout.value.grid;
}

/** A file as messages name it: relative to the working folder when it is under it, else in full. */
/** Is a plan's layout file in the plan's folder or in the project (its real path too, when it exists)? */
function layoutAllowed(layoutAt: string, planFile: string): boolean {
  const dir = path.dirname(path.resolve(planFile));
  const inside = (f: string, d: string) => isInside(d, f);
  const places = [dir, PROJECT_ROOT];
  if (!places.some((d) => inside(layoutAt, d))) return false;
  try {
    const real = realpathSync(layoutAt);
    return places.some((d) => inside(real, realpathSync(d)));
  } catch {
    return true; // not there: said as such
  }
}

function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Read and check a plan; throws a ConfigError with every problem. */
export function loadPlan(file: string): EditionPlan {
  return loadConfig(PLAN, file);
}

type Path = Array<string | number>;

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
        message: `is ${pg.page} again (pages[${pageNumbers.get(pg.page)}] is page ${pg.page} too); give each page its own number`,
      });
    else pageNumbers.set(pg.page, i);
  });
  const onGrid = (b: GridBox, p: Path, what: string) => {
    const ok = b.columns[1] <= grid.columns && b.top + b.lines - 1 <= grid.lines;
    if (!ok)
      issues.push({
        path: p,
        message: `does not fit the grid of ${grid.columns} columns × ${grid.lines} lines: ${what} takes ${range(b)}; keep the last column ≤ ${grid.columns} and top + lines − 1 ≤ ${grid.lines}`,
      });
    return ok;
  };
  // A module off the grid is reported; its part on the grid still counts for overlaps and holes.
  const modules = placedModules(plan).map((m) => {
    if (onGrid(m, m.path, m.label)) return m;
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
            message: `is not inside its story's module (${range(s)}): ${what} takes ${range(b)}; move it into the module`,
          });
        for (const [o, , other] of slots.slice(0, k))
          if (overlap(b, o))
            issues.push({ path: bp, message: `overlaps ${other} of the same story (${range(o)}): ${what} takes ${range(b)}` });
      });
      const c = s.continue;
      if (c) {
        if (!pageNumbers.has(c.page))
          issues.push({
            path: [...p, 'continue', 'page'],
            message: `is ${c.page}, a page the plan does not have (its pages are ${[...pageNumbers.keys()].join(', ')}); add that page or jump to one of them`,
          });
        else if (c.page === pg.page)
          issues.push({
            path: [...p, 'continue', 'page'],
            message: `is ${c.page}, the story's own page; a jump continues on another page`,
          });
        // A story is read from its start: its text is threaded page by page, so a continuation on an
        // earlier page would take the story's opening lines and leave its own module a headline.
        else if (c.page < pg.page)
          issues.push({
            path: [...p, 'continue', 'page'],
            message: `is ${c.page}, before the story's own page ${pg.page}; a story continues on a later page (下转 runs forward): continue on a page after ${pg.page}, or start the story on page ${c.page}`,
          });
        const head = c.headline || undefined;
        if (head?.columns && !inside(c, { columns: head.columns, top: c.top, lines: head.lines ?? 1 }))
          issues.push({
            path: [...p, 'continue', 'headline'],
            message: `is not inside the continuation's module (${range(c)}); move it into the module`,
          });
      }
    });
  });
  for (const [pageNo] of pageNumbers) {
    const mine = modules.filter((m) => m.page === pageNo);
    mine.forEach((m, k) => {
      // a story and its own continuation on its page: said once, as a jump to its own page
      for (const o of mine.slice(0, k))
        if (overlap(m, o) && m.path.slice(0, 4).join() !== o.path.slice(0, 4).join())
          issues.push({
            path: m.path,
            message: `overlaps ${o.label} (${range(o)}): ${m.label} takes ${range(m)}; move one of them or make it smaller`,
          });
    });
    const pageIndex = pageNumbers.get(pageNo)!;
    for (const hole of holes(mine, grid))
      issues.push({
        path: ['pages', pageIndex, 'stories'],
        message: `leave a hole on page ${pageNo} at ${range(hole)}: no module covers it; extend a module or add a story there`,
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

/**
 * What can be checked of a plan its schema refused (`failed`: the paths of the schema's problems):
 * the geometry of its pages and stories that are whole, and every manuscript name it writes, so a
 * plan written in a hurry gets its problems at once, not a misspelt key first and its missing
 * manuscript and overlapping modules on the next run. Holes wait for the whole plan: a story left
 * out here would leave a hole it fills. A jump to a page no page entry numbers is said once every
 * page entry has its number (a page left out here for its stories is still a page a jump can name).
 */
function checkPartialPlan(data: unknown, file: string, failed: PropertyKey[][]): Issue[] {
  const plan = data as { layout?: unknown; pages?: unknown } | null;
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.pages) || plan.pages.length > MAX_EDITION_PAGES) return [];
  // within the limits the whole plan's check keeps (a plan of thousands of modules is not compared module by module)
  const storiesOf = (pg: unknown): unknown[] => {
    const list = (pg as { stories?: unknown } | null)?.stories;
    return Array.isArray(list) ? list : [];
  };
  if (plan.pages.some((pg) => storiesOf(pg).length > MAX_PAGE_STORIES)) return [];
  const placed = (st: unknown) => {
    const many = (st as { manuscripts?: unknown } | null)?.manuscripts;
    return Array.isArray(many) ? many.length : 1;
  };
  if (plan.pages.reduce((n: number, pg) => n + storiesOf(pg).reduce((m: number, st) => m + placed(st), 0), 0) > MAX_EDITION_MANUSCRIPTS)
    return [];
  const under = (prefix: PropertyKey[]) => failed.some((p) => prefix.every((k, i) => p[i] === k));
  const at = (prefix: PropertyKey[]) => failed.some((p) => p.length === prefix.length && prefix.every((k, i) => p[i] === k));
  let whole = true;
  // every page's number, when each page entry has one: a jump to any other page is then a jump to a
  // page the plan does not have, whatever else is wrong with the plan
  const numbers = new Set<number>();
  let numbered = true;
  const pages: PagePlan[] = [];
  const names: PagePlan[] = [];
  plan.pages.forEach((raw, i) => {
    const pg = raw as { page?: unknown; stories?: unknown } | null;
    const stories = storiesOf(pg);
    if (under(['pages', i, 'page']) || !Number.isInteger(pg?.page)) numbered = false;
    else numbers.add(pg!.page as number);
    // every manuscript name written as text, in whatever story it stands
    names.push({
      stories: stories.map((st) => {
        const s = (st ?? {}) as { manuscript?: unknown; manuscripts?: unknown };
        const manuscripts = Array.isArray(s.manuscripts) ? s.manuscripts.map((m) => (typeof m === 'string' ? m : '')) : undefined;
        return { manuscript: typeof s.manuscript === 'string' ? s.manuscript : manuscripts ? undefined : '', manuscripts };
      }),
    } as PagePlan);
    if (under(['pages', i, 'page']) || at(['pages', i, 'stories']) || !Number.isInteger(pg?.page)) {
      whole = false;
      return;
    }
    const kept = stories.map((st, j) => {
      const parsed = under(['pages', i, 'stories', j]) ? undefined : storyPlan.safeParse(st);
      if (parsed?.success) return [parsed.data];
      // a story with a problem elsewhere still takes its module, when its module is right
      const s = (st ?? {}) as { manuscript?: unknown; manuscripts?: unknown; title?: unknown; continue?: unknown };
      const box = z.object(boxKeys('module')).safeParse(st);
      if (!box.success || s.continue !== undefined) whole = false;
      if (!box.success) return [];
      // its name, for the messages about its module
      const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const manuscripts = Array.isArray(s.manuscripts) && s.manuscripts.every((m) => typeof m === 'string') ? s.manuscripts : undefined;
      // its continuation, when its page and module are right (a mistake in its head is not a reason
      // to leave its jump to an earlier or missing page, or its overlaps, unsaid)
      const jump = under(['pages', i, 'stories', j, 'continue'])
        ? z.object({ page: continuePlan.shape.page, ...boxKeys('continuation') }).safeParse(s.continue)
        : undefined;
      return [
        {
          ...box.data,
          manuscript: text(s.manuscript),
          manuscripts,
          title: text(s.title),
          photos: [],
          box: false as const,
          ...(jump?.success ? { continue: jump.data } : {}),
        },
      ];
    });
    // Sparse, each story at its own index (and each page below): a message names the story the
    // plan wrote there, not the next one along when one before it was left out.
    const sound: PagePlan['stories'] = [];
    kept.forEach((k, j) => {
      if (k.length) sound[j] = k[0];
    });
    pages[i] = { ...(pg as PagePlan), stories: sound };
  });
  const manuscripts = checkManuscripts({ pages: names }, file).filter((m) => !under(m.path) && !/^"" /.test(m.message));
  if ((typeof plan.layout !== 'string' && plan.layout !== undefined) || under(['layout'])) return manuscripts;
  const grid = planGrid(typeof plan.layout === 'string' ? plan.layout : 'feature-8col', file);
  if (Array.isArray(grid)) return [...grid, ...manuscripts];
  const missing = (g: Issue) => /^is (\d+), a page the plan does not have /.exec(g.message);
  const geometry = checkGeometry({ pages }, grid).filter((g) => {
    if (whole) return true;
    if (/^leave a hole /.test(g.message)) return false;
    const page = missing(g);
    return !page || (numbered && !numbers.has(Number(page[1])));
  });
  return [...geometry, ...manuscripts];
}

/** Manuscripts the plan names that cannot be used: not there, or not in the plan's folder. */
function checkManuscripts(plan: Pick<EditionPlan, 'pages'>, file: string): Issue[] {
  const issues: Issue[] = [];
  const dir = path.dirname(path.resolve(file));
  plan.pages.forEach((pg, i) => {
    pg.stories.forEach((s, j) => {
      const names: Array<[string, Path]> = s.manuscript
        ? [[s.manuscript, ['pages', i, 'stories', j, 'manuscript']]]
        : (s.manuscripts ?? []).map((m, k) => [m, ['pages', i, 'stories', j, 'manuscripts', k]]);
      for (const [name, p] of names) {
        const found = locateManuscript(dir, name);
        if ('problem' in found) issues.push({ path: p, message: found.problem });
      }
    });
  });
  return issues;
}

/**
 * Where a plan's manuscript name leads: <name>/article.md, <name>.md or <name> itself, in the plan's
 * folder. A plan is read like a manuscript folder (src/core/confine.ts): a name that leads out of
 * the plan's folder, by `..`, an absolute path, a symbolic link or a linked folder, is refused (a
 * plan could otherwise print any file of the machine on a page), and so is a manuscript that is a
 * link itself (build:pdf on a folder refuses those too).
 */
export function locateManuscript(planDir: string, name: string): { file: string } | { problem: string } {
  const folder = shown(path.resolve(planDir)) || '.';
  const base = path.resolve(planDir, String(name));
  // An absolute path into the plan's own folder is refused too (the plan would not build from
  // another checkout), and said as what it is, not as a place outside the folder.
  if (path.isAbsolute(String(name)) && isInside(path.resolve(planDir), base) && base !== path.resolve(planDir))
    return {
      problem: `"${name}" is an absolute path; name the manuscript relative to the plan, as ${path.relative(path.resolve(planDir), base)}`,
    };
  if (path.isAbsolute(String(name)) || !isInside(path.resolve(planDir), base))
    return {
      problem: `"${name}" is outside the plan's folder ${folder}; name a manuscript folder or .md file in it, relative to the plan (copy the manuscript in)`,
    };
  for (const f of [path.join(base, 'article.md'), `${base}.md`, base]) {
    try {
      if (!(existsSync(f) && statSync(f).isFile() && /\.md$/i.test(f))) continue;
      if (lstatSync(f).isSymbolicLink())
        return { problem: `"${name}" is a symbolic link; manuscripts are read only as files in the plan's folder: copy the file in` };
      if (!isInside(realpathSync(planDir), realpathSync(f)))
        return {
          problem: `"${name}" lies in a linked folder that leads outside the plan's folder ${folder}; copy the manuscript itself into the folder`,
        };
      return { file: f };
    } catch {
      /* not there */
    }
  }
  // Something is there but is no manuscript: a folder without article.md (its other .md files are
  // not a story's: a plan names each), the plan itself or another file. Said as what it is: "is
  // not found" sent the editor looking for a folder that was right there.
  const there = (() => {
    try {
      return lstatSync(base);
    } catch {
      return undefined;
    }
  })();
  if (there?.isDirectory()) {
    // Its .md files are named only when the folder is the plan's own (not one reached through a link).
    let md: string | undefined;
    try {
      if (isInside(realpathSync(planDir), realpathSync(base))) md = readdirSync(base).find((f) => /\.md$/i.test(f));
    } catch {
      /* unreadable: named by the folder alone */
    }
    return {
      problem: md
        ? `"${name}" is a folder with no article.md in it; name the story's .md file, ${path.join(String(name), md)}, or rename it article.md`
        : `"${name}" is a folder with no article.md in it; put the manuscript there as article.md, or name the folder that holds it`,
    };
  }
  if (there)
    return { problem: `"${name}" is not a manuscript (a .md file); name a folder with article.md or a .md file, relative to the plan` };
  return { problem: `"${name}" is not found in ${folder}; name a folder with article.md or a .md file, relative to the plan` };
}

/** The manuscript files of a plan's stories, story by story (a brief column has several). */
export function storyFiles(plan: EditionPlan): Array<{ flow: string; files: string[] }> {
  const dir = path.dirname(plan.file);
  return plan.pages.flatMap((pg) =>
    pg.stories.map((s, i) => ({
      flow: `p${pg.page}s${i + 1}`,
      files: (s.manuscript ? [s.manuscript] : (s.manuscripts ?? [])).map((name) => resolveManuscript(dir, name)!),
    })),
  );
}

/** The markdown file a plan's manuscript name stands for, when the plan may use it (locateManuscript). */
export function resolveManuscript(planDir: string, name: string): string | undefined {
  const found = locateManuscript(planDir, name);
  return 'file' in found ? found.file : undefined;
}
