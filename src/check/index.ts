// The copy desk: lint-style rules over the shaped mdast (one module each in ./rules/). Each rule
// adds vfile messages with a stable rule id at its severity (error: fatal=true, warning:
// fatal=false, info: fatal undefined). Then the project config (manuscript/config.yaml, `check:`)
// changes severities or turns rules off, and `<!-- lint disable|enable|ignore id -->` comments
// in the manuscript accept findings on purpose (remark-message-control).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Root, Parent } from 'mdast';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import remarkMessageControl from 'remark-message-control';
import { commentMarker } from 'mdast-comment-marker';
import { visit } from 'unist-util-visit';
import { unified } from 'unified';
import { type EbookTerms, FATAL } from './rule.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { rulePlugin, withholdRetypingFixes } from './plugin.js';
import { capFindings, limitFindings } from './cap.js';
import { GUARD_IDS, PIPELINE_RULES, RULES, RULE_IDS } from './rules/index.js';
import type { Metadata } from 'sharp';
import type { Layout, PrintPlaces } from '../config/layout.js';
import { limitsFor, type Limits } from '../config/limits.js';
import { enforceStricter, type RuleFacts } from '../config/policy.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import { CONFIG_NAME, findConfigs, loadCheckConfig, mergeConfigs, type CheckConfig, type OptionBound } from '../config/desk.js';

export interface CheckOptions {
  /** Read only the config.yaml in this folder (default: manuscript/config.yaml, then the manuscript folder's) */
  configDir?: string;
  /** A config already loaded (tests, --config); wins over configDir. */
  config?: CheckConfig;
  /** Rule options that win over the config (the rule examples use this). */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** The limits (default: the manuscript's, from manuscript/config.yaml and its folder's config.yaml). */
  limits?: Limits;
  /** Findings kept per manuscript (default: limits.maxFindings); `--fix` keeps them all. */
  maxFindings?: number;
  /**
   * The page layout the manuscript is built on when the build names one (build:pdf --layout):
   * the rules that measure against a layout (image-resolution, heading-length) judge by it, not by
   * the front matter's `layout:`.
   */
  layout?: Layout;
  /**
   * Where the build prints the manuscript's figures, when it places them itself (an edition: the
   * plan's photo slots): image-resolution measures each photo there, not at the layout's slots.
   */
  photoPlaces?: PrintPlaces;
  /**
   * The images the build converts itself (build:epub: WebP, GIF, TIFF, AVIF become JPEG or PNG):
   * image-format does not hold their format against the manuscript.
   */
  convertsImage?: (meta: Metadata) => boolean;
  /**
   * The e-book's terms (build:epub): image-resolution judges a photo by a reader's screen, and the
   * rules that measure the newspaper page (heading-length) do not run.
   */
  ebook?: EbookTerms;
}

export const KNOWN_OPTIONS = new Map<string, Record<string, unknown>>([
  ...RULES.map((r) => [r.id, r.options] as [string, Record<string, unknown>]),
  ...PIPELINE_RULES.map((r) => [r.id, {}] as [string, Record<string, unknown>]),
]);

/** Each rule's numeric option ranges, for validating configs. */
export const OPTION_BOUNDS = new Map<string, Record<string, OptionBound>>(
  RULES.map((r) => [r.id, (r.optionBounds ?? {}) as Record<string, OptionBound>]),
);

/**
 * The config for a manuscript: an explicit one, the config.yaml in configDir, or the project's
 * manuscript/config.yaml with the manuscript folder's own config.yaml over it.
 */
export function configFor(file: VFile, options: CheckOptions = {}): CheckConfig {
  if (options.config) return options.config;
  if (options.configDir) {
    const own = path.join(options.configDir, CONFIG_NAME);
    return loadCheckConfig(existsSync(own) ? own : undefined, KNOWN_OPTIONS, OPTION_BOUNDS);
  }
  const root = file.data.manuscript?.root ?? file.dirname ?? process.cwd();
  const files = findConfigs(root);
  const configs = files.map((f) => loadCheckConfig(f, KNOWN_OPTIONS, OPTION_BOUNDS));
  // The manuscript folder's own config.yaml may only make the checks stricter (src/config/policy.ts).
  const projectFile = path.join(DEFAULT_MANUSCRIPTS, CONFIG_NAME);
  const project = files[0] === projectFile ? configs[0] : { rules: {} };
  files.forEach((f, i) => {
    if (f !== projectFile) enforceStricter(project, configs[i], f, projectFile, RULE_FACTS);
  });
  return mergeConfigs(configs);
}

/** What the config policy needs of the rules: default severities, option defaults and ranges. */
export const RULE_FACTS: RuleFacts = {
  severities: new Map([...RULES, ...PIPELINE_RULES].map((r) => [r.id, r.severity])),
  options: KNOWN_OPTIONS,
  bounds: OPTION_BOUNDS,
};

