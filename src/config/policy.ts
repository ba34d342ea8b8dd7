// Who may loosen the checks. The project's manuscript/config.yaml is the desk's: it sets every
// rule's severity and options and every limit. A config.yaml in a manuscript's own folder comes
// with the manuscript (from a contributor, a shared drive) and so may only make the checks
// stricter: raise a severity, turn on a rule the project turned off, move a numeric option the
// stricter way, lower a limit (src/config/limits.ts). Anything else in it (off, a lower severity,
// a looser option, a pattern) is refused with its line: it belongs in the project's config, or in
// a file the desk passes with `check --config`. Without this, a manuscript could arrive with a
// config.yaml that switches off the very checks that would refuse it.
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, parseDocument, type Node } from 'yaml';
import type { Severity } from '../core/findings.js';
import { lineColumn } from '../core/input-error.js';
import { ConfigError, type Problem } from './load.js';
import type { CheckConfig, OptionBound } from './desk.js';

const RANK: Record<Severity | 'off', number> = { off: 0, info: 1, warning: 2, error: 3 };

export interface RuleFacts {
  /** Each rule's default severity. */
  severities: Map<string, Severity>;
  /** Each rule's option defaults. */
  options: Map<string, Record<string, unknown>>;
  /** Each rule's numeric option ranges and which way is stricter. */
  bounds: Map<string, Record<string, OptionBound>>;
}

/** Throws a ConfigError naming every setting in `folder` that would loosen what `project` sets. */
export function enforceStricter(
  project: CheckConfig,
  folder: CheckConfig,
  folderFile: string,
  projectFile: string,
  facts: RuleFacts,
): void {
  const problems = looserSettings(project, folder, folderFile, projectFile, facts);
  // In the file's order, as the user reads it.
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (problems.length) throw new ConfigError(problems);
}

/** Every setting in `folder` that would loosen what `project` sets, each at its line. */
export function looserSettings(
  project: CheckConfig,
  folder: CheckConfig,
  folderFile: string,
  projectFile: string,
  facts: RuleFacts,
): Problem[] {
  const problems: Problem[] = [];
  const refuse = (path: string[], what: string) => {
    problems.push({
      file: folderFile,
      ...locatePoint(folderFile, path),
      message:
        `a manuscript folder's config.yaml may only make the checks stricter; ${what} ` +
        `(set it in ${projectFile}, or pass the file with --config)`,
    });
  };
  for (const [id, setting] of Object.entries(folder.rules)) {
    const mine = project.rules[id];
    const before: Severity | 'off' = mine?.off ? 'off' : (mine?.severity ?? facts.severities.get(id) ?? 'error');
    if (setting.off && before !== 'off') refuse(['check', 'rules', id], `"${id}: off" would turn off a check the project runs`);
    if (setting.severity && RANK[setting.severity] < RANK[before])
      refuse(['check', 'rules', id], `"${id}: ${setting.severity}" is below the project's ${before}`);
    for (const [name, value] of Object.entries(setting.options ?? {})) {
      const was = mine?.options?.[name] ?? facts.options.get(id)?.[name];
      if (JSON.stringify(value) === JSON.stringify(was)) continue;
      const way = facts.bounds.get(id)?.[name]?.stricter;
      const stricter =
        typeof value === 'number' && typeof was === 'number' && ((way === 'lower' && value < was) || (way === 'higher' && value > was));
      if (!stricter)
        refuse(
          ['check', 'rules', id, name],
          way
            ? `"${id}.${name}: ${JSON.stringify(value)}" is looser than the project's ${JSON.stringify(was)} (only ${way} is stricter)`
            : `option "${id}.${name}" cannot be judged stricter or looser`,
        );
    }
  }
  return problems;
}

/** "file:line:col" of the key at `path` in a YAML file (as far down the path as it goes). */
export function locate(file: string, path: string[]): string {
  const { line, column } = locatePoint(file, path);
  return `${file}:${line}:${column}`;
}

/** Line and column of the key at `path` in a YAML file (as far down the path as it goes). */
export function locatePoint(file: string, path: string[]): { line: number; column: number } {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  let node: unknown = doc.contents;
  let at = 0;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    at = (pair.key as Node).range?.[0] ?? at;
    node = pair.value;
  }
  return lineColumn(text, at);
}
