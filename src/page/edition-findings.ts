// An edition's findings, from its pages as laid out: each story's copy fit (edition.fit.json), and
// what the page found given to the manuscript it concerns (its lines, photos and characters the
// fonts cannot show), with what only the edition can see: a manuscript printed twice, a module or
// continuation with no line left for text, a photo slot over its headline, a headline block cut
// at its slot's edge, a 报眉 too long for the type area. A finding about the plan names its place
// in the plan (file:line:col). Pure: reads the plan's YAML again only to name those places.
import { toString } from 'hast-util-to-string';
import type { Article } from '../core/article.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { matterText } from '../core/matter.js';
import { readYamlSource, type YamlSource, yamlNodeAt } from '../core/yaml.js';
import { type Layout, runningHeadKeys } from '../config/layout.js';
import { pathText } from '../config/load.js';
import type { EditionPlan } from '../config/plan.js';
import { shortPath } from '../output/progress.js';
import type { AutoFit, CopyFit, LayoutResult } from './engine/protocol.js';
import { pageMatter, type StoryContent } from './edition-html.js';
import { addPageFindings, type PageFinding } from './findings.js';
import { runningHeadTypo } from './running-head-check.js';
import { type SlotFit, slotMessages } from './slot-check.js';
import { PX_PER_MM, pageGeometry, type SlotBox } from './geometry.js';
import { type EditionPage, type StoryModule, storyOf } from './modules.js';
import { figureSources } from './render.js';

/** A story of the plan with its manuscripts read and typeset (a brief column has several). */
export interface EditionStory {
  flow: string;
  articles: Article[];
}

/** One story's copy fit, and what automatic fitting changed. */
export interface StoryFit {
  flow: string;
  page: number;
  manuscripts: string[];
  fit: CopyFit;
  /** what automatic fitting did: the paragraphs set tighter or looser, and by how much */
  autoFit?: AutoFit;
  /** where it continues, whether its text reached the continuation, and whether that module has a line for text at all */
  continues?: { page: number; used: boolean; room: boolean };
  /** its headline blocks that run past their slot (cut at the slot's edge) */
  headOverflow?: HeadOverflow[];
}

/** A headline block whose text runs past its slot: a 主题 too big or too long for its module, or a module too small. */
export interface HeadOverflow {
  flow: string;
  page: number;
  kind: 'story' | 'continuation';
  /** the slot's height in grid lines, and the lines its text needs */
  lines: number;
  needs: number;
  /** a character or line wider than the slot */
  wide: boolean;
}

/** What laying out one page found, as the findings need it. */
export interface PageOutcome {
  page: number;
  /** the result as the engine gave it (every sheet of the document) */
  full: LayoutResult;
  /** this page's share of it */
  own: LayoutResult;
  flows: Set<string>;
  flowFits: Map<string, CopyFit>;
  figures: Map<string, { slotted: number; inFlow: number; emptySlots: number }>;
  blocked: string[];
  missingChars: number[];
  /** headline blocks cut at their slot's edge */
  heads: HeadOverflow[];
  /** the 报眉, when it does not fit the type area's width */
  runningHead: { over: number; touching: boolean; texts: string[] } | null;
  /** the page's filled photo slots, measured */
  slots: SlotFit[];
}

export interface EditionFindingsInput {
  plan: EditionPlan;
  layout: Layout;
  /** every page's modules, with every story typeset */
  pages: Map<number, EditionPage>;
  built: PageOutcome[];
  /** every story, typeset */
  all: EditionStory[];
  contents: Map<string, StoryContent>;
}

