// Where a build writes each manuscript's outputs: <--out or dist/>/<output name>/. The name is
// safe (src/core/confine.ts safeOutputName, never `.`, `..` or empty), the folder is made without
// following a link below the base, and two manuscripts of one run never share a folder.
import path from 'node:path';
import { ensureDirInside } from '../core/confine.js';
import { InputError } from '../core/input-error.js';
import { DIST } from '../core/paths.js';
import { shortPath } from '../output/progress.js';

export class OutputFolders {
  readonly base: string;
  private readonly owners = new Map<string, string>();

  constructor(out: string | undefined) {
    this.base = path.resolve(out ?? DIST);
  }

  /** The folder of `name` (made), for the manuscript `source`. */
  async folder(name: string, source: string): Promise<string> {
    const owner = this.owners.get(name);
    if (owner && owner !== source) {
      throw new InputError(
        `${shortPath(source)} and ${shortPath(owner)} would both be written to ${shortPath(path.join(this.base, name))}/; ` +
          'rename one of them, or build them one at a time with --out',
      );
    }
    this.owners.set(name, source);
    return ensureDirInside(this.base, path.join(this.base, name));
  }

  /** The folder of `name` without making it (where a refused build would have written). */
  path(name: string): string {
    return path.join(this.base, name);
  }
}
