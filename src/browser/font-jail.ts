// The fonts a launched Chromium may find through fontconfig: the project's own, never the machine's.
// Every face a page uses comes from @font-face (src/fonts/); what none of them has, Chromium looks up
// in fontconfig, which by default lists the system's fonts (/etc/fonts: DejaVu, an emoji font…) and
// so read a file outside the project and printed it in a face that differs from machine to machine.
// Chromium is started with FONTCONFIG_FILE set to a configuration written here that lists only the
// folders of the project's whole font files (templates/fonts.yaml, faces.<role>.whole): a
// character no face has then prints as the face's .notdef box, which the press reports
// (press-font-notdef). One TrueType face must be there: with no font at all Blink prints no text.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadFontConfig } from '../config/fonts.js';
import { InputError } from '../core/input-error.js';
import { NODE_MODULES } from '../core/paths.js';

/** The folder the configuration and fontconfig's cache of the project's fonts are kept in. */
export const FONT_JAIL_DIR = path.join(NODE_MODULES, '.cache', 'baoban-fontconfig');

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The folders of the project's whole font files: the only ones fontconfig is told of. */
export function fontJailFolders(): string[] {
  const faces = Object.values(loadFontConfig().faces);
  const files = faces.flatMap((f) =>
    f.whole ? Object.values(f.whole.files).map((file) => path.join(NODE_MODULES, f.whole!.package, file)) : [],
  );
  return [...new Set(files.map((f) => path.dirname(f)))].sort();
}

/** The text of the configuration: those folders, the cache beside it, nothing of /etc/fonts. */
export function fontJailConfig(folders: string[], cacheDir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    "<!-- written by baoban (src/browser/font-jail.ts): the project's fonts only, no system font -->",
    '<fontconfig>',
    ...folders.map((d) => `  <dir>${escapeXml(d)}</dir>`),
    `  <cachedir>${escapeXml(cacheDir)}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

let written: string | undefined;

/**
 * The path of the fontconfig file for a launched browser, written (atomically) when missing or
 * different, so builds that run at once never read a half-written one.
 */
export function fontJailFile(): string {
  if (written) return written;
  const folders = fontJailFolders();
  if (!folders.length)
    throw new InputError(
      "templates/fonts.yaml names no whole font file (faces.<role>.whole): the browser is given only the project's fonts, and needs one TrueType face there; add a whole: package and files to the body face",
    );
  // node_modules may be read-only (an installed tool): then the temporary folder holds it
  let file: string;
  try {
    file = writeConfig(FONT_JAIL_DIR, folders);
  } catch {
    file = writeConfig(path.join(os.tmpdir(), `baoban-fontconfig-${os.userInfo().uid}`), folders);
  }
  written = file;
  return file;
}

function writeConfig(dir: string, folders: string[]): string {
  const file = path.join(dir, 'fonts.conf');
  const text = fontJailConfig(folders, path.join(dir, 'cache'));
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return file;
}

/**
 * The environment of a browser launched here: the caller's, with fontconfig pointed at the
 * project's fonts alone (FONTCONFIG_PATH and FONTCONFIG_SYSROOT would add or move folders).
 */
export function browserEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, TZ: 'UTC', LANG: 'C.UTF-8', FONTCONFIG_FILE: fontJailFile() };
  delete env.FONTCONFIG_PATH;
  delete env.FONTCONFIG_SYSROOT;
  return env;
}
