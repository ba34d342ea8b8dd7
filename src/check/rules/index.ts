// Every copy-desk rule, in RULES.md order; src/check/plugin.ts makes each a unified plugin.
// Adding a rule: one module in this folder with its examples, one line here, then regenerate
// RULES.md (`npx tsx src/check/docs.ts`).
import type { Rule } from '../rule.js';
import noContent from './no-content.js';
import headlineCount from './headline-count.js';
import headingIncrement from './heading-increment.js';
import headingEmpty from './heading-empty.js';
import headingPunctuation from './heading-punctuation.js';
import headingDuplicate from './heading-duplicate.js';
import headingLength from './heading-length.js';
import figureCaption from './figure-caption.js';
import captionStyle from './caption-style.js';
import captionDuplicate from './caption-duplicate.js';
import orphanCaption from './orphan-caption.js';
import figureAlt from './figure-alt.js';
import imageMissing from './image-missing.js';
import imageOutsideManuscript from './image-outside-manuscript.js';
import imageUnreadable from './image-unreadable.js';
import imageFormat from './image-format.js';
import imageResolution from './image-resolution.js';
import imageStandin from './image-standin.js';
import imageSyntax from './image-syntax.js';
import photoCredit from './photo-credit.js';
import halfWidthPunctuation from './half-width-punctuation.js';
import halfWidthFullStop from './half-width-full-stop.js';
import halfWidthQuotes from './half-width-quotes.js';
import ellipsis from './ellipsis.js';
import doubledPunctuation from './doubled-punctuation.js';
import doubledWord from './doubled-word.js';
import dashTyped from './dash-typed.js';
import tildeTyped from './tilde-typed.js';
import fullWidthAlphanumeric from './full-width-alphanumeric.js';
import unbalancedPairs from './unbalanced-pairs.js';
import nestedMarks from './nested-marks.js';
import mixedQuotes from './mixed-quotes.js';
import duplicatePassage from './duplicate-passage.js';
import splitParagraph from './split-paragraph.js';
import verseLines from './verse-lines.js';
import fontCoverage from './font-coverage.js';
import controlCharacters from './control-characters.js';
import matterPlaceholder from './matter-placeholder.js';
import matterDate from './matter-date.js';
import matterPage from './matter-page.js';
import matterLang from './matter-lang.js';
import matterLayout from './matter-layout.js';
import matterUnknownKey from './matter-unknown-key.js';
import rawHtml from './raw-html.js';
import langTag from './lang-tag.js';
import footnoteUnused from './footnote-unused.js';
import footnoteDuplicate from './footnote-duplicate.js';
import referenceUndefined from './reference-undefined.js';
import indentedCode from './indented-code.js';
import manualIndent from './manual-indent.js';
import fullWidthSpace from './full-width-space.js';
import cjkSpace from './cjk-space.js';

export const RULES = [
  noContent,
  headlineCount,
  headingIncrement,
  headingEmpty,
  headingPunctuation,
  headingDuplicate,
  headingLength,
  figureCaption,
  captionStyle,
  captionDuplicate,
  orphanCaption,
  figureAlt,
  imageMissing,
  imageOutsideManuscript,
  imageUnreadable,
  imageFormat,
  imageResolution,
  imageStandin,
  imageSyntax,
  photoCredit,
  halfWidthPunctuation,
  halfWidthFullStop,
  halfWidthQuotes,
  ellipsis,
  doubledPunctuation,
  doubledWord,
  dashTyped,
  tildeTyped,
  fullWidthAlphanumeric,
  unbalancedPairs,
  nestedMarks,
  mixedQuotes,
  duplicatePassage,
  splitParagraph,
  verseLines,
  fontCoverage,
  controlCharacters,
  matterPlaceholder,
  matterDate,
  matterPage,
  matterLang,
  matterLayout,
  matterUnknownKey,
  rawHtml,
  langTag,
  footnoteUnused,
  footnoteDuplicate,
  referenceUndefined,
  indentedCode,
  manualIndent,
  fullWidthSpace,
  cjkSpace,
] as unknown as Rule<Record<string, unknown>>[];

