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
    const rest = index.rangeFrom(at).extractContents();
    for (const el of rest.querySelectorAll('[id]')) el.removeAttribute('id');
    const cont = block.cloneNode(false) as HTMLElement;
    cont.removeAttribute('id');
    cont.style.paddingBottom = '';
    cont.classList.add('continued');
    cont.appendChild(rest);
    block.classList.add('split');
    if (!block.dataset.piece) block.dataset.piece = String(++this.pieces);
    cont.dataset.piece = block.dataset.piece;
    this.starts.set(cont, this.startOf(block) + at);
    return cont;
  }
}
