// Splitting a block at a character: the text from there on moves into a continuation, a shallow
// copy of the block that the next frame takes. Both pieces carry data-piece (one number per split
// block); the engine remembers where each piece starts in the block's whole text, for the line map.
import { BLOCK_TAGS, isHead } from './dom.js';
import { REPEATED, TextIndex } from './text-index.js';

/** Blocks that can be cut between lines: not a head, a photo or a table (a table is cut between its rows, rowAtFoot). */
export function splittable(el: Element): boolean {
  return !isHead(el) && el.tagName !== 'FIGURE' && el.tagName !== 'IMG' && el.tagName !== 'TABLE';
}

export class Splitter {
  private pieces = 0;
  private readonly starts = new WeakMap<Element, number>();

  /** Offset of a piece's text within its block's whole text (0 for a block never split). */
  startOf(el: Element): number {
    return this.starts.get(el) ?? 0;
  }

  /** `copy` stands for `el` now (a block replaced by a copy of itself keeps its place in the text). */
  replaced(el: Element, copy: Element): void {
    if (this.starts.has(el)) this.starts.set(copy, this.starts.get(el)!);
  }

  /** Cut `block` before character `at`; returns the continuation (not yet in the document). */
  split(block: HTMLElement, at: number, index = new TextIndex(block)): HTMLElement {
    // extractContents copies the elements the cut runs through (docs/layout-engine.md, “Splitting a block”).
    return this.cut(block, index.rangeFrom(at), at);
  }

  /**
   * Cut `block` before `el`, an element inside it, not its first: everything from there on goes on
   * in a copy of the block, in copies of the elements the cut runs through (a quotation, a list
   * item: no paragraph's text is divided). `at` is el's first character in the block's text. Before
   * a row of a table's body (the block itself, or a table inside it), the table's header row goes
   * on at the head of its copy (续表), and both pieces keep the whole table's column widths.
   */
  splitBefore(block: HTMLElement, el: Element, at: number): HTMLElement {
    const range = document.createRange();
    range.setStartBefore(el);
    range.setEnd(block, block.childNodes.length);
    const table = el.tagName === 'TR' ? el.closest('table') : null;
    if (!table) return this.cut(block, range, at, false);
    // Each piece would size its columns to its own rows: both keep the widths of the whole table.
    const widths = Array.from(table.rows[0]?.cells ?? [], (c) => (c.colSpan > 1 ? -1 : c.getBoundingClientRect().width));
    let depth = 0;
    for (let n: Element = table; n !== block; n = n.parentElement!) depth++;
    const cont = this.cut(block, range, at, false);
    // The table's copy leads the elements the cut runs through, each the first of its copied parent's.
    let copy: Element | null = cont;
    for (let i = 0; i < depth && copy; i++) copy = copy.firstElementChild;
    if (copy?.tagName !== 'TABLE') return cont;
    // The header row goes on at the head of every piece (续表), out of the text (TextIndex skips it).
    if (table.tHead) {
      const again = table.tHead.cloneNode(true) as HTMLElement;
      again.classList.add(REPEATED);
      again.setAttribute('aria-hidden', 'true');
      copy.prepend(again);
    }
    if (widths.length && !widths.includes(-1)) for (const t of [table, copy as HTMLElement]) keepColumns(t, widths);
    return cont;
  }

  /** `divides`: the cut divides a paragraph's (or list item's) text; else it falls between blocks. */
  private cut(block: HTMLElement, range: Range, at: number, divides = true): HTMLElement {
    const cut = cutPath(block, range, divides);
    const rest = range.extractContents();
    for (const el of rest.querySelectorAll('[id]')) el.removeAttribute('id');
    const cont = block.cloneNode(false) as HTMLElement;
    cont.removeAttribute('id');
    cont.style.paddingBottom = '';
    cont.classList.add('continued');
    cont.appendChild(rest);
    markCut(cont, cut);
    block.classList.add('split');
    if (!block.dataset.piece) block.dataset.piece = String(++this.pieces);
    cont.dataset.piece = block.dataset.piece;
    this.starts.set(cont, this.startOf(block) + at);
    return cont;
  }
}

/** Set a table's columns to `widths` (px), whatever rows it holds. */
function keepColumns(table: HTMLElement, widths: number[]): void {
  table.querySelector(':scope > colgroup.kept')?.remove();
  const group = document.createElement('colgroup');
  group.className = 'kept';
  for (const w of widths) group.appendChild(document.createElement('col')).style.width = `${w}px`;
  table.prepend(group);
  table.style.tableLayout = 'fixed';
}

/** Something a cut runs through inside a block, `depth` elements below it: its copy goes on. */
interface Cut {
  depth: number;
  tag: string;
  /** a list: the number its first item going on has */
  start?: number;
  /** the paragraph (or list item) whose lines the cut divides */
  text: boolean;
}

/**
 * What a cut starting at `range` runs through inside the block, read before the cut: the lists
 * (their copies would count from 1 again and show a cut item's marker twice) and the paragraph or
 * list item whose text it divides (its first part is marked split: its last line is justified to
 * the end and is no paragraph's last; its copy continued: no indent, no marker). The original of
 * that paragraph is marked here.
 */
function cutPath(block: Element, range: Range, divides: boolean): Cut[] {
  const path: Element[] = [];
  for (let n: Node | null = range.startContainer; n && n !== block; n = n.parentNode)
    if (n.nodeType === Node.ELEMENT_NODE) path.unshift(n as Element);
  const blocks = path.map((el) => BLOCK_TAGS.has(el.tagName));
  const text = blocks.lastIndexOf(true);
  const out: Cut[] = [];
  const all = [block, ...path];
  all.forEach((el, depth) => {
    const tag = el.tagName;
    if (tag === 'OL' || tag === 'UL') {
      // the item the cut runs through, or the first one that goes on whole
      const going = all[depth + 1] ?? (el === range.startContainer ? el.childNodes[range.startOffset] : undefined);
      let before = 0;
      for (const item of el.childNodes) {
        if (item === going) break;
        if ((item as Element).tagName === 'LI') before++;
      }
      out.push({ depth, tag, start: (tag === 'OL' ? (el as HTMLOListElement).start : 1) + before, text: false });
    } else if (depth > 0 && (tag === 'LI' || tag === 'P')) {
      const own = divides && depth - 1 === text;
      if (own) el.classList.add('split');
      out.push({ depth, tag, text: own });
    }
  });
  return out;
}

/** Mark the copies in a continuation: lists numbered on, cut items without their marker, the cut paragraph continued. */
function markCut(cont: HTMLElement, cuts: Cut[]): void {
  for (const c of cuts) {
    let copy: Element | null = cont;
    for (let i = 0; i < c.depth && copy; i++) copy = copy.firstElementChild;
    if (!copy || copy.tagName !== c.tag) continue;
    if (c.start !== undefined && copy.tagName === 'OL') (copy as HTMLOListElement).start = c.start;
    // a copy is made with the classes its original had when it was cut: split is the first part's
    copy.classList.remove('split');
    if (c.tag === 'LI' || c.text) copy.classList.add('continued');
  }
}
