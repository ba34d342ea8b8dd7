// A photo prints on the page as a figure: alone in its paragraph, between other blocks, scaled to
// its slot or its column (page/images.ts). An image anywhere else (in a quotation, a list item or
// a line of text) has no place on the page: the confined page asked for it, was refused, and
// printed a broken-image box with its alt text, reported only as an unplaced request. Such an image
// is taken out of the page and reported where the manuscript has it, so nothing is dropped unsaid.
import type { Element, Root } from 'hast';
import { toString as hastText } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { FINDINGS_SOURCE } from '../core/findings.js';

export function dropUnplacedImages(hast: Root, file: VFile): void {
  const found: Array<{ img: Element; parent: Element | Root; grand?: Element | Root }> = [];
  const parents = new Map<Element | Root, Element | Root>();
  visit(hast, (node, _i, parent) => {
    if (parent && (node.type === 'element' || node.type === 'root')) parents.set(node as Element, parent as Element | Root);
    if (node.type !== 'element' || node.tagName !== 'img' || !parent) return;
    if (parent.type === 'element' && parent.tagName === 'figure') return;
    found.push({ img: node, parent: parent as Element | Root });
  });
  for (const { img, parent } of found) {
    const src = String(img.properties.src ?? '');
    const alt = String(img.properties.alt ?? '').trim();
    const msg = file.message(
      `The image “${src}”${alt ? ` (“${alt}”)` : ''} is inside a quotation, a list or a line of text, not a photo of its own, ` +
        'so it is not printed: put ![caption](file) alone in its own paragraph, between other blocks',
      { place: img.position, ruleId: 'page-image-unplaced', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
    parent.children = (parent.children as Element[]).filter((c) => c !== img);
    // A paragraph that held only the image would print as an empty block: it goes too.
    const grand = parents.get(parent);
    if (grand && parent.type === 'element' && parent.tagName === 'p' && !hastText(parent).trim())
      grand.children = (grand.children as Element[]).filter((c) => c !== parent);
  }
}
