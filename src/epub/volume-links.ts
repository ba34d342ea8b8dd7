// Links between the chapters of a volume. A chapter is one manuscript, and the book cuts it into
// files of its own (split-chapter.ts): a link to another manuscript of the volume
// (../第二章/article.md, ../第二章/article.md#小节) or to a heading only another chapter has (#小节)
// is resolved here, once every chapter is split, to the file that heading ended up in. A link that
// names no chapter of the volume, or no heading of the chapter it names, keeps its text, loses the
// link and is told at the manuscript's line (epub-link-dropped), as before.
import path from 'node:path';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { BOOK_LINK, type Chapter, dropLink, headingSlug, toXhtml } from './chapter.js';
import type { SplitChapter } from './split-chapter.js';

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed %-escape: compared as written
  }
};

/** The id a fragment names in a chapter: an id it has, or a heading's written as its text (#小节). */
function anchorIn(chapter: Chapter, fragment: string): string | undefined {
  const name = decoded(fragment);
  if (chapter.anchors.ids.has(name)) return name;
  return chapter.anchors.headings.get(headingSlug(name));
}

/** How the finding names a chapter: 第2章《标题》 */
const chapterName = (chapter: Chapter) => `chapter ${chapter.index} (${chapter.title})`;

/** The chapter a manuscript address names: its file, or the folder it is the one manuscript of. */
function chapterAt(chapters: Chapter[], from: Chapter, address: string): Chapter | undefined {
  const target = path.resolve(path.dirname(from.source), decoded(address)).replace(/[\\/]+$/, '');
  const byFile = chapters.find((c) => path.resolve(c.source) === target);
  if (byFile) return byFile;
  const inFolder = chapters.filter((c) => path.dirname(path.resolve(c.source)) === target);
  return inFolder.length === 1 ? inFolder[0] : undefined;
}

type Resolved = { chapter: Chapter; id: string } | { why: string };

function resolve(chapters: Chapter[], from: Chapter, href: string): Resolved {
  const hash = href.indexOf('#');
  const address = hash < 0 ? href : href.slice(0, hash);
  const fragment = hash < 0 ? '' : href.slice(hash + 1);
  if (!address) {
    // #小节 that this chapter has no heading for: the one other chapter that has one.
    const having = chapters.filter((c) => c !== from && c.anchors.headings.has(headingSlug(decoded(fragment))));
    if (having.length === 1) return { chapter: having[0], id: anchorIn(having[0], fragment)! };
    if (having.length > 1)
      return {
        why: `names a heading of ${having.length} chapters (${having.map(chapterName).join(', ')}); its text is kept without the link. Write the chapter's manuscript before it (${path.basename(path.dirname(having[0].source))}/${path.basename(having[0].source)}#…, as a path from this manuscript)`,
      };
    return {
      why: 'names no heading or note of this chapter, nor a heading of another chapter of the volume; its text is kept without the link. Link to a heading by its text (#小节; in another chapter, ../第二章/article.md#小节), or drop the link',
    };
  }
  const chapter = chapterAt(chapters, from, address);
  // A file that is no manuscript (资料.pdf) is not carried by the book at all.
  if (!chapter && !/(\.(md|markdown)|\/)$/i.test(address) && !/(^|\/)\.{0,2}$/.test(address))
    return { why: 'has no target in the e-book; its text is kept without the link. Use a web address, or drop the link' };
  if (!chapter)
    return {
      why: 'names no chapter of this volume: the e-book has no such file; its text is kept without the link. Link to a chapter by its manuscript (../第二章/article.md, with #小节 for a heading in it), use a web address, or drop the link',
    };
  if (!fragment) return { chapter, id: chapter.titleId };
  const id = anchorIn(chapter, fragment);
  if (id) return { chapter, id };
  return {
    why: `names no heading or note of ${chapterName(chapter)}; its text is kept without the link. Link to one of its headings by its text (#小节), or to the chapter alone`,
  };
}

/**
 * Every link a chapter left to the volume (chapter.ts BOOK_LINK) points at the file of the
 * chapter and heading it names, or is dropped and told in its manuscript's vfile. The files'
 * XHTML is serialised again where a link changed.
 */
export function linkVolume(chapters: Chapter[], split: SplitChapter[], files: VFile[]): void {
  for (const [i, from] of chapters.entries()) {
    for (const part of split[i].files) {
      let changed = false;
      const dropped: Array<{ node: Element; parent: Element; href: string; why: string }> = [];
      visit(part.tree, 'element', (node: Element, _index, parent) => {
        const href = node.properties[BOOK_LINK];
        if (typeof href !== 'string') return;
        delete node.properties[BOOK_LINK];
        changed = true;
        const to = resolve(chapters, from, href);
        if ('why' in to) {
          if (parent?.type === 'element') dropped.push({ node, parent, href, why: to.why });
          return;
        }
        const file = split[chapters.indexOf(to.chapter)].fileOf(to.id);
        node.properties.href = file === part.filename ? `#${to.id}` : `${file}#${to.id}`;
      });
      for (const { node, parent, href, why } of dropped) dropLink(files[i], node, parent, href, why);
      if (changed) part.xhtml = toXhtml(part.tree);
    }
  }
}
