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
import photoCredit from './photo-credit.js';
import halfWidthPunctuation from './half-width-punctuation.js';
import unbalancedPairs from './unbalanced-pairs.js';
import duplicatePassage from './duplicate-passage.js';
import splitParagraph from './split-paragraph.js';
import fontCoverage from './font-coverage.js';
import controlCharacters from './control-characters.js';
import matterPlaceholder from './matter-placeholder.js';

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
  photoCredit,
  halfWidthPunctuation,
  unbalancedPairs,
  duplicatePassage,
  splitParagraph,
  fontCoverage,
  controlCharacters,
  matterPlaceholder,
] as unknown as Rule<Record<string, unknown>>[];

/** Findings made before the rules run, by the reader and the parser; documented and configurable too. */
export const PIPELINE_RULES: Array<{ id: string; severity: 'error' | 'warning' | 'info'; summary: string; why: string; example: string }> =
  [
    {
      id: 'encoding',
      severity: 'error',
      summary: 'The file is not valid UTF-8 (reported at the first undecodable byte).',
      why: 'Manuscripts are UTF-8. Text in GBK or another encoding turns into replacement characters; save the file as UTF-8. The rest of the file is still checked.',
      example: 'tests/check/fixtures/broken/invalid-utf8.md',
    },
    {
      id: 'front-matter-yaml',
      severity: 'error',
      summary: 'The front matter between the `---` lines is not valid YAML, or not a key: value mapping (reported at the YAML error).',
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
      id: 'lint-comment',
      severity: 'warning',
      summary: 'A `<!-- lint … -->` comment uses an unknown keyword or names an unknown rule.',
      why: 'A mistyped rule id in a disable comment silently disables nothing; the keywords are disable, enable and ignore.',
      example: 'tests/check/fixtures/broken/lint-comment.md',
    },
  ];

export const RULE_IDS = [...RULES.map((r) => r.id), ...PIPELINE_RULES.map((r) => r.id)];
