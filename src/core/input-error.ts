// Bad input: one clear line naming the file (and line and column), never a stack trace.

/** A problem with the input that stops work on it: printed as one line, never as a stack trace. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Why a file system call failed, in words (the error code, not a stack). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return (error as Error)?.message ?? String(error);
}

/** 1-based line and column of a UTF-16 offset in a text (for one lookup; the checks use a locator). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
