// templates/fonts.yaml: which font package prints each role (body, heading, …) and in which weights.
// Fonts come from @fontsource packages in the lockfile, never from the system.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TEMPLATES } from '../core/paths.js';

export interface FaceConfig {
  /** CSS family name, as written in the stylesheets */
  family: string;
  /** npm package holding the font files */
  package: string;
  weights: number[];
  /**
   * The same face as one file per weight (weight → path inside `package`), for outputs that need one
   * file per face: the e-book (readers that ignore unicode-range).
   */
  whole?: { package: string; files: Record<number, string> };
}

export interface FontConfig {
  /** Role name → face: body, heading, … (templates/fonts.yaml) */
  faces: Record<string, FaceConfig>;
}

const configCache = new Map<string, FontConfig>();

/** templates/fonts.yaml, read once per process (a page build plans fonts in several places, as the package slices below). */
export function loadFontConfig(file = path.join(TEMPLATES, 'fonts.yaml')): FontConfig {
  let config = configCache.get(file);
  if (config) return config;
  config = parseYaml(readFileSync(file, 'utf8')) as FontConfig;
  if (!config?.faces || typeof config.faces !== 'object') throw new Error(`${file}: expected a "faces:" mapping`);
  configCache.set(file, config);
  return config;
}
