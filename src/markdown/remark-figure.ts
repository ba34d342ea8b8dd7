// An image standing alone in its paragraph is a photo: `![caption](photo.jpg "alt text")` becomes
// <figure class="photo"><img alt><figcaption>caption</figcaption></figure>. The alt text is the
// title when given (a description for readers who cannot see the photo), else the caption.
// Photos are top-level blocks of the article: an image alone in a paragraph inside a quotation or
// a list stays an inline image. So "figure N" means the same to the checks, the page's photo
// slots and the EPUB: the Nth figure among the article's blocks.
import type { Root, Image, Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';

export interface FigureData {
  src: string;
  caption: string;
  alt: string;
}

export default function remarkFigure() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      if (!parent || index === undefined || parent.type !== 'root') return;
      const significant = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
      if (significant.length !== 1 || significant[0].type !== 'image') return;
      const image = significant[0] as Image;
      const caption = image.alt ?? '';
      const alt = image.title?.trim() || caption;
      const figure = {
        type: 'figure',
        position: node.position,
        data: {
          hName: 'figure',
          hProperties: { className: ['photo'] },
          figure: { src: image.url, caption, alt } satisfies FigureData,
        },
        children: [
          { ...image, title: null, alt },
          {
            type: 'figcaption',
            position: image.position,
            data: { hName: 'figcaption' },
            children: caption ? [{ type: 'text', value: caption }] : [],
          },
        ],
      };
      parent.children.splice(index, 1, figure as never);
    });
  };
}
