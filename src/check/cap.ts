// The limit of findings per manuscript (limits.maxFindings): the first ones in source order are
// kept, the rest are counted by rule in one `too-many-findings` finding (an error when any of them
// is one, so a --final build still refuses). Findings are counted as they come, too: a manuscript
// can make millions (one per line of a pasted file full of zero-width spaces: 400,000 lines held
// 1.3 GB), so once ten times the limit are held, the file keeps the first ones and counts the rest.
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Point, Position } from 'unist';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { GUARD_IDS } from './rules/index.js';

interface Tally {
  max: number;
  byRule: Map<string, number>;
  errors: number;
  dropped: number;
  /** Where the earliest dropped finding stood. */
  first?: Point | Position;
}

const tallies = new WeakMap<VFile, Tally>();

/** Findings compare by line, column, then rule id. */
export function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || String(a.ruleId).localeCompare(String(b.ruleId));
}

const isGuard = (m: VFileMessage) => m.source === FINDINGS_SOURCE && GUARD_IDS.has(String(m.ruleId));

/** From now on the file keeps about `max` findings: call pruneFindings as they are added. */
export function limitFindings(file: VFile, max: number): void {
  if (Number.isFinite(max)) tallies.set(file, { max, byRule: new Map(), errors: 0, dropped: 0 });
}

/** Cheap unless ten times the limit are held: then keep the first ones and count the rest. */
export function pruneFindings(file: VFile): void {
  const tally = tallies.get(file);
  if (tally && file.messages.length > 10 * tally.max) keepFirst(file, tally);
}

function keepFirst(file: VFile, tally: Tally): void {
  file.messages.sort(byPlace);
  const kept: VFileMessage[] = [];
  let count = 0;
  for (const m of file.messages) {
    // The guard's own findings (a check that could not run) are never dropped.
    if (isGuard(m) || count < tally.max) {
      kept.push(m);
      if (!isGuard(m)) count++;
      continue;
    }
    const id = String(m.ruleId);
    tally.byRule.set(id, (tally.byRule.get(id) ?? 0) + 1);
    if (m.fatal === true) tally.errors++;
    tally.dropped++;
    const here = m.place && 'start' in m.place ? m.place.start : m.place;
    const first = tally.first && 'start' in tally.first ? tally.first.start : tally.first;
    if (!first || (here && ((here.line ?? 0) < first.line || (here.line === first.line && (here.column ?? 0) < first.column))))
      tally.first = m.place;
  }
  file.messages = kept;
}

/**
 * The end of the count: keep the first `max` findings in source order and add the one finding
 * that counts the rest (with those counted while the rules ran).
 */
export function capFindings(file: VFile, max: number): void {
  const tally: Tally = tallies.get(file) ?? { max, byRule: new Map(), errors: 0, dropped: 0 };
  tally.max = max;
  tallies.delete(file);
  if (Number.isFinite(max)) keepFirst(file, tally);
  else file.messages.sort(byPlace);
  if (!tally.dropped) return;
  const counts = [...tally.byRule]
    .sort((a, b) => b[1] - a[1])
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  const message = file.message(
    `${tally.dropped.toLocaleString('en')} more findings are not listed (${tally.errors.toLocaleString('en')} of them errors; ` +
      `by rule: ${counts}); only the first ${max.toLocaleString('en')} are kept (limits.maxFindings in manuscript/config.yaml): ` +
      'fix these and check again',
    { place: tally.first, ruleId: 'too-many-findings', source: FINDINGS_SOURCE },
  );
  message.fatal = tally.errors > 0;
  message.url = 'src/check/RULES.md#too-many-findings';
  file.messages.sort(byPlace);
}
