// check — run the copy desk's rules on manuscripts; --fix rewrites what a machine can fix.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { throwProblems } from '../config/load.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import { checkConfigFiles, configFilesIn, isPlanFile, projectConfigFiles } from '../config/project.js';
import { loadPlan, storyFiles } from '../config/plan.js';
import type { VFile } from 'vfile';
import { InputError } from '../core/input-error.js';
import { findManuscripts } from '../manuscript/read.js';
import { checkPath } from '../check/run.js';
import { fixManuscript } from '../check/fix.js';
import { KNOWN_OPTIONS, OPTION_BOUNDS, type CheckOptions } from '../check/index.js';
import { loadCheckConfig } from '../config/desk.js';
import { countFindings, findingsJson, findingsReport, findingsTruncated, formatFindings, summaryLine } from '../check/print-findings.js';
import { writeAtomic } from '../core/atomic.js';
import { DIST } from '../core/paths.js';
import { progress, shortPath } from '../output/progress.js';
import { limitsFor } from '../config/limits.js';
import { parseCommon } from './options.js';
import { checkBuildConfigs, policyResults } from './check-configs.js';

/** --config-only: every config file named (or the project's), checked against its schema, all problems at once. */
function checkConfigsOnly(paths: string[]): number {
  const startedAt = performance.now();
  const files = paths.length
    ? paths.flatMap((p) => (existsSync(p) && statSync(p).isDirectory() ? configFilesIn(p) : [path.resolve(p)]))
    : projectConfigFiles();
  if (!files.length) throw new InputError(`no config files in ${paths.join(', ')}; name YAML files or folders that hold them`);
  const results = checkConfigFiles(files, { options: KNOWN_OPTIONS, bounds: OPTION_BOUNDS });
  const policy = policyResults(results);
  for (const r of results) if (r.ok && !policy.some((p) => p.file === r.file)) process.stdout.write(`✓ ${shortPath(r.file)}\n`);
  throwProblems([...results, ...policy]);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(2);
  process.stdout.write(`config: ${results.length} file${results.length === 1 ? '' : 's'}, no problems (${seconds} s)\n`);
  return 0;
}

export const usage = `npm run check -- [manuscript|plan.yaml …] [--format text|json] [--fix [--backup]] [--config FILE] [--config-only] [--out DIR]
  Check each manuscript (a .md file or a folder; default: manuscript/, whose editions/ are checked
  through their plans) and each manuscript an edition plan places (the plan itself checked first,
  its mistakes refused at its file:line:col, exit 2), and print the findings as
  file:line:column  severity  message  rule-id, then a count: at most a screenful (errors first),
  then the count per rule and the full report's file. Exits 1 when any error remains,
  2 when a manuscript or the config cannot be read, or a manuscript passes a limit (limits: in
  manuscript/config.yaml: size, nesting, paragraph length).
  --format json   print a JSON array of {file, line, column, endLine, endColumn, severity, ruleId, message, fixable}
  --fix           rewrite the manuscript for fixable findings (half-width punctuation, invisible
                  characters, a heading's closing stop, typed indents), print what changed; a file
                  that is not UTF-8 is left alone
  --backup        with --fix, keep the previous text as <file>.bak (otherwise rely on git)
  --out DIR       where the full report goes when the findings fill more than a screen
                  (DIR/check/findings.txt; default dist/)
  --config FILE   use this file's check: section instead of manuscript/config.yaml and the
                  manuscript folder's own config.yaml
  --config-only   check the config files only, all at once: with no paths, the project's
                  (templates/fonts.yaml, templates/epub/book.yaml, templates/proof/proof.yaml, every layout,
                  manuscript/config.yaml,
                  manuscript/series.yaml, each manuscript folder's config.yaml); else the YAML files and
                  folders named. Every problem is printed as file:line:col; exit 2 when there is one.
                  Keys, types and defaults: docs/config.md.
  Rules, severities and options: src/check/RULES.md. Accept a finding in the manuscript with
  <!-- lint ignore rule-id --> (next block) or <!-- lint disable rule-id --> … <!-- lint enable rule-id -->.`;

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv, {
    format: { type: 'string' },
    fix: { type: 'boolean' },
    backup: { type: 'boolean' },
    config: { type: 'string' },
    'config-only': { type: 'boolean' },
  });
  const named = opts.paths.length === 1 && opts.paths[0] === DEFAULT_MANUSCRIPTS ? [] : opts.paths;
  if (opts.values['config-only']) return checkConfigsOnly(named);
  const format = (opts.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError(`--format must be text or json, not "${format}"`);
  const options: CheckOptions = {};
  // An edition plan is checked with the manuscripts it places (the plan's own mistakes, all at once,
  // refuse it as a build would): the night desk checks tonight's edition before building it.
  const manuscriptsOf = async (p: string): Promise<string[]> => {
    if (!(existsSync(p) && statSync(p).isFile() && isPlanFile(p))) return findManuscripts(p);
    const plan = loadPlan(p);
    const placed = storyFiles(plan).flatMap((s) => s.files);
    if (format === 'text') progress(`edition plan ${shortPath(p)}: checking the ${placed.length} manuscript(s) it places`);
    return placed;
  };
  const files = [...new Set((await Promise.all(opts.paths.map(manuscriptsOf))).flat())];
  const deskFile = opts.values.config ? path.resolve(String(opts.values.config)) : undefined;
  checkBuildConfigs({ manuscripts: files, deskFile });
  if (deskFile) {
    options.config = loadCheckConfig(deskFile, KNOWN_OPTIONS, OPTION_BOUNDS);
    options.limits = limitsFor(path.dirname(deskFile), deskFile);
  }

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
    // Past a screenful, the full report goes to a file (dist/check/findings.txt, or under --out).
    const reports: string[] = [];
    if (findingsTruncated(vfiles)) {
      const base = path.resolve(opts.out ?? DIST);
      const report = path.join(base, 'check', 'findings.txt');
      await writeAtomic(report, findingsReport(vfiles), base);
      reports.push(shortPath(report));
    }
    const text = formatFindings(vfiles, { reports, to: process.stdout });
    if (text) process.stdout.write(text + '\n');
    const fixable = findingsJson(vfiles).filter((f) => f.fixable).length;
    const hint = fixable && !opts.values.fix ? `; ${fixable} fixable with \`npm run check -- --fix\`` : '';
    process.stdout.write(`check: ${summaryLine(counts, vfiles.length)} (${seconds} s)${hint}\n`);
  }
  // A manuscript refused for a limit was not checked at all: bad input, as an unreadable one is.
  if (vfiles.some((f) => f.data.manuscript?.refused)) return 2;
  return counts.errors ? 1 : 0;
}
