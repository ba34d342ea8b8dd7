// Reading a manuscript from disk: which file, its bytes as UTF-8, and the folder it may read from.
import { stat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { ManuscriptData } from '../core/article.js';
import { describeFsError, InputError, lineColumn, loneCrAsLf } from '../core/input-error.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { EDITIONS, MANUSCRIPT_FILE } from '../core/paths.js';
import { limitsFor, type Limits } from '../config/limits.js';
import { isPlanFile, kindOf } from '../config/project.js';
import { SERIES } from '../config/series.js';
import { guardManuscript, refuse } from './guard.js';
import { MAX_READ_BYTES, readConfined, readConfinedPrefix, refusalDetail, safeOutputName } from '../core/confine.js';

const EXPECTED = 'expected a markdown manuscript (a .md file) or a folder holding article.md or *.md';

/** Markdown files a path names: the file itself, or every manuscript in a folder (editions/ below it excepted). */
export async function findManuscripts(target: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (error) {
    throw new InputError(`${target}: cannot read manuscript (${describeFsError(error)})`);
  }
  if (info.isFile()) {
    // A layout, a series file or a photo named by mistake would otherwise be typeset as text.
    const config = configInstead(target);
    if (config) throw new InputError(`${target}: not a manuscript: ${config}`);
    if (!MANUSCRIPT_FILE.test(target)) throw new InputError(`${target}: not a manuscript: ${EXPECTED}`);
    return [path.resolve(target)];
  }
  if (!info.isDirectory()) throw new InputError(`${target}: not a manuscript: it is not a file or a folder; ${EXPECTED}`);
  const found: string[] = [];
  async function walk(dir: string) {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    // A manuscript reached through a symbolic link could be any file on the machine: refused by name.
    const linked = entries.find((e) => e.isSymbolicLink() && /\.md$/i.test(e.name) && e.name.toLowerCase() !== 'readme.md');
    if (linked) {
      throw new InputError(
        `${path.join(dir, linked.name)}: the manuscript is a symbolic link; manuscripts are read only as files in their folder: copy the file in`,
      );
    }
    // A folder with article.md is one manuscript; its other markdown files are not articles.
    const article = entries.find((e) => e.isFile() && e.name === 'article.md');
    if (article) {
      found.push(path.join(dir, article.name));
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      // Linked folders are not followed (isDirectory() is false for a link). An editions folder holds
      // edition plans and their stories: they are built through the plan (build:pdf -- plan.yaml),
      // not as pages of their own; naming the folder itself still reads them.
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'images' && e.name !== EDITIONS) await walk(full);
      else if (e.isFile() && e.name.endsWith('.md') && e.name.toLowerCase() !== 'readme.md') found.push(full);
    }
  }
  await walk(path.resolve(target));
  if (found.length === 0) throw new InputError(`${target}: ${await noManuscript(path.resolve(target))}`);
  return found;
}

/**
 * A YAML file named where a manuscript belongs: what kind of file it is (by its name, folder and
 * keys: config/project.ts) and the command that takes it.
 */
function configInstead(file: string): string | undefined {
  if (!/\.ya?ml$/i.test(file)) return undefined;
  if (isPlanFile(file)) return `it is an edition plan; build it with \`npm run build:pdf -- ${file}\``;
  const kind = kindOf(file);
  if (!kind) return undefined;
  const what = `it is ${/^[aeiou]/i.test(kind.title) ? 'an' : 'a'} ${kind.title.toLowerCase()} file (${kind.where})`;
  return kind.where === SERIES.where
    ? `${what}; build its volumes with \`npm run build:epub -- --series ${file}\``
    : `${what}; check it with \`npm run check -- --config-only ${file}\``;
}

/**
 * Why a folder holds no manuscript, and what to do: its text files that are not read as one
 * (draft.markdown, notes.txt, ARTICLE.MD) are named, since renaming one is the usual fix.
 */
async function noManuscript(dir: string): Promise<string> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const near = names.filter((n) => MANUSCRIPT_FILE.test(n) && n.toLowerCase() !== 'readme.md').sort();
  const what =
    'no manuscript in this folder: a manuscript is a folder holding article.md (or other *.md files), or a .md file named itself';
  if (near.length)
    return `${what}; it holds ${near.slice(0, 5).join(', ')}${near.length > 5 ? ', …' : ''}: rename the manuscript to article.md, or name the file`;
  return names.length ? what : `${what}; the folder is empty`;
}

/**
 * The manuscript's bytes, or an InputError naming the file and why it cannot be read. The file is
 * confined like everything a manuscript names (src/core/confine.ts): a regular file (a FIFO or a
 * device is refused, never waited on), of bounded size, and a link must not lead out of its folder.
 */
export async function readManuscriptBytes(file: string): Promise<Buffer> {
  const abs = path.resolve(file);
  try {
    return await readConfined(path.dirname(abs), abs, { maxBytes: MAX_READ_BYTES, shown: path.basename(abs) });
  } catch (error) {
    throw new InputError(`${file}: cannot read manuscript (${refusalDetail(error)})`);
  }
}

