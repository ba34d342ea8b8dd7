// A long chapter in several files. E-readers load a content document whole: files over ~300 KB
// open slowly or not at all on older devices (Adobe RMSDK readers, e-ink), and distributors ask for
// smaller ones. A chapter whose XHTML would exceed the limit is cut between the blocks of its body,
// at the highest headings that give parts within the limit (小标题 first, then lower headings, and
// only a chapter part with no heading in reach between paragraphs). Each part is a file of the
// spine; what pointed at an id in another part (a heading, a footnote, its way back) names that
// file, so the navigation, the notes and the chapter's own links keep working.
// The notes do not wait for the last part: Apple Books, Kobo and other readers open a note as a
// pop-up only from its own file. Each part ends with the notes first referred to in it (numbered
// as in the whole chapter, under its own 注释 heading); a note referred to from two parts stays
// with its first reference (a reader meets it there first, and its text is set once), and the
// later reference links to it across the files, as before.
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { type Chapter, toXhtml } from './chapter.js';

export interface ChapterFile {
  /** Package file name: the chapter's own for the first part, then …-2.xhtml, …-3.xhtml */
  filename: string;
  /** The part's body content, serialised */
  xhtml: string;
  /** The tree serialised: its elements keep their manuscript positions (source-places.ts) */
  tree: Root;
}

export interface SplitChapter {
  files: ChapterFile[];
  /** The file an id of the chapter is in (a heading's, for the navigation) */
  fileOf: (id: string) => string;
  /** Blocks larger than the limit on their own (a huge table or paragraph): each is a file of its own, larger than the limit */
  oversized: Element[];
  /**
   * Headings the navigation leaves out: the notes' 注释 once the notes are set in several parts
   * (there is no one list of them to lead to, and an entry at the chapter's end would lead back
   * into an earlier file, out of reading order).
   */
  unlisted: Set<string>;
}

/** What the chapter template adds around a part's body (XML declaration, head, title, stylesheet). */
const TEMPLATE_BYTES = 512;

const bytes = (nodes: ElementContent[]) => Buffer.byteLength(toXhtml(nodes));
const isElement = (n: ElementContent | Root['children'][number]): n is Element => n.type === 'element';
/** A block's heading level, 7 for any other block; a stray `#` in the body (h1) is a 小标题, as the navigation takes it. */
const headingLevel = (n: ElementContent): number => (isElement(n) && /^h[1-6]$/.test(n.tagName) ? Math.max(2, Number(n.tagName[1])) : 7);

