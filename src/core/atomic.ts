// Outputs are written to a temporary file beside the target and renamed into place, so a failed
// or interrupted build never leaves a half-written file in dist/. The temporary file is created
// exclusively (a link planted under its name is never followed), and the rename replaces whatever
// is at the target (a link there is replaced, never written through).
import { chmod, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { cutToBytes, ensureDirInside, makeDirs } from './confine.js';
import { removeOnExit } from './cleanup.js';

/** Most bytes of a file's name on the file systems outputs are written to (ext4, XFS, APFS, NTFS). */
export const NAME_BYTES = 255;

/**
 * A name for a temporary file beside `file`, hidden, unique to this process and call. The target's
 * name is cut (by bytes, at a whole character) to leave room for the rest: a target named within
 * the limit, as a stand-in for a photo named in 79 Chinese characters is, made a temporary name
 * past it, and the write stopped with "the name is too long".
 */
export function tempBeside(file: string, suffix = 'tmp'): string {
  const tail = `.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`;
  const name = `.${cutToBytes(path.basename(file), NAME_BYTES - 1 - Buffer.byteLength(tail))}`;
  return path.join(path.dirname(file), `${name}${tail}`);
}

/**
 * Write `data` to `file` through a temp file and a rename. With `within` (the output folder the
 * build was given), every folder from there down to the file is made or checked by
 * ensureDirInside: none may be a symbolic link. With `mode`, the file gets those permissions.
 */
export async function writeAtomic(file: string, data: string | Uint8Array, within?: string, mode?: number): Promise<void> {
  if (within) await ensureDirInside(within, path.dirname(file));
  else await makeDirs(path.dirname(file));
  const tmp = tempBeside(file);
  const release = removeOnExit(tmp);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    // The permissions of the file it replaces (a manuscript of 0600 stays private), whatever the umask.
    if (mode !== undefined) await chmod(tmp, mode & 0o7777);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    release();
  }
}
