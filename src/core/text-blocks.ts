// The text of each block as one string with, for every character, its offset in the manuscript
// source. Rules read context across bold, links and soft line breaks the same way the typesetter
// does (src/typeset/block-text.ts), and still point at the exact line and column, and `--fix`
// can rewrite exactly those characters; the proof maps printed characters back to the manuscript
// with the same blocks (src/proof/text-map.ts).
import type { Root, Node, Parent, Heading, Paragraph, Image } from 'mdast';
import type { Point } from 'unist';
import { parseDocument, isMap, isScalar, isSeq, type Document, type Pair, type YAMLMap } from 'yaml';
import { lineBreaks } from './cjk.js';
import { printedAs } from './matter.js';

export type BlockKind = 'paragraph' | 'heading' | 'caption' | 'matter' | 'cell';

export interface TextBlock {
  kind: BlockKind;
  /** The mdast node (paragraph, heading, figure, table cell); undefined for front matter. */
  node?: Node;
  /** Front matter key, for kind 'matter'. */
  key?: string;
  /** Class names given by the shaping plugins (byline, credit, headline…). */
  className: string[];
  text: string;
  /** Source offset of each UTF-16 unit of `text`; -1 where the character has no single source. */
  offsets: number[];
  /** Indices of `text` where something not in it stood (code, an image, a footnote reference): the characters either side were not typed side by side. */
  left?: number[];
}

/** mdast nodes that are not prose: their text is not checked as copy. */
const NON_PROSE_TYPES = new Set(['inlineCode', 'code', 'html', 'image', 'imageReference', 'footnoteReference']);

const LOOKAHEAD = 40;

/** Map `value` onto source[start, end): exact when the source holds it verbatim, else character by character (escapes, entities). */
function mapValue(value: string, source: string, start: number, end: number): number[] {
  // One offset per UTF-16 unit, as every index into the text counts (Array.from(value) would count
  // code points: a block with a character beyond U+FFFF, such as 𬘭 in a name, lost its last offsets).
  if (source.slice(start, start + value.length) === value) return Array.from({ length: value.length }, (_, i) => start + i);
  const out: number[] = [];
  let p = start;
  for (const ch of value) {
    // Look a little way ahead only (past an escape or an entity such as &CounterClockwiseContourIntegral;):
    // a character with no source of its own must not send every later one scanning to the end.
    let q = p;
    const stop = Math.min(end, p + LOOKAHEAD);
    while (q < stop && source.slice(q, q + ch.length) !== ch) q++;
    if (q >= stop) q = end;
    if (q < end) {
      for (let k = 0; k < ch.length; k++) out.push(q + k);
      p = q + ch.length;
    } else for (let k = 0; k < ch.length; k++) out.push(-1);
  }
  return out;
}

function collectPhrasing(node: Node, source: string, text: string[], offsets: number[], left: number[]): void {
  if (NON_PROSE_TYPES.has(node.type)) {
    left.push(offsets.length);
    return;
  }
  if (node.type === 'text') {
    const value = (node as unknown as { value: string }).value;
    const pos = node.position;
    text.push(value);
    // One at a time: spreading a long text's offsets as arguments overflows the stack.
    if (pos?.start.offset !== undefined && pos.end.offset !== undefined)
      for (const o of mapValue(value, source, pos.start.offset, pos.end.offset)) offsets.push(o);
    else for (let i = 0; i < value.length; i++) offsets.push(-1);
    return;
  }
  if (node.type === 'break') {
    text.push('\n');
    offsets.push(-1);
    return;
  }
  for (const child of (node as Parent).children ?? []) collectPhrasing(child, source, text, offsets, left);
}

/** Drop soft line breaks between CJK characters, as rehype-cjk-softbreak does before punctuation. */
function dropCjkSoftBreaks(text: string, offsets: number[], left: number[]): { text: string; offsets: number[]; left: number[] } {
  const dropped = lineBreaks(text).filter((b) => b.betweenCjk);
  if (!dropped.length) return { text, offsets, left };
  // the text between the breaks, slice by slice (not character by character)
  const parts: string[] = [];
  const map: number[] = [];
  let at = 0;
  for (const b of dropped) {
    parts.push(text.slice(at, b.index));
    for (let i = at; i < b.index; i++) map.push(offsets[i]);
    at = b.index + b.length;
  }
  parts.push(text.slice(at));
  for (let i = at; i < text.length; i++) map.push(offsets[i]);
  // an index of what was left out moves back by the characters dropped before it
  const shifted = left.map((g) => {
    let shift = 0;
    for (const b of dropped) {
      if (b.index >= g) break;
      shift += Math.min(b.length, g - b.index);
    }
    return g - shift;
  });
  return { text: parts.join(''), offsets: map, left: shifted };
}