export function splitChapter(chapter: Chapter, maxBytes: number): SplitChapter {
  const whole = toXhtml(chapter.tree);
  const single: SplitChapter = {
    files: [{ filename: chapter.filename, xhtml: whole, tree: chapter.tree }],
    fileOf: () => chapter.filename,
    oversized: [],
    unlisted: new Set(),
  };
  if (Buffer.byteLength(whole) + TEMPLATE_BYTES <= maxBytes) return single;
  const section = chapter.tree.children.find(isElement);
  const body = section?.children.find((c): c is Element => isElement(c) && classes(c).includes('article-body'));
  if (!section || !body) return single;

  const all = body.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  const found = all.find((c): c is Element => isElement(c) && c.tagName === 'section' && classes(c).includes('footnotes'));
  // The notes section (when it is the heading and list GFM writes) is not a block: its notes go with their references.
  const notes = found ? chapterNotes(found) : undefined;
  const notesSection = notes ? found : undefined;
  const blocks = all.filter((c) => c !== notesSection);
  // The notes each block brings to its part (those first referred to in it, and the notes those refer to).
  const placed = new Set<string>();
  const blockNotes = blocks.map((b) => (notes ? notesReferred(b, notes, placed) : []));
  // The first part carries the chapter's section and headline block; every part the body's wrapper.
  const frame = bytes([{ ...section, children: section.children.filter((c) => c !== body) }]) + bytes([{ ...body, children: [] }]);
  const budget = Math.max(1, maxBytes - TEMPLATE_BYTES - frame);
  const notesFrame = notesSection && notes ? bytes([{ ...notesSection, children: [notes.heading, { ...notes.list, children: [] }] }]) : 0;
  // A block's size counts the notes it brings, and a notes section's frame (counted for each such block: on the safe side).
  const notesBytes = (ids: string[]) =>
    ids.length && notes ? notesFrame + ids.reduce((n, id) => n + bytes([notes.items.get(id)!]) + 1, 0) : 0;
  const sizes = blocks.map((b, i) => bytes([b]) + 1 + notesBytes(blockNotes[i]));
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
  // Notes referred to from no block (none, as GFM keeps only referred notes) end the last part.
  const unplaced = notes ? [...notes.items.keys()].filter((id) => !placed.has(id)) : [];
  let notesHeadings = 0;
  const trees: Root[] = parts.map((indices, k) => {
    const own = indices.flatMap((i) => blockNotes[i]).concat(k === parts.length - 1 ? unplaced : []);
    const partNotes = notesSection && notes && own.length ? notesFor(notesSection, notes, own, ++notesHeadings) : [];
    const content: Element = {
      ...body,
      children: [...indices.map((i) => blocks[i]), ...partNotes].flatMap((b) => [{ type: 'text' as const, value: '\n' }, b]),
    };
    content.children.push({ type: 'text', value: '\n' });
    if (k > 0) {
      // A chapter in another language than the book's says so on its section, which only the first
      // part has: the others say so on their body (else a screen reader reads them in the book's).
      const { lang, 'xml:lang': xmlLang } = section.properties;
      if (lang !== undefined) content.properties = { ...content.properties, lang, 'xml:lang': xmlLang ?? lang };
      return { type: 'root', children: [content] };
    }
    const first: Element = { ...section, children: section.children.map((c) => (c === body ? content : c)) };
    return { type: 'root', children: [first] };
  });
  // Where each id ends up, then every reference to an id of another part made to name its file.
  const home = new Map<string, number>();
  for (const [k, tree] of trees.entries())
    visit(tree, 'element', (node: Element) => {
      if (node.properties.id !== undefined) home.set(String(node.properties.id), k);
    });
  const copies = trees.map((tree, k) => relink(localNotesHeading(structuredClone(tree), notes?.headingId), k, home, names));
  return {
    files: copies.map((tree, k) => ({ filename: names[k], xhtml: toXhtml(tree), tree })),
    fileOf: (id) => names[home.get(id) ?? 0],
    oversized,
    unlisted: new Set(notes?.headingId && home.get(notes.headingId) !== parts.length - 1 ? [notes.headingId] : []),
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

interface ChapterNotes {
  /** The notes section's heading (注释) and its id, which each reference names in aria-describedby */
  heading: Element;
  headingId?: string;
  list: Element;
  /** Each note's item by the id its references link to, in the chapter's order */
  items: Map<string, Element>;
  /** A note's number in the chapter (its item's place in the list) */
  numbers: Map<string, number>;
}

function chapterNotes(section: Element): ChapterNotes | undefined {
  const heading = section.children.find((c): c is Element => isElement(c) && /^h[1-6]$/.test(c.tagName));
  const list = section.children.find((c): c is Element => isElement(c) && c.tagName === 'ol');
  if (!heading || !list) return undefined;
  const items = new Map<string, Element>();
  const numbers = new Map<string, number>();
  let n = 0;
  for (const item of list.children.filter(isElement)) {
    if (item.tagName !== 'li') continue;
    n++;
    const id = noteId(item);
    if (id === undefined) continue;
    items.set(id, item);
    numbers.set(id, n);
  }
  const headingId = heading.properties.id === undefined ? undefined : String(heading.properties.id);
  return { heading, headingId, list, items, numbers };
}

/** A note item's id: its own, or its footnote block's (xhtml-markup moves it there). */
function noteId(item: Element): string | undefined {
  if (item.properties.id !== undefined) return String(item.properties.id);
  const note = item.children.find(isElement);
  return note?.properties.id === undefined ? undefined : String(note.properties.id);
}

/** The notes a block refers to that no earlier block did, each followed by the notes its own text refers to. */
function notesReferred(block: ElementContent, notes: ChapterNotes, placed: Set<string>): string[] {
  const found: string[] = [];
  const take = (node: ElementContent) => {
    if (!isElement(node)) return;
    visit(node, 'element', (a: Element) => {
      const href = a.properties.href;
      if (a.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const id = href.slice(1);
      if (!notes.items.has(id) || placed.has(id)) return;
      placed.add(id);
      found.push(id);
      take(notes.items.get(id)!);
    });
  };
  take(block);
  return found;
}

/**
 * A part's own notes section: the chapter's, with the notes given, each keeping its number (value).
 * The first part with notes keeps the heading's id (the navigation's 注释, when it has one, leads there); the others
 * number theirs (ch01-s49-2), as an id is in one file only.
 */
function notesFor(section: Element, notes: ChapterNotes, ids: string[], nth: number): Element[] {
  const order = [...notes.items.keys()];
  const items = [...ids]
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((id): Element => {
      const item = notes.items.get(id)!;
      return { ...item, properties: { ...item.properties, value: String(notes.numbers.get(id)) } };
    });
  const heading = { ...notes.heading, properties: { ...notes.heading.properties } };
  if (nth > 1 && notes.headingId) heading.properties.id = `${notes.headingId}-${nth}`;
  const list: Element = { ...notes.list, children: items.flatMap((i) => [{ type: 'text' as const, value: '\n' }, i]) };
  list.children.push({ type: 'text', value: '\n' });
  return [{ ...section, children: [heading, { type: 'text', value: '\n' }, list, { type: 'text', value: '\n' }] }];
}

/** A note reference's aria-describedby names the notes heading of its own part (when its part has one). */
function localNotesHeading(tree: Root, headingId: string | undefined): Root {
  if (!headingId) return tree;
  let local: string | undefined;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'section' && classes(node).includes('footnotes')) {
      const heading = node.children.find((c): c is Element => isElement(c) && /^h[1-6]$/.test(c.tagName));
      if (heading?.properties.id !== undefined) local = String(heading.properties.id);
    }
  });
  if (!local || local === headingId) return tree;
  visit(tree, 'element', (node: Element) => {
    const ids = node.properties.ariaDescribedBy;
    if (Array.isArray(ids)) node.properties.ariaDescribedBy = ids.map((id) => (String(id) === headingId ? local! : id));
  });
  return tree;
}
