// GFM markup the typeset tree carries as HTML writes it, made into what an EPUB's XHTML content
// documents may hold (EPUBCheck rejects the rest, and one fatal parse error hides every later id
// from it too):
//   - a table column's alignment: GFM gives `align="left|right|center"`, which XHTML5 no longer has;
//     it becomes the cell's `text-align`;
//   - a task list's check box: `<input type="checkbox" checked disabled>` serialises with bare
//     boolean attributes, which XML cannot parse, and a form control in a book does nothing; it
//     becomes the mark printed forms use (□ open, √ done; both in the body face), named for
//     screen readers.
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const TASK_MARK = { open: { mark: '□', label: '未完成' }, done: { mark: '√', label: '已完成' } };

/** Characters xhtmlMarkup writes into the tree: the embedded font subset must hold them too. */
export function xhtmlMarkupText(tree: Root): string {
  let text = '';
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'input' && node.properties.type === 'checkbox')
      text += node.properties.checked ? TASK_MARK.done.mark : TASK_MARK.open.mark;
  });
  return text;
}

export function xhtmlMarkup(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof node.properties.align === 'string') {
      const align = node.properties.align;
      delete node.properties.align;
      if (/^(left|right|center)$/.test(align)) node.properties.style = `text-align: ${align}`;
    } else if (node.tagName === 'input' && node.properties.type === 'checkbox') {
      const { mark, label } = node.properties.checked ? TASK_MARK.done : TASK_MARK.open;
      node.tagName = 'span';
      node.properties = { className: ['task-mark'], role: 'img', ariaLabel: label };
      node.children = [{ type: 'text', value: mark }];
    }
  });
}
