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

/**
 * Pair the marks of `opens` (an opening mark → its closing mark) in a block's text, inner pairs
 * first: `onPair` gets each pair with the openings still around it (outermost first). Marks outside
 * plain text (`plain`, from inPlainText) are left out, and ’ between Latin letters is an apostrophe
 * (don’t), not a closing quote. false when the marks do not pair (unbalanced-pairs says so).
 */
export function pairMarks(
  s: string,
  opens: Readonly<Record<string, string>>,
  plain: (index: number, length: number) => boolean,
  onPair: (open: number, close: number, around: readonly number[]) => void,
): boolean {
  const closes = new Set(Object.values(opens));
  const stack: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!(c in opens) && !closes.has(c)) continue;
    if (c === '’' && /[A-Za-z]/.test(s[i - 1] ?? '') && /[A-Za-z]/.test(s[i + 1] ?? '')) continue;
    if (!plain(i, 1)) continue;
    if (c in opens) {
      stack.push(i);
      continue;
    }
    const open = stack.pop();
    if (open === undefined || opens[s[open]] !== c) return false;
    onPair(open, i, stack);
  }
  return stack.length === 0;
}
