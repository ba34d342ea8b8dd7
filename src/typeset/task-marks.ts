// A task list's check box (`- [ ]`, `- [x]`) as the mark printed forms use: □ open, √ done (both in
// the body face), named for screen readers. GFM gives `<input type="checkbox" disabled>`, a form
// control: Chromium paints it with blended (transparent) states, which PDF/X-1a allows none of, so
// the press PDF of a page with a task list failed its preflight ("transparency … 20 blended
// state(s)"), and a --final build refused it. The EPUB sets the same marks (src/epub/xhtml-markup.ts).
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const MARK = { open: { mark: '□', label: '未完成' }, done: { mark: '√', label: '已完成' } };

/** Each check box of the tree made its mark, in place; returns the marks' text (for font planning). */
export function taskMarks(tree: Root): string {
  let text = '';
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'input' || node.properties.type !== 'checkbox') return;
    const { mark, label } = node.properties.checked ? MARK.done : MARK.open;
    node.tagName = 'span';
    node.properties = { className: ['task-mark'], role: 'img', ariaLabel: label };
    node.children = [{ type: 'text', value: mark }];
    text += mark;
  });
  return text;
}
