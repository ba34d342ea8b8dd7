// The one confinement rule for every file a manuscript names and every folder a build writes to.
//
// Reading: a reference is resolved against the manuscript's folder, then its real path (every
// symbolic link resolved) must lie inside the folder's real path, and it must be a regular file
// (not a folder, a named pipe or a device) of at most `maxBytes`, with no other name (a hard link
// made to a file outside is inside by its path only). The file is opened without
// blocking and measured on the open descriptor, so a FIFO never hangs and /dev/zero is never read.
//
// Writing: an output folder's name is never empty, `.` or `..`; below the trusted base folder (the
// user's --out or dist/, or a manuscript folder for stand-ins) no component of an output path may
// be a symbolic link or anything but a folder. Files are then written by src/core/atomic.ts: a temp
// file created exclusively, renamed over the target (a link there is replaced, never followed).
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, realpath, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * How large a file a manuscript may name is read at most (images, chapters, configs), unless the
 * caller states its own limit. Generous: a limit for what a newsroom sends, not for what a disk holds.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/** Why a reference was not read. */
export type Refusal = 'remote' | 'absolute' | 'outside' | 'link-outside' | 'missing' | 'not-file' | 'too-large' | 'unreadable';

/** A file that the confinement rule does not let a build read, with the reason in words. */
export class ConfinementError extends Error {
  /**
   * @param shown how the file is named in the message (as the manuscript wrote it)
   * @param detail what is wrong, after the name: "is a named pipe (FIFO), not a file"
   */
  constructor(
    readonly reason: Refusal,
    readonly file: string,
    shown: string,
    readonly detail: string,
    /** the file's size in bytes, when it was refused for it */
    readonly size?: number,
  ) {
    super(`"${shown}" ${detail}`);
    this.name = 'ConfinementError';
  }
}

/** Why a file could not be read, in words without its name (for messages that name it already). */
export function refusalDetail(error: unknown): string {
  if (error instanceof ConfinementError) return error.reason === 'missing' ? 'no such file or folder' : error.detail;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error)?.message ?? String(error);
}

/** An output path the rule does not let a build write (a link, or a file where a folder belongs). */
export class OutputPathError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputPathError';
  }
}

export interface ResolvedAsset {
  /** Absolute path (lexical: symbolic links not yet resolved), or undefined when refused. */
  file?: string;
  /** Why the reference was refused: remote URL, absolute path, or outside the folder. */
  refused?: string;
  reason?: Refusal;
}

/**
 * A reference as written in the manuscript (`images/a.jpg`, `images/50%25.jpg`, `file:images/a.jpg`)
 * resolved against the manuscript's folder, by its text alone. Callers that read the file use
 * readConfined, which also resolves links.
 */
export function resolveAsset(root: string, ref: string): ResolvedAsset {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^file:/i.test(ref)) {
    return {
      reason: 'remote',
      refused: `remote or non-file reference "${ref}" is not loaded; copy the file into the manuscript folder`,
    };
  }
  let decoded = ref.replace(/^file:(\/\/)?/i, '');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    /* a bare % (50%.jpg): the name as written */
  }
  if (decoded.includes('\0')) return { reason: 'outside', refused: `"${ref}" is not a file name` };
  if (path.isAbsolute(decoded) || /^[a-z]:[\\/]/i.test(decoded)) {
    return { reason: 'absolute', refused: `absolute path "${ref}" is not allowed; use a path relative to the manuscript` };
  }
  const file = path.resolve(root, decoded);
  if (!isInside(path.resolve(root), file)) {
    return { reason: 'outside', refused: `"${ref}" points outside the manuscript folder; copy it into ${root}` };
  }
  return { file };
}

/** True when `file` is `dir` itself or lies below it (both absolute and normalised). */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function fsRefusal(error: unknown, file: string, shown: string): ConfinementError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new ConfinementError('missing', file, shown, 'does not exist');
  if (code === 'ELOOP') return new ConfinementError('link-outside', file, shown, 'is a loop of symbolic links');
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : ((error as Error)?.message ?? String(error));
  return new ConfinementError('unreadable', file, shown, `cannot be read (${why})`);
}

/** The refusal for a real path outside the real root, or undefined when it is inside. */
function outsideRefusal(realRoot: string, real: string, file: string, shown: string): ConfinementError | undefined {
  if (isInside(realRoot, real)) return undefined;
  return new ConfinementError(
    'link-outside',
    file,
    shown,
    'is a symbolic link (or lies in a linked folder) that leads outside the manuscript folder; copy the file itself into the folder',
  );
}

