// Identical images are stored once: when several chapters (or one chapter under two names) use the
// same picture, the book keeps one file and one manifest item, and every chapter refers to it.
// Identity is the bytes the reader gets (the converted image), so the same photo saved twice with
// different metadata or under another name is caught too. The first use, in reading order, keeps
// its name: the same input always gives the same book.
import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { Chapter } from './chapter.js';
import type { BookImage } from './images.js';

export function storeImagesOnce(chapters: Chapter[]): void {
  const kept = new Map<string, BookImage>();
  for (const chapter of chapters) {
    const renamed = new Map<string, string>();
    chapter.images = chapter.images.filter((image) => {
      const key = createHash('sha256').update(image.data).digest('hex');
      const first = kept.get(key);
      if (!first) {
        kept.set(key, image);
        return true;
      }
      renamed.set(image.href, first.href);
      return false;
    });
    if (!renamed.size) continue;
    visit(chapter.tree, 'element', (node: Element) => {
      const src = node.tagName === 'img' ? node.properties.src : undefined;
      if (typeof src === 'string' && renamed.has(src)) node.properties.src = renamed.get(src)!;
    });
  }
}
