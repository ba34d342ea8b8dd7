// templates/fonts.yaml: which font package prints each role (body, heading, …) and in which weights.
// Fonts come from @fontsource packages in the lockfile, never from the system.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { NODE_MODULES, TEMPLATES } from '../core/paths.js';
import { loadConfig } from './load.js';
import { type ConfigKind, name, whole, z } from './schema.js';

const weight = () =>
  whole(100)
    .max(900)
    .refine((w) => w % 100 === 0, 'is not a font weight; use 100, 200, … 900 (400 regular, 700 bold)')
    .meta({ kind: 'a font weight: 100, 200, … 900' });

const npmPackage = () =>
  z
    .string()
    .regex(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/)
    .meta({ kind: 'an npm package name, e.g. @fontsource/noto-serif-sc' });

const face = z
  .strictObject({
    family: z
      .string()
      .min(1)
      .meta({ description: "CSS family name; the stylesheets' --<role>-font (--body-font, --heading-font) is set to it" }),
    package: npmPackage().meta({ description: 'The npm package (in the lockfile) holding the font files' }),
    weights: z.array(weight()).min(1).meta({ description: 'The weights loaded; a bold that is used must be listed (no fake bold)' }),
    whole: z
      .strictObject({
        package: npmPackage().meta({ description: 'The npm package holding the whole files' }),
        files: z
          .record(
            z
              .string()
              .regex(/^[1-9]00$/)
              .meta({ kind: 'a font weight' }),
            z.string().min(1).meta({ kind: 'a path inside the package', description: 'The file of this weight' }),
          )
          .meta({ keyName: 'weight', description: 'Weight → file inside the package, e.g. 400: 400Regular/NotoSerifSC_400Regular.ttf' }),
      })
      .optional()
      .meta({
        description:
          'The same face as one file per weight: the pages and the e-book print in files cut from it to their text (one file per face and weight, ' +
          'rare name characters such as 𬘭 and symbols such as Ⅻ, which the slices lack, included); without it, the pages load the slices',
      }),
  })
  .meta({ description: 'The face that prints this role' });

const fontsSchema = z.strictObject({
  faces: z.record(name(), face).meta({ keyName: 'role', description: 'Role name (body, heading, …) → the face that prints it' }),
});

export type FaceConfig = z.output<typeof face>;
export type FontConfig = z.output<typeof fontsSchema>;

export const FONTS: ConfigKind<typeof fontsSchema> = {
  title: 'Fonts',
  where: 'templates/fonts.yaml',
  about:
    'Which font package prints each role (body, heading, …) and in which weights, for every output. Each face comes from an ' +
    'npm package in the lockfile, never from the system, so every machine breaks lines the same way.',
  schema: fontsSchema,
  check: (config) => Object.entries(config.faces).flatMap(([role, f]) => installedFace(role, f)),
};

/**
 * A face's package is installed (node_modules, from the lockfile) with a file for each weight
 * listed, and its whole files are there: a package name that is not installed stopped a build with
 * “cannot open …/unicode.json; choose another output folder”, at no line of this file.
 */
function installedFace(role: string, f: FaceConfig): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const notInstalled = (pkg: string) =>
    `${pkg} is not installed (no node_modules/${pkg}); add it with npm install ${pkg} --save-exact, or name an installed font package`;
  const dir = path.join(NODE_MODULES, f.package);
  if (!existsSync(path.join(dir, 'unicode.json')))
    problems.push({
      path: ['faces', role, 'package'],
      message: existsSync(dir) ? `${f.package} is not a @fontsource font package (it has no unicode.json)` : notInstalled(f.package),
    });
  else {
    const files = existsSync(path.join(dir, 'files')) ? readdirSync(path.join(dir, 'files')) : [];
    f.weights.forEach((w, i) => {
      if (!files.some((file) => file.endsWith(`-${w}-normal.woff2`)))
        problems.push({ path: ['faces', role, 'weights', i], message: `${f.package} has no weight ${w}; list a weight the package has` });
    });
  }
  if (f.whole) {
    const whole = f.whole;
    if (!existsSync(path.join(NODE_MODULES, whole.package)))
      problems.push({ path: ['faces', role, 'whole', 'package'], message: notInstalled(whole.package) });
    else
      for (const [w, file] of Object.entries(whole.files))
        if (!existsSync(path.join(NODE_MODULES, whole.package, file)))
          problems.push({
            path: ['faces', role, 'whole', 'files', w],
            message: `${file} is not in ${whole.package}; give the path of the weight's file inside the package`,
          });
  }
  return problems;
}

export const FONTS_FILE = path.join(TEMPLATES, 'fonts.yaml');

const configCache = new Map<string, FontConfig>();

/** templates/fonts.yaml, read once per process (a page build plans fonts in several places, as the package slices below). */
export function loadFontConfig(file = FONTS_FILE): FontConfig {
  let config = configCache.get(file);
  if (config) return config;
  config = loadConfig(FONTS, file);
  configCache.set(file, config);
  return config;
}