/** Each story's fit, and the findings given to each manuscript. */
export function editionFindings({ plan, layout, pages, built, all, contents }: EditionFindingsInput): {
  stories: StoryFit[];
  pageFindings: PageFinding[];
} {
  // Each story's fit comes from its home page's document (every document a story is in threads it alike).
  const storyFits: StoryFit[] = [];
  const pageFindings: PageFinding[] = [];
  // A manuscript the plan names twice prints twice: allowed (a plan may repeat a story on purpose), said once per repeat.
  const firstUse = new Map<string, string>();
  // The characters the fonts cannot show, by where they are written: a manuscript's (its text and
  // photo names) are said once, on its home page, to that manuscript; the rest of a page's (its
  // 报眉, heads and jump lines: the plan's) once per page (below).
  const written = new Map<Article, Set<number>>();
  const writtenIn = (article: Article) => {
    let chars = written.get(article);
    if (!chars) {
      chars = new Set([...toString(article.hast), ...figureSources(article).flatMap((f) => [...f.src])].map((c) => c.codePointAt(0)!));
      written.set(article, chars);
    }
    return chars;
  };
  const storyChars = new Map(all.map((s) => [s.flow, new Set(s.articles.flatMap((a) => [...writtenIn(a)]))]));
  for (const s of all) {
    const { page } = storyOf(plan, s.flow);
    for (const [k, a] of s.articles.entries()) {
      const first = firstUse.get(a.file.path);
      const here = planPlace(plan, s.flow, 'story', storyOf(plan, s.flow).story.manuscripts ? ['manuscripts', k] : ['manuscript']);
      if (first === undefined) firstUse.set(a.file.path, here);
      else
        pageFindings.push({
          message: a.file.message(
            `This manuscript is printed twice in the edition: at ${first} and again at ${here}; drop one of them, or use continue: to run the rest of a story elsewhere`,
            { ruleId: 'edition-story-twice', source: FINDINGS_SOURCE },
          ),
        });
    }
    const home = built.find((b) => b.page === page.page)!;
    const fit = home.flowFits.get(s.flow)!;
    const autoFit = home.full.flows.find((f) => f.id === s.flow)?.autoFit;
    const story = storyOf(plan, s.flow).story;
    const modules = [...pages.values()].flatMap((p) => p.modules).filter((m) => m.flow === s.flow);
    const continues = story.continue
      ? {
          page: story.continue.page,
          used: home.full.lines.some((l) => l.flow === s.flow && l.page === story.continue!.page),
          room: modules.some((m) => m.kind === 'continuation' && m.frames.length > 0),
        }
      : undefined;
    const headOverflow = built.flatMap((b) => b.heads.filter((o) => o.flow === s.flow));
    storyFits.push({
      flow: s.flow,
      page: page.page,
      manuscripts: s.articles.map((a) => a.file.path),
      fit,
      autoFit,
      continues,
      ...(headOverflow.length ? { headOverflow } : {}),
    });
    s.articles.forEach((article, k) => {
      for (const b of built) {
        if (!b.flows.has(s.flow)) continue;
        const view = storyView(b.own, s.flow, k, b.page === page.page ? fit : undefined, s.articles.length > 1);
        const photos = b.page === page.page ? (contents.get(s.flow)!.parts[k]?.photos ?? []) : [];
        const figures = b.page === page.page && k === 0 ? b.figures.get(s.flow)! : { slotted: 0, inFlow: 0, emptySlots: 0 };
        pageFindings.push(
          ...addPageFindings(
            article.file,
            {
              result: view,
              photos,
              missingChars: b.page === page.page ? b.missingChars.filter((c) => writtenIn(article).has(c)) : [],
              figures,
              blocked: [],
            },
            'module',
            planPlace(plan, s.flow, story.continue ? 'continuation' : 'story'),
          ),
        );
      }
      if (k !== 0) return;
      // A module its headline block fills leaves the story no line there: an overset story's text
      // could not run in it (a photo story whose slot fills the rest has no text to place).
      for (const m of fit.status === 'overset' ? modules.filter((x) => x.frames.length === 0) : []) {
        const at = planPlace(plan, s.flow, m.kind);
        const msg = article.file.message(
          m.kind === 'continuation'
            ? `The continuation on page ${m.page} (${at}) has no line left for text: ${takenBy(m, layout)}; the story's text cannot run on there and （上接第${page.page}版） is not printed; give the continuation more lines, or its head fewer (continue: { headline: { lines: 1 } })`
            : `The story's module on page ${m.page} (${at}) has no line left for text: ${takenBy(m, layout)}; none of its text is printed there; give the module more lines, or ${m.photos.length ? 'its headline block or photo slots fewer (headline: { lines: … }, photos: [{ lines: … }])' : 'the headline fewer (headline: { lines: … })'}`,
          { ruleId: 'edition-module-no-room', source: FINDINGS_SOURCE },
        );
        pageFindings.push({ message: msg });
      }
      // A photo slot laid over the headline block (its lines as its text needs them, which the plan's
      // check cannot know): the photo would print over the headline.
      const homeModule = modules.find((m) => m.kind === 'story');
      const head = homeModule?.headline;
      homeModule?.photos.forEach((slot, n) => {
        if (!head || head.lines === 0 || !overlapping(head, slot)) return;
        const at = planPlace(plan, s.flow, 'story', ['photos', n]);
        const lines = `${head.firstLine + 1}–${head.firstLine + head.lines}`;
        const msg = article.file.message(
          `Photo slot ${n + 1} (${at}) lies over the story's headline block (columns ${head.columns.join('–')}, lines ${lines}, as its text needs them): the photo would print over the headline; start the slot below line ${head.firstLine + head.lines} (top: ${head.firstLine + head.lines + 1}), or give the headline block other columns or lines (headline: { columns: […], lines: … })`,
          { ruleId: 'edition-photo-over-headline', source: FINDINGS_SOURCE },
        );
        msg.fatal = true;
        pageFindings.push({ message: msg });
      });
      // A caption that runs past its slot, or leaves its photo a strip (slot-check.ts): at the figure's line.
      const slots = built.find((b) => b.page === page.page)?.slots.filter((x) => x.flow === s.flow) ?? [];
      pageFindings.push(
        ...slotMessages(article.file, slots, (x) => `in the plan (${planPlace(plan, s.flow, 'story', ['photos', x.slot - 1])})`),
      );
      for (const o of headOverflow) {
        const at = planPlace(plan, s.flow, o.kind);
        const msg = article.file.message(
          `The ${o.kind === 'continuation' ? 'continuation head' : 'headline block'} on page ${o.page} (${at}) does not fit its ${o.lines} line(s)${o.wide ? ': a character or line of it is wider than the block' : `: its text needs ${o.needs}`}; it is cut at the block's edge. Give it more lines or columns, a smaller size (headline: { size: … }), or a shorter headline`,
          { ruleId: 'edition-headline-overflow', source: FINDINGS_SOURCE },
        );
        msg.fatal = true;
        pageFindings.push({ message: msg });
      }
      if (continues && !continues.used && fit.status !== 'overset') {
        const msg = article.file.message(
          `The story fits its module on page ${page.page}: nothing runs on to page ${continues.page}, yet the jump line says so; drop "continue:" or give the module fewer lines`,
          { ruleId: 'edition-jump-unused', source: FINDINGS_SOURCE },
        );
        pageFindings.push({ message: msg });
      }
    });
  }
  for (const b of built) {
    const first = all.find((s) => b.flows.has(s.flow));
    // the plan's own text on the page, and whatever no manuscript on it has (a label, a jump line)
    const own = new Set([...planTextOn(plan, pages, b.page)].map((c) => c.codePointAt(0)!));
    const planned = b.missingChars.filter((c) => own.has(c) || ![...b.flows].some((f) => storyChars.get(f)?.has(c)));
    if (!first || !planned.length) continue;
    const msg = first.articles[0].file.message(
      `The fonts cannot show ${planned.length} character(s) the plan puts on page ${b.page} (its 报眉, heads or jump lines): ${planned.map((c) => String.fromCodePoint(c)).join(' ')}; they print as empty boxes: change them in ${shortPath(plan.file)} (paper, date, section, editor, designer, title, kicker, subheadline, head)`,
      { ruleId: 'page-font-coverage', source: FINDINGS_SOURCE },
    );
    pageFindings.push({ message: msg });
  }
  // A 报眉 too long for the type area (a long paper, date or section): said on the page's first story, at the plan's page.
  for (const b of built) {
    const rh = b.runningHead;
    const first = all.find((s) => b.flows.has(s.flow));
    if (!rh || !first) continue;
    const section = planAt(plan, ['pages', plan.pages.findIndex((p) => p.page === b.page), 'section']);
    const msg = first.articles[0].file.message(
      `The 报眉 of page ${b.page} does not fit the type area's width (${rh.over >= 1 ? `it runs ${(rh.over / PX_PER_MM).toFixed(1)} mm past it` : 'its parts touch'}): “${rh.texts.join('｜')}”; shorten the plan's paper, date, editor or designer, or the page's section (${section}), or the layout's runningHead`,
      { ruleId: 'edition-running-head-overflow', source: FINDINGS_SOURCE },
    );
    msg.fatal = true;
    pageFindings.push({ message: msg });
  }
  pageFindings.push(...runningHeadMissing(plan, layout, built, all));
  pageFindings.push(...planPlaceholders(plan, layout, built, all));
  for (const b of built) {
    if (!b.blocked.length) continue;
    const first = all.find((s) => b.flows.has(s.flow));
    if (first)
      pageFindings.push(
        ...addPageFindings(first.articles[0].file, {
          result: emptyView(b.own),
          photos: [],
          missingChars: [],
          figures: { slotted: 0, inFlow: 0, emptySlots: 0 },
          blocked: b.blocked,
        }),
      );
  }
  return { stories: storyFits, pageFindings };
}

