// A paragraph broken in two: it ends without sentence-final punctuation and the next paragraph
// (possibly after a photo dropped into the middle) carries on the sentence.
import type { Node, Parent } from 'mdast';
import { visit } from 'unist-util-visit';
import type { TextBlock } from '../../core/text-blocks.js';
import { defineRule } from '../rule.js';
import { inNameList } from '../../core/cjk-phrases.js';

const SKIP = ['byline', 'credit', 'kicker'];

/**
 * A numbered citation's brackets, closing to opening: papers' [1] typed as text (reference-undefined
 * leaves them) and the full-width ［1］ and 〔1〕 Chinese papers type.
 */
const CITATION_OPENS: Record<string, string> = { ']': '[', '］': '［', '〕': '〔' };
/** A text node that is only numbered citations ([1], [1][2], ［1］, 〔2〕〔3〕). */
const CITATIONS_ONLY = /^\s*(?:(?:\[[0-9]+\]|［[0-9０-９]+］|〔[0-9０-９]+〕)\s*)+$/;
const isDigit = (c: string) => (c >= '0' && c <= '9') || (c >= '０' && c <= '９');

/**
 * The paragraph's text up to its last sentence's end: without the links, autolinks and numbered
 * citations set after it (……召开。[详见原文](https://…), ……主席团。[1], 。[2][3], 。［4］, 。〔5〕). Their
 * text is the link's or the note's, not the sentence's last words. The whole text when nothing
 * follows; nothing when the paragraph is only links and citations.
 */
function beforeTrailingLinks(node: Parent, b: TextBlock): string {
  let start: number | undefined;
  for (let i = node.children.length - 1; i >= 0; i--) {
    const child = node.children[i];
    const value = child.type === 'text' ? child.value : undefined;
    if (value !== undefined && !value.trim()) continue;
    if (child.type === 'footnoteReference') continue;
    if (child.type !== 'link' && child.type !== 'linkReference' && !(value !== undefined && CITATIONS_ONLY.test(value))) break;
    if (child.position?.start.offset === undefined) break;
    start = child.position.start.offset;
  }
  let end = b.text.length;
  if (start !== undefined) {
    // past the last character with a source before the first of them
    while (end > 0 && !(b.offsets[end - 1] >= 0 && b.offsets[end - 1] < start)) end--;
  }
  let text = b.text.slice(0, end).trimEnd();
  // citations typed in the sentence's own text node (主席团。[1], 主席团。［1］〔2〕): scanned back by hand, linear
  for (;;) {
    let k = text.length - 1;
    const open = CITATION_OPENS[text[k]];
    if (!open) break;
    k--;
    // the half-width [1] takes half-width digits, as before; the full-width brackets either
    while (k >= 0 && (open === '[' ? text[k] >= '0' && text[k] <= '9' : isDigit(text[k]))) k--;
    if (k < 0 || text[k] !== open || k === text.length - 2) break;
    text = text.slice(0, k).trimEnd();
  }
  return text;
}

export default defineRule({
  id: 'split-paragraph',
  severity: 'warning',
  summary: 'A paragraph ends without sentence-final punctuation and the next paragraph continues it (often around a photo).',
  why: 'Pasted copy breaks paragraphs at page or photo boundaries; each piece would be set as its own indented paragraph. Join the two (delete the blank line), and move a photo that interrupts a paragraph to after it.',
  // A stop typed half-width (.) still ends the paragraph: an English one, or a Chinese one half-width-full-stop reports.
  options: { finals: '。！？!?…；;：:”’」』）)》—.．"' },
  optionDocs: { finals: 'characters a finished paragraph may end with' },
  examples: {
    ok: [
      { markdown: '# 主题\n\n协助党委、政府破解民生难题、增进民生福祉。\n\n为全面建设凝心聚力。\n' },
      { markdown: '# 主题\n\nThe slogan “绿水青山” was quoted by Reuters.\n\n他说：“好。”\n' },
      { markdown: '# 主题\n\n主席团成员：王　一　李明华　张　三\n\n会议选举产生了主席团。\n' },
      { markdown: '# 主题\n\n会议在北京召开。[详见原文](https://example.com/a)\n\n会议选举产生了主席团。[1]\n\n大会闭幕。\n' },
      { markdown: '# 主题\n\n会议在北京召开。\n\n[自治区政协网站](https://example.com/a)\n\n会议选举产生了主席团。\n' },
      { markdown: '# 主题\n\n会议选举产生了主席团。［1］\n\n会议审议通过了工作报告。〔2〕〔3〕\n\n大会闭幕。\n' },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n协助党委、政府破解民生难题、增进\n\n民生福祉，为全面建设凝心聚力。\n',
        expect: ['3:16-3:17 Paragraph ends with “进”, without sentence-final punctuation, and line 5 continues it'],
      },
      {
        markdown: '# 主题\n\n“高规格、有情怀”，\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n\n这是大家的共同感受。\n',
        expect: ['3:10-3:11 Paragraph ends with “，” and continues at line 7, after the photo at line 5'],
      },
    ],
  },
  check(ctx) {
    const usable = (n: Node | undefined) => {
      const b = n && n.type === 'paragraph' ? ctx.blockOf(n) : undefined;
      return b && !b.className.some((c) => SKIP.includes(c)) && b.text.trim() ? b : undefined;
    };
    visit(ctx.tree, 'paragraph', (node, index, parent: Parent | undefined) => {
      const b = usable(node);
      if (!b || !parent || index === undefined) return;
      const text = b.text.trimEnd();
      const last = text[text.length - 1];
      if (ctx.options.finals.includes(last)) return;
      // a source or a note set after the full stop (……召开。[详见原文](https://…)) ends no sentence
      const sentence = beforeTrailingLinks(node, b);
      // a paragraph that is only links or citations (a source line, [自治区政协网站](https://…)) has no sentence to finish
      if (!sentence) return;
      if (sentence !== text && ctx.options.finals.includes(sentence[sentence.length - 1])) return;
      // a list of names after a colon (主席团成员：王一　李明华　张三) ends without a mark
      const space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\u3000'));
      if (space > 0 && inNameList(text, space, space + 1)) return;
      let next = parent.children[index + 1] as Node | undefined;
      let figure: Node | undefined;
      if (next?.type === 'figure') {
        figure = next;
        next = parent.children[index + 2];
      }
      const cont = usable(next);
      if (!cont || cont.className.includes('has-lead-in')) return;
      const offset = b.offsets[text.length - 1];
      const end = node.position?.end;
      const place = offset >= 0 ? ctx.range(offset, offset + 1) : end && { start: end, end };
      const line = next!.position?.start.line;
      ctx.flag(
        figure
          ? `Paragraph ends with “${last}” and continues at line ${line}, after the photo at line ${figure.position?.start.line}: move the photo after the paragraph and join the two`
          : `Paragraph ends with “${last}”, without sentence-final punctuation, and line ${line} continues it: join the two paragraphs`,
        place,
      );
    });
  },
});
