// The small directive syntax for what plain markdown has no form for:
//   ::byline[（张悦）]        the end-of-article byline
//   ::credit[（本版图片由……提供）]  the photo credit line
//   ::kicker[……]             引题, when it is written in the body rather than the front matter
//   :lang[Hello]{en}         a passage in another language, inside a paragraph: <span lang="en"> in
//                            every output (screen readers read it in that language, readers pick its
//                            fonts and hyphenation); a tag that is none (BCP 47) is the lang-tag
//                            finding, and the passage keeps its text without the mark
// Anything else that looks like a directive (`a:b` in prose) is put back as the text it was.
// Braces on ::byline, ::credit or :::kicker ({记者 张悦}, {.red}) and a block other than a paragraph
// inside a ::: block are printed nowhere: each is the directive-dropped finding where it is written.
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

/** What a block is, in words, where a ::: block leaves it out. */
const BLOCK_WORDS: Record<string, string> = {
  list: 'A list',
  heading: 'A heading',
  blockquote: 'A block quote',
  code: 'A code block',
  table: 'A table',
  thematicBreak: 'A rule (---)',
  html: 'Raw HTML',
  leafDirective: 'A directive line',
  containerDirective: 'A ::: block',
  definition: 'A link definition',
  footnoteDefinition: 'A footnote',
};

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
        // A leaf's label is its children; a container's content is paragraphs: keep their phrasing,
        // each paragraph on a line of its own (run together, 第一段 and 第二段 printed as 第一段第二段).
        const children: PhrasingContent[] =
          node.type === 'leafDirective'
            ? (node.children as PhrasingContent[])
            : node.children
                .filter((c) => c.type === 'paragraph')
                .flatMap((c, i): PhrasingContent[] => (i ? [{ type: 'break', position: c.position }, ...c.children] : c.children));
        // What the line holds beyond its text is printed nowhere: say so, where it is written.
        const marker = `${node.type === 'leafDirective' ? '::' : ':::'}${node.name}`;
        if (Object.keys(node.attributes ?? {}).length) {
          const start = node.position?.start.offset ?? 0;
          const line = source.slice(start, source.indexOf('\n', start) < 0 ? undefined : source.indexOf('\n', start));
          const braces = /\{.*\}\s*$/.exec(line)?.[0].trim() ?? '{…}';
          const shown = braces.length > 60 ? `${braces.slice(0, 59)}…}` : braces;
          file.message(
            `${marker} prints only its text in brackets: the braces ${shown} are printed nowhere; write what they say in the brackets, ${marker}[（张悦）], and delete the braces`,
            { place: node.position, ruleId: 'directive-dropped', source: FINDINGS_SOURCE },
          );
        }
        if (node.type === 'containerDirective')
          for (const c of node.children)
            if (c.type !== 'paragraph')
              file.message(
                `${BLOCK_WORDS[c.type] ?? `a block (${c.type})`} inside ${marker} is printed nowhere: the block prints its paragraphs only; write it as a paragraph, or move it after the closing :::`,
                { place: c.position, ruleId: 'directive-dropped', source: FINDINGS_SOURCE },
              );
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
