// The manuscript text behind each printed unit, and so each printed character's source offset:
// body blocks from the check's text blocks under the block's node, headline and captions from the
// front matter or the figure, the 报眉 from its template with the front matter values in place.
import type { Element, ElementContent } from 'hast';
import type { FootnoteDefinition, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { matterDocument, matterValueText, textBlocks, type TextBlock } from '../core/text-blocks.js';
import { matterText, type Matter } from '../core/matter.js';
import type { Layout, RunningHead } from '../config/layout.js';
import { alignToSource, type NoteMark, type PrintedUnit, type SourceText, type Zone } from './text-map.js';

/** A unit as the page reports it, before it is aligned with the manuscript. */
export interface MeasuredUnit {
  id: string;
  zone: Zone;
  block: number | null;
  page: number;
  text: string;
  /** how much of `text` is printed (a body block cut by the foot of the page); default all */
  printed?: number;
  /** a table (its changes are given cell by cell) */
  table?: true;
  /** its footnote references, or the footnotes of the footnotes' unit (a footnote added is a change of its own) */
  notes?: NoteMark[];
}

const NONE: SourceText = { text: '', offsets: [] };

/** The unit of the footnotes' section printed after the text (注释): it has no manuscript line of its own. */
export const FOOTNOTES = 'footnotes';

/** The page's ids of a footnote (remark-rehype's, after its user-content- clobber prefix) and of a reference to it. */
const NOTE_ID = 'user-content-fn-';
const NOTE_REF_ID = 'user-content-fnref-';

/**
 * Where a flow block's text (hast-util-to-string's: its text nodes in order) holds footnote
 * references, their printed numbers, each with the label of the footnote it refers to; in the
 * footnotes' section (注释), where each footnote's text is, white space round it left out.
 */
export function noteMarks(el: Element): NoteMark[] {
  const marks: NoteMark[] = [];
  let text = '';
  const walk = (n: ElementContent) => {
    if (n.type === 'text') text += n.value;
    if (n.type !== 'element') return;
    const start = text.length;
    for (const c of n.children) walk(c);
    const id = String(n.properties.id ?? '');
    const href = String(n.properties.href ?? '');
    if (n.tagName === 'a' && id.startsWith(NOTE_REF_ID) && href.startsWith(`#${NOTE_ID}`))
      marks.push([start, text.length, href.slice(NOTE_ID.length + 1)]);
    else if (n.tagName === 'li' && id.startsWith(NOTE_ID)) {
      const own = text.slice(start);
      const from = start + (own.length - own.trimStart().length);
      marks.push([from, Math.max(from, start + own.trimEnd().length), id.slice(NOTE_ID.length)]);
    }
  };
  walk(el);
  return marks.sort((a, b) => a[0] - b[0]);
}

function join(parts: SourceText[]): SourceText {
  return { text: parts.map((p) => p.text).join(''), offsets: parts.flatMap((p) => p.offsets) };
}

function unmapped(text: string): SourceText {
  return { text, offsets: Array(text.length).fill(-1) };
}

export interface ManuscriptText {
  tree: Root;
  source: string;
  matter: Matter;
}

/** Source offsets for every printed unit. */
export function sourceUnits(m: ManuscriptText, layout: Layout, measured: MeasuredUnit[]): PrintedUnit[] {
  const blocks = textBlocks(m.tree, m.source);
  const matterDoc = matterDocument(m.tree, m.source);
  const matterValue = (key: string): SourceText | undefined => (matterDoc ? matterValueText(matterDoc, key, m.source) : undefined);
  const matterBlock = (key: string) => blocks.find((b) => b.kind === 'matter' && b.key === key);
  const topNodes = new Map<number, RootContent>();
  for (const n of m.tree.children) if (n.position && !topNodes.has(n.position.start.line)) topNodes.set(n.position.start.line, n);
  const within = (node: RootContent) => {
    const [s, e] = [node.position!.start.offset!, node.position!.end.offset!];
    return blocks.filter((b) => b.node?.position && b.node.position.start.offset! >= s && b.node.position.end.offset! <= e);
  };
  const head = layout.runningHead || {};

  const expected = (u: MeasuredUnit): SourceText => {
    if (u.zone === 'body') {
      if (u.id === 'credit') return matterBlock('credit') ?? NONE;
      if (u.id === FOOTNOTES) return join(footnoteDefinitions(m.tree).flatMap((node) => within(node)));
      const node = u.block !== null ? topNodes.get(u.block) : undefined;
      return node ? join(within(node)) : NONE;
    }
    if (u.zone === 'caption') {
      const node = u.block !== null ? topNodes.get(u.block) : undefined;
      return (node && blocks.find((b: TextBlock) => b.kind === 'caption' && b.node === node)) || NONE;
    }
    if (u.zone === 'headline') {
      const key = u.id.split(':')[0];
      if (key === 'headline') {
        const h1 = blocks.find((b) => b.kind === 'heading' && b.className.includes('headline'));
        return h1 ?? matterBlock('headline') ?? NONE;
      }
      return matterBlock(key === 'byline-head' ? 'byline' : key) ?? NONE;
    }
    // 报眉: the template's words are the layout's, the values the front matter's.
    const side = u.id.split(':')[0].replace('rh-', '') as keyof RunningHead;
    return runningHeadSource(head[side] ?? '', m.matter, matterValue);
  };
  return measured.map((u) => ({ ...u, src: alignToSource(u.text, expected(u)) }));
}

/**
 * The footnote definitions in the order they are printed: by their first reference in the text
 * (remark-rehype numbers and prints them so), whatever order the manuscript defines them in.
 */
function footnoteDefinitions(tree: Root): FootnoteDefinition[] {
  const first = new Map<string, number>();
  visit(tree, 'footnoteReference', (ref) => {
    const id = ref.identifier.toLowerCase();
    if (!first.has(id)) first.set(id, first.size);
  });
  const definitions: FootnoteDefinition[] = [];
  visit(tree, 'footnoteDefinition', (d) => {
    if (first.has(d.identifier.toLowerCase())) definitions.push(d);
  });
  return definitions.sort((a, b) => first.get(a.identifier.toLowerCase())! - first.get(b.identifier.toLowerCase())!);
}

/** The 报眉 text of a template with each {{key}} replaced by the front matter value, located in the source. */
export function runningHeadSource(template: string, matter: Matter, value: (key: string) => SourceText | undefined): SourceText {
  const parts: SourceText[] = [];
  let at = 0;
  for (const m of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    parts.push(unmapped(template.slice(at, m.index)));
    const printed = matterText(matter[m[1]]);
    const located = value(m[1]);
    parts.push(located && located.text === printed ? located : unmapped(printed));
    at = m.index! + m[0].length;
  }
  parts.push(unmapped(template.slice(at)));
  return join(parts);
}
