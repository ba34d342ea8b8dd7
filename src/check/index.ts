// The copy desk: lint-style rules over the shaped mdast (one module each in ./rules/). Each rule
// adds vfile messages with a stable rule id at its severity (error: fatal=true, warning:
// fatal=false, info: fatal undefined). Then the project config (manuscript/config.yaml, `check:`)
// changes severities or turns rules off, and `<!-- lint disable|enable|ignore id -->` comments
// in the manuscript accept findings on purpose (remark-message-control).
import type { Root, Parent } from 'mdast';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import remarkMessageControl from 'remark-message-control';
import { commentMarker } from 'mdast-comment-marker';
import { visit } from 'unist-util-visit';
import { FATAL, type Edit, type RuleContext } from './rule.js';
import { RULES, RULE_IDS } from './rules/index.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_NAME, findConfigs, loadCheckConfig, mergeConfigs, type CheckConfig } from './config.js';
import { locator, textBlocks, type TextBlock } from './text.js';

export interface CheckOptions {
  /** Project config folder (defaults to the manuscript root) */
  configDir?: string;
  /** A config already loaded (tests, --config); wins over configDir. */
  config?: CheckConfig;
  /** Rule options that win over the config (the rule examples use this). */
  ruleOptions?: Record<string, Record<string, unknown>>;
}

const SOURCE = 'baoban';
const fixes = new WeakMap<VFileMessage, Edit[]>();

export const KNOWN_OPTIONS = new Map<string, Record<string, unknown>>([
  ...RULES.map((r) => [r.id, r.options] as [string, Record<string, unknown>]),
  ...RULE_IDS.filter((id) => !RULES.some((r) => r.id === id)).map((id) => [id, {}] as [string, Record<string, unknown>]),
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
  const source = String(file.value ?? '');
  const point = locator(source);
  let blocks: TextBlock[] | undefined;
  const memo = new Map<string, Promise<unknown>>();
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (setting?.off) continue;
    const severity = setting?.severity ?? rule.severity;
    const ctx: RuleContext<Record<string, unknown>> = {
      tree,
      file,
      source,
      matter: file.data.matter ?? {},
      root: file.data.manuscript?.root ?? file.dirname ?? process.cwd(),
      options: { ...rule.options, ...setting?.options, ...options.ruleOptions?.[rule.id] },
      blocks: () => (blocks ??= textBlocks(tree, source)),
      point,
      report(reason, place, extra) {
        const message = file.message(reason, { place, ruleId: rule.id, source: SOURCE });
        message.fatal = FATAL[severity];
        message.url = `src/check/RULES.md#${rule.id}`;
        if (extra?.note) message.note = extra.note;
        if (extra?.fix?.length) fixes.set(message, extra.fix);
        return message;
      },
      memo<T>(key: string, make: () => Promise<T>) {
        if (!memo.has(key)) memo.set(key, make());
        return memo.get(key) as Promise<T>;
      },
    };
    try {
      await rule.check(ctx);
    } catch (error) {
      // A rule that breaks on odd input must not hide the other findings or crash the build.
      const message = file.message(`The ${rule.id} check could not run (${(error as Error).message}); please report this`, {
        place: { line: 1, column: 1 },
        ruleId: rule.id,
        source: SOURCE,
      });
      message.fatal = false;
    }
  }
  applyConfig(file, config);
  applyComments(tree, file);
  file.messages.sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || String(a.ruleId).localeCompare(String(b.ruleId)),
  );
}

/** Severity changes and `off` from the config, for the pipeline's own findings too. */
function applyConfig(file: VFile, config: CheckConfig): void {
  file.messages = file.messages.filter((m) => !(m.source === SOURCE && m.ruleId && config.rules[m.ruleId]?.off));
  for (const m of file.messages) {
    const severity = m.source === SOURCE && m.ruleId ? config.rules[m.ruleId]?.severity : undefined;
    if (severity) m.fatal = FATAL[severity];
  }
}

/** `<!-- lint disable id -->` / `enable` / `ignore` comments; mistakes in them are findings too. */
function applyComments(tree: Root, file: VFile): void {
  const restore: Array<() => void> = [];
  visit(tree, 'html', (node) => {
    const mark = commentMarker(node);
    if (!mark || mark.name !== 'lint') return;
    const [verb, ...ids] = mark.attributes.trim().split(/\s+/);
    const bad = !['disable', 'enable', 'ignore'].includes(verb) ? `unknown keyword "${verb}"` : ids.find((id) => !RULE_IDS.includes(id));
    if (!bad) return;
    const message = file.message(
      verb && ['disable', 'enable', 'ignore'].includes(verb)
        ? `Unknown rule "${bad}" in a lint comment: it disables nothing (see src/check/RULES.md)`
        : `Lint comment with ${bad}: use <!-- lint disable|enable|ignore rule-id -->`,
      { place: node.position, ruleId: 'lint-comment', source: SOURCE },
    );
    message.fatal = false;
    // Hide the broken comment from message control, which would throw on it.
    const value = node.value;
    node.value = '<!-- -->';
    restore.push(() => (node.value = value));
  });
  try {
    remarkMessageControl({ name: 'lint', source: SOURCE })(positioned(tree) as Root, file);
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

/** The edits that fix the findings still in the file (after config and comments). */
export function fixesOf(file: VFile): Edit[] {
  return file.messages.flatMap((m) => fixes.get(m) ?? []);
}

export function isFixable(message: VFileMessage): boolean {
  return fixes.has(message);
}
