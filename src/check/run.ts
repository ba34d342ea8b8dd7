// Checking without typesetting: read → parse → rules. `check`, `check --fix` and the tests use it;
// builds run the same rules through loadArticle (src/pipeline.ts).
import path from 'node:path';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import { readManuscript } from '../manuscript/read.js';
import { parseManuscript } from '../markdown/processor.js';
import { checkManuscript, type CheckOptions } from './index.js';

export interface Checked {
  file: VFile;
  tree: Root;
}

export async function checkPath(file: string, options: CheckOptions = {}): Promise<Checked> {
  return checkVFile(await readManuscript(file, options.limits), options);
}

/** Check text as if it were the manuscript at `file` (its folder is the manuscript folder). */
export async function checkText(text: string, file: string, options: CheckOptions = {}): Promise<Checked> {
  const abs = path.resolve(file);
  const root = path.dirname(abs);
  const vfile = new VFile({ path: abs, value: text, cwd: process.cwd(), data: { manuscript: { root, outputName: path.basename(root) } } });
  return checkVFile(vfile, options);
}

async function checkVFile(file: VFile, options: CheckOptions): Promise<Checked> {
  const tree = await parseManuscript(file, options.limits);
  await checkManuscript(tree, file, options);
  return { file, tree };
}