/** Findings made before the rules run, by the reader and the parser; documented and configurable too. */
export const PIPELINE_RULES: Array<{ id: string; severity: 'error' | 'warning' | 'info'; summary: string; why: string; example: string }> =
  [
    {
      id: 'encoding',
      severity: 'error',
      summary:
        'The file is not valid UTF-8: UTF-16 (by its byte-order mark) or GB18030/GBK (reported at 1:1, and read in that encoding), or other bytes that do not decode (reported at the first of them).',
      why: 'Manuscripts are UTF-8; save the file as UTF-8. A UTF-16 or GBK file is read in its encoding so the rest is checked and printed as written; other undecodable bytes become replacement characters. `--fix` leaves such a file alone.',
      example: 'tests/check/fixtures/broken/invalid-utf8.md',
    },
    {
      id: 'front-matter-yaml',
      severity: 'error',
      summary:
        'The front matter between the `---` lines is not valid YAML, or not a key: value mapping (reported at the YAML error), or opened with `---` and never closed, or a printed key (headline, byline, date …) holds a list or a mapping instead of one line of text (not printed).',
      why: 'Headline, date and page come from the front matter; broken YAML loses all of them. The message names the YAML problem.',
      example: 'tests/check/fixtures/broken/bad-yaml.md',
    },
    {
      id: 'unknown-directive',
      severity: 'warning',
      summary: 'A `::name[…]` line is not one of the known directives (byline, credit, kicker); it is kept as text.',
      why: 'A mistyped ::byline would otherwise print as literal text.',
      example: 'tests/check/fixtures/broken/unknown-directive.md',
    },
    {
      id: 'directive-dropped',
      severity: 'warning',
      summary:
        'A `::byline`, `::credit` or `:::kicker` holds more than its text: braces (`::byline{记者 张悦}`, `{.red}`), or, inside a `:::` block, a list, a heading, a table or another block; that part is printed nowhere.',
      why: 'These lines print their text only: what is written in the braces, or a block other than a paragraph inside `:::kicker … :::`, would be left out of every output without a word (a byline written in braces printed as an empty line). Write the text in the brackets, `::byline[（张悦）]`, and the blocks as paragraphs or after the closing `:::`.',
      example: 'tests/check/fixtures/broken/directive-dropped.md',
    },
    {
      id: 'lint-comment',
      severity: 'warning',
      summary: 'A `<!-- lint … -->` comment uses an unknown keyword, names an unknown rule, or names no rule at all.',
      why: 'A mistyped rule id in a disable comment silently disables nothing; the keywords are disable, enable and ignore. A `<!-- lint disable -->` or `<!-- lint ignore -->` that names no rule would turn every check off, and it comes with the manuscript: it is not applied, and says so; name the rules whose findings you accept.',
      example: 'tests/check/fixtures/broken/lint-comment.md',
    },
  ];

/**
 * Findings that guard the checks themselves: a manuscript past a limit (refused before it is
 * parsed), a check that could not run, and findings past the limit of findings. They cannot be
 * turned off or down by a config or a lint comment: otherwise input could switch the checks off.
 */
export const GUARD_RULES: typeof PIPELINE_RULES = [
  {
    id: 'input-too-large',
    severity: 'error',
    summary: 'The manuscript file is larger than `limits.maxInputBytes` (reported where it passes the limit); it is not read further.',
    why: 'A manuscript of tens of megabytes is a mistake (a pasted archive, a binary file) and would take minutes and gigabytes to check and lay out. Split it into several manuscripts, or raise the limit in manuscript/config.yaml.',
    example: 'tests/fixtures/hostile/input-too-large (made by tests/fixtures/hostile/make.ts)',
  },
  {
    id: 'nesting-too-deep',
    severity: 'error',
    summary: 'Block quotes, lists, emphasis or brackets are nested deeper than `limits.maxNesting`; the manuscript is not read further.',
    why: 'Nesting in the hundreds makes the markdown parser slow and, in the thousands, overflows its stack; no article needs it. Flatten the quotes, lists or emphasis. Measured once before parsing (an estimate, refused at twice the limit) and exactly after.',
    example: 'tests/fixtures/hostile/deep-quotes/article.md',
  },
  {
    id: 'paragraph-too-long',
    severity: 'error',
    summary:
      'A paragraph (a run of lines without a blank line) is longer than `limits.maxParagraphChars`; the manuscript is not read further.',
    why: 'One paragraph of hundreds of kilobytes is pasted data, not copy: it cannot be set on a page, and the checks and the browser slow down with it. Break it into paragraphs with blank lines.',
    example: 'tests/fixtures/hostile/long-paragraph/article.md',
  },
  {
    id: 'too-many-blocks',
    severity: 'error',
    summary:
      'The manuscript has more blocks (paragraphs, headings, list items, table rows, footnotes) than `limits.maxBlocks`; it is not read further.',
    why: 'The markdown parser holds some 15 KB per block while it works, however short the block: tens of thousands of one-line paragraphs or footnotes take minutes and gigabytes. Split the manuscript into several files.',
    example: 'tests/fixtures/hostile/many-footnotes (made by tests/fixtures/hostile/make.ts)',
  },
  {
    id: 'too-much-markup',
    severity: 'error',
    summary:
      'The manuscript has more lines and inline markup characters (* _ ~ ` [ ] < & \\ |) than `limits.maxMarkup`; it is not read further.',
    why: 'The markdown parser holds a token or more for every line and every markup character while it works: megabytes of one-character lines or of **emphasis** take gigabytes. Split the manuscript into several files.',
    example: 'tests/fixtures/hostile/many-lines (made by tests/fixtures/hostile/make.ts)',
  },
  {
    id: 'check-failed',
    severity: 'error',
    summary: 'A check could not run on this manuscript (an error inside the check): the manuscript is not known to be clean.',
    why: 'A check that breaks must not let the manuscript pass: a --final build refuses to write until it runs. Please report it with the manuscript.',
    example: 'tests/check/guard.test.ts',
  },
  {
    id: 'too-many-findings',
    severity: 'error',
    summary:
      'More findings than `limits.maxFindings`: the first are kept, the rest are counted by rule in this one finding (an error if any of them is).',
    why: 'Tens of thousands of findings mean the manuscript is not copy yet (or a rule misfires on it); keeping them all costs memory and nobody reads them. Fix the first ones and check again.',
    example: 'tests/check/guard.test.ts',
  },
];

/** Rule ids that config and lint comments cannot change. */
export const GUARD_IDS = new Set(GUARD_RULES.map((r) => r.id));

export const RULE_IDS = [...RULES.map((r) => r.id), ...PIPELINE_RULES.map((r) => r.id), ...GUARD_RULES.map((r) => r.id)];
