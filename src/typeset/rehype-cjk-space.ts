// A half-width space typed beside a Chinese mark (人事事项 （免去张三同志职务） 。, 他说： “好。”, 会议指出 ，要)
// printed as a gap beside the mark: clreq, a full-width mark carries its own space and none is set
// beside it. The typesetter leaves it out of every output (page, proof, article.html, e-book), in any
// block (paragraphs, heads, captions, table cells) and across bold and links (**粗体** ，). Which
// spaces those are is cjkSpaces's (src/core/cjk.ts), the `cjk-space` check's own definition, so what
// prints is what `check --fix` writes; the manuscript is not touched and the check still reports them.
// A space between two Han characters (政协 委员) is the editor's to settle and prints as typed; so do
// spaces beside Latin text or figures, beside half-width marks, and a full-width space (U+3000).
import type { Root } from 'hast';
import { cjkSpaces } from '../core/cjk.js';
import { forEachBlockText, rewriteJoined } from './block-text.js';

export default function rehypeCjkSpace() {
  return (tree: Root) => {
    forEachBlockText(tree, (nodes, gaps) =>
      rewriteJoined(nodes, (joined) => {
        const out = new Map<number, string>();
        const left = [...gaps];
        for (const { start, end, besideMark } of cjkSpaces(joined)) {
          // the spaces round code or an image left out of the text (他说 `x` 。) are not beside the mark
          if (!besideMark || left.some((g) => g >= start && g <= end)) continue;
          for (let i = start; i < end; i++) out.set(i, '');
        }
        return out;
      }),
    );
  };
}
