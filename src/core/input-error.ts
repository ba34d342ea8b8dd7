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

/**
 * The text with every lone CR (an old Mac line end, where markdown also ends a line) made an LF.
 * The length is the same, so an offset into it is an offset into the file; only the line count
 * changes, to the lines markdown sees: every finding, the fixer's report and the outputs' soft
 * breaks then agree with an editor that shows the file (\r\n is left as it is).
 */
export function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** 1-based line and column of a UTF-16 offset in a text (for one lookup; the checks use a locator). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  // Counted in place: a manuscript can be megabytes, and this must not copy or split it.
  const end = Math.min(offset, text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * A message on one line: a line break or another control character in a value it quotes (a plan's
 * "br\nief") is written as its escape, as YAML's double quotes write it, so that each problem
 * stays one line of the console and of a report.
 */
export function oneLine(message: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return message.replace(
    /[\u0000-\u001f\u007f\u0085\u2028\u2029]/g,
    (c) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
