// What must be undone however the process ends: browsers to stop, temporary files and staging
// folders to remove. Each is registered while it exists and unregistered when done; on exit, on
// Ctrl-C (SIGINT), SIGTERM and SIGHUP the rest run, synchronously, before the process ends.
// (SIGKILL cannot be caught: the browser is started on a pipe, so it exits when this process does.)
import { rmSync } from 'node:fs';

type Cleanup = () => void;

const pending = new Set<Cleanup>();

/** Register a synchronous cleanup; call the returned function once the work is done. */
export function onCleanup(cleanup: Cleanup): () => void {
  pending.add(cleanup);
  return () => void pending.delete(cleanup);
}

/** A temporary file or folder removed on every exit path unless released first. */
export function removeOnExit(file: string): () => void {
  // Retried: a folder something still wrote into while it was removed (ENOTEMPTY) is removed again.
  return onCleanup(() => rmSync(file, { recursive: true, force: true, maxRetries: 3, retryDelay: 20 }));
}

/** Run every cleanup still registered (each at most once; one failing does not stop the others). */
export function runCleanups(): void {
  for (const cleanup of [...pending]) {
    pending.delete(cleanup);
    try {
      cleanup();
    } catch {
      /* best effort: the others still run */
    }
  }
}

const SIGNALS: Array<[NodeJS.Signals, number]> = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

let installed = false;

/** Install the exit and signal handlers (once, by the CLI entry). */
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runCleanups);
  for (const [signal, code] of SIGNALS) {
    process.on(signal, () => {
      process.stderr.write(`\ninterrupted (${signal}): browser stopped, temporary files removed; nothing half-written was kept\n`);
      runCleanups();
      process.exit(code);
    });
  }
}
