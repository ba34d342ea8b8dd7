// Reading a manuscript from disk: which file, its bytes as UTF-8, and the folder it may read from.
import { readFile, stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { ManuscriptData } from '../core/article.js';
import { describeFsError, InputError, lineColumn } from '../core/input-error.js';
import { FINDINGS_SOURCE } from '../core/findings.js';

/** Markdown files a path names: the file itself, or every manuscript in a folder. */
export async function findManuscripts(target: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (error) {
    throw new InputError(`${target}: cannot read manuscript (${describeFsError(error)})`);
  }
  if (info.isFile()) return [path.resolve(target)];
  const found: string[] = [];
  async function walk(dir: string) {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    // A folder with article.md is one manuscript; its other markdown files are not articles.
    const article = entries.find((e) => e.isFile() && e.name === 'article.md');
    if (article) {
      found.push(path.join(dir, article.name));
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'images') await walk(full);
      else if (e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md') found.push(full);
    }
  }
  await walk(path.resolve(target));
  if (found.length === 0) throw new InputError(`${target}: no markdown manuscript found (expected article.md or *.md)`);
  return found;
}

/** The manuscript's bytes, or an InputError naming the file and why it cannot be read. */
export async function readManuscriptBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new InputError(`${file}: cannot read manuscript (${describeFsError(error)})`);
  }
}

/** The output folder name of a manuscript: its folder's name for article.md or index.md, else the file's stem. */
export function manuscriptOutputName(file: string): string {
  const abs = path.resolve(file);
  const stem = path.basename(abs, path.extname(abs));
  return stem === 'article' || stem === 'index' ? path.basename(path.dirname(abs)) : stem;
}

/**
 * Read one manuscript into a vfile. Invalid UTF-8 is not fatal: it becomes a located finding
 * (rule `encoding`), and the text is decoded with U+FFFD so the rest can still be checked.
 */
export async function readManuscript(file: string): Promise<VFile> {
  const bytes = await readManuscriptBytes(file);
  let text: string;
  let badOffset = -1;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    badOffset = text.indexOf('\uFFFD');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const abs = path.resolve(file);
  const data: ManuscriptData = { root: path.dirname(abs), outputName: manuscriptOutputName(abs) };
  const vfile = new VFile({ path: abs, value: text, cwd: process.cwd(), data: { manuscript: data } });
  if (badOffset >= 0) {
    const msg = vfile.message('The file is not valid UTF-8: bytes here cannot be decoded; save the manuscript as UTF-8', {
      place: lineColumn(text, badOffset),
      ruleId: 'encoding',
      source: FINDINGS_SOURCE,
    });
    msg.fatal = true;
  }
  return vfile;
}
