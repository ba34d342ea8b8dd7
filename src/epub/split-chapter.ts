// A long chapter in several files. E-readers load a content document whole: files over ~300 KB
// open slowly or not at all on older devices (Adobe RMSDK readers, e-ink), and distributors ask for
// smaller ones. A chapter whose XHTML would exceed the limit is cut between the blocks of its body,
// at the highest headings that give parts within the limit (小标题 first, then lower headings, and
// only a chapter part with no heading in reach between paragraphs). Each part is a file of the
// spine; what pointed at an id in another part (a heading, a footnote, its way back) names that
// file, so the navigation, the notes and the chapter's own links keep working.
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { type Chapter, toXhtml } from './chapter.js';

export interface ChapterFile {
  /** Package file name: the chapter's own for the first part, then …-2.xhtml, …-3.xhtml */
  filename: string;
  /** The part's body content, serialised */
  xhtml: string;
}

export interface SplitChapter {
  files: ChapterFile[];
  /** The file an id of the chapter is in (a heading's, for the navigation) */
  fileOf: (id: string) => string;
  /** Blocks larger than the limit on their own (a huge table or paragraph): each is a file of its own, larger than the limit */
  oversized: Element[];
}

/** What the chapter template adds around a part's body (XML declaration, head, title, stylesheet). */
const TEMPLATE_BYTES = 512;

const bytes = (nodes: ElementContent[]) => Buffer.byteLength(toXhtml(nodes));
const isElement = (n: ElementContent | Root['children'][number]): n is Element => n.type === 'element';
const headingLevel = (n: ElementContent): number => (isElement(n) && /^h[2-6]$/.test(n.tagName) ? Number(n.tagName[1]) : 7);

export function splitChapter(chapter: Chapter, maxBytes: number): SplitChapter {
  const whole = toXhtml(chapter.tree);
  const single: SplitChapter = { files: [{ filename: chapter.filename, xhtml: whole }], fileOf: () => chapter.filename, oversized: [] };
  if (Buffer.byteLength(whole) + TEMPLATE_BYTES <= maxBytes) return single;
  const section = chapter.tree.children.find(isElement);
  const body = section?.children.find((c): c is Element => isElement(c) && classes(c).includes('article-body'));
  if (!section || !body) return single;

  const blocks = body.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  // The first part carries the chapter's section and headline block; every part the body's wrapper.
  const frame = bytes([{ ...section, children: section.children.filter((c) => c !== body) }]) + bytes([{ ...body, children: [] }]);
  const budget = Math.max(1, maxBytes - TEMPLATE_BYTES - frame);
  const sizes = blocks.map((b) => bytes([b]) + 1);
  const oversized: Element[] = [];
  const parts: number[][] = [];
  let current: number[] = [];
  let used = 0;
  /** Pack the blocks from..to (exclusive) into parts, cutting before headings of `level` or above. */
  /**
   * End the current part. Headings at its end go on with the text they head: no part ends in a
   * heading, or is headings only.
   */
  const flush = () => {
    let keep = current.length;
    while (keep > 0 && headingLevel(blocks[current[keep - 1]]) < 7) keep--;
    if (keep) parts.push(current.slice(0, keep));
    current = current.slice(keep);
    used = current.reduce((n, i) => n + sizes[i], 0);
  };
  const pack = (from: number, to: number, level: number) => {
    const starts = [from];
    for (let i = from + 1; i < to; i++) if (headingLevel(blocks[i]) <= level) starts.push(i);
    starts.push(to);
    for (let s = 0; s + 1 < starts.length; s++) {
      const [a, b] = [starts[s], starts[s + 1]];
      const size = sizes.slice(a, b).reduce((x, y) => x + y, 0);
      if (used + size <= budget) {
        for (let i = a; i < b; i++) current.push(i);
        used += size;
        continue;
      }
      if (size > budget && level < 7) {
        pack(a, b, level + 1);
        continue;
      }
      flush();
      for (let i = a; i < b; i++) current.push(i);
      used += size;
      if (size > budget) {
        // One block larger than the limit: it cannot be cut; it ends its file (with its heading).
        if (isElement(blocks[a])) oversized.push(blocks[a]);
        parts.push(current);
        current = [];
        used = 0;
      }
    }
  };
  pack(0, blocks.length, 2);
  if (current.length) parts.push(current);
  if (parts.length < 2) return { ...single, oversized };

  const stem = chapter.filename.replace(/\.xhtml$/, '');
  const names = parts.map((_, k) => (k === 0 ? chapter.filename : `${stem}-${k + 1}.xhtml`));
  const trees: Root[] = parts.map((indices, k) => {
    const content: Element = { ...body, children: indices.flatMap((i) => [{ type: 'text' as const, value: '\n' }, blocks[i]]) };
    content.children.push({ type: 'text', value: '\n' });
    if (k > 0) return { type: 'root', children: [content] };
    const first: Element = { ...section, children: section.children.map((c) => (c === body ? content : c)) };
    return { type: 'root', children: [first] };
  });
  // Where each id ends up, then every reference to an id of another part made to name its file.
  const home = new Map<string, number>();
  for (const [k, tree] of trees.entries())
    visit(tree, 'element', (node: Element) => {
      if (node.properties.id !== undefined) home.set(String(node.properties.id), k);
    });
  const copies = trees.map((tree, k) => relink(structuredClone(tree), k, home, names));
  return {
    files: copies.map((tree, k) => ({ filename: names[k], xhtml: toXhtml(tree) })),
    fileOf: (id) => names[home.get(id) ?? 0],
    oversized,
  };
}

/**
 * A link to an id of another part names that part's file (`#fn-1` → `ch01-x-3.xhtml#fn-1`);
 * aria-describedby / aria-labelledby may name ids of their own document only, so another part's is
 * dropped (the link itself still leads there).
 */
function relink(tree: Root, part: number, home: Map<string, number>, names: string[]): Root {
  visit(tree, 'element', (node: Element) => {
    const href = node.properties.href;
    if (typeof href === 'string' && href.startsWith('#') && href.length > 1) {
      let id = href.slice(1);
      try {
        id = decodeURIComponent(id);
      } catch {
        // a malformed %-escape: compared as written
      }
      const k = home.get(id);
      if (k !== undefined && k !== part) node.properties.href = `${names[k]}${href}`;
    }
    for (const key of ['ariaDescribedBy', 'ariaLabelledBy'] as const) {
      const ids = node.properties[key];
      if (!Array.isArray(ids)) continue;
      const kept = ids.filter((id) => home.get(String(id)) === part);
      if (kept.length) node.properties[key] = kept;
      else delete node.properties[key];
    }
  });
  return tree;
}

const classes = (node: Element): string[] => (node.properties?.className as string[] | undefined) ?? [];
