// Automatic copy fit of a story (an edition's flow): when its text is overset or underset by a few
// lines (FlowInput.fit.maxLines), selected paragraphs are set a little tighter or looser — letter
// spacing of at most FlowInput.fit.tracking of the em, never the type size — until the story fits.
// Only the chosen paragraphs change: every other paragraph keeps its character grid. A paragraph is
// chosen when the smallest tracking that changes its line count by one is small: that step is
// searched for by measuring each paragraph's lines in a column of the frame's width, then the story is
// threaded again through its frames and measured as printed. What does not fit within the limits
// is put back as it was and reported overset, never cut.
import { padToGrid } from './grid.js';
import { LineCache, looseOf } from './lines.js';
import { fixOrphans } from './orphans.js';
import { Splitter } from './split.js';
import { type FillContext, type Flow, type Sheets, threadFlow } from './fill.js';
import { Rethreader, type Threading } from './rethread.js';
import type { AutoFit, FittedParagraph, FlowInput } from './protocol.js';

/** Steps of tracking tried, as shares of the largest allowed: 1/8, 2/8, … 8/8. */
export const STEPS = 8;
/** Re-threadings tried at most before giving up. */
const ATTEMPTS = 8;

/** Overset and empty lines of a threaded flow, measured without changing it (the overset goes back to its source). */
export function measureFit(flow: Flow, grid: number): { overset: number; underset: number } {
  let overset = 0;
  const { source } = flow;
  if (source.firstElementChild) {
    const measure = measuringColumn(
      source,
      flow.frames[flow.frames.length - 1]?.el.getBoundingClientRect().width ?? (parseFloat(source.style.width) || 0),
    );
    const rest = Array.from(source.children) as HTMLElement[];
    measure.append(...rest);
    padToGrid(rest, grid);
    overset = Math.round(measure.getBoundingClientRect().height / grid);
    source.append(...rest);
    measure.remove();
  }
  // Empty lines after the text's end (the lines above a moved 小标题 are not the story's to fill).
  let underset = 0;
  const used = flow.frames.map(({ el }) => {
    const last = el.lastElementChild;
    if (!last) return 0;
    const top = el.getBoundingClientRect().top;
    return Math.min(Number(el.dataset.lines), Math.round((last.getBoundingClientRect().bottom - top) / grid));
  });
  const lastUsed = used.reduce((at, _u, i) => (flow.frames[i].el.children.length ? i : at), -1);
  flow.frames.forEach(({ el }, i) => {
    if (i > lastUsed) underset += Number(el.dataset.lines);
    else if (i === lastUsed) underset += Number(el.dataset.lines) - used[i];
  });
  return { overset, underset };
}

function measuringColumn(beside: HTMLElement, width: number): HTMLElement {
  const measure = document.createElement('div');
  measure.className = 'article-body flow-measure';
  measure.style.width = `${width}px`;
  beside.parentNode!.appendChild(measure);
  return measure;
}

/** Paragraphs whose tracking may change: body paragraphs, not bylines, credits or captions. */
const adjustable = (el: Element) =>
  el.tagName === 'P' && !el.classList.contains('byline') && !el.classList.contains('credit') && (el.textContent ?? '').trim().length > 0;

export interface Candidate {
  /** index of the block among the flow's blocks */
  index: number;
  /** tracking in em (negative: tighter) */
  tracking: number;
  before: number;
  after: number;
}

/**
 * For each paragraph, the smallest tracking (in the direction `sign`) that changes its line count,
 * and by how much: every paragraph set at once in a column of the frames' width, one layout per round.
 *
 * A paragraph's line count only moves one way as its tracking grows (each line can take at least
 * the characters it took before, so every line starts no earlier), so the smallest step is searched
 * for rather than every step tried in turn: looser, step 1 first (in a column of whole ems it changes
 * nearly every paragraph there); then the largest step (tighter changes few paragraphs: one
 * unchanged there is unchanged at every step); then halving between. Each round lays the column out
 * once, with every paragraph still searched for set at its own step.
 */
