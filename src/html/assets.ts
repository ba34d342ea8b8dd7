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

/**
 * Point every <img> at a copy in `outDir/images/`, named once per source file (assetOutputStem).
 * An image that is refused (outside the folder, a link leading out, a URL), missing or unreadable
 * is removed from the document and reported (html-image-missing), so article.html only ever
 * references files beside it.
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
      try {
        const bytes = await readConfined(root, resolved.file, { shown: ref, maxBytes });
        const name = `${assetOutputStem(root, resolved.file)}${path
          .extname(resolved.file)
          .toLowerCase()
          .replace(/[^.a-z0-9]/g, '')}`;
        await writeAtomic(path.join(outDir, 'images', name), bytes, outDir);
        node.properties.src = `images/${encodeURIComponent(name)}`;
        copied++;
        continue;
      } catch (error) {
        if (!(error instanceof ConfinementError)) throw error;
        problem = error.message;
      }
    }
    const msg = file.message(`Image not in article.html: ${problem}; the page shows its caption only`, {
      place: node.position,
      ruleId: 'html-image-missing',
      source: FINDINGS_SOURCE,
    });
    msg.fatal = false;
    parent.children = (parent.children as Element[]).filter((c) => c !== node);
  }
  return copied;
}
