// Every kind of config file, and which files of the project are config files: for the reference
// (docs.ts), for `npm run check -- --config-only`, and for the builds that check their configs first.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { DEFAULT_MANUSCRIPTS, EDITIONS, TEMPLATES } from '../core/paths.js';
import { yamlData } from '../core/yaml.js';
import { BOOK, BOOK_FILE } from './book.js';
import { CONFIG_NAME, DESK, deskConfig, type KnownOptions, type OptionBounds } from './desk.js';
import { FONTS, FONTS_FILE } from './fonts.js';
import { LAYOUT } from './layout.js';
import { looksLikePlan, PLAN } from './plan.js';
import { type Checked, checkConfig, MAX_CONFIG_BYTES } from './load.js';
import { type ConfigKind, jsonSchema, knownKeys } from './schema.js';
import { PROOF, PROOF_CONFIG } from './proof.js';
import { SERIES } from './series.js';

/** Every kind of config file, in the order docs/config.md documents them. */
export const CONFIG_KINDS: ConfigKind[] = [LAYOUT, PLAN, FONTS, BOOK, SERIES, DESK, PROOF] as ConfigKind[];

export const LAYOUTS_DIR = path.join(TEMPLATES, 'newspaper', 'layouts');
export const SERIES_NAME = 'series.yaml';

/** What the checks know of their rules (KNOWN_OPTIONS, OPTION_BOUNDS), so that desk configs are checked fully. */
export interface KnownRules {
  options: KnownOptions;
  bounds?: OptionBounds;
}

/**
 * The kind of a config file: by its name (fonts.yaml, book.yaml, series.yaml, config.yaml), by its
 * folder (layouts/), else by the top-level keys it shares with a kind (a layout editor's copy).
 */
export function kindOf(file: string, known?: KnownRules): ConfigKind | undefined {
  const base = path.basename(file);
  const desk = known ? (deskConfig(known.options, known.bounds) as ConfigKind) : DESK;
  if (base === 'fonts.yaml') return FONTS as ConfigKind;
  if (base === 'book.yaml') return BOOK as ConfigKind;
  if (base === 'proof.yaml') return PROOF as ConfigKind;
  if (base === SERIES_NAME) return SERIES as ConfigKind;
  if (base === CONFIG_NAME) return desk;
  if (!/\.ya?ml$/i.test(base)) return undefined;
  if (path.basename(path.dirname(file)) === 'layouts') return LAYOUT as ConfigKind;
  if (path.basename(path.dirname(file)) === EDITIONS) return PLAN as ConfigKind;
  let keys: string[] = [];
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_CONFIG_BYTES) return undefined;
    const read = yamlData(parseDocument(readFileSync(file, 'utf8')));
    const data = read.ok ? read.value : undefined;
    keys = data && typeof data === 'object' ? Object.keys(data) : [];
  } catch {
    return undefined;
  }
  const scored = CONFIG_KINDS.map((kind) => {
    const k = kind === DESK ? desk : kind;
    return { kind: k, score: knownKeys(jsonSchema(k.schema)).filter((key) => keys.includes(key)).length };
  }).sort((a, b) => b.score - a.score);
  return scored[0]?.score ? scored[0].kind : undefined;
}

/**
 * The project's config files: fonts, the e-book settings, every layout, and under the manuscripts
 * folder its config.yaml, series.yaml, the edition plans in editions/ and each manuscript folder's own config.yaml.
 */
export function projectConfigFiles(manuscripts = DEFAULT_MANUSCRIPTS): string[] {
  return [FONTS_FILE, BOOK_FILE, PROOF_CONFIG, ...configFilesIn(LAYOUTS_DIR), ...configFilesIn(manuscripts)].filter((f) => existsSync(f));
}

/**
 * The config files in a folder: every layout in a layouts/ folder; else its config.yaml and
 * series.yaml, and its subfolders' config.yaml (a manuscripts folder).
 */
export function configFilesIn(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  if (path.basename(path.resolve(dir)) === 'layouts')
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  const own = [CONFIG_NAME, SERIES_NAME].map((f) => path.join(dir, f));
  // Edition plans: manuscript/editions/*.yaml
  const editions = path.join(dir, EDITIONS);
  const plans =
    existsSync(editions) && statSync(editions).isDirectory()
      ? readdirSync(editions)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => path.join(editions, f))
      : [];
  const sub = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => path.join(dir, d.name, CONFIG_NAME))
    .sort();
  return [...own, ...plans, ...sub].filter((f) => existsSync(f));
}

