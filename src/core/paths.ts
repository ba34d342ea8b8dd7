// Where the project's own files are, independent of the working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// BAOBAN_ROOT is set by src/cli/run.mjs, whose bundle lives elsewhere than src/.
export const PROJECT_ROOT = process.env.BAOBAN_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEMPLATES = path.join(PROJECT_ROOT, 'templates');
export const DEFAULT_MANUSCRIPTS = path.join(PROJECT_ROOT, 'manuscript');
export const DIST = path.join(PROJECT_ROOT, 'dist');
export const NODE_MODULES = path.join(PROJECT_ROOT, 'node_modules');
/** The folder of edition plans and their stories, under a manuscripts folder (manuscript/editions/). */
export const EDITIONS = 'editions';
/**
 * The file names a manuscript has (a .md file; .markdown and .txt when named directly): a layout,
 * a series file or a photo is never read as one, nor any other file a proof's data names.
 */
export const MANUSCRIPT_FILE = /\.(md|markdown|txt)$/i;

/**
 * A file as a report written into `folder` names it (page.fit.json, edition.fit.json): relative to
 * that folder, with `/`, so the report reads the same whichever folder the build was run from, and
 * `path.resolve(dirname(report), name)` finds the file again.
 */
export function relativeToReport(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}
