// How a build ends: every manuscript's findings printed (a screenful, the rest in their reports),
// then the summary of outputs, facts, problems and time, with the check that shows the errors again.
import type { VFile } from 'vfile';
import { checkCommandFor, printSummary } from '../output/progress.js';

export interface BuildEnd {
  outputs: string[];
  facts?: string[];
  /** the findings reports written (findings.txt), named after the findings */
  reports: string[];
  startedAt: number;
}

/** Print the findings and the summary; the counts, for the exit code. */
export async function endBuild(command: string, vfiles: VFile[], end: BuildEnd): Promise<{ errors: number; warnings: number }> {
  // loaded by the build already (it prints findings as it goes): no cost at the start
  const { countFindings, printFindings } = await import('../check/print-findings.js');
  printFindings(vfiles, { reports: end.reports });
  const counts = countFindings(vfiles);
  printSummary({
    command,
    outputs: end.outputs,
    facts: end.facts,
    errors: counts.errors,
    warnings: counts.warnings,
    startedAt: end.startedAt,
    check: checkCommandFor(vfiles.map((f) => f.path)),
  });
  return counts;
}