/**
 * The edition plans a folder named editions/ holds (its *.yaml files that are plans), sorted; none
 * for any other path. Its manuscripts are built only through their plans, so `build:pdf --
 * manuscript/editions` builds its editions, not each story as a page of its own.
 */
export function plansInEditions(target: string): string[] {
  try {
    if (path.basename(path.resolve(target)) !== EDITIONS || !statSync(target).isDirectory()) return [];
    return readdirSync(target, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
      .map((e) => path.join(target, e.name))
      .filter(isPlanFile)
      .sort();
  } catch {
    return [];
  }
}

/** Check each file against its kind; a file whose kind cannot be told is a problem too. */
export function checkConfigFiles(files: string[], known?: KnownRules): Array<Checked<unknown>> {
  return [...new Set(files.map((f) => path.resolve(f)))].map((file) => {
    if (!existsSync(file))
      return { ok: false, file, problems: [{ file, message: 'cannot be read (no such file or folder); check the path' }] };
    const kind = kindOf(file, known);
    if (!kind)
      return {
        ok: false,
        file,
        problems: [
          {
            file,
            message:
              'is not a config file this project knows; give a YAML file: fonts.yaml, book.yaml, proof.yaml, series.yaml, config.yaml, or a layout in layouts/',
          },
        ],
      };
    return checkConfig(kind, file);
  });
}

/**
 * Is this file an edition plan (build:pdf builds an edition from it)? A YAML file in an editions/
 * folder or with a plan's keys; a layout, a series or any other config named by mistake is not
 * (it is then refused as what it is not: a manuscript).
 */
/**
 * Why a YAML file given to build:pdf is not built as an edition plan, in words (it is another kind
 * of config, by its name, folder or keys); undefined when it is a plan or not YAML at all.
 */
export function notAPlan(file: string): string | undefined {
  if (!looksLikePlan(file) || isPlanFile(file)) return undefined;
  const kind = kindOf(file)!;
  const what = `${/^[aeiou]/i.test(kind.title) ? 'an' : 'a'} ${kind.title.toLowerCase()} file (${kind.where})`;
  // A plan named like another config (fonts.yaml, book.yaml…) is taken for that config by its name.
  let planKeys = false;
  try {
    const read = yamlData(parseDocument(readFileSync(file, 'utf8')));
    const data = read.ok ? read.value : undefined;
    planKeys = Boolean(data && typeof data === 'object' && 'pages' in data && 'paper' in data);
  } catch {
    /* read as what its name says */
  }
  return planKeys
    ? `is named like ${what}, so it is read as that; an edition plan needs a name of its own, e.g. 2024-01-19.yaml: rename it`
    : `is ${what}, not an edition plan; build:pdf builds an edition plan (paper:, date:, pages:) or manuscripts`;
}

export function isPlanFile(file: string): boolean {
  if (!looksLikePlan(file)) return false;
  if (!existsSync(file)) return true; // the plan's loader says it cannot be read, in words
  const kind = kindOf(file);
  return kind === undefined || kind === (PLAN as ConfigKind);
}

/**
 * The kind a config file named for `expected` (build:epub --series, build:pdf --layout) evidently
 * is instead, by its name (series.yaml, fonts.yaml…), its folder (layouts/, editions/) or a plan's
 * keys; undefined when it may be what is expected (its own problems are then reported as usual).
 */
export function evidentlyOtherKind(file: string, expected: ConfigKind): ConfigKind | undefined {
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  const base = path.basename(file);
  const named = ['fonts.yaml', 'book.yaml', 'proof.yaml', SERIES_NAME, CONFIG_NAME].includes(base);
  const folder = ['layouts', EDITIONS].includes(path.basename(path.dirname(file)));
  const kind = named || folder ? kindOf(file) : isPlanFile(file) && hasPlanKeys(file) ? (PLAN as ConfigKind) : undefined;
  return kind && kind.title !== expected.title ? kind : undefined;
}

function hasPlanKeys(file: string): boolean {
  try {
    const read = yamlData(parseDocument(readFileSync(file, 'utf8')));
    const data = read.ok ? read.value : undefined;
    return Boolean(data && typeof data === 'object' && 'pages' in data && 'paper' in data);
  } catch {
    return false;
  }
}
