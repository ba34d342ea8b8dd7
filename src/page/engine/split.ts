// Splitting a block at a character: the text from there on moves into a continuation, a shallow
// copy of the block that the next frame takes. Both pieces carry data-piece (one number per split
// block); the engine remembers where each piece starts in the block's whole text, for the line map.
import { isHead } from './dom.js';
import { TextIndex } from './text-index.js';

/** Blocks that can be cut between lines: not a head, a photo or a table. */
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
    const range = index.rangeFrom(at);
    const lists = listsCut(block, range);
    const rest = range.extractContents();
    for (const el of rest.querySelectorAll('[id]')) el.removeAttribute('id');
    const cont = block.cloneNode(false) as HTMLElement;
    cont.removeAttribute('id');
    cont.style.paddingBottom = '';
    cont.classList.add('continued');
    cont.appendChild(rest);
    numberOn(cont, lists);
    block.classList.add('split');
    if (!block.dataset.piece) block.dataset.piece = String(++this.pieces);
    cont.dataset.piece = block.dataset.piece;
    this.starts.set(cont, this.startOf(block) + at);
    return cont;
  }
}

/** A list the cut runs through: how deep below the block, the number its first item going on has, and whether that item is cut in two. */
interface ListCut {
  depth: number;
  start: number;
  itemCut: boolean;
}

/**
 * The lists (the block, or lists inside it) that a cut starting at `range` runs through, read
 * before the cut: each goes on in the next frame as a copy, which would count its items from 1
 * again and show the marker of an item cut in two a second time.
 */
function listsCut(block: Element, range: Range): ListCut[] {
  const path: Element[] = [];
  for (let n: Node | null = range.startContainer; n; n = n === block ? null : n.parentNode)
    if (n.nodeType === Node.ELEMENT_NODE) path.unshift(n as Element);
  const out: ListCut[] = [];
  path.forEach((el, depth) => {
    if (el.tagName !== 'OL' && el.tagName !== 'UL') return;
    // the item the cut runs through, or the first one that goes on whole
    const going = path[depth + 1] ?? (el === range.startContainer ? el.childNodes[range.startOffset] : undefined);
    let before = 0;
    for (const item of el.childNodes) {
      if (item === going) break;
      if ((item as Element).tagName === 'LI') before++;
    }
    const start = el.tagName === 'OL' ? (el as HTMLOListElement).start : 1;
    out.push({ depth, start: start + before, itemCut: depth + 1 < path.length });
  });
  return out;
}

/** Number the lists of a continuation on from where their first part stopped; an item cut in two shows its marker once. */
function numberOn(cont: HTMLElement, lists: ListCut[]): void {
  for (const l of lists) {
    let copy: Element | null = cont;
    for (let i = 0; i < l.depth && copy; i++) copy = copy.firstElementChild;
    if (!copy || (copy.tagName !== 'OL' && copy.tagName !== 'UL')) continue;
    if (copy.tagName === 'OL') (copy as HTMLOListElement).start = l.start;
    if (l.itemCut) copy.firstElementChild?.classList.add('continued');
  }
}
