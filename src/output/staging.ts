// A build writes all of its outputs or none: each file is written into a staging folder beside
// the targets (.staging-*, in the output folder, so the renames stay on one file system), and only
// when every one is written are they renamed into place, one after the other with nothing left to
// fail but the renames. A full disk or an interrupted build leaves the previous outputs as they
// were (a new page.fit.json never lands beside an old page.pdf); the staging folder is removed on
// every path, Ctrl-C included (src/core/cleanup.ts).
import { lstat, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeOnExit } from '../core/cleanup.js';
import { ensureDirInside, isInside, OutputPathError } from '../core/confine.js';

export interface Staging {
  /** Write one output (a path relative to the output folder) into the staging folder. */
  write(name: string, data: string | Uint8Array): Promise<void>;
  /** Move every staged output into place; returns their final paths. */
  commit(): Promise<string[]>;
  /** Drop everything staged (the previous outputs stay). */
  abort(): Promise<void>;
}

export async function stageOutputs(outDir: string): Promise<Staging> {
  await ensureDirInside(outDir, outDir);
  const dir = await mkdtemp(path.join(outDir, '.staging-'));
  const release = removeOnExit(dir);
  const staged: Array<{ from: string; to: string }> = [];
  const done = async () => {
    await rm(dir, { recursive: true, force: true });
    release();
  };
  return {
    async write(name, data) {
      const to = path.resolve(outDir, name);
      if (!isInside(path.resolve(outDir), to) || to === path.resolve(outDir)) throw new Error(`output "${name}" is not inside ${outDir}`);
      const from = path.join(dir, String(staged.length));
      await writeFile(from, data, { flag: 'wx' });
      staged.push({ from, to });
    },
    async commit() {
      try {
        for (const { to } of staged) await ensureDirInside(outDir, path.dirname(to));
        // A rename fails only where a folder stands at an output's name: found before any is moved,
        // or the outputs renamed before it would land beside the old ones after it.
        for (const { to } of staged) if ((await lstat(to).catch(() => undefined))?.isDirectory()) throw folderInTheWay(to);
        for (const { from, to } of staged) await rename(from, to);
      } finally {
        await done();
      }
      return staged.map((s) => s.to);
    },
    abort: done,
  };
}

function folderInTheWay(file: string): OutputPathError {
  return new OutputPathError(
    file,
    `${file} is a folder where this output file goes; nothing was written. Remove the folder (or choose another folder with --out) and build again`,
  );
}
