// What a manuscript may be, at most: the `limits:` section of manuscript/config.yaml.
//
//   limits:
//     maxInputBytes: 10485760    # largest manuscript file; a larger one is refused before it is parsed
//     maxNesting: 32             # deepest nesting of block quotes, lists, emphasis and brackets
//     maxParagraphChars: 20000   # longest paragraph (or other run of text without a blank line)
//     maxFindings: 5000          # findings kept per manuscript; the rest are counted in one summary finding
//     maxImageBytes: 52428800    # largest image file
//
// Input past a limit is refused with one located finding, in seconds and bounded memory, rather
// than worked on for minutes or gigabytes. A manuscript folder's own config.yaml may only lower a
// limit (see src/config/policy.ts).
// Interim reader: the config schema (issue 11) takes this section over with the same names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { InputError, lineColumn } from '../core/input-error.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';

export interface Limits {
  maxInputBytes: number;
  maxNesting: number;
  maxParagraphChars: number;
  maxFindings: number;
  maxImageBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = {
  maxInputBytes: 10 * MiB,
  maxNesting: 32,
  maxParagraphChars: 20_000,
  maxFindings: 5_000,
  maxImageBytes: 50 * MiB,
};

/**
 * Ceilings no config may pass: past them the parser and the stack, not the limit, decide what
 * happens (nesting in the thousands overflows the stack; a paragraph in the millions of characters
 * takes the browser down).
 */
export const HARD_LIMITS: Limits = {
  maxInputBytes: 256 * MiB,
  maxNesting: 256,
  maxParagraphChars: 1_000_000,
  maxFindings: 1_000_000,
  maxImageBytes: 1024 * MiB,
};

const KEYS = Object.keys(DEFAULT_LIMITS) as Array<keyof Limits>;

/** The limits one config file writes, each with where it is written ("file:line:col"). */
export function readLimits(file: string): { limits: Partial<Limits>; where: Partial<Record<keyof Limits, string>> } {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text, { prettyErrors: false });
  const at = (offset: number | undefined) => {
    const { line, column } = lineColumn(text, offset ?? 0);
    return `${file}:${line}:${column}`;
  };
  if (doc.errors.length)
    throw new InputError(`${at(doc.errors[0].pos[0])}: the config is not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
  const limits: Partial<Limits> = {};
  const where: Partial<Record<keyof Limits, string>> = {};
  const section = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'limits')?.value : undefined;
  if (section === undefined || section === null) return { limits, where };
  if (!isMap(section))
    throw new InputError(`${at((section as { range?: number[] }).range?.[0])}: "limits:" must be a mapping of limit: number`);
  for (const pair of section.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyAt = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (!(KEYS as string[]).includes(key)) throw new InputError(`${keyAt}: unknown limit "${key}"; limits: ${KEYS.join(', ')}`);
    const k = key as keyof Limits;
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > HARD_LIMITS[k]) {
      throw new InputError(`${keyAt}: limit "${key}" must be a whole number from 1 to ${HARD_LIMITS[k]}`);
    }
    limits[k] = value;
    where[k] = keyAt;
  }
  return { limits, where };
}

/**
 * The limits for a manuscript: the defaults, then the project's manuscript/config.yaml, then the
 * manuscript folder's own config.yaml, which may only lower them; or only `configFile` (check --config).
 */
export function limitsFor(manuscriptRoot: string, configFile?: string): Limits {
  if (configFile) return { ...DEFAULT_LIMITS, ...readLimits(configFile).limits };
  const project = path.join(DEFAULT_MANUSCRIPTS, 'config.yaml');
  const own = path.join(manuscriptRoot, 'config.yaml');
  const limits = { ...DEFAULT_LIMITS, ...(existsSync(project) ? readLimits(project).limits : {}) };
  if (own === project || !existsSync(own)) return limits;
  const folder = readLimits(own);
  for (const k of KEYS) {
    const v = folder.limits[k];
    if (v === undefined) continue;
    if (v > limits[k]) {
      throw new InputError(
        `${folder.where[k]}: a manuscript folder's config.yaml may only lower a limit; ${k}: ${v} is above the project's ${limits[k]} ` +
          `(raise it in ${project})`,
      );
    }
    limits[k] = v;
  }
  return limits;
}