export function candidates(
  blocks: HTMLElement[],
  width: number,
  grid: number,
  max: number,
  sign: -1 | 1,
  beside: HTMLElement,
): Candidate[] {
  const measure = measuringColumn(beside, width);
  const index = blocks.map((b, i) => (adjustable(b) ? i : -1)).filter((i) => i >= 0);
  const copies = index.map((i) => blocks[i].cloneNode(true) as HTMLElement);
  measure.append(...copies);
  const linesOf = (c: HTMLElement) => Math.round(c.getBoundingClientRect().height / grid);
  const tracking = (step: number) => Math.round(((sign * max * step) / STEPS) * 10000) / 10000;
  const before = copies.map(linesOf);
  // Per paragraph: the highest step known to leave its lines as they are, the lowest known to change them, and its lines there.
  const same = copies.map(() => 0);
  const changes = copies.map(() => STEPS + 1);
  const after = copies.map(() => 0);
  const round = (stepOf: (k: number) => number | undefined) => {
    const steps = copies.map((c, k) => {
      const step = stepOf(k);
      if (step !== undefined) c.style.letterSpacing = `${tracking(step)}em`;
      return step;
    });
    steps.forEach((step, k) => {
      if (step === undefined) return;
      const n = linesOf(copies[k]);
      if (n !== before[k] && Math.sign(n - before[k]) === sign) {
        changes[k] = step;
        after[k] = n;
      } else same[k] = step;
    });
  };
  const open = (k: number) => changes[k] - same[k] > 1;
  if (sign > 0) round(() => 1);
  round((k) => (open(k) ? STEPS : undefined));
  while (copies.some((_, k) => open(k) && changes[k] <= STEPS)) {
    round((k) => (open(k) && changes[k] <= STEPS ? (same[k] + changes[k]) >> 1 : undefined));
  }
  measure.remove();
  return copies.flatMap((_, k) =>
    changes[k] <= STEPS ? [{ index: index[k], tracking: tracking(changes[k]), before: before[k], after: after[k] }] : [],
  );
}

/**
 * The widest extra space between two characters of a paragraph's justified lines, in em, as the
 * line checks measure it (looseOf): every line of `pieces` (a paragraph's pieces in reading order)
 * but the paragraph's last. A piece split at a frame's foot (`.split`) is justified to its end.
 */
export function widestSpacing(pieces: HTMLElement[], lines: LineCache): number {
  let widest = 0;
  for (const b of pieces) {
    const own = lines.get(b);
    const justified = b.classList.contains('split') ? own : own.slice(0, -1);
    for (const l of justified) widest = Math.max(widest, looseOf(lines.text(b), l));
  }
  return widest;
}

/**
 * The candidates whose paragraph, set at its tracking in a column of the frames' width, keeps every
 * justified line within the layout's `maxLoose` and ends in no 孤字. Looser tracking sets a
 * character fewer a line: where a line then loses a Latin word or part of an address,
 * justification spreads the rest far more than the tracking itself (0.58 em for 0.25 %), and where
 * the paragraph's last line comes out short, the 孤字 fix takes letters from the line above and
 * spreads it. Each copy gets the page's own 孤字 fix (fixOrphans), then its lines are measured as
 * the line checks measure them. The fitter never makes a line the line checks would call loose, nor
 * a 孤字; a paragraph it cannot use is left as it was.
 */
