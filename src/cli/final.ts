// A press build (--final) refuses to write while any error remains.
import type { VFile } from 'vfile';
import { shortPath } from '../output/progress.js';

export function refuseFinal(final: boolean, file: VFile): boolean {
  const errors = file.messages.filter((m) => m.fatal === true).length;
  if (!final || errors === 0) return false;
  process.stderr.write(`✗ ${shortPath(file.path)}: ${errors} error(s) remain; --final writes nothing until they are fixed\n`);
  return true;
}