/** A value still to be filled in, as the desk writes it (matter-placeholder's pattern): 〔责任编辑〕. */
const PLACEHOLDER = /〔[^〕]*〕/u;

/**
 * The plan's 报眉 values still holding a placeholder (editor: 〔责任编辑〕), which the 报眉 would print
 * as written: an error, as a manuscript's own is (matter-placeholder), so a press build refuses them.
 * Said once per value, at its place in the plan, on the first story of the first page it prints on.
 */
function planPlaceholders(plan: EditionPlan, layout: Layout, built: PageOutcome[], all: EditionStory[]): PageFinding[] {
  const printed = new Set(runningHeadKeys(layout));
  const pageNos = [...built].map((b) => b.page).sort((x, y) => x - y);
  const page = (n: number) => plan.pages.find((p) => p.page === n);
  const values: Array<{ at: Array<string | number>; key: string; value: string; pages: number[] }> = [];
  for (const key of ['paper', 'date', 'editor', 'designer'] as const) {
    const own = (n: number) => (key === 'editor' || key === 'designer' ? page(n)?.[key] === undefined : true);
    values.push({ at: [key], key, value: String(plan[key] ?? ''), pages: pageNos.filter(own) });
  }
  for (const n of pageNos) {
    const p = page(n);
    const index = plan.pages.findIndex((x) => x.page === n);
    for (const key of ['section', 'editor', 'designer'] as const)
      if (p?.[key] !== undefined) values.push({ at: ['pages', index, key], key, value: String(p[key]), pages: [n] });
  }
  const found: PageFinding[] = [];
  for (const v of values) {
    const placeholder = PLACEHOLDER.exec(v.value);
    if (!placeholder || !printed.has(v.key) || !v.pages.length) continue;
    const first = all.find((s) => built.find((b) => b.page === v.pages[0])?.flows.has(s.flow));
    if (!first) continue;
    const msg = first.articles[0].file.message(
      `The plan's ${v.key} is still a placeholder (${placeholder[0]}) at ${planAt(plan, v.at)}: the 报眉 of page${v.pages.length > 1 ? 's' : ''} ${v.pages.join(', ')} prints it as written; fill it in`,
      { ruleId: 'edition-plan-placeholder', source: FINDINGS_SOURCE },
    );
    msg.fatal = true;
    found.push({ message: msg });
  }
  return found;
}

