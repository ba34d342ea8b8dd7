// The copy desk's project configuration: the `check:` section of manuscript/config.yaml.
//
//   check:
//     rules:
//       heading-length: { maxLines: 3 }       # options (severity unchanged)
//       caption-style: info                   # severity: error | warning | info
//       photo-credit: off                     # turned off
//       image-resolution: { severity: error, minPpi: 250 }
//
// The project's manuscript/config.yaml applies to every manuscript; a config.yaml in a
// manuscript's own folder overrides it rule by rule, but may only make the checks stricter
// (src/config/policy.ts); --config replaces both. Mistakes in it stop the run with one line
// naming the file, line and column: a silently ignored setting is worse than none. Patterns are
// RE2 (src/core/pattern.ts), numeric options have ranges (each rule's optionBounds).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, isMap, isScalar, type Document } from 'yaml';
import { InputError, lineColumn } from '../core/input-error.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import type { Severity } from '../core/findings.js';
import { patternProblem } from '../core/pattern.js';

export interface RuleSetting {
  off?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

/** The range a numeric rule option may take, and which way makes the check stricter (for a manuscript folder's config). */
export interface OptionBound {
  min: number;
  max: number;
  stricter?: 'lower' | 'higher';
}

export interface CheckConfig {
  /** The file it came from, if any. */
  file?: string;
  rules: Record<string, RuleSetting>;
}

export const CONFIG_NAME = 'config.yaml';
const SEVERITIES = ['error', 'warning', 'info'];

/**
 * The config files that apply to a manuscript, weakest first: the project's manuscript/config.yaml,
 * then a config.yaml in the manuscript's own folder. Nothing else is read: a manuscript copied
 * elsewhere does not pick up stray files from the folders above it.
 */
export function findConfigs(manuscriptRoot: string): string[] {
  const files = [path.join(DEFAULT_MANUSCRIPTS, CONFIG_NAME), path.join(manuscriptRoot, CONFIG_NAME)];
  return [...new Set(files)].filter((f) => existsSync(f));
}

/** Later configs win, rule by rule (options are merged, an explicit severity or off replaces). */
export function mergeConfigs(configs: CheckConfig[]): CheckConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const c of configs) {
    for (const [id, setting] of Object.entries(c.rules)) {
      const before = rules[id] ?? {};
      rules[id] = {
        off: setting.off ?? (setting.severity ? undefined : before.off),
        severity: setting.severity ?? (setting.off ? undefined : before.severity),
        options: { ...before.options, ...setting.options },
      };
    }
  }
  return {
    file:
      configs
        .map((c) => c.file)
        .filter(Boolean)
        .join(', ') || undefined,
    rules,
  };
}

/**
 * Read and validate a config file. `known` maps each rule id to its option defaults, so unknown
 * rules, unknown options and options of the wrong type are refused with their line.
 */
export function loadCheckConfig(
  file: string | undefined,
  known: Map<string, Record<string, unknown>>,
  bounds: Map<string, Record<string, OptionBound>> = new Map(),
): CheckConfig {
  if (!file) return { rules: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read the config (${(error as Error).message})`);
  }
  const doc = parseDocument(text, { prettyErrors: false });
  const where = (range?: [number, number, number?] | null) => {
    if (!range) return file;
    const { line, column } = lineColumn(text, range[0]);
    return `${file}:${line}:${column}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const at = where([e.pos[0], e.pos[1]]);
    throw new InputError(`${at}: the config is not valid YAML (${e.message.split('\n')[0]})`);
  }
  const rules: Record<string, RuleSetting> = {};
  const check = getIn(doc, 'check');
  if (check === undefined || check === null) return { file, rules };
  if (!isMap(check)) throw new InputError(`${where(nodeRange(check))}: "check:" must be a mapping with a "rules:" mapping inside`);
  for (const pair of check.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'rules') throw new InputError(`${where(nodeRange(pair.key))}: unknown key "check.${key}"; expected "rules:"`);
    if (pair.value === null) continue;
    if (!isMap(pair.value))
      throw new InputError(`${where(nodeRange(pair.value))}: "check.rules:" must map rule ids to a severity, off, or options`);
    for (const rulePair of pair.value.items) {
      const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
      const at = where(nodeRange(rulePair.key));
      const defaults = known.get(id);
      if (!defaults) throw new InputError(`${at}: unknown rule "${id}" (see src/check/RULES.md for the rule ids)`);
      const value = rulePair.value;
      if (isScalar(value) || value === null) {
        rules[id] = parseLevel(value === null ? null : value.value, at, id);
        continue;
      }
      if (!isMap(value)) throw new InputError(`${at}: "${id}" must be off, a severity, or a mapping of options`);
      const setting: RuleSetting = { options: {} };
      for (const opt of value.items) {
        const name = isScalar(opt.key) ? String(opt.key.value) : '';
        const optAt = where(nodeRange(opt.key));
        const v = isScalar(opt.value) ? opt.value.value : (opt.value as { toJSON?: () => unknown })?.toJSON?.();
        if (name === 'severity') Object.assign(setting, parseLevel(v, optAt, id));
        else if (!(name in defaults)) {
          const names = Object.keys(defaults);
          throw new InputError(`${optAt}: rule "${id}" has no option "${name}"${names.length ? `; options: ${names.join(', ')}` : ''}`);
        } else if (typeof v !== typeof defaults[name] || Array.isArray(v) !== Array.isArray(defaults[name])) {
          throw new InputError(
            `${optAt}: option "${id}.${name}" must be a ${Array.isArray(defaults[name]) ? 'list' : typeof defaults[name]}`,
          );
        } else {
          const problem = optionProblem(`${id}.${name}`, v, bounds.get(id)?.[name]);
          if (problem) throw new InputError(`${optAt}: ${problem}`);
          setting.options![name] = v;
        }
      }
      rules[id] = setting;
    }
  }
  return { file, rules };
}

/**
 * What is wrong with an option's value beyond its type: a pattern RE2 cannot run (a pattern that
 * backtracks would hang the checks: `^(a+)+$`), or a number out of its range (a zero minimum makes
 * duplicate-passage compare every clause with every other).
 */
export function optionProblem(name: string, value: unknown, bound: OptionBound | undefined): string | undefined {
  if (typeof value === 'string' && /pattern$/i.test(name)) {
    const problem = patternProblem(value);
    if (problem)
      return `option "${name}" is not a pattern the checks can run (${problem}); patterns are RE2: no lookaround, no backreferences`;
  }
  if (typeof value === 'number' && bound && !(value >= bound.min && value <= bound.max))
    return `option "${name}" must be from ${bound.min} to ${bound.max}, not ${value}`;
  return undefined;
}

function parseLevel(value: unknown, at: string, id: string): RuleSetting {
  if (value === false || value === 'off') return { off: true };
  if (typeof value === 'string' && SEVERITIES.includes(value)) return { severity: value as Severity };
  throw new InputError(`${at}: "${id}: ${String(value)}" is not a setting; use off, error, warning or info`);
}

function getIn(doc: Document, key: string): unknown {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair ? pair.value : undefined;
}

function nodeRange(node: unknown): [number, number, number?] | null {
  return (node as { range?: [number, number, number] } | null)?.range ?? null;
}
