// The desk's project configuration: manuscript/config.yaml.
//
//   check:
//     rules:
//       heading-length: { maxLines: 3 }       # options (severity unchanged)
//       caption-style: info                   # severity: error | warning | info
//       photo-credit: off                     # turned off
//       image-resolution: { severity: error, minPpi: 250 }
//   limits:
//     maxInputBytes: 10485760                 # what a manuscript may be, at most
//
// The project's manuscript/config.yaml applies to every manuscript; a config.yaml in a
// manuscript's own folder (the same schema) overrides it rule by rule and limit by limit, but may
// only make the checks stricter (src/config/policy.ts); --config replaces both. Mistakes in it stop
// the run naming the file, line and column: a silently ignored setting is worse than none. Patterns
// are RE2 (src/core/pattern.ts), numeric options have ranges (each rule's optionBounds); the limits
// are src/config/limits.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../core/findings.js';
import { patternProblem } from '../core/pattern.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import { loadConfigOfText } from './load.js';
import { limitsSchema } from './limits.js';
import { type ConfigKind, z } from './schema.js';

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

/** Rule id → option defaults (the checks' KNOWN_OPTIONS), and rule id → numeric option ranges (OPTION_BOUNDS). */
export type KnownOptions = Map<string, Record<string, unknown>>;
export type OptionBounds = Map<string, Record<string, OptionBound>>;

export const CONFIG_NAME = 'config.yaml';

const LEVELS = ['off', 'error', 'warning', 'info'] as const;
const level = () => z.union([z.literal(false), z.enum(LEVELS)]).meta({ kind: 'off, error, warning or info' });

/** A rule id as written: lower-case words joined by hyphens (never `__proto__` or the like). */
const ruleId = () =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .meta({ kind: 'a rule id (src/check/RULES.md)' });

/**
 * An option's type, from its default: a number stays a number (within the rule's range for it), a
 * list a list of the same. Options named pattern run in RE2 (linear time whatever the pattern): one
 * RE2 cannot run (lookaround, backreferences) is refused here, with its line.
 */
function optionSchema(name: string, defaultValue: unknown, bound?: OptionBound): z.ZodType {
  if (typeof defaultValue === 'number') return bound ? z.number().min(bound.min).max(bound.max) : z.number();
  if (typeof defaultValue === 'boolean') return z.boolean();
  if (typeof defaultValue === 'string') {
    if (!/pattern$/i.test(name)) return z.string();
    return z.string().superRefine((source, ctx) => {
      const problem = patternProblem(source);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `is not a pattern the checks can run (${problem}); patterns are RE2: no lookaround, no backreferences`,
        });
    });
  }
  if (Array.isArray(defaultValue)) return z.array(defaultValue.length ? optionSchema(name, defaultValue[0]) : z.unknown());
  return z.unknown();
}

/**
 * The rules section: with the rule ids and their option defaults (the checks' KNOWN_OPTIONS) every
 * rule and option is known, so a misspelt one is refused with a suggestion; without, any rule id goes.
 */
function rulesSchema(known?: KnownOptions, bounds?: OptionBounds): z.ZodType {
  const description =
    'Rule id → off, a severity (error, warning, info), or a mapping of options (and optionally severity); ' +
    'the rules and their options are in src/check/RULES.md';
  const options = (id: string, defaults: Record<string, unknown>) =>
    z.strictObject({
      severity: level().optional(),
      ...Object.fromEntries(Object.entries(defaults).map(([name, d]) => [name, optionSchema(name, d, bounds?.get(id)?.[name]).optional()])),
    });
  const anyOptions = z.record(z.string(), z.unknown()).meta({ keyName: 'option', description: 'An option of the rule (and severity)' });
  if (!known)
    return z
      .record(ruleId(), z.union([level(), anyOptions]).meta({ description: 'The rule’s setting' }))
      .meta({ keyName: 'rule-id', description });
  const shape = Object.fromEntries([...known].map(([id, defaults]) => [id, z.union([level(), options(id, defaults)]).optional()]));
  return z.strictObject(shape).meta({ description, keysHint: 'the rule ids in src/check/RULES.md' });
}

function deskSchema(known?: KnownOptions, bounds?: OptionBounds) {
  return z.strictObject({
    check: z
      .strictObject({ rules: rulesSchema(known, bounds).optional() })
      .nullable()
      .optional()
      .meta({ description: 'The copy desk: `npm run check`, and the checks every build runs first' }),
    limits: limitsSchema.optional(),
  });
}

export interface CheckConfig {
  /** The file(s) it came from, if any. */
  file?: string;
  rules: Record<string, RuleSetting>;
}

type DeskKind = ConfigKind<ReturnType<typeof deskSchema>, CheckConfig>;
const deskKinds = new WeakMap<KnownOptions, Map<OptionBounds | undefined, DeskKind>>();

/**
 * The desk config kind; with `known` (rule id → option defaults) rules and options are checked too,
 * with `bounds` the ranges of numeric options. Made once per pair (the checks ask for every manuscript).
 */
export function deskConfig(known?: KnownOptions, bounds?: OptionBounds): DeskKind {
  if (!known) return makeDeskKind();
  let byBounds = deskKinds.get(known);
  if (!byBounds) deskKinds.set(known, (byBounds = new Map()));
  let kind = byBounds.get(bounds);
  if (!kind) byBounds.set(bounds, (kind = makeDeskKind(known, bounds)));
  return kind;
}

function makeDeskKind(known?: KnownOptions, bounds?: OptionBounds): DeskKind {
  return {
    title: 'Desk settings',
    where: 'manuscript/config.yaml, manuscript/<name>/config.yaml',
    about:
      "The copy desk's rules and the limits of what a manuscript may be. The project's manuscript/config.yaml applies to " +
      "every manuscript; a config.yaml in a manuscript's own folder (the same keys) overrides it rule by rule and limit by " +
      'limit; `npm run check -- --config FILE` replaces both.',
    schema: deskSchema(known, bounds),
    finish: (value, { file }) => ({ file, rules: ruleSettings(value.check?.rules) }),
  };
}

function ruleSettings(rules: unknown): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries((rules ?? {}) as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (value === null || typeof value !== 'object') {
      out[id] = parseLevel(value);
      continue;
    }
    const { severity, ...options } = value as Record<string, unknown>;
    out[id] = { ...(severity === undefined ? {} : parseLevel(severity)), options };
  }
  return out;
}

function parseLevel(value: unknown): RuleSetting {
  return value === false || value === 'off' || value === null ? { off: true } : { severity: value as Severity };
}

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
export function loadCheckConfig(file: string | undefined, known?: KnownOptions, bounds?: OptionBounds): CheckConfig {
  if (!file) return { rules: {} };
  return loadConfigOfText(deskConfig(known, bounds), file);
}

/** The desk config kind without rule knowledge, for the reference and for readers before the checks. */
export const DESK = deskConfig();