/**
 * A 报眉 naming a value the plan does not give ({{editor}} with no editor:) prints it as nothing
 * (“责任编辑：”), as a single page's does without its front matter key (page-running-head-missing).
 * Said once for the pages that lack the same keys, on the first of them, at its place in the plan.
 */
function runningHeadMissing(plan: EditionPlan, layout: Layout, built: PageOutcome[], all: EditionStory[]): PageFinding[] {
  const keys = runningHeadKeys(layout);
  const byKeys = new Map<string, number[]>();
  for (const b of [...built].sort((x, y) => x.page - y.page)) {
    const matter = pageMatter(plan, b.page);
    const missing = keys.filter((k) => !matterText(matter[k]).trim());
    if (missing.length) byKeys.set(missing.join(','), [...(byKeys.get(missing.join(',')) ?? []), b.page]);
  }
  const found: PageFinding[] = [];
  for (const [list, pageNos] of byKeys) {
    const missing = list.split(',');
    const first = all.find((s) => built.find((b) => b.page === pageNos[0])?.flows.has(s.flow));
    if (!first) continue;
    const at = planAt(plan, ['pages', plan.pages.findIndex((p) => p.page === pageNos[0])]);
    const credits: string[] = missing.filter((k) => k === 'editor' || k === 'designer');
    const others = missing.filter((k) => !credits.includes(k));
    const fixes = [
      credits.length
        ? `add ${credits.map((k) => `${k}:`).join(' and ')} to ${shortPath(plan.file)} (for every page) or to the page (${at})`
        : '',
      // a key no plan gives is the layout's: said where the layout writes it, with the key it likely means
      others.length
        ? `a plan gives no such value: correct or take out ${others.map((k) => runningHeadTypo(layout, k, Object.keys(pageMatter(plan, pageNos[0])))).join('; ')}`
        : '',
    ].filter(Boolean);
    const msg = first.articles[0].file.message(
      `The 报眉 of page${pageNos.length > 1 ? 's' : ''} ${pageNos.join(', ')} (layout ${layout.name}, runningHead) names ${missing.map((k) => `{{${k}}}`).join(', ')}, which the plan does not give, so ${missing.length > 1 ? 'they print' : 'it prints'} as nothing: ${fixes.join('; ')}`,
      { ruleId: 'edition-running-head-missing', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
    found.push({ message: msg });
  }
  return found;
}

/** What the plan itself prints on a page: its 报眉 values, the jump lines, and the heads the plan gives its stories. */
function planTextOn(plan: EditionPlan, pages: Map<number, EditionPage>, page: number): string {
  const matter = Object.values(pageMatter(plan, page)).map((v) => String(v ?? ''));
  const modules = pages.get(page)?.modules ?? [];
  const heads = modules.map((m) => {
    const st = storyOf(plan, m.flow).story;
    const given = [st.title, st.kicker, st.subheadline, m.kind === 'continuation' ? st.continue?.head : undefined];
    return [...given.filter((x): x is string => typeof x === 'string'), m.jump?.text ?? ''].join('');
  });
  return [...matter, ...heads].join('');
}

/** Do two slots share a grid cell (columns and lines)? */
function overlapping(a: SlotBox, b: SlotBox): boolean {
  return (
    a.columns[0] <= b.columns[1] &&
    b.columns[0] <= a.columns[1] &&
    a.firstLine < b.firstLine + b.lines &&
    b.firstLine < a.firstLine + a.lines
  );
}

/** What takes a module's lines, in words: “its 2 line(s) go to the air inside its box (2) and the gap above the module below it (1)”. */
function takenBy(m: StoryModule, layout: Layout): string {
  const grid = pageGeometry(layout).grid;
  // The grid lines its photo slots take below the headline block (a slot that fills the module's
  // width and the rest of its height leaves no line for text as surely as the headline does).
  const head = m.headline ? new Set(Array.from({ length: m.headline.lines }, (_, i) => m.headline!.firstLine + i)) : new Set<number>();
  const photoLines = new Set(
    m.photos.flatMap((p) => Array.from({ length: p.lines }, (_, i) => p.firstLine + i)).filter((l) => !head.has(l)),
  );
  const parts = [
    m.headline && m.headline.height > 0
      ? `its ${m.kind === 'continuation' ? 'head' : 'headline block'} (${Math.round(m.headline.height / grid)})`
      : '',
    photoLines.size ? `its photo slot${m.photos.length > 1 ? 's' : ''} (${photoLines.size})` : '',
    m.boxStyle ? 'the air inside its box (2)' : '',
    m.grid.gap ? `the gap above the module below it (${m.grid.gap})` : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `its ${m.grid.lines} line(s) go to ${list}`;
}

/** Each plan's YAML as read for planPlace, once per build. */
const planDocuments = new WeakMap<EditionPlan, YamlSource | undefined>();

/**
 * Where the plan writes a story's module or its continuation: `plan.yaml:13:9 pages[0].stories[1].continue`
 * (the plan was read and checked before the build; read again here only to name the line).
 */
export function planPlace(plan: EditionPlan, flow: string, kind: 'story' | 'continuation', within: Array<string | number> = []): string {
  const { page, index } = storyOf(plan, flow);
  return planAt(plan, ['pages', plan.pages.indexOf(page), 'stories', index, ...(kind === 'continuation' ? ['continue'] : []), ...within]);
}

/** A value of the plan at its file:line:col, with its path in words: `plan.yaml:7:14 pages[0].section`. */
function planAt(plan: EditionPlan, at: Array<string | number>): string {
  const words = pathText(at);
  if (!planDocuments.has(plan)) planDocuments.set(plan, readYamlSource(plan.file));
  const source = planDocuments.get(plan);
  const node = source && yamlNodeAt(source, at);
  if (!source || !node) return `${shortPath(plan.file)} ${words}`;
  const { line, col } = source.lines.linePos(node.range[0]);
  return `${shortPath(plan.file)}:${line}:${col} ${words}`;
}

/** One manuscript's view of a page: only its own story's marks; the story's fit on its home page. */
function storyView(r: LayoutResult, flow: string, part: number, fit: CopyFit | undefined, brief: boolean): LayoutResult {
  const mine = <T extends { flow?: string; part?: number }>(xs: T[]) => xs.filter((x) => x.flow === flow && (x.part ?? 0) === part);
  const q = r.quality;
  const fits: CopyFit = {
    status: 'fits',
    oversetLines: 0,
    oversetChars: 0,
    firstWords: '',
    firstLine: null,
    undersetLines: 0,
    gapLines: 0,
  };
  // A brief column's overset is the manuscript's where it begins; its underset the column's first manuscript's.
  const own = fit && (!brief || (fit.status === 'overset' ? (fit.firstPart ?? 0) === part : part === 0)) ? fit : fits;
  return {
    ...r,
    fit: own,
    quality: { ...q, badStarts: mine(q.badStarts), badEnds: mine(q.badEnds), orphans: mine(q.orphans), loose: mine(q.loose) },
    heads: mine(r.heads),
    continued: mine(r.continued),
    offGrid: mine(r.offGrid),
    problems: mine(r.problems),
  };
}

function emptyView(r: LayoutResult): LayoutResult {
  return storyView(r, '\0', -1, undefined, false);
}
