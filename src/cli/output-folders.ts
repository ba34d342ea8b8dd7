// Where a build writes each manuscript's outputs: <--out or dist/>/<output name>/. The name is
// safe (src/core/confine.ts safeOutputName, never `.`, `..` or empty), the folder is made without
// following a link below the base, and two manuscripts of one run never share a folder.
// A build that is refused (--final with errors, an overset page, a failed preflight) or stops on
// bad input leaves no folder it made behind: what a run made for an output it did not finish is
// removed at the end (removeUnfinished), and a folder that was there before gets back to the
// entries it had, in the folders inside it too (photo copies added to an images/ folder that was there).
// An output folder is never a manuscript's own folder, inside it or holding it, nor another
// manuscript's folder (refuseOwnFolder).
import { type Dirent, lstatSync, readdirSync, realpathSync, rmdirSync, rmSync, type Stats, statSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { onCleanup } from '../core/cleanup.js';
import { ensureDirInside } from '../core/confine.js';
import { InputError } from '../core/input-error.js';
import { DIST } from '../core/paths.js';
import { shortPath } from '../output/progress.js';

/** What was on disk before a run first asked for an output folder. */
interface Before {
  /** the folders this run makes for it (missing when asked), deepest first: the folder, then the base and above */
  made: string[];
  /** the folder's entries and those of the folders in it (paths relative to it), when it was already there */
  entries?: Set<string>;
}

/** The real path of `p` (links resolved) as far as it exists, the rest as written. */
function realish(p: string): string {
  const abs = path.resolve(p);
  for (let d = abs; ; d = path.dirname(d)) {
    try {
      return path.join(realpathSync(d), path.relative(d, abs));
    } catch {
      if (path.dirname(d) === d) return abs;
    }
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);

/**
 * Refuse an output folder `dir` for the manuscript, edition plan or series file `sources[0]` (and
 * the manuscripts it reads: a plan's stories, a series' chapters), in one
 * line before anything is written, when it is the source's own folder (--out its parent folder),
 * holds that folder, or lies inside the folder of a manuscript that is a folder (article.md,
 * index.md): the outputs would be mixed with its files, written over a page.pdf or findings.txt of
 * its own, photo copies added to its images/, and the run's undoing would judge its files. A .md
 * file's or a plan's folder is a folder of several of them (often the one the user works in):
 * an output folder below it, beside them (out/), is allowed; not another manuscript's folder.
 */
export function refuseOwnFolder(dir: string, ...sources: string[]): void {
  const out = realish(dir);
  for (const source of sources) refuseItsFolder(dir, out, source);
  // Another manuscript's folder (story.md built with --out beside a story/ of article.md): the
  // outputs would be mixed with its files, and its findings.txt or page.pdf written over.
  const other = ['article.md', 'index.md'].find((name) => isFile(path.join(out, name)));
  if (other)
    throw new InputError(
      `${shortPath(sources[0])}: its outputs would be written into ${shortPath(dir)}/, the folder of the manuscript ` +
        `${shortPath(path.join(dir, other))}; choose another --out, outside it (the default is dist/)`,
    );
}

/** A file stands at `p`; false when nothing does or the path cannot be a file's (a file where a folder of it should be, ENOTDIR: the output checks say that). */
function isFile(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function refuseItsFolder(dir: string, out: string, source: string): void {
  // A manuscript named by its folder (a series' chapter: alpha) is that folder's.
  const isFolder = statSync(source, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const folder = isFolder ? path.resolve(source) : path.dirname(path.resolve(source));
  const own = realish(folder);
  const ownFolder = isFolder || /^(article|index)$/.test(path.basename(source, path.extname(source)));
  const src = shortPath(source);
  const instead = 'choose another --out, outside it (the default is dist/)';
  if (out === own) throw new InputError(`${src}: its outputs would be written into its own folder ${shortPath(dir)}/; ${instead}`);
  if (within(own, out))
    throw new InputError(`${src}: its outputs would be written into ${shortPath(dir)}/, the folder that holds it; ${instead}`);
  if (ownFolder && within(out, own))
    throw new InputError(
      `${src}: its outputs would be written into ${shortPath(dir)}/, inside its own folder ${shortPath(folder)}/; ${instead}`,
    );
}

/** Something that is not a folder stood where the folder belongs (ensureDirInside refuses it): never touched. */
const NOT_A_FOLDER: Before = { made: [] };

export class OutputFolders {
  readonly base: string;
  private readonly owners = new Map<string, string>();
  private readonly before = new Map<string, Promise<Before>>();
  private readonly finished = new Set<string>();
  /** each unfinished folder's undoing on an interrupted exit, until it is finished or undone by removeUnfinished */
  private readonly undo = new Map<string, () => void>();

  constructor(out: string | undefined) {
    this.base = path.resolve(out ?? DIST);
  }

  /** The folder of `name` (made), for the manuscript `source`. */
  async folder(name: string, source: string): Promise<string> {
    this.claim(name, source);
    const dir = this.path(name);
    // Looked at once, before anything is made (the warm tab and the build may ask at the same time).
    if (!this.before.has(name)) {
      const looked = lookBefore(dir);
      this.before.set(name, looked);
      // Ctrl-C, SIGTERM or SIGHUP end the process without the build's own cleanup (removeUnfinished
      // is asynchronous): the same undoing, synchronously, from the exit handlers (src/core/cleanup.ts).
      looked.then(
        (before) => {
          if (!this.finished.has(name) && !this.undo.has(name))
            this.undo.set(
              name,
              onCleanup(() => undoSync(dir, before)),
            );
        },
        () => undefined,
      );
    }
    await this.before.get(name);
    return ensureDirInside(this.base, dir);
  }

  private dropUndo(name: string): void {
    this.undo.get(name)?.();
    this.undo.set(name, () => undefined); // done: a lookBefore still pending registers nothing
  }

  /**
   * Claim the folder of `name` for `source` before anything is built (a run of several edition
   * plans claims all of theirs first): a second source for one folder is refused, nothing made, and
   * so is a folder that is the source's own (or that of a manuscript it `reads`: refuseOwnFolder).
   */
  claim(name: string, source: string, reads: string[] = []): void {
    const owner = this.owners.get(name);
    if (owner && owner !== source) {
      throw new InputError(
        `${shortPath(source)} and ${shortPath(owner)} would both be written to ${shortPath(path.join(this.base, name))}/; ` +
          'rename one of them, or build them one at a time with --out',
      );
    }
    // The manuscript's own folder, or (an edition plan) the plan's and each of its stories'.
    if (!owner) refuseOwnFolder(this.path(name), source, ...reads);
    this.owners.set(name, source);
  }

  /** The folder of `name` without making it (where a refused build would have written). */
  path(name: string): string {
    return path.join(this.base, name);
  }

  /** The outputs of `name` are written: its folder stays. */
  finish(name: string): void {
    this.finished.add(name);
    this.dropUndo(name);
  }

  /**
   * Every folder asked for and not finished, as it was before the run: a folder the run made is
   * removed with what it holds (and the base folders it made, when nothing else is in them); in a
   * folder that was there, the entries the run added (scaled photos, press copies) are removed.
   * Call once no tab or writer works in them any more.
   */
  async removeUnfinished(): Promise<void> {
    // Latest first: a base folder made for the first name is emptied by the later ones' removal.
    for (const [name, looked] of [...this.before].reverse()) {
      this.dropUndo(name);
      if (this.finished.has(name)) continue;
      const before = await looked.catch(() => undefined);
      if (!before) continue;
      // The same undoing as on an interrupted exit (synchronous: nothing else works in the folders by now).
      undoSync(this.path(name), before);
    }
  }
}

/**
 * The undoing of one folder (removeUnfinished's, and the exit handlers'), synchronous: what the run
 * made, or what it added to a folder that was there.
 */
function undoSync(dir: string, before: Before): void {
  if (before === NOT_A_FOLDER) return;
  if (before.entries) {
    if (lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) removeAddedSync(dir, '', before.entries);
    return;
  }
  for (const [i, made] of before.made.entries()) {
    try {
      // The folder itself with all it holds; the ones above it only when empty (another output may be there).
      if (i === 0) rmSync(made, { recursive: true, force: true });
      else rmdirSync(made);
    } catch {
      return;
    }
  }
}

/** Remove what is below `root` and not among `before`: new entries whole, folders that were there looked into. */
function removeAddedSync(root: string, rel: string, before: Set<string>): void {
  let now: Dirent[] = [];
  try {
    now = readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of now) {
    const name = rel ? path.join(rel, e.name) : e.name;
    if (!before.has(name)) rmSync(path.join(root, name), { recursive: true, force: true });
    else if (e.isDirectory() && name.split(path.sep).length < MAX_DEPTH) removeAddedSync(root, name, before);
  }
}

async function lookBefore(dir: string): Promise<Before> {
  const made: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    let st: Stats | undefined;
    try {
      st = await lstat(d);
    } catch (error) {
      // Only what is surely not there is made by the run (and so removed by it); anything else is left alone.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return NOT_A_FOLDER;
    }
    if (st && d !== dir) return { made };
    if (st)
      return st.isDirectory()
        ? listTree(d, '', new Set()).then(
            (entries) => ({ made, entries }),
            () => NOT_A_FOLDER,
          )
        : NOT_A_FOLDER;
    made.push(d);
    if (path.dirname(d) === d) return { made };
  }
}

/** Folders below an output folder that are looked into (images/, an edition story's images/, …). */
const MAX_DEPTH = 8;

/**
 * Every entry below `root` (paths relative to it), through real folders only: a link is an entry,
 * never followed. A build adds files inside folders that were there (photo copies in images/), so
 * the top-level names alone cannot tell what a refused build added.
 */
async function listTree(root: string, rel: string, into: Set<string>): Promise<Set<string>> {
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const name = rel ? path.join(rel, e.name) : e.name;
    into.add(name);
    if (e.isDirectory() && name.split(path.sep).length < MAX_DEPTH) await listTree(root, name, into);
  }
  return into;
}
