// The small directive syntax for what plain markdown has no form for:
//   ::byline[（张悦）]        the end-of-article byline
//   ::credit[（本版图片由……提供）]  the photo credit line
//   ::kicker[……]             引题, when it is written in the body rather than the front matter
//   :lang[Hello]{en}         a passage in another language, inside a paragraph: <span lang="en"> in
//                            every output (screen readers read it in that language, readers pick its
//                            fonts and hyphenation); a tag that is none (BCP 47) is the lang-tag
//                            finding, and the passage keeps its text without the mark
// Anything else that looks like a directive (`a:b` in prose) is put back as the text it was.
import type { Root, Paragraph, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { readLangTag } from '../core/lang-tag.js';

/** The tag a :lang[…]{tag} directive gives: its one attribute, written bare ({en}) */
export function passageTag(attributes: Record<string, string | null | undefined> | null | undefined): string | undefined {
  const keys = Object.keys(attributes ?? {});
  return keys.length === 1 && !attributes?.[keys[0]] ? keys[0] : undefined;
}

const KNOWN: Record<string, string> = { byline: 'byline', credit: 'credit', kicker: 'kicker' };

export default function remarkNewsDirectives() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, (node, index, parent) => {
      if (node.type !== 'leafDirective' && node.type !== 'containerDirective' && node.type !== 'textDirective') return;
      if (!parent || index === undefined) return;
      if (node.type === 'textDirective' && node.name === 'lang') {
        // Stays a directive (the lang-tag rule judges it); to the HTML it is a span, with lang= when the tag is one.
        const written = passageTag(node.attributes);
        const known = written === undefined ? undefined : readLangTag(written);
        node.data = { hName: 'span', hProperties: known?.tag && !known.problem ? { lang: known.tag } : {} };
        return;
      }
      const cls = KNOWN[node.name];
      if (cls && node.type !== 'textDirective') {
        // A leaf's label is its children; a container's content is paragraphs: keep their phrasing.
        const children: PhrasingContent[] =
          node.type === 'leafDirective'
            ? (node.children as PhrasingContent[])
            : node.children.flatMap((c) => (c.type === 'paragraph' ? c.children : []));
        const para: Paragraph = {
          type: 'paragraph',
          children,
          position: node.position,
          data: { hProperties: { className: [cls] } },
        };
        parent.children.splice(index, 1, para as never);
        return index;
      }
      // Not one of ours: restore the literal source text.
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const text = start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`;
      if (node.type !== 'textDirective') {
        file.message(`Unknown directive "::${node.name}"; known: ${Object.keys(KNOWN).join(', ')} (kept as text)`, {
          place: node.position,
          ruleId: 'unknown-directive',
          source: FINDINGS_SOURCE,
        });
        parent.children.splice(index, 1, {
          type: 'paragraph',
          children: [{ type: 'text', value: text }],
          position: node.position,
        } as never);
      } else {
        parent.children.splice(index, 1, { type: 'text', value: text, position: node.position } as never);
      }
      return index;
    });
  };
}
