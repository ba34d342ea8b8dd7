// Outputs are written to a temporary file beside the target and renamed into place, so a failed
// or interrupted build never leaves a half-written file in dist/. The temporary file is created
// exclusively (a link planted under its name is never followed), and the rename replaces whatever
// is at the target (a link there is replaced, never written through).
import { chmod, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureDirInside, makeDirs } from './confine.js';
import { removeOnExit } from './cleanup.js';

/** A name for a temporary file beside `file`, hidden, unique to this process and call. */
export function tempBeside(file: string, suffix = 'tmp'): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
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