/**
 * At most `maxBytes` of the manuscript, and whether there was more: a file past the limit costs
 * no more memory than the limit (one byte beyond it tells that there is more). Confined as
 * readManuscriptBytes is.
 */
export async function readManuscriptPrefix(file: string, maxBytes: number): Promise<{ bytes: Buffer; more: boolean }> {
  const abs = path.resolve(file);
  try {
    return await readConfinedPrefix(path.dirname(abs), abs, maxBytes, path.basename(abs));
  } catch (error) {
    throw new InputError(`${file}: cannot read manuscript (${refusalDetail(error)})`);
  }
}

/**
 * The output folder name of a manuscript: its folder's name for article.md or index.md, else the
 * file's stem; never empty, `.` or `..` (safeOutputName: `...md` gives "manuscript").
 */
export function manuscriptOutputName(file: string): string {
  const abs = path.resolve(file);
  const stem = path.basename(abs, path.extname(abs));
  return safeOutputName(stem === 'article' || stem === 'index' ? path.basename(path.dirname(abs)) : stem);
}

/**
 * The text of a manuscript's bytes: UTF-8 (a byte-order mark dropped). A file that is not UTF-8 gets
 * `problem`, the `encoding` finding at `at`: a UTF-16 file (by its byte-order mark) and a GB18030/GBK
 * file (mostly undecodable as UTF-8, decoding as GB18030 without a fault into Chinese characters:
 * what a Windows editor in China saves) are read in their encoding, so the rest is checked and printed as written;
 * anything else is read with U+FFFD for the bytes that do not decode, located at the first of them.
 */
export function decodeManuscript(bytes: Uint8Array): { text: string; problem?: string; at: number } {
  const decode = (encoding: string) => {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  };
  const utf8 = decode('utf-8');
  if (utf8 !== undefined) return { text: utf8.charCodeAt(0) === 0xfeff ? utf8.slice(1) : utf8, at: 0 };
  const save = 'save the manuscript as UTF-8 (in the editor: Save As, encoding UTF-8)';
  const bom = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  const utf16 = bom && decode(bom);
  if (utf16 !== undefined)
    return { text: utf16, at: 0, problem: `The file is UTF-16, not UTF-8 (it was read as UTF-16 for these checks): ${save}` };
  const lossy = new TextDecoder('utf-8').decode(bytes);
  // A UTF-8 file with a stray byte has far more good characters beyond ASCII than bad bytes; a GBK
  // file has almost none (it would be read as mojibake otherwise).
  const bad = lossy.match(/\uFFFD/g)?.length ?? 0;
  const good = lossy.match(/[^\u0000-\u007F\uFFFD]/g)?.length ?? 0;
  const gb = bad > good ? decode('gb18030') : undefined;
  if (gb !== undefined && /\p{Script=Han}/u.test(gb)) {
    return { text: gb, at: 0, problem: `The file is GB18030 (GBK), not UTF-8 (it was read as GB18030 for these checks): ${save}` };
  }
  const bomless = lossy.charCodeAt(0) === 0xfeff ? lossy.slice(1) : lossy;
  return {
    text: bomless,
    at: bomless.indexOf('\uFFFD'),
    problem: `The file is not valid UTF-8: bytes here cannot be decoded; ${save}`,
  };
}

/**
 * Read one manuscript into a vfile. Invalid UTF-8 is not fatal: it becomes a located finding
 * (rule `encoding`), and the text is decoded with U+FFFD so the rest can still be checked. A
 * manuscript past a limit (size, nesting, paragraph length, blocks, markup: src/config/limits.ts) is refused: the
 * vfile then carries one finding saying where and why, `refused`, and no text.
 */
export async function readManuscript(file: string, limits?: Limits): Promise<VFile> {
  const abs = path.resolve(file);
  const data: ManuscriptData = { root: path.dirname(abs), outputName: manuscriptOutputName(abs) };
  const limit = limits ?? limitsFor(data.root);
  const { bytes, more } = await readManuscriptPrefix(file, limit.maxInputBytes);
  if (more) {
    const vfile = new VFile({ path: abs, value: '', cwd: process.cwd(), data: { manuscript: data } });
    // A character cut by the limit is left out: the place is where it starts.
    const prefix = new TextDecoder('utf-8').decode(bytes, { stream: true });
    refuse(
      vfile,
      'input-too-large',
      `The manuscript is larger than ${limit.maxInputBytes.toLocaleString('en')} bytes; this is where it passes the limit`,
      lineColumn(prefix, prefix.length),
      limit,
    );
    return vfile;
  }
  const decoded = decodeManuscript(bytes);
  const text = loneCrAsLf(decoded.text);
  const vfile = new VFile({ path: abs, value: text, cwd: process.cwd(), data: { manuscript: data } });
  if (guardManuscript(vfile, limit)) {
    vfile.value = '';
    return vfile;
  }
  if (decoded.problem) {
    const msg = vfile.message(decoded.problem, { place: lineColumn(text, decoded.at), ruleId: 'encoding', source: FINDINGS_SOURCE });
    msg.fatal = true;
  }
  return vfile;
}
