// What a manuscript may be, at most: the `limits:` section of manuscript/config.yaml (and of a
// manuscript folder's own config.yaml). Each limit, its default and its ceiling are stated here once;
// docs/config.md lists them.
//
//   limits:
//     maxInputBytes: 10485760    # largest manuscript file; a larger one is refused before it is parsed
//     maxNesting: 32             # deepest nesting of block quotes, lists, emphasis and brackets
//     maxParagraphChars: 20000   # longest paragraph (or other run of text without a blank line)
//     maxBlocks: 20000           # paragraphs, headings, list items, table rows, footnotes… in one manuscript
//     maxMarkup: 300000          # lines and inline markup characters (* _ ~ ` [ ] < & \ |) in one manuscript
//     maxFindings: 5000          # findings kept per manuscript; the rest are counted in one summary finding
//     maxImageBytes: 52428800    # largest image file
//
// Input past a limit is refused with one located finding, in seconds and bounded memory, rather
// than worked on for minutes or gigabytes. A manuscript folder's own config.yaml may only lower a
// limit (see src/config/policy.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import { ConfigError, loadConfigOfText, type Problem } from './load.js';
import { locate, locatePoint } from './policy.js';
import { type ConfigKind, whole, z } from './schema.js';

const MiB = 1024 * 1024;

/**
 * Ceilings no config may pass: past them the parser and the stack, not the limit, decide what
 * happens (nesting in the thousands overflows the stack; a paragraph in the millions of characters
 * takes the browser down).
 */
export const HARD_LIMITS = {
  maxInputBytes: 256 * MiB,
  maxNesting: 256,
  maxParagraphChars: 1_000_000,
  maxBlocks: 1_000_000,
  maxMarkup: 10_000_000,
  maxFindings: 1_000_000,
  maxImageBytes: 1024 * MiB,
};

const limit = (key: keyof typeof HARD_LIMITS, fallback: number, description: string) =>
  whole(1).max(HARD_LIMITS[key]).default(fallback).meta({ description });

export const limitsSchema = z
  .strictObject({
    maxInputBytes: limit(
      'maxInputBytes',
      10 * MiB,
      'Largest manuscript file (a .md) in bytes; a larger one is refused before it is parsed',
    ),
    maxNesting: limit('maxNesting', 32, 'Deepest nesting of block quotes, lists, emphasis and brackets'),
    maxParagraphChars: limit('maxParagraphChars', 20_000, 'Longest paragraph (or other run of text without a blank line) in characters'),
    // The parser holds some 15 KB per block while it works: 20,000 blocks is some 300 MB at the
    // peak, and more than a 10 MiB book of ordinary paragraphs has.
    maxBlocks: limit('maxBlocks', 20_000, 'Most blocks (paragraphs, headings, list items, table rows, footnotes) in one manuscript'),
    // The parser holds a token or more per line (some 3.5 KB) and per markup character (some 1 KB):
    // 300,000 is about a gigabyte at the peak, and five times what a 10 MiB book hard-wrapped at 40
    // characters has.
    maxMarkup: limit('maxMarkup', 300_000, 'Most lines and inline markup characters (* _ ~ ` [ ] < & \\ |) in one manuscript'),
    maxFindings: limit('maxFindings', 5_000, 'Findings kept per manuscript; the rest are counted in one summary finding'),
    maxImageBytes: limit('maxImageBytes', 50 * MiB, 'Largest image file in bytes'),
  })
  .meta({
    description:
      "What a manuscript may be, at most; past a limit it is refused with one located finding. A manuscript folder's config.yaml may only lower a limit",
  });

export type Limits = z.output<typeof limitsSchema>;

/** Every limit at its default. */
export const DEFAULT_LIMITS: Limits = limitsSchema.parse({});

const KEYS = Object.keys(DEFAULT_LIMITS) as Array<keyof Limits>;

/**
 * The limits section of a desk config, on its own: the limits are read before a manuscript is
 * (src/manuscript/read.ts), where the rules are not known; the whole file is the desk kind's
 * (desk.ts) to check, which every build does first.
 */
const LIMITS_SECTION: ConfigKind<z.ZodType, Partial<Limits>> = {
  title: 'Desk settings',
  where: 'manuscript/config.yaml',
  about: 'The limits: section of a desk config.',
  schema: z.looseObject({ limits: limitsSchema.optional() }),
  // Only the limits the file writes: a manuscript folder's config.yaml that sets one does not reset the project's others.
  finish: (value, { data }) => {
    const written = Object.keys((data as { limits?: object } | null)?.limits ?? {}) as Array<keyof Limits>;
    const limits = (value as { limits?: Limits }).limits;
    return Object.fromEntries(written.map((k) => [k, limits?.[k]]));
  },
};

/** The limits one config file writes, each with where it is written ("file:line:col"). */
export function readLimits(file: string): { limits: Partial<Limits>; where: Partial<Record<keyof Limits, string>> } {
  const limits = loadConfigOfText(LIMITS_SECTION, file);
  const where = Object.fromEntries(Object.keys(limits).map((k) => [k, locate(file, ['limits', k])]));
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
  const folder = readLimits(own).limits;
  const raised = raisedLimits(limits, folder, own, project);
  if (raised.length) throw new ConfigError(raised);
  return { ...limits, ...folder };
}

/** Each limit a manuscript folder's config.yaml sets above the project's, at its line. */
export function raisedLimits(project: Limits, folder: Partial<Limits>, folderFile: string, projectFile: string): Problem[] {
  return KEYS.filter((k) => folder[k] !== undefined && folder[k] > project[k]).map((k) => ({
    file: folderFile,
    ...locatePoint(folderFile, ['limits', k]),
    message:
      `a manuscript folder's config.yaml may only lower a limit; ${k}: ${folder[k]} is above the project's ${project[k]} ` +
      `(raise it in ${projectFile})`,
  }));
}