function checkStats(st: Stats, file: string, shown: string, maxBytes: number, hardLinks = false): void {
  if (!st.isFile()) throw new ConfinementError('not-file', file, shown, `is ${kindOf(st)}, not a file`);
  // A hard link is the same file under a second name, which may be anywhere on the disk (ln
  // /etc/passwd article.md): its path lies inside the folder, its bytes need not.
  if (!hardLinks && st.nlink > 1)
    throw new ConfinementError(
      'link-outside',
      file,
      shown,
      `is a hard link (the same file has ${st.nlink} names, another of them perhaps outside the folder); copy the file itself into the folder`,
    );
  if (st.size > maxBytes)
    throw new ConfinementError('too-large', file, shown, `is ${mb(st.size)}; files are read up to ${mb(maxBytes)}`, st.size);
}

export interface ReadOptions {
  /** Largest file read, in bytes (default MAX_READ_BYTES). */
  maxBytes?: number;
  /** How the file is named in messages (default: its path relative to root). */
  shown?: string;
  /**
   * Read a file with more than one name (a hard link) too: only for the project's own files and a
   * file the user named on the command line; never for one a manuscript, plan or proof names.
   */
  hardLinks?: boolean;
}

// Opened without following a final link (the path is already real) and without blocking (a FIFO
// would otherwise wait for a writer forever); what it is, is then asked of the open descriptor.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW | constants.O_NOCTTY;

/** The real path of `file`, which must lie inside `root`'s real path (every link resolved). */
async function realInside(root: string, file: string, shown: string): Promise<string> {
  let real: string;
  let realRoot: string;
  try {
    [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
  } catch (error) {
    throw fsRefusal(error, file, shown);
  }
  const outside = outsideRefusal(realRoot, real, file, shown);
  if (outside) throw outside;
  return real;
}

/** The file opened for reading under the rule: real path inside the real root, a regular file. */
async function openConfined(root: string, file: string, shown: string, hardLinks = false): Promise<{ handle: FileHandle; size: number }> {
  const real = await realInside(root, file, shown);
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (error) {
    throw fsRefusal(error, file, shown);
  }
  try {
    const st = await handle.stat();
    checkStats(st, file, shown, Number.POSITIVE_INFINITY, hardLinks);
    return { handle, size: st.size };
  } catch (error) {
    await handle.close();
    throw error instanceof ConfinementError ? error : fsRefusal(error, file, shown);
  }
}

/** Up to `limit` bytes of an open file, sized by the file, in chunks (a file can grow meanwhile). */
async function readUpTo(handle: FileHandle, size: number, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.alloc(Math.min(Math.max(size - total, 65_536), limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/**
 * The bytes of `file`, which must be a regular file of at most maxBytes whose real path lies inside
 * `root`'s real path. Throws ConfinementError (with a reason and a message naming the file) otherwise.
 */
export async function readConfined(root: string, file: string, options: ReadOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_READ_BYTES;
  const shown = options.shown ?? path.relative(root, file);
  const { handle, size } = await openConfined(root, file, shown, options.hardLinks);
  try {
    if (size > maxBytes) throw new ConfinementError('too-large', file, shown, `is ${mb(size)}; files are read up to ${mb(maxBytes)}`, size);
    // One byte more than allowed: a file that grew past the limit meanwhile is refused too.
    const bytes = await readUpTo(handle, size, maxBytes + 1);
    if (bytes.length > maxBytes) throw new ConfinementError('too-large', file, shown, `is larger than ${mb(maxBytes)}`);
    return bytes;
  } catch (error) {
    throw error instanceof ConfinementError ? error : fsRefusal(error, file, shown);
  } finally {
    await handle.close();
  }
}

/**
 * At most `maxBytes` of a file read under the same rule, and whether there was more: a manuscript
 * past its size limit costs no more memory than the limit (src/manuscript/read.ts reports where it
 * passes it).
 */
export async function readConfinedPrefix(
  root: string,
  file: string,
  maxBytes: number,
  shown = path.relative(root, file),
): Promise<{ bytes: Buffer; more: boolean }> {
  const { handle, size } = await openConfined(root, file, shown);
  try {
    const bytes = await readUpTo(handle, size, Number.isFinite(maxBytes) ? maxBytes + 1 : Number.POSITIVE_INFINITY);
    return { bytes: bytes.subarray(0, Math.min(bytes.length, maxBytes)), more: bytes.length > maxBytes };
  } catch (error) {
    throw error instanceof ConfinementError ? error : fsRefusal(error, file, shown);
  } finally {
    await handle.close();
  }
}

/** readConfined for the configuration loaders, which run synchronously. */
export function readConfinedSync(root: string, file: string, options: ReadOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? MAX_READ_BYTES;
  const shown = options.shown ?? path.relative(root, file);
  let real: string;
  let fd: number;
  try {
    real = realpathSync(file);
    const outside = outsideRefusal(realpathSync(root), real, file, shown);
    if (outside) throw outside;
    fd = openSync(real, OPEN_FLAGS);
  } catch (error) {
    if (error instanceof ConfinementError) throw error;
    throw fsRefusal(error, file, shown);
  }
  try {
    const st = fstatSync(fd);
    checkStats(st, file, shown, maxBytes, options.hardLinks);
    const buffer = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) throw new ConfinementError('too-large', file, shown, `is larger than ${mb(maxBytes)}`);
        break;
      }
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof ConfinementError) throw error;
    throw fsRefusal(error, file, shown);
  } finally {
    closeSync(fd);
  }
}

/**
 * The real path of a reference inside root, checked like readConfined (link, kind, size) without
 * reading it: for callers that hand the path on (series chapters, stand-in targets).
 */
export async function locateConfined(root: string, file: string, options: ReadOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_READ_BYTES;
  const shown = options.shown ?? path.relative(root, file);
  const real = await realInside(root, file, shown);
  try {
    checkStats(await lstat(real), file, shown, maxBytes, options.hardLinks);
  } catch (error) {
    if (error instanceof ConfinementError) throw error;
    throw fsRefusal(error, file, shown);
  }
  return real;
}

/**
 * An output folder name made from a manuscript's name: never empty, `.` or `..`, no path separator,
 * no control character, no bidirectional override or isolate (a folder named 照片\u202Egpj.exe is
 * shown by a file manager as 照片exe.jpg), no leading dot (a hidden folder) and not longer than a
 * file system allows. `...md` gives "manuscript"; `.draft` gives "draft".
 */
export function safeOutputName(name: string, fallback = 'manuscript'): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069/\\]+/g, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120);
  return cleaned || fallback;
}

