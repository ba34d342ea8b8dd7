// The standalone HTML document around an article: fonts, stylesheets, a content security policy
// that lets no script run and nothing load from the network.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { FontSlice } from '../config/font-coverage.js';
import { fontRoleCss, planFonts } from '../fonts/fontsource.js';
import { TEMPLATES } from '../core/paths.js';
import { matterText, type Matter } from '../core/matter.js';

/**
 * The policy of every HTML document we write: no script, no network, no file: source. The build's
 * pages are served by Node at their own origin (src/browser/served.ts), article.html names only the
 * images/ and fonts/ copied beside it (src/html/assets.ts); 'self' admits exactly those. (Chromium
 * counts every file: URL as 'self' of a file: document, so article.html's guarantee is that it
 * names nothing else: refused references are removed, never kept.)
 */
export const CSP = "default-src 'none'; img-src 'self' data:; font-src 'self' data:; style-src 'unsafe-inline'";

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export async function readTemplate(...parts: string[]): Promise<string> {
  return readFile(path.join(TEMPLATES, ...parts), 'utf8');
}

/** templates/article.css, with each role's face as templates/fonts.yaml names it (fontRoleCss). */
export async function articleCss(): Promise<string> {
  return `${await readTemplate('article.css')}\n${fontRoleCss()}`;
}

/** Fonts the article needs: every slice of each configured face that its characters touch. */
export function articleFonts(hast: Root, extraText = ''): { slices: FontSlice[]; missing: number[] } {
  return planFonts(toString(hast) + extraText);
}

export interface DocumentParts {
  matter: Matter;
  body: string;
  css: string[];
  lang?: string;
  /** The content security policy (default CSP) */
  csp?: string;
}

export function htmlDocument({ matter, body, css, lang, csp = CSP }: DocumentParts): string {
  const title = escapeHtml(matterText(matter.headline) || matterText(matter.title) || 'Untitled');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang ?? (matterText(matter.lang) || 'zh-CN'))}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${css.join('\n')}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
