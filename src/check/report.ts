// Printing findings: `file:line:col  severity  message  rule-id` (vfile-reporter), or JSON.
import { reporter } from 'vfile-reporter';
import type { VFile } from 'vfile';

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

/** Print findings to stderr in the usual unified form; nothing when there are none. */
export function printFindings(files: VFile[]): void {
  const withMessages = files.filter((f) => f.messages.length);
  if (!withMessages.length) return;
  process.stderr.write(reporter(withMessages, { quiet: true }) + '\n');
}
