// A passage in another language, :lang[Hello]{en}, is marked lang="en" in every output (screen
// readers read it in that voice, readers choose its fonts and hyphenation). The tag must be one a
// reader knows (BCP 47), written as the directive's one bare attribute.
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { langTagProblem } from '../../core/lang-tag.js';
import { passageTag } from '../../markdown/remark-news-directives.js';
import { defineRule } from '../rule.js';

interface TextDirective extends Node {
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  children: Node[];
}

export default defineRule({
  id: 'lang-tag',
  severity: 'warning',
  summary: 'A passage marked `:lang[…]{tag}` has no language tag, several, or one that is not a language tag (BCP 47) of a known language.',
  why: 'The tag tells a screen reader which voice to read the passage in, and an e-reader which fonts and hyphenation to use; EPUB validators and Ace reject a tag that is none. Without a good tag the passage keeps its text and loses the mark. Write `:lang[Hello]{en}`, `:lang[Сайн байна уу]{mn-Cyrl}`.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n他说：“:lang[Good morning]{en}。”\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n他说：“:lang[Good morning]{en_GB}。”\n',
        expect: ['3:5-3:31 "en_GB" is not a language tag (BCP 47): write en-GB'],
      },
      { markdown: '# 主题\n\n他说：“:lang[Good morning]{xx}。”\n', expect: ['3:5-3:28 "xx" names no known language'] },
      {
        markdown: '# 主题\n\n他说：“:lang[Good morning]{lang=en}。”\n',
        expect: ["3:5-3:33 Write the passage's language as the one thing in the braces"],
      },
      {
        markdown: '# 主题\n\n他说：“:lang[Good morning]。”\n',
        expect: ["3:5-3:24 Write the passage's language as the one thing in the braces"],
      },
    ],
  },
  check(ctx) {
    visit(ctx.tree as Node, 'textDirective', (node: TextDirective) => {
      if (node.name !== 'lang') return;
      const written = passageTag(node.attributes);
      if (written === undefined) {
        ctx.flag(
          "Write the passage's language as the one thing in the braces, :lang[Hello]{en}: without it the passage is not marked as another language",
          node.position,
        );
        return;
      }
      const problem = langTagProblem(written);
      if (problem) ctx.flag(`${problem}; the passage keeps its text, not marked as another language`, node.position);
    });
  },
});
