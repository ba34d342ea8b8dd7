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
import remarkMessageControl from 'remark-message-control';
import { commentMarker } from 'mdast-comment-marker';
import { visit } from 'unist-util-visit';
import { unified } from 'unified';
import { FATAL } from './rule.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { rulePlugin } from './plugin.js';
import { PIPELINE_RULES, RULES, RULE_IDS } from './rules/index.js';
import { CONFIG_NAME, findConfigs, loadCheckConfig, mergeConfigs, type CheckConfig } from '../config/desk.js';

export interface CheckOptions {
  /** Read only the config.yaml in this folder (default: manuscript/config.yaml, then the manuscript folder's) */
  configDir?: string;
  /** A config already loaded (tests, --config); wins over configDir. */
  config?: CheckConfig;
  /** Rule options that win over the config (the rule examples use this). */
  ruleOptions?: Record<string, Record<string, unknown>>;
}

export const KNOWN_OPTIONS = new Map<string, Record<string, unknown>>([
  ...RULES.map((r) => [r.id, r.options] as [string, Record<string, unknown>]),
  ...PIPELINE_RULES.map((r) => [r.id, {}] as [string, Record<string, unknown>]),
]);

/**
 * The config for a manuscript: an explicit one, the config.yaml in configDir, or the project's
 * manuscript/config.yaml with the manuscript folder's own config.yaml over it.
 */
export function configFor(file: VFile, options: CheckOptions = {}): CheckConfig {
  if (options.config) return options.config;
  if (options.configDir) {
    const own = path.join(options.configDir, CONFIG_NAME);
    return loadCheckConfig(existsSync(own) ? own : undefined, KNOWN_OPTIONS);
  }
  const root = file.data.manuscript?.root ?? file.dirname ?? process.cwd();
  return mergeConfigs(findConfigs(root).map((f) => loadCheckConfig(f, KNOWN_OPTIONS)));
}

export async function checkManuscript(tree: Root, file: VFile, options: CheckOptions = {}): Promise<void> {
  const config = configFor(file, options);
  const processor = unified();
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (setting?.off) continue;
    processor.use(rulePlugin(rule), {
      severity: setting?.severity,
      options: { ...setting?.options, ...options.ruleOptions?.[rule.id] },
    });
  }
  await processor.run(tree, file);
  applyConfig(file, config);
  applyComments(tree, file);
  file.messages.sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || String(a.ruleId).localeCompare(String(b.ruleId)),
  );
}

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
    const bad = !knownVerb ? `unknown keyword "${verb}"` : ids.find((id) => !RULE_IDS.includes(id));
    if (!bad) return;
    const message = file.message(
      knownVerb
        ? `Unknown rule "${bad}" in a lint comment: it disables nothing (see src/check/RULES.md)`
        : `Lint comment with ${bad}: use <!-- lint disable|enable|ignore rule-id -->`,
      { place: node.position, ruleId: 'lint-comment', source: FINDINGS_SOURCE },
    );
    message.fatal = false;
    // Hide the broken comment from message control, which would throw on it.
    const value = node.value;
    node.value = '<!-- -->';
    restore.push(() => (node.value = value));
  });
  try {
    remarkMessageControl({ name: 'lint', source: FINDINGS_SOURCE })(positioned(tree) as Root, file);
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

export { fixesOf, isFixable } from './plugin.js';
