// A soft line break between two CJK characters is not a word space in Chinese: drop it (and any
// spaces around it). Between Latin words it stays a space.
import type { Root } from 'hast';
import { isCjk } from '../core/cjk.js';
import { forEachBlockText, rewriteJoined } from './block-text.js';

export default function rehypeCjkSoftbreak() {
  return (tree: Root) => {
    forEachBlockText(tree, (nodes) =>
      rewriteJoined(nodes, (joined) => {
        const out = new Map<number, string>();
        for (const m of joined.matchAll(/[ \t]*\r?\n[ \t]*/g)) {
          const before = joined[m.index! - 1];
          const after = joined[m.index! + m[0].length];
          if (isCjk(before) && isCjk(after)) for (let i = 0; i < m[0].length; i++) out.set(m.index! + i, '');
        }
        return out;
      }),
    );
  };
}
