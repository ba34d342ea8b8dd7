// Whatever stops a command becomes one line that says what failed and what to do: a file system
// error names the path and the reason in words (not "ENOENT … mkdir"), a browser failure says that
// the browser stopped (not "Target closed"). The stack is printed only with BAOBAN_DEBUG=1.
import path from 'node:path';
import { InputError } from '../core/input-error.js';
import { ConfinementError, OutputPathError } from '../core/confine.js';

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a file stands where a folder is needed',
  EISDIR: 'a folder stands where a file is needed',
  EEXIST: 'something is already there',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EIO: 'input/output error',
};

const SYSCALL_VERBS: Record<string, string> = {
  mkdir: 'create the folder',
  open: 'open',
  write: 'write',
  rename: 'write',
  copyfile: 'copy to',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'list the folder',
  stat: 'read',
  lstat: 'read',
  read: 'read',
};

/** One line (without "error: ") for an error that stopped a command, and whether it was bad input. */
export function describeError(error: unknown): string {
  if (error instanceof InputError || error instanceof OutputPathError) return error.message;
  if (error instanceof ConfinementError) return `${error.file}: ${error.message}`;
  const e = error as NodeJS.ErrnoException & { name?: string };
  if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
    // A build's staging folder (.staging-Xy12Ab, output/staging.ts) is made in the output folder: the
    // output folder is what cannot be written, and the staging name means nothing to the user.
    const staging = e.syscall === 'mkdtemp';
    const verb = staging ? 'write into the folder' : (SYSCALL_VERBS[e.syscall] ?? e.syscall);
    const where = e.path ? ` ${staging ? path.dirname(e.path) : e.path}` : '';
    const reason =
      e.syscall === 'mkdir' && e.code === 'ENOENT' ? 'the file system does not allow a folder there' : (FS_REASONS[e.code] ?? e.code);
    const writing = /^(mkdir|mkdtemp|open|write|rename|copyfile)$/.test(e.syscall);
    const advice =
      e.code === 'EROFS'
        ? 'choose another output folder with --out'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? 'choose another output folder with --out, or make this one writable'
          : 'choose another output folder with --out, or free the space and try again';
    return `cannot ${verb}${where}: ${reason}${writing ? `; ${advice}` : ''}`;
  }
  const name = e?.name ?? '';
  const message = String(e?.message ?? error);
  if (name === 'TimeoutError' || /timeout .* exceeded/i.test(message)) {
    return `the browser did not finish in time (${message.split('\n')[0]}); the input may be too large for one page build. Nothing was written`;
  }
  if (
    name === 'TargetCloseError' ||
    name === 'ConnectionClosedError' ||
    name === 'ProtocolError' ||
    /Target closed|Session closed|Connection closed|Protocol error|browser has disconnected|frame was detached|detached Frame/i.test(
      message,
    )
  ) {
    return `the browser stopped unexpectedly (${message.split('\n')[0]}): it may have run out of memory on this input. Nothing was written`;
  }
  if (/Failed to launch the browser process/i.test(message)) {
    return `the browser could not be started (${message.split('\n')[0]}); set BAOBAN_CHROMIUM to a working Chromium to use another one`;
  }
  return `${message.split('\n')[0]} (set BAOBAN_DEBUG=1 for details)`;
}
