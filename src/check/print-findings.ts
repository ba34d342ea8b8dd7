// Printing findings: `file:line:col  severity  message  rule-id` (vfile-reporter), JSON for
// machines, and the one-line count every run ends with. The console gets at most a screenful
// (SCREENFUL findings, errors first), then the count per rule and where the full report is: a
// 14 MB manuscript with 47,550 findings must not scroll the build's summary away.
import { reporter } from 'vfile-reporter';
import { VFile as VFileClass, type VFile } from 'vfile';
import { isFixable } from './index.js';
import { severityOf } from './rule.js';
import { visibleControls } from '../core/controls.js';

export { visibleControls };

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(files: VFile[]): Counts {
  const c = { errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    for (const m of f.messages) {
      if (m.fatal === true) c.errors++;
      else if (m.fatal === false) c.warnings++;
      else c.infos++;
    }
  }
  return c;
}

/** Copies of the files and their findings to print: names and messages with visibleControls. */
function printable(files: VFile[]): VFile[] {
  return files.map((f) => {
    const copy = new VFileClass({ path: visibleControls(f.path), cwd: f.cwd });
    copy.messages = f.messages.map((m) => {
      const safe = visibleControls(m.message);
      if (safe === m.message && !m.stack) return m;
      return Object.assign(Object.create(Object.getPrototypeOf(m)), m, { message: safe, reason: safe, stack: undefined });
    });
    return copy;
  });
}

/** At most this many findings are printed to the console; the rest are counted and reported in a file. */
export const SCREENFUL = 40;

/** Every finding, in the usual unified form without colours: the full report written to a file. */
export function findingsReport(files: VFile[]): string {
  const withMessages = files.filter((f) => f.messages.length);
  return withMessages.length ? `${reporter(printable(withMessages), { quiet: true, color: false })}\n` : 'no findings\n';
}

export interface FormatOptions {
  /** Most findings shown (default SCREENFUL). */
  limit?: number;
  /** Where the full report is (files written), named when findings are left out. */
  reports?: string[];
  /** Where the full report is when no file holds it, in words (default: `npm run check`'s report). */
  elsewhere?: string;
  /** The stream the text goes to (default stderr): colours only when it is a terminal. */
  to?: NodeJS.WriteStream;
}

/**
 * Colours or not, for the stream the findings are written to (vfile-reporter's own default looks at
 * stderr, so `npm run check > report.txt` in a terminal put escape codes in the file): FORCE_COLOR
 * forces them, NO_COLOR (no-color.org) turns them off, else only a terminal gets them.
 */
export function useColour(to: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.NO_COLOR) return false;
  return Boolean(to.isTTY) && env.TERM !== 'dumb';
}

const RANK = (fatal: boolean | null | undefined) => (fatal === true ? 0 : fatal === false ? 1 : 2);

/**
 * Findings in the usual unified form (files without findings are left out); '' when none. Past
 * the limit, the errors are shown first (then warnings, then infos), each file's in line order,
 * followed by how many were left out, the count per rule, and where the full report is.
 */
export function formatFindings(files: VFile[], options: FormatOptions = {}): string {
  const limit = options.limit ?? SCREENFUL;
  const all = files.flatMap((f) => f.messages.map((m, i) => ({ f, m, i })));
  if (all.length === 0) return '';
  const color = useColour(options.to);
  const toWidth = (text: string) => fitTerminal(text, options.to ?? process.stderr);
  if (all.length <= limit) return toWidth(reporter(printable(files.filter((f) => f.messages.length)), { quiet: true, color }));
  const shown = new Set(
    [...all]
      .sort((a, b) => RANK(a.m.fatal) - RANK(b.m.fatal))
      .slice(0, limit)
      .map((x) => x.m),
  );
  const partial = files
    .map((f) => {
      const copy = new VFileClass({ path: f.path, cwd: f.cwd });
      copy.messages = f.messages.filter((m) => shown.has(m));
      return copy;
    })
    .filter((f) => f.messages.length);
  // vfile-reporter's last line counts what it was given; the whole count follows instead.
  const text = toWidth(reporter(printable(partial), { quiet: true, color }).replace(/\n+[^\n]*$/, ''));
  const byRule = new Map<string, number>();
  for (const { m } of all) byRule.set(m.ruleId ?? 'other', (byRule.get(m.ruleId ?? 'other') ?? 0) + 1);
  const rules = [...byRule.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const counts = countFindings(files);
  const reports = options.reports ?? [];
  const where = reports.length
    ? `full report${reports.length === 1 ? '' : 's'}: ${reports.length > 3 ? `${reports.slice(0, 3).join(', ')} and ${reports.length - 3} more` : reports.join(', ')}`
    : `full report: ${options.elsewhere ?? '`npm run check` (writes dist/check/findings.txt), or `npm run check -- --format json`'}`;
  return [
    text,
    '',
    `${all.length - limit} more finding${all.length - limit === 1 ? '' : 's'} not shown; ${all.length} in all ` +
      `(✖ ${counts.errors} error${counts.errors === 1 ? '' : 's'}, ⚠ ${counts.warnings} warning${counts.warnings === 1 ? '' : 's'}, ${counts.infos} info)`,
    `by rule: ${rules.map(([id, n]) => `${id} ${n}`).join(', ')}`,
    where,
  ].join('\n');
}

/** Columns a line takes on a terminal: East Asian wide characters take two, escape codes none. */
function columnsOf(line: string): number {
  let n = 0;
  for (const ch of line.replace(/\u001b\[[0-9;]*m/g, ''))
    n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch)
      ? 2
      : 1;
  return n;
}

/**
 * The report's rows are padded into columns as wide as its longest message: on a terminal narrower
 * than a row, each row wrapped into lines of spaces with the rule id alone below. There the padding
 * goes (two spaces between the parts), so each row wraps only as far as its own words.
 */
export function fitTerminal(text: string, to: { isTTY?: boolean; columns?: number }): string {
  if (!to.isTTY || !to.columns) return text;
  const lines = text.split('\n');
  if (lines.every((l) => columnsOf(l) <= to.columns!)) return text;
  return lines.map((l) => (l.startsWith(' ') && l.trim() ? `  ${l.trimStart()}` : l).replace(/(\S) {2,}/g, '$1  ')).join('\n');
}

/** Print findings to stderr (at most a screenful); nothing when there are none. */
export function printFindings(files: VFile[], options: FormatOptions = {}): void {
  const text = formatFindings(files, options);
  if (text) process.stderr.write(text + '\n');
}

/** True when formatFindings would leave findings out. */
export function findingsTruncated(files: VFile[], limit = SCREENFUL): boolean {
  return files.reduce((n, f) => n + f.messages.length, 0) > limit;
}

export interface JsonFinding {
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | null;
  message: string;
  fixable: boolean;
  note?: string;
}

export function findingsJson(files: VFile[]): JsonFinding[] {
  return files.flatMap((f) =>
    f.messages.map((m) => ({
      file: f.path,
      line: m.line ?? null,
      column: m.column ?? null,
      endLine: m.place && 'end' in m.place ? m.place.end.line : null,
      endColumn: m.place && 'end' in m.place ? m.place.end.column : null,
      severity: severityOf(m),
      ruleId: m.ruleId ?? null,
      message: m.reason,
      fixable: isFixable(m),
      ...(m.note ? { note: m.note } : {}),
    })),
  );
}

export function summaryLine(counts: Counts, files: number): string {
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${n(counts.errors, 'error')}, ${n(counts.warnings, 'warning')}, ${n(counts.infos, 'info')} in ${n(files, 'file')}`;
}