/** The longest start of `text` within `maxBytes` of UTF-8, cut at a whole character (a file name's bytes are what a file system counts). */
export function cutToBytes(text: string, maxBytes: number): string {
  let kept = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > maxBytes) break;
    kept += ch;
  }
  return kept;
}

/**
 * Most bytes of a source file's own name kept in an output's name. A file system allows 255 bytes
 * a name, and the page's photo copies add ~100 to the stem (hash, sizes, profile, proof width, and
 * a temporary file's .<pid>.<random>.tmp while written): cut at 60 characters, a photo named in 60
 * Chinese characters (180 bytes, a caption used as its name) made names of 270 bytes, and build:pdf
 * stopped with "cannot read …tmp: the name is too long".
 */
const STEM_BYTES = 90;

/**
 * The stem of an output file made from a manuscript's file (a scaled photo, a copied image): its
 * name in letters, digits, - and _ (a `%` or a space never reaches a URL), at most STEM_BYTES of
 * it, and a short hash of its path in the manuscript folder, so that two photo.jpg in different
 * folders (or two long names alike in their first words) never share one output.
 */
export function assetOutputStem(root: string, file: string): string {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const readable = cutToBytes(
    path
      .basename(file, path.extname(file))
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/^-+|-+$/g, ''),
    STEM_BYTES,
  );
  return `${readable.replace(/-+$/, '') || 'image'}-${createHash('sha256').update(rel).digest('hex').slice(0, 8)}`;
}

function linkRefusal(file: string, at: string, what: string): OutputPathError {
  return new OutputPathError(
    file,
    `${at} is ${what}; outputs are never written through it. Remove it (or choose another folder with --out) and build again`,
  );
}

/**
 * Make folder `dir` exist below the trusted folder `base` (made if missing, as the user named it),
 * creating each missing component itself and refusing any component below base that is a symbolic
 * link or not a folder. Returns dir, absolute.
 */
export async function ensureDirInside(base: string, dir: string): Promise<string> {
  const top = path.resolve(base);
  const target = path.resolve(dir);
  if (!isInside(top, target)) throw new OutputPathError(target, `${target} is outside the output folder ${top}`);
  await makeDirs(top);
  let current = top;
  for (const part of path.relative(top, target).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    let st: Stats | undefined = await lstat(current).catch(() => undefined);
    if (!st) {
      await mkdir(current).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      st = await lstat(current);
    }
    if (st.isSymbolicLink()) throw linkRefusal(target, current, 'a symbolic link');
    if (!st.isDirectory()) throw linkRefusal(target, current, `${kindOfOutput(st)}, not a folder`);
  }
  return target;
}

/**
 * `mkdir -p` for a folder the user named (links followed): each missing folder made in turn from
 * the deepest one that exists. (Node's recursive mkdir loops forever where the file system refuses
 * a folder without saying why, as under /proc; here that is one ENOENT from mkdir, reported.)
 */
export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); ; ) {
    const st = await stat(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      return undefined;
    });
    if (st) {
      if (!st.isDirectory()) throw new OutputPathError(dir, `${d} is ${kindOfOutput(st)}, not a folder; choose another output folder`);
      break;
    }
    missing.push(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing.reverse()) {
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

function kindOfOutput(st: Stats): string {
  return st.isFile() ? 'a file' : kindOf(st);
}
