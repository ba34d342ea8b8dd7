// A soft line break between two CJK characters is not a word space in Chinese: drop it (and any
// spaces around it). Between Latin words it stays a space.
import type { Root } from 'hast';
import { lineBreaks } from '../core/cjk.js';
import { forEachBlockText, rewriteJoined } from './block-text.js';

export default function rehypeCjkSoftbreak() {
  return (tree: Root) => {
    forEachBlockText(tree, (nodes) =>
      rewriteJoined(nodes, (joined) => {
        const out = new Map<number, string>();
        for (const b of lineBreaks(joined)) if (b.betweenCjk) for (let i = b.index; i < b.index + b.length; i++) out.set(i, '');
        return out;
      }),
    );
  };
}
