// What the rules on typed marks (dash-typed, tilde-typed, doubled-punctuation, doubled-word,
// ellipsis, half-width-quotes) share: which matches stand in a block's text itself (not in an
// address or code, which stay as written), where a match is written in the source just as the text
// reads (the only places --fix may replace), and how a finding names the others of its block.
import { protectedRanges } from '../core/cjk.js';
import type { TextBlock } from '../core/text-blocks.js';

/**
 * For one block: whether characters [index, index + length) stand in its text, outside every address
 * (autolinkLookup: by source offset) and every URL, e-mail address or path in the text (protectedRanges).
 */
export function inPlainText(b: TextBlock, inAddress: (offset: number) => boolean): (index: number, length: number) => boolean {
  const guarded = protectedRanges(b.text);
  return (index, length) => !guarded.some(([x, y]) => index < y && index + length > x) && !inAddress(b.offsets[index]);
}

/**
 * The source offset of characters [index, index + text.length) of the block when the source holds
 * them in one stretch, as the text reads (no escape, entity or line break inside); else -1.
 */
export function writtenAt(source: string, b: TextBlock, index: number, text: string): number {
  const offset = b.offsets[index];
  const end = b.offsets[index + text.length - 1];
  return offset >= 0 && end === offset + text.length - 1 && source.slice(offset, end + 1) === text ? offset : -1;
}

/** “ and 2 more in this paragraph” (or “text”, for a heading, caption or cell): a finding's others in its block. */
export function moreInBlock(b: TextBlock, count: number): string {
  return count > 1 ? ` and ${count - 1} more in this ${b.kind === 'paragraph' ? 'paragraph' : 'text'}` : '';
}
