// Small DOM helpers shared by the engine's modules. Runs in the page only.
import type { BlockAt } from './protocol.js';

/** Characters that count towards a line's length (孤字 and the line checks). */
export const LETTER = /[\p{L}\p{N}]/u;
export const SPACE = /\s/;
export const HAN = /\p{Script=Han}/u;

export const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
export const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

let shared: Range | undefined;
/** One Range for measuring, reused: every live Range costs time on each DOM change. */
export function measuringRange(): Range {
  shared ??= document.createRange();
  return shared;
}

const HEADS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
export const isHead = (el: Element | null): boolean => !!el && HEADS.has(el.tagName);

/** The manuscript line a block came from (every block carries data-line). */
export const blockLine = (el: Element): number | null => Number((el as HTMLElement).dataset.line) || null;

/** Page, column and manuscript line of a block in a frame, for findings. */
export function where(el: Element): BlockAt {
  const frame = el.closest<HTMLElement>('.frame')!;
  const at = {
    page: Number(frame.closest<HTMLElement>('.sheet')!.dataset.page),
    column: Number(frame.dataset.column),
    line: blockLine(el),
  };
  // An edition page's stories: the flow the frame belongs to, and which of a brief column's manuscripts the block is from.
  const flow = frame.dataset.flow;
  if (!flow) return at;
  const part = (el as HTMLElement).dataset.part;
  return part === undefined ? { ...at, flow } : { ...at, flow, part: Number(part) };
}

const HOLDS_BLOCKS = 'p, li, ul, ol, blockquote, section, div, table, figure, h1, h2, h3, h4, h5, h6';

/**
 * The paragraphs of a block whose last line is a paragraph's last (a 孤字 is judged and fixed on
 * it): the block itself when it is a paragraph, else the paragraphs and the list items of text
 * only inside it (a quotation's paragraphs, a list's items).
 */
export function paragraphsOf(block: HTMLElement): HTMLElement[] {
  if (block.tagName === 'P') return [block];
  return all<HTMLElement>(block, 'p, li').filter((el) => el.tagName === 'P' || !el.querySelector(HOLDS_BLOCKS));
}

/** Elements that hold lines of their own, or blocks of them (tag names, upper case). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set(HOLDS_BLOCKS.toUpperCase().split(', '));

/**
 * A list item's own text beside the blocks it holds (“1. 第1项……” over a nested list) has no element
 * of its own: its last line was judged by nothing, a 孤字 there neither fixed nor counted, and a cut
 * through it left its lines unmarked. Each run of it becomes a paragraph (p.item-text), as a loose
 * list's items are written; its text and its lines stay the same.
 */
export function wrapItemText(root: ParentNode): void {
  for (const li of all<HTMLElement>(root, 'li')) {
    if (!Array.from(li.children).some((c) => BLOCK_TAGS.has(c.tagName))) continue;
    let run: Node[] = [];
    const wrap = (before: Node | null) => {
      if (run.some((n) => n.nodeType === Node.ELEMENT_NODE || (n.textContent ?? '').trim())) {
        const p = document.createElement('p');
        p.className = 'item-text';
        li.insertBefore(p, before);
        p.append(...run);
      }
      run = [];
    };
    for (const n of Array.from(li.childNodes)) {
      if (n.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has((n as Element).tagName)) wrap(n);
      else run.push(n);
    }
    wrap(null);
  }
}

/** Elements as an array, in document order. */
export const all = <E extends Element>(root: ParentNode, selector: string): E[] => Array.from(root.querySelectorAll<E>(selector));
