// How a document loads the configured fonts: @font-face rules for the slices a text needs
// (config/font-coverage.ts), and the package folders a confined page may read them from.
import path from 'node:path';
import { NODE_MODULES } from '../core/paths.js';
import { fontCodePoints, planFace, type FontSlice } from '../config/font-coverage.js';
import { loadFontConfig, type FontConfig } from '../config/fonts.js';
import { ORIGIN, type ServedFolder, servedUrl } from '../browser/served.js';

/** Slices for every configured face; `missing` lists characters the body face cannot show. */
export function planFonts(text: string, config: FontConfig = loadFontConfig()) {
  const cps = fontCodePoints(text);
  const slices: FontSlice[] = [];
  let missing: number[] = [];
  for (const [role, face] of Object.entries(config.faces)) {
    const plan = planFace(face, cps);
    slices.push(...plan.slices);
    if (role === 'body') missing = plan.missing;
  }
  return { slices, missing };
}

/** @font-face rules; `url` maps a slice file to the URL the document uses. */
export function fontFaceCss(slices: FontSlice[], url: (file: string) => string): string {
  return slices
    .map(
      (s) =>
        `@font-face{font-family:'${s.family}';font-style:normal;font-weight:${s.weight};font-display:block;` +
        `src:url('${url(s.file)}') format('${fontFormat(s.file)}');unicode-range:${s.unicodeRange};}`,
    )
    .join('\n');
}

/** The CSS format() of a font file, by its extension: the slices are woff2, a face's whole file TrueType. */
function fontFormat(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.ttf' ? 'truetype' : ext === '.otf' ? 'opentype' : ext === '.woff' ? 'woff' : 'woff2';
}

/**
 * The stylesheets' face of each role, from templates/fonts.yaml: `--<role>-font: '<family>'`
 * (article.css names --body-font and --heading-font). Set after article.css, so that a face changed
 * in fonts.yaml is the face the page prints in: article.css named its own families, and a heading
 * face changed to Noto Serif SC in fonts.yaml left the headings asking for Noto Sans SC, which no
 * @font-face declared, and printed them in a system font.
 */
export function fontRoleCss(config: FontConfig = loadFontConfig()): string {
  const decl = Object.entries(config.faces).map(([role, face]) => `--${role}-font: '${face.family.replace(/['\\]/g, '\\$&')}';`);
  return `:root { ${decl.join(' ')} }`;
}

/** The folders of the configured font packages (slices and whole files): all a confined page needs to read for its fonts. */
export function fontDirs(config: FontConfig = loadFontConfig()): string[] {
  const packages = Object.values(config.faces).flatMap((f) => [f.package, ...(f.whole ? [f.whole.package] : [])]);
  return [...new Set(packages.map((p) => path.join(NODE_MODULES, p)))];
}

/** The font packages as a served folder (browser/served.ts): /fonts/…, read only below the configured packages. */
export function fontFolder(config: FontConfig = loadFontConfig()): ServedFolder {
  return { prefix: '/fonts/', dir: NODE_MODULES, only: fontDirs(config).map((d) => path.relative(NODE_MODULES, d)) };
}

/** URL path below which the fonts cut for a build are served (print-fonts.ts; browser/served.ts `files`). */
export const CUT_PREFIX = '/fonts/cut/';

/** The URL a served page loads a font file from. */
export function fontUrl(file: string): string {
  // a cut (print-fonts.ts) is named by the URL path it is served at
  return file.startsWith(CUT_PREFIX) ? `${ORIGIN}${file}` : servedUrl(fontFolder(), file);
}