export async function checkManuscript(tree: Root, file: VFile, options: CheckOptions = {}): Promise<void> {
  // A manuscript refused while reading or parsing (past a limit) carries its one finding; nothing else runs.
  if (file.data.manuscript?.refused) return;
  const config = configFor(file, options);
  const processor = unified();
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (setting?.off) continue;
    processor.use(rulePlugin(rule), {
      severity: setting?.severity,
      options: { ...setting?.options, ...options.ruleOptions?.[rule.id] },
      layout: options.layout,
      photoPlaces: options.photoPlaces,
      convertsImage: options.convertsImage,
      ebook: options.ebook,
    });
  }
  const maxFindings =
    options.maxFindings ?? (options.limits ?? limitsFor(file.data.manuscript?.root ?? file.dirname ?? process.cwd())).maxFindings;
  limitFindings(file, maxFindings);
  await processor.run(tree, file);
  // Guard findings are set aside while the config and the lint comments act on the rest.
  const guarded = file.messages.filter((m) => isGuard(m));
  file.messages = file.messages.filter((m) => !isGuard(m));
  applyConfig(file, config);
  applyComments(tree, file);
  withholdRetypingFixes(file);
  for (const m of guarded) file.messages.push(m);
  capFindings(file, maxFindings);
}

const isGuard = (m: VFileMessage) => m.source === FINDINGS_SOURCE && GUARD_IDS.has(String(m.ruleId));

/** Severity changes and `off` from the config, for the pipeline's own findings too. */
function applyConfig(file: VFile, config: CheckConfig): void {
  file.messages = file.messages.filter((m) => !(m.source === FINDINGS_SOURCE && m.ruleId && config.rules[m.ruleId]?.off));
  for (const m of file.messages) {
    const severity = m.source === FINDINGS_SOURCE && m.ruleId ? config.rules[m.ruleId]?.severity : undefined;
    if (severity) m.fatal = FATAL[severity];
  }
}

const LINT_VERBS = ['disable', 'enable', 'ignore'];

/** `<!-- lint disable id -->` / `enable` / `ignore` comments; mistakes in them are findings too. */
function applyComments(tree: Root, file: VFile): void {
  const restore: Array<() => void> = [];
  visit(tree, 'html', (node) => {
    const mark = commentMarker(node);
    if (mark?.name !== 'lint') return;
    const [verb, ...ids] = mark.attributes.trim().split(/\s+/);
    const knownVerb = LINT_VERBS.includes(verb);
    // A disable or ignore naming no rule turns every check off (to the end, or for the next block):
    // a contributor's manuscript carried its own <!-- lint disable --> and passed with 0 errors,
    // placeholders, control characters and missing photos included. The rules it accepts are named.
    const all = (verb === 'disable' || verb === 'ignore') && !ids.length;
    const bad = !knownVerb ? `unknown keyword "${verb}"` : all ? 'no rule' : ids.find((id) => !RULE_IDS.includes(id) || GUARD_IDS.has(id));
    if (!bad) return;
    const message = file.message(
      !knownVerb
        ? `Lint comment with ${bad}: use <!-- lint disable|enable|ignore rule-id -->`
        : all
          ? `<!-- lint ${verb} --> names no rule: it would ${verb === 'disable' ? 'turn every check off from here' : 'accept every finding of the next block'}, and is not applied; name the rules whose findings you accept, <!-- lint ${verb} rule-id … -->`
          : GUARD_IDS.has(bad)
            ? `"${bad}" cannot be disabled by a lint comment: it guards the checks themselves (see src/check/RULES.md)`
            : `Unknown rule "${bad}" in a lint comment: it disables nothing (see src/check/RULES.md)`,
      { place: node.position, ruleId: 'lint-comment', source: FINDINGS_SOURCE },
    );
    message.fatal = false;
    // Hide the broken comment from message control, which would throw on it.
    const value = node.value;
    node.value = '<!-- -->';
    restore.push(() => (node.value = value));
  });
  try {
    remarkMessageControl({ name: 'lint', source: FINDINGS_SOURCE })(withoutEnd(positioned(tree)) as Root, file);
  } finally {
    for (const r of restore) r();
  }
}

/**
 * The tree without nodes that have no source position (text the shaping plugins made up, such as
 * a caption's figcaption): message control takes the span around such a node for a gap in the
 * document and drops every finding in it.
 */
function positioned(node: Node): Node {
  if (!('children' in node)) return node;
  const children = (node as Parent).children.filter((c) => c.position).map(positioned);
  // A parent left without children stands as a leaf, so its end position still counts.
  if (!children.length) return { type: node.type, position: node.position } as Node;
  return { ...node, children } as Node;
}

/**
 * The tree with no end of its own: message control takes the stretch from the last leaf's end to the
 * document's end for a gap and drops every finding in it, so a finding at a block the parser's
 * plugins left out of the tree at the end of the document (a list inside a closing :::kicker) was
 * lost without a word.
 */
function withoutEnd(root: Node): Node {
  return root.position ? ({ ...root, position: { start: root.position.start } } as Node) : root;
}

export { fixesOf, isFixable } from './plugin.js';
export { capFindings } from './cap.js';