function phrasingBlock(kind: BlockKind, node: Node, source: string): TextBlock {
  const text: string[] = [];
  const offsets: number[] = [];
  const left: number[] = [];
  collectPhrasing(node, source, text, offsets, left);
  const joined = dropCjkSoftBreaks(text.join(''), offsets, left);
  const props = (node.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties;
  return { kind, node, className: props?.className ?? [], ...joined };
}

function captionBlock(figure: Parent, source: string): TextBlock {
  const image = figure.children[0] as Image;
  const caption = (figure.data as { figure?: { caption: string } }).figure?.caption ?? '';
  const pos = image.position;
  // The caption is the image's label: `![caption](src)`, so it starts two characters in.
  const offsets =
    pos?.start.offset !== undefined && pos.end.offset !== undefined
      ? mapValue(caption, source, pos.start.offset + 2, pos.end.offset)
      : Array(caption.length).fill(-1);
  return { kind: 'caption', node: figure, className: [], text: caption, offsets };
}

export interface MatterDocument {
  /** The YAML text between the --- lines, and the source offset it starts at. */
  text: string;
  base: number;
  /** The parsed document (aliases resolve against it). */
  doc: Document;
  /** Its top-level mapping, with source ranges relative to `text`. */
  map: YAMLMap;
}

const matterCache = new WeakMap<Node, MatterDocument | undefined>();

/** The front matter as a YAML mapping located in the source (parsed once per tree); undefined when absent or broken. */
export function matterDocument(tree: Root, source: string): MatterDocument | undefined {
  const yamlNode = tree.children.find((n) => n.type === 'yaml');
  if (yamlNode?.type !== 'yaml' || yamlNode.position?.start.offset === undefined) return undefined;
  if (matterCache.has(yamlNode)) return matterCache.get(yamlNode);
  const base = source.indexOf(yamlNode.value, yamlNode.position.start.offset);
  const doc = parseDocument(yamlNode.value);
  const found = base >= 0 && !doc.errors.length && isMap(doc.contents) ? { text: yamlNode.value, base, doc, map: doc.contents } : undefined;
  matterCache.set(yamlNode, found);
  return found;
}

/** The text of one YAML scalar (a string or a number) with its source offsets; undefined for anything else. */
function scalarText(matter: MatterDocument, node: unknown, source: string): { text: string; offsets: number[] } | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  if (typeof node.value !== 'string' && typeof node.value !== 'number') return undefined;
  const value = String(node.value);
  const { text: yaml, base } = matter;
  const [start, end] = node.range;
  // Plain scalars hold the text verbatim; quoted ones one character in.
  let at = -1;
  if (yaml.slice(start, start + value.length) === value) at = start;
  else if (yaml.slice(start + 1, start + 1 + value.length) === value) at = start + 1;
  const offsets =
    at >= 0 ? Array.from({ length: value.length }, (_, i) => base + at + i) : mapValue(value, source, base + start, base + end);
  return { text: value, offsets };
}

/** The text of one front matter value with its source offsets (undefined when not a plain string). */
export function matterValueText(matter: MatterDocument, key: string, source: string): { text: string; offsets: number[] } | undefined {
  const pair = matter.map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return pair ? scalarText(matter, pair.value, source) : undefined;
}

/**
 * The printed front matter (rehype-article): its text is copy too. Each block's key is the part it
 * prints as, so Pandoc's `title` is checked as the headline (core/matter.ts printedAs); each name
 * of a Pandoc `author` list is a block of the byline.
 */
function matterBlocks(tree: Root, source: string): TextBlock[] {
  const matter = matterDocument(tree, source);
  if (!matter) return [];
  const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : '');
  const printed = printedAs(matter.map.items.map(keyOf));
  const out: TextBlock[] = [];
  const block = (node: unknown, key: string) => {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const value = scalarText(matter, node, source);
    if (value) out.push({ kind: 'matter', key, className: [], ...value });
  };
  for (const pair of matter.map.items) {
    const key = printed.get(keyOf(pair));
    if (!key) continue;
    if (!isSeq(pair.value)) block(pair.value, key);
    // A list of names, or of `name:` entries (Pandoc's author)
    else for (const item of pair.value.items) block(isMap(item) ? item.get('name', true) : item, key);
  }
  return out;
}

/** Every block of copy, in source order: printed front matter first, then the body. */
export function textBlocks(tree: Root, source: string): TextBlock[] {
  const blocks: TextBlock[] = matterBlocks(tree, source);
  const walk = (parent: Parent) => {
    for (const node of parent.children as Node[]) {
      if (node.type === 'paragraph') blocks.push(phrasingBlock('paragraph', node as Paragraph, source));
      else if (node.type === 'heading') blocks.push(phrasingBlock('heading', node as Heading, source));
      else if (node.type === 'figure') blocks.push(captionBlock(node as Parent, source));
      else if (node.type === 'tableCell') blocks.push(phrasingBlock('cell', node, source));
      else if ('children' in node && node.type !== 'code') walk(node as Parent);
    }
  };
  walk(tree);
  return blocks;
}

/** Line/column lookup for source offsets. */
export function locator(source: string): (offset: number) => Point {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1, offset };
  };
}

/** Normalised text for comparing passages: no punctuation, spaces or markup differences. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Display width in characters: Chinese characters and full-width marks count 1, Latin ½. */
export function charWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    w += ch.codePointAt(0)! < 0x1100 ? 0.5 : 1;
  }
  return w;
}
