// `check --fix`: rewrite the manuscript for the fixable findings still standing after the config
// and lint comments (half-width punctuation, invisible characters, a heading's closing stop, typed indents). Only characters that still hold the expected
// mark are replaced; the result is written with temp + rename, and repeated until nothing more
// changes, so a second --fix is a no-op; no edit may make a front matter value another YAML type
// (matterRetyped). This is the only code that writes to a manuscript.
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { NAME_BYTES, writeAtomic } from '../core/atomic.js';
import { readManuscriptPrefix } from '../manuscript/read.js';
import { limitsFor } from '../config/limits.js';
import { fixesOf, type CheckOptions } from './index.js';
import { checkText } from './run.js';
import { locator } from '../core/text-blocks.js';
import { InputError, loneCrAsLf } from '../core/input-error.js';
import { applyEdits, matterRetyped } from './matter-retype.js';

export { applyEdits } from './matter-retype.js';

export interface LineChange {
  line: number;
  /** What changed on the line, counted: { ',→，': 3, 'U+200B deleted': 1 } */
  changes: Record<string, number>;
  count: number;
}

export interface FixResult {
  file: string;
  changed: number;
  lines: LineChange[];
  /** Where the previous text was saved, with --backup. */
  backup?: string;
  /** Why the file was left alone. */
  skipped?: string;
}

const MAX_PASSES = 5;

export async function fixManuscript(file: string, options: CheckOptions & { backup?: boolean } = {}): Promise<FixResult> {
  const limits = options.limits ?? limitsFor(path.dirname(path.resolve(file)));
  const { bytes, more } = await readManuscriptPrefix(file, limits.maxInputBytes);
  if (more) {
    const size = limits.maxInputBytes.toLocaleString('en');
    return { file, changed: 0, lines: [], skipped: `larger than ${size} bytes (limits.maxInputBytes; nothing was changed)` };
  }
  // A read-only manuscript (signed off, locked by its editor) is not rewritten: the rename would
  // replace it all the same, writable. Any other keeps its permissions (a 0600 one stays private).
  const { mode } = await stat(file);
  // A manuscript that is a symbolic link: the rename would replace the link by a fixed copy, leaving the
  // file it points to unfixed and the two apart from then on; it is not written through either (the
  // target may be outside the manuscript's folder). Said, and left to the editor.
  if ((await lstat(file)).isSymbolicLink())
    return {
      file,
      changed: 0,
      lines: [],
      skipped: 'the file is a symbolic link; nothing was changed (run --fix on the file it points to)',
    };
  if ((mode & 0o222) === 0)
    return { file, changed: 0, lines: [], skipped: 'the file is read-only; nothing was changed (make it writable to have it fixed)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { file, changed: 0, lines: [], skipped: 'not valid UTF-8; save it as UTF-8 first (nothing was changed)' };
  }
  // readManuscript drops a byte-order mark before parsing; keep it in the file as it was.
  const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const original = bom ? text.slice(1) : text;
  let current = original;
  const byLine = new Map<number, LineChange>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Every finding, not only the first limits.maxFindings: each fixable one is fixed.
    const { file: vfile } = await checkText(current, file, { ...options, maxFindings: Number.POSITIVE_INFINITY });
    if (vfile.data.manuscript?.refused) {
      const why = vfile.messages[0];
      return { file, changed: 0, lines: [], skipped: `${why ? `line ${why.line}: ${why.reason}` : 'past a limit'} (nothing was changed)` };
    }
    const edits = fixesOf(vfile);
    let { text: next, applied } = applyEdits(current, edits);
    // A front matter value the edits would make another YAML type (ｎｕｌｌ → null, ０８０５ → the number 805) keeps its text.
    const retyped = matterRetyped(current, next);
    if (retyped.length)
      ({ text: next, applied } = applyEdits(
        current,
        edits.filter((e) => !retyped.some(([a, b]) => e.offset >= a && e.offset < b)),
      ));
    const at = locator(loneCrAsLf(current));
    for (const e of applied) {
      const line = at(e.offset).line;
      const change = byLine.get(line) ?? { line, changes: {}, count: 0 };
      const key = e.to
        ? `${e.from}→${e.to}`
        : /\p{P}/u.test(e.from)
          ? `${e.from} deleted`
          : `U+${e.from.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} deleted`;
      change.changes[key] = (change.changes[key] ?? 0) + 1;
      change.count++;
      byLine.set(line, change);
    }
    if (!applied.length) break;
    current = next;
  }
  if (current === original) return { file, changed: 0, lines: [] };
  let backup: string | undefined;
  if (options.backup) {
    // The bytes read above, written through a temp file and a rename: a link planted as
    // article.md.bak is replaced, never followed (copyFile would have written through it).
    backup = `${file}.bak`;
    // A manuscript named within the limit may have no room for .bak: said before anything is
    // written (the rename failed with "the name is too long; choose another output folder with --out").
    if (Buffer.byteLength(path.basename(backup)) > NAME_BYTES)
      throw new InputError(
        `${file}: --backup cannot keep the manuscript as ${path.basename(file)}.bak, a name longer than the file system allows (${NAME_BYTES} bytes); nothing was changed: give the manuscript a shorter name, or fix it without --backup`,
      );
    await writeAtomic(backup, bytes, path.dirname(file), mode);
  }
  await writeAtomic(file, bom + current, path.dirname(file), mode);
  const lines = [...byLine.values()].sort((a, b) => a.line - b.line);
  return { file, changed: lines.reduce((n, l) => n + l.count, 0), lines, backup };
}
