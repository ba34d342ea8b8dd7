// Printing findings: `file:line:col  severity  message  rule-id` (vfile-reporter), JSON for
// machines, and the one-line count every run ends with.
import { reporter } from 'vfile-reporter';
import type { VFile } from 'vfile';
import { isFixable } from './index.js';
import { severityOf } from './rule.js';

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

/** Findings in the usual unified form (files without findings are left out); '' when none. */
export function formatFindings(files: VFile[]): string {
  const withMessages = files.filter((f) => f.messages.length);
  return withMessages.length ? reporter(withMessages, { quiet: true }) : '';
}

/** Print findings to stderr in the usual unified form; nothing when there are none. */
export function printFindings(files: VFile[]): void {
  const text = formatFindings(files);
  if (text) process.stderr.write(text + '\n');
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