export function withinTolerance(
  found: Candidate[],
  blocks: HTMLElement[],
  width: number,
  limits: { maxLoose: number; minLastLine: number },
  beside: HTMLElement,
): { kept: Candidate[]; refused: Array<{ candidate: Candidate; why: 'loose' | 'orphan'; spacing: number }> } {
  const refused: Array<{ candidate: Candidate; why: 'loose' | 'orphan'; spacing: number }> = [];
  if (!found.length) return { kept: found, refused };
  const measure = measuringColumn(beside, width);
  const copies = found.map((c) => {
    const copy = blocks[c.index].cloneNode(true) as HTMLElement;
    copy.style.letterSpacing = `${c.tracking}em`;
    return copy;
  });
  measure.append(...copies);
  const lines = new LineCache();
  fixOrphans(copies, lines, new Splitter(), limits.minLastLine, limits.maxLoose);
  // A copy whose fix was put back was replaced by its copy as it was: the column's children, in order.
  const set = Array.from(measure.children) as HTMLElement[];
  const kept = found.filter((candidate, k) => {
    const own = lines.get(set[k]);
    const spacing = widestSpacing([set[k]], lines);
    const why = spacing > limits.maxLoose ? 'loose' : own.length > 1 && own[own.length - 1].letters < limits.minLastLine ? 'orphan' : null;
    if (why) refused.push({ candidate, why, spacing });
    return !why;
  });
  measure.remove();
  return { kept, refused };
}

/**
 * Thread the flow, and fit it when it misses by a few lines. Returns the flow as threaded and what
 * automatic fitting did (undefined when the flow has no fit limits or fits as it is).
 */
