// Where a validator's finding comes from in the manuscript. EPUBCheck names a line and column of a
// chapter's XHTML file, Ace an element by its EPUB CFI: neither is a place the author can open.
// Each chapter file is the serialised hast of its chapter (toXhtml), whose elements keep the
// manuscript positions remark gave them; the file in the book is read back, each element found in
// it in document order (its start tag is the first one at or after the previous element's), and a
// finding is placed at the innermost element around it (or its nearest ancestor with a position).
import type { Element, ElementContent, Root } from 'hast';
import JSZip from 'jszip';
import type { Point } from 'unist';
import { toXhtml } from './chapter.js';
import type { Finding } from './validate.js';

/** A chapter file of the book: its name, its body as serialised, the tree it was serialised from, and its manuscript. */
export interface SourceFile {
  filename: string;
  xhtml: string;
  tree: Root;
  manuscript: string;
}

/** A manuscript place. */
export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

interface Placed {
  node: Element;
  /** The element's place with a position: itself or its nearest ancestor that has one */
  at?: Point;
  start: number;
  end: number;
  /** Element children, in order (for a CFI's steps) */
  children: Placed[];
}

/** The elements of a file's body with their offsets in the file's text (undefined when the body is not found there). */
function placeElements(text: string, file: SourceFile): Placed[] | undefined {
  // The template writes the body's content right after <body> (chapter.xhtml.ejs).
  const body = /<body[^>]*>\s*/.exec(text);
  if (!body) return undefined;
  const base = body.index + body[0].length;
  let cursor = 0;
  const walk = (nodes: ElementContent[] | Root['children'], at: Point | undefined): Placed[] => {
    const placed: Placed[] = [];
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      const own = toXhtml([node]);
      const empty = toXhtml([{ ...node, children: [] }]);
      const close = `</${node.tagName}>`;
      const open = empty.endsWith(close) ? empty.slice(0, -close.length) : empty;
      const start = file.xhtml.indexOf(open, cursor);
      if (start < 0) return placed;
      cursor = start + open.length;
      const point = node.position?.start ?? at;
      const item: Placed = { node, at: point, start: base + start, end: base + start + own.length, children: [] };
      item.children = walk(node.children, point);
      placed.push(item);
    }
    return placed;
  };
  return walk(file.tree.children, undefined);
}

/** The innermost element around an offset. */
function around(elements: Placed[], offset: number): Placed | undefined {
  const hit = elements.find((e) => e.start <= offset && offset < e.end);
  return hit ? (around(hit.children, offset) ?? hit) : undefined;
}

/** The element an EPUB CFI names (/4 the body, then even steps: the Nth/2 element child), as far as it goes. */
function byCfi(body: Placed[], cfi: string): Placed | undefined {
  const steps = cfi
    .replace(/^.*!/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => Number.parseInt(s, 10));
  if (steps[0] !== 4) return undefined;
  let children = body;
  let found: Placed | undefined;
  for (const step of steps.slice(1)) {
    if (!Number.isInteger(step) || step % 2 !== 0) break;
    const next = children[step / 2 - 1];
    if (!next) break;
    found = next;
    children = next.children;
  }
  return found;
}

/**
 * A function placing a validator's finding in the manuscript: EPUBCheck's by the line and column
 * of the chapter file it names, Ace's by its CFI. Undefined for a finding outside the chapters (the
 * package document, the navigation, the cover) or one that names no place.
 */
export async function sourcePlaces(epub: Buffer | Uint8Array, files: SourceFile[]): Promise<(finding: Finding) => SourcePlace | undefined> {
  const zip = await JSZip.loadAsync(epub);
  const byName = new Map<string, { text: string; elements: Placed[]; manuscript: string }>();
  for (const file of files) {
    const entry = Object.values(zip.files).find((e) => e.name === file.filename || e.name.endsWith(`/${file.filename}`));
    if (!entry) continue;
    const text = await entry.async('string');
    const elements = placeElements(text, file);
    if (elements) byName.set(file.filename, { text, elements, manuscript: file.manuscript });
  }
  return (finding) => {
    const m = /^(?:.*\/)?([^/:#]+\.xhtml)(?::(\d+):(\d+))?/.exec(finding.where ?? '');
    const file = m ? byName.get(m[1]) : undefined;
    if (!file) return undefined;
    let element: Placed | undefined;
    if (finding.cfi) element = byCfi(file.elements, finding.cfi);
    else if (m?.[2]) {
      const lines = file.text.split('\n');
      const line = Math.min(Number(m[2]), lines.length);
      // EPUBCheck's column is where its parser stood: just past the start tag it objects to.
      const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, Number(m[3]) - 2);
      element = around(file.elements, offset);
    }
    if (!element?.at) return undefined;
    return { file: file.manuscript, line: element.at.line, column: element.at.column };
  };
}
