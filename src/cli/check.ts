// check — run the copy desk's rules on manuscripts; --fix rewrites what a machine can fix.
import path from 'node:path';
import type { VFile } from 'vfile';
import { InputError } from '../core/input-error.js';
import { findManuscripts } from '../manuscript/read.js';
import { checkPath } from '../check/run.js';
import { fixManuscript } from '../check/fix.js';
import { KNOWN_OPTIONS, OPTION_BOUNDS, type CheckOptions } from '../check/index.js';
import { loadCheckConfig } from '../config/desk.js';
import { countFindings, findingsJson, formatFindings, summaryLine } from '../check/print-findings.js';
import { progress, shortPath } from '../output/progress.js';
import { limitsFor } from '../config/limits.js';
import { parseCommon } from './options.js';

export const usage = `npm run check -- [manuscript …] [--format text|json] [--fix [--backup]] [--config FILE]
  Check each manuscript (a .md file or a folder; default: manuscript/) and print every finding as
  file:line:column  severity  message  rule-id, then a count. Exits 1 when any error remains,
  2 when a manuscript or the config cannot be read, or a manuscript passes a limit (limits: in
  manuscript/config.yaml: size, nesting, paragraph length).
  --format json   print a JSON array of {file, line, column, endLine, endColumn, severity, ruleId, message, fixable}
  --fix           rewrite the manuscript for fixable findings (half-width punctuation, invisible
                  characters, a heading's closing stop), print what changed
  --backup        with --fix, keep the previous text as <file>.bak (otherwise rely on git)
  --config FILE   use this file's check: section instead of manuscript/config.yaml and the
                  manuscript folder's own config.yaml
  Rules, severities and options: src/check/RULES.md. Accept a finding in the manuscript with
  <!-- lint ignore rule-id --> (next block) or <!-- lint disable rule-id --> … <!-- lint enable rule-id -->.`;

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv, {
    format: { type: 'string' },
    fix: { type: 'boolean' },
    backup: { type: 'boolean' },
    config: { type: 'string' },
  });
  const format = (opts.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError(`--format must be text or json, not "${format}"`);
  const options: CheckOptions = {};
  if (opts.values.config) {
    const configFile = path.resolve(String(opts.values.config));
    options.config = loadCheckConfig(configFile, KNOWN_OPTIONS, OPTION_BOUNDS);
    options.limits = limitsFor(path.dirname(configFile), configFile);
  }
  const files = [...new Set((await Promise.all(opts.paths.map(findManuscripts))).flat())];

  if (opts.values.fix) {
    for (const file of files) {
      const result = await fixManuscript(file, { ...options, backup: Boolean(opts.values.backup) });
      const name = shortPath(file);
      if (result.skipped) process.stderr.write(`✗ ${name}: not fixed: ${result.skipped}\n`);
      else if (!result.changed) process.stderr.write(`✓ ${name}: nothing to fix\n`);
      else {
        process.stderr.write(
          `✎ ${name}: fixed ${result.changed} character${result.changed === 1 ? '' : 's'} on ${result.lines.length} line${result.lines.length === 1 ? '' : 's'}\n`,
        );
        for (const l of result.lines) {
          process.stderr.write(
            `    line ${l.line}: ${Object.entries(l.changes)
              .map(([k, n]) => `${n} × ${k}`)
              .join(', ')}\n`,
          );
        }
        if (result.backup) process.stderr.write(`    previous text kept in ${shortPath(result.backup)}\n`);
      }
    }
  }

  const vfiles: VFile[] = [];
  for (const file of files) {
    if (format === 'text') progress(`checking ${shortPath(file)}`);
    vfiles.push((await checkPath(file, options)).file);
  }
  const counts = countFindings(vfiles);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(2);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(findingsJson(vfiles), null, 2) + '\n');
    process.stderr.write(`check: ${summaryLine(counts, vfiles.length)} (${seconds} s)\n`);
  } else {
    const text = formatFindings(vfiles);
    if (text) process.stdout.write(text + '\n');
    const fixable = findingsJson(vfiles).filter((f) => f.fixable).length;
    const hint = fixable && !opts.values.fix ? `; ${fixable} fixable with \`npm run check -- --fix\`` : '';
    process.stdout.write(`check: ${summaryLine(counts, vfiles.length)} (${seconds} s)${hint}\n`);
  }
  // A manuscript refused for a limit was not checked at all: bad input, as an unreadable one is.
  if (vfiles.some((f) => f.data.manuscript?.refused)) return 2;
  return counts.errors ? 1 : 0;
}