export function threadAndFit(
  input: FlowInput,
  sheets: Sheets,
  ctx: FillContext,
  autoPages: boolean,
  maxLoose: number = Number.POSITIVE_INFINITY,
): { flow: Flow; autoFit?: AutoFit } {
  const limits = input.fit;
  const source = document.querySelector<HTMLElement>(input.source);
  if (!limits || !source || limits.maxLines <= 0 || limits.tracking <= 0) return { flow: threadFlow(input, sheets, ctx, autoPages) };
  const pristine = source.cloneNode(true) as HTMLElement;
  const threads = new Rethreader(input, sheets, ctx, autoPages, pristine);
  const asFirst = threads.first();
  let flow = asFirst.flow;
  const G = ctx.grid;
  const first = measureFit(flow, G);
  const need = first.overset > 0 ? first.overset : first.underset;
  if (need === 0 || need > limits.maxLines) return { flow };
  const sign: -1 | 1 = first.overset > 0 ? -1 : 1;
  const width = flow.frames[0]?.el.getBoundingClientRect().width ?? 0;
  const blocks = Array.from(pristine.children) as HTMLElement[];
  // The source is out of layout while threading; the candidates are measured beside it, in a column of the frames' width.
  // Least tracking first; then the paragraph whose change comes closest to the lines needed (one
  // paragraph that moves many lines would overshoot), later paragraphs before earlier ones.
  const gain = (c: Candidate) => Math.abs(c.after - c.before);
  const tolerated = withinTolerance(
    candidates(blocks, width, G, limits.tracking, sign, flow.source),
    blocks,
    width,
    { maxLoose, minLastLine: ctx.minLastLine },
    flow.source,
  );
  const refused = tolerated.refused;
  const found = tolerated.kept.sort(
    (a, b) => Math.abs(a.tracking) - Math.abs(b.tracking) || Math.abs(gain(a) - need) - Math.abs(gain(b) - need) || b.index - a.index,
  );
  const named = (c: Candidate) => {
    const b = blocks[c.index];
    const part = b.dataset.part;
    return {
      line: Number(b.dataset.line) || null,
      ...(part === undefined ? {} : { part: Number(part) }),
      text: (b.textContent ?? '').replace(/\s+/g, '').slice(0, 16),
    };
  };
  const inOrder = (a: { line: number | null; part?: number }, b: { line: number | null; part?: number }) =>
    (a.part ?? 0) - (b.part ?? 0) || (a.line ?? 0) - (b.line ?? 0);
  const report = (picked: Candidate[], fitted: boolean, after: { overset: number; underset: number }): AutoFit => ({
    direction: sign < 0 ? 'tighter' : 'looser',
    before: first,
    after,
    fitted,
    limit: limits.tracking,
    maxLoose,
    paragraphs: picked
      .map((c): FittedParagraph => ({ ...named(c), tracking: c.tracking, linesBefore: c.before, linesAfter: c.after }))
      .sort(inOrder),
    // What kept the story from fitting: paragraphs the tracking would have changed, left as they were.
    ...(fitted || !refused.length
      ? {}
      : {
          refused: refused
            .map((r) => ({
              ...named(r.candidate),
              tracking: r.candidate.tracking,
              why: r.why,
              spacing: Math.round(r.spacing * 1000) / 1000,
            }))
            .sort(inOrder),
        }),
  });
  // Each threading is kept as laid out; the next starts from the one it shares the most frames with (rethread.ts).
  const kept: Threading[] = [asFirst.threading];
  let current = asFirst.threading;
  const threadWith = (chosen: Candidate[]) => {
    const tracking = new Map(chosen.map((c) => [c.index, c.tracking]));
    const from = kept.reduce((a, b) => (threads.restartAt(b, tracking) > threads.restartAt(a, tracking) ? b : a));
    const again = threads.again(from, tracking);
    flow = again.flow;
    current = again.threading;
    kept.push(current);
    return measureFit(flow, G);
  };
  // The printed pieces of a paragraph of the source, in the current threading's frames.
  const piecesOf = (b: HTMLElement) =>
    flow.frames.flatMap(({ el }) =>
      (Array.from(el.children) as HTMLElement[]).filter((x) => x.dataset.line === b.dataset.line && x.dataset.part === b.dataset.part),
    );
  // One paragraph more per attempt, the least tracking first; looser never takes a paragraph that
  // would add more lines than are empty (the story would run over).
  const chosen: Candidate[] = [];
  const left = [...found];
  let fit = first;
  let best: { chosen: Candidate[]; fit: { overset: number; underset: number }; threading: Threading } | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const short = sign < 0 ? fit.overset : fit.underset;
    const k = left.findIndex((c) => sign < 0 || gain(c) <= short);
    if (k < 0) break;
    chosen.push(left.splice(k, 1)[0]);
    const now = threadWith(chosen);
    if (sign > 0 && now.overset > 0) {
      // It ran over after all (a paragraph's new line moved a 小标题 on): that paragraph stays as it was.
      chosen.pop();
      continue;
    }
    const printed = new LineCache();
    const spacing = chosen.map((c) => widestSpacing(piecesOf(blocks[c.index]), printed));
    if (spacing.some((w) => w > maxLoose)) {
      // As printed (a frame of another width, a line before a frame break), a fitted paragraph has a
      // line looser than the layout allows: the paragraph last taken stays as it was (the others
      // were printed within it without it).
      refused.push({ candidate: chosen.pop()!, why: 'loose', spacing: Math.max(...spacing) });
      continue;
    }
    fit = now;
    if (sign < 0 ? fit.overset === 0 : fit.underset === 0) return { flow: threads.settle(current), autoFit: report(chosen, true, fit) };
    if (sign > 0 && (!best || fit.underset < best.fit.underset)) best = { chosen: [...chosen], fit, threading: current };
  }
  if (best?.chosen.length) {
    // Looser as far as it goes without running over: the best found stands, reported as not fully fitted.
    return { flow: threads.settle(best.threading), autoFit: report(best.chosen, false, best.fit) };
  }
  // Not within the limits: the story is set as it was (its first threading, kept as laid out), and reported as it is.
  return { flow: threads.settle(asFirst.threading), autoFit: report([], false, first) };
}

/**
 * The spacing the fitted paragraphs print with: the widest space between two characters of their
 * justified lines, in em, as the line checks measure it (a column of whole ems sets one character
 * more or fewer per line, and justification spreads the rest: this says by how much).
 */
export function measureSpacing(autoFit: AutoFit, flow: Flow, lines: LineCache): void {
  const blocks = flow.frames.flatMap(({ el }) => Array.from(el.children) as HTMLElement[]);
  for (const p of autoFit.paragraphs) {
    const widest = widestSpacing(
      blocks.filter(
        (b) =>
          (Number(b.dataset.line) || null) === p.line && (b.dataset.part === undefined ? undefined : Number(b.dataset.part)) === p.part,
      ),
      lines,
    );
    p.spacing = Math.round(widest * 1000) / 1000;
  }
}
