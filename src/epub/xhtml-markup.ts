// GFM markup the typeset tree carries as HTML writes it, made into what an EPUB's XHTML content
// documents may hold (EPUBCheck rejects the rest, and one fatal parse error hides every later id
// from it too):
//   - a table column's alignment: GFM gives `align="left|right|center"`, which XHTML5 no longer has;
//     it becomes the cell's `text-align`; a blank header cell (a table's corner) is a plain cell;
//   - a task list's check box: `<input type="checkbox" checked disabled>` serialises with bare
//     boolean attributes, which XML cannot parse, and a form control in a book does nothing; it
//     becomes the mark printed forms use (□ open, √ done; both in the body face), named for
//     screen readers;
//   - footnotes: the reference is marked `noteref` and each note `footnote` (EPUB 3 structural
//     semantics, with their DPUB-ARIA roles), so Apple Books, Kindle and other readers open the
//     note as a pop-up over the text; the notes stay listed at the chapter's end for the others.
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

const TASK_MARK = { open: { mark: '□', label: '未完成' }, done: { mark: '√', label: '已完成' } };

/** Characters the book writes into the tree: the embedded font subset must hold them too. */
export function xhtmlMarkupText(tree: Root): string {
  let text = '';
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'input' && node.properties.type === 'checkbox')
      text += node.properties.checked ? TASK_MARK.done.mark : TASK_MARK.open.mark;
    text += emptyLinkText(node) ?? '';
  });
  return text;
}

/**
 * The text a web or mail link written without any ([](https://…)) shows in the book: its address.
 * Without text the link is nothing a reader can see or tap, and nothing a screen reader can name
 * (Ace: link-name); undefined for any other element.
 */
export function emptyLinkText(node: Element): string | undefined {
  if (node.tagName !== 'a') return undefined;
  const href = String(node.properties.href ?? '');
  if (!/^(https?:|mailto:)/i.test(href) || toString(node).trim() !== '') return undefined;
  let named = false;
  visit(node, 'element', (n: Element) => {
    if (n.tagName === 'img' && String(n.properties.alt ?? '').trim()) named = true;
  });
  return named ? undefined : href.replace(/^mailto:/i, '');
}

/** The id prefix of GFM footnotes (remark-rehype's, after its user-content- clobber prefix). */
const NOTE = 'user-content-fn-';
/** A footnote reference (not a note's link back): it carries the reference's own id. */
const isNoteRef = (a: Element) => String(a.properties.id ?? '').startsWith('user-content-fnref-');

export function xhtmlMarkup(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'td' || node.tagName === 'th') {
      const align = node.properties.align;
      delete node.properties.align;
      if (typeof align === 'string' && /^(left|right|center)$/.test(align)) node.properties.style = `text-align: ${align}`;
      // A blank header cell (a statistics table's corner, above its row names) heads nothing: as a
      // th it is a header without a name to screen readers, and Ace fails the book (empty-table-header).
      if (node.tagName === 'th' && toString(node).trim() === '') node.tagName = 'td';
    } else if (node.tagName === 'a' && String(node.properties.href ?? '').startsWith(`#${NOTE}`) && isNoteRef(node)) {
      Object.assign(node.properties, { 'epub:type': 'noteref', role: 'doc-noteref' });
    } else if (node.tagName === 'li' && String(node.properties.id ?? '').startsWith(NOTE)) {
      // doc-footnote is no role a list item may take (and doc-endnote is deprecated): the note is a
      // block inside its item, and takes the item's id, which the references point at.
      node.children = [
        {
          type: 'element',
          tagName: 'div',
          properties: { id: node.properties.id, 'epub:type': 'footnote', role: 'doc-footnote' },
          children: node.children,
        },
      ];
      delete node.properties.id;
      // No SKIP: a note can refer to another note ([^a]: … [^b]), and that reference is a noteref too.
    } else if (node.tagName === 'section' && ((node.properties.className as string[] | undefined) ?? []).includes('footnotes')) {
      Object.assign(node.properties, { 'epub:type': 'footnotes', role: 'doc-endnotes' });
    } else if (node.tagName === 'input' && node.properties.type === 'checkbox') {
      const { mark, label } = node.properties.checked ? TASK_MARK.done : TASK_MARK.open;
      node.tagName = 'span';
      node.properties = { className: ['task-mark'], role: 'img', ariaLabel: label };
      node.children = [{ type: 'text', value: mark }];
    }
  });
}
