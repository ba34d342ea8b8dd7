// Copy what an article document references (font slices, images) into its output folder, so the
// document opens on its own. Images are read under the confinement rule (src/core/confine.ts); an
// image that is not copied is taken out of the document, never left pointing elsewhere.
import { constants } from 'node:fs';
import { copyFile, lstat, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { assetOutputStem, ConfinementError, ensureDirInside, readConfined, resolveAsset } from '../core/confine.js';
import { tempBeside, writeAtomic } from '../core/atomic.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import type { FontSlice } from '../config/font-coverage.js';
import { limitsFor } from '../config/limits.js';

/** Copy a file of the project's own (a font slice) unless an equal copy is there. */
async function copyIfChanged(from: string, to: string, outDir: string): Promise<void> {
  const [a, b] = await Promise.all([stat(from), lstat(to).catch(() => undefined)]);
  if (b?.isFile() && b.size === a.size && b.mtimeMs >= a.mtimeMs) return;
  await ensureDirInside(outDir, path.dirname(to));
  const tmp = tempBeside(to);
  try {
    await copyFile(from, tmp, constants.COPYFILE_EXCL);
    await rename(tmp, to);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Copy font slices into `outDir/fonts/`; returns the relative URL for each slice file. */
export async function copyFonts(slices: FontSlice[], outDir: string): Promise<(file: string) => string> {
  const files = [...new Set(slices.map((s) => s.file))];
  await Promise.all(files.map((f) => copyIfChanged(f, path.join(outDir, 'fonts', path.basename(f)), outDir)));
  return (file) => `fonts/${encodeURIComponent(path.basename(file))}`;
}

/** What the bytes of an image are, by their first bytes (never by the name): only JPEG and PNG are copied. */
function imageKind(bytes: Buffer): { ext?: '.jpg' | '.png'; what: string } {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ext: '.jpg', what: 'JPEG' };
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { ext: '.png', what: 'PNG' };
  if (bytes.length === 0) return { what: 'an empty file' };
  const head = bytes.subarray(0, 512).toString('latin1');
  if (head.startsWith('GIF8')) return { what: 'GIF' };
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return { what: 'WebP' };
  if (/<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'))) return { what: 'SVG (which can hold scripts)' };
  return { what: 'not an image (text or another kind of file)' };
}

/**
 * Point every <img> at a copy in `outDir/images/`, named once per source file (assetOutputStem).
 * An image that is refused (outside the folder, a link leading out, a URL), missing or unreadable
 * is removed from the document and reported (html-image-missing), so article.html only ever
 * references files beside it. So is a file that is not JPEG or PNG by its bytes (what every output
 * accepts: image-format): an SVG's scripts, a text file named .jpg or an empty file are never copied.
 */
export async function copyImages(tree: Root, root: string, outDir: string, file: VFile): Promise<number> {
  const images: Array<{ node: Element; parent: Element | Root }> = [];
  visit(tree, 'element', (node: Element, _i, parent) => {
    if (node.tagName === 'img' && parent) images.push({ node, parent: parent as Element | Root });
  });
  let copied = 0;
  const maxBytes = limitsFor(root).maxImageBytes;
  for (const { node, parent } of images) {
    const ref = String(node.properties.src ?? '');
    const resolved = resolveAsset(root, ref);
    let problem = resolved.refused;
    if (resolved.file) {
      let bytes: Buffer | undefined;
      try {
        bytes = await readConfined(root, resolved.file, { shown: ref, maxBytes });
      } catch (error) {
        if (!(error instanceof ConfinementError)) throw error;
        problem = error.message;
      }
      const kind = bytes && imageKind(bytes);
      if (bytes && kind?.ext) {
        // The extension says what the bytes are (a PNG named photo.jpg is served as the PNG it is).
        const name = `${assetOutputStem(root, resolved.file)}${kind.ext}`;
        await writeAtomic(path.join(outDir, 'images', name), bytes, outDir);
        node.properties.src = `images/${encodeURIComponent(name)}`;
        copied++;
        continue;
      }
      if (kind) problem = `"${ref}" is ${kind.what}: only JPEG and PNG images are copied`;
    }
    // A photo's caption stays in its figure; an image in running text, a list, a quote or a table has none.
    const inFigure = parent.type === 'element' && parent.tagName === 'figure';
    const alt = String(node.properties.alt ?? '');
    const shown = inFigure ? 'the page shows its caption only' : alt ? `its text ("${alt}") is not shown either` : 'nothing of it is shown';
    const msg = file.message(`Image not in article.html: ${problem}; ${shown}`, {
      place: node.position,
      ruleId: 'html-image-missing',
      source: FINDINGS_SOURCE,
    });
    msg.fatal = false;
    parent.children = (parent.children as Element[]).filter((c) => c !== node);
  }
  return copied;
}
