// An image standing alone in its paragraph is a photo: `![caption](photo.jpg "alt text")` becomes
// <figure class="photo"><img alt><figcaption>caption</figcaption></figure> (no figcaption when the
// brackets are empty). The alt text is the title when given (a description for readers who cannot
// see the photo), else the caption.
// Photos are top-level blocks of the article: an image alone in a paragraph inside a quotation or
// a list stays an inline image. So "figure N" means the same to the checks, the page's photo
// slots and the EPUB: the Nth figure among the article's blocks.
import type { Definition, Root, Image, ImageReference, Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';

export interface FigureData {
  src: string;
  caption: string;
  alt: string;
}

export default function remarkFigure() {
  return (tree: Root) => {
    // A reference-style photo (![caption][label], with `[label]: photo.jpg "alt text"` elsewhere) is
    // a photo as much as one written inline: its definition gives the file and the alt text. The
    // first definition of a label counts (CommonMark); one never defined is left as it is.
    const definitions = new Map<string, Definition>();
    visit(tree, 'definition', (d: Definition) => {
      if (!definitions.has(d.identifier)) definitions.set(d.identifier, d);
    });
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      if (!parent || index === undefined || parent.type !== 'root') return;
      const significant = node.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
      if (significant.length !== 1) return;
      const only = significant[0];
      let image: Image;
      if (only.type === 'image') image = only;
      else if (only.type === 'imageReference') {
        const definition = definitions.get((only as ImageReference).identifier);
        if (!definition) return;
        image = { type: 'image', url: definition.url, title: definition.title ?? null, alt: only.alt ?? '', position: only.position };
      } else return;
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
        // A photo written with empty brackets has no caption: no empty figcaption (a caption that
        // says nothing to a screen reader, and on the page a caption's margin taken from the slot).
        children: [
          { ...image, title: null, alt },
          ...(caption.trim()
            ? [
                {
                  type: 'figcaption',
                  position: image.position,
                  data: { hName: 'figcaption' },
                  children: [{ type: 'text', value: caption }],
                },
              ]
            : []),
        ],
      };
      parent.children.splice(index, 1, figure as never);
    });
  };
}
