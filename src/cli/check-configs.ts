// Every build checks the config files it uses before any work (before a manuscript is read or an
// output folder made): all their problems at once, as one ConfigError (exit code 2).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { KNOWN_OPTIONS, OPTION_BOUNDS, RULE_FACTS } from '../check/index.js';
import { BOOK, BOOK_FILE } from '../config/book.js';
import { type CheckConfig, CONFIG_NAME, deskConfig, findConfigs, loadCheckConfig } from '../config/desk.js';
import { DEFAULT_LIMITS, raisedLimits, readLimits } from '../config/limits.js';
import { looserSettings } from '../config/policy.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import { FONTS, FONTS_FILE } from '../config/fonts.js';
import { LAYOUT, layoutFile } from '../config/layout.js';
import { type Checked, checkConfig, throwProblems } from '../config/load.js';
import type { ConfigKind } from '../config/schema.js';
import { PROOF, PROOF_CONFIG } from '../config/proof.js';
import { SERIES, type Series } from '../config/series.js';
import { evidentlyOtherKind } from '../config/project.js';
import { InputError } from '../core/input-error.js';
import { shortPath } from '../output/progress.js';

export interface BuildConfigs {
  /** The manuscripts of the build (.md files or folders): the desk configs that apply to each. */
  manuscripts?: string[];
  /** templates/fonts.yaml (every output but the check uses it). */
  fonts?: boolean;
  /** A layout name or YAML file (build:pdf's --layout, else the default layout). */
  layout?: string;
  /** templates/epub/book.yaml */
  book?: boolean;
  /** templates/proof/proof.yaml */
  proof?: boolean;
  /** A series file; when it is valid, the desk configs of its chapters are checked too. */
  series?: string;
  /** --config FILE: the one desk config, instead of those of the manuscripts. */
  deskFile?: string;
}

/** Check the build's config files together; throws a ConfigError naming every problem. */
export function checkBuildConfigs(wanted: BuildConfigs): void {
  const check = (kind: ConfigKind, file: string) => checkConfig(kind, file);
  if (wanted.layout !== undefined && /\.ya?ml$/i.test(wanted.layout)) notOtherKind(LAYOUT as ConfigKind, wanted.layout, '--layout');
  if (wanted.series) notOtherKind(SERIES as ConfigKind, wanted.series, '--series');
  const results: Array<Checked<unknown>> = [];
  if (wanted.fonts) results.push(check(FONTS as ConfigKind, FONTS_FILE));
  if (wanted.layout !== undefined)
    results.push(check(LAYOUT as ConfigKind, /\.ya?ml$/i.test(wanted.layout) ? path.resolve(wanted.layout) : layoutFile(wanted.layout)));
  if (wanted.book) results.push(check(BOOK as ConfigKind, BOOK_FILE));
  if (wanted.proof) results.push(check(PROOF as ConfigKind, PROOF_CONFIG));
  const manuscripts = [...(wanted.manuscripts ?? [])];
  if (wanted.series) {
    const series = check(SERIES as ConfigKind, wanted.series);
    results.push(series);
    if (series.ok) manuscripts.push(...(series.value as Series).volumes.flatMap((v) => v.chapters));
  }
  const desk = deskConfig(KNOWN_OPTIONS, OPTION_BOUNDS) as ConfigKind;
  const deskFiles = wanted.deskFile ? [wanted.deskFile] : manuscripts.flatMap((m) => findConfigs(manuscriptRoot(m)));
  for (const f of new Set(deskFiles)) results.push(check(desk, f));
  throwProblems([...results, ...policyResults(results)]);
}

/**
 * A file given for one kind of config that is evidently another (an edition plan as --series, the
 * series file as --layout): one line saying what it is and what the flag takes, instead of every
 * key of the one refused by the schema of the other.
 */
function notOtherKind(expected: ConfigKind, file: string, flag: string): void {
  const other = evidentlyOtherKind(file, expected);
  if (!other) return;
  const shown = shortPath(path.resolve(file));
  const a = (title: string) => `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title.toLowerCase()}`;
  const instead =
    other.title === 'Edition plan'
      ? `build it with \`npm run build:pdf -- ${shown}\``
      : other.title === 'E-book series'
        ? `build its volumes with \`npm run build:epub -- --series ${shown}\``
        : other.title === 'Page layout'
          ? `use it with \`npm run build:pdf -- --layout ${shown}\``
          : `check it with \`npm run check -- --config-only ${shown}\``;
  throw new InputError(
    `${flag} ${shown} is ${a(other.title)} file (${other.where}), not ${a(expected.title)} file (${expected.where}): ${instead}`,
  );
}

/**
 * A manuscript folder's config.yaml may only make the checks stricter and lower the limits
 * (src/config/policy.ts): every setting that would loosen them, for each folder config among the
 * checked files that passed its schema, as problems beside the others.
 */
export function policyResults(results: Array<Checked<unknown>>): Array<Checked<unknown>> {
  const projectFile = path.join(DEFAULT_MANUSCRIPTS, CONFIG_NAME);
  const isDesk = (r: Checked<unknown>) => path.basename(r.file) === CONFIG_NAME;
  const project = results.find((r) => r.file === projectFile);
  if (project && !project.ok) return [];
  const projectConfig = project?.ok ? (project.value as CheckConfig) : loadCheckConfig(existsSync(projectFile) ? projectFile : undefined);
  const projectLimits = { ...DEFAULT_LIMITS, ...(existsSync(projectFile) ? readLimits(projectFile).limits : {}) };
  return results
    .filter((r) => r.ok && isDesk(r) && r.file !== projectFile)
    .map((r) => {
      const folder = (r as { value: CheckConfig }).value;
      const problems = [
        ...looserSettings(projectConfig, folder, r.file, projectFile, RULE_FACTS),
        ...raisedLimits(projectLimits, readLimits(r.file).limits, r.file, projectFile),
      ];
      return { ok: false as const, file: r.file, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
    })
    .filter((r) => r.problems.length);
}

/** The same while Chromium starts (a build launches it first): on a mistake it is closed again, and nothing is written. */
export async function checkBuildConfigsWhileLaunching(browser: Promise<Browser>, wanted: BuildConfigs): Promise<void> {
  try {
    checkBuildConfigs(wanted);
  } catch (error) {
    const b = await browser.catch(() => undefined);
    await b?.close().catch(() => b.process()?.kill());
    throw error;
  }
}

/** The folder a manuscript's config.yaml sits in: the folder itself, or the folder of its .md file. */
function manuscriptRoot(manuscript: string): string {
  return existsSync(manuscript) && statSync(manuscript).isDirectory() ? manuscript : path.dirname(manuscript);
}
