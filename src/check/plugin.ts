// Each rule as a unified plugin, in the manner of remark-lint: `unified().use(rulePlugin(rule),
// { severity, options })` adds a transformer `(tree, file)` that reports vfile messages with the
// rule's id. Rules of one run share, through the file, the parsed text blocks and a memo (image
// metadata is read once, not once per image rule).
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Node, Point } from 'unist';
import type { Metadata } from 'sharp';
import type { Layout, PrintPlaces } from '../config/layout.js';
import { FINDINGS_SOURCE, type Severity } from '../core/findings.js';
import { pruneFindings } from './cap.js';
import { applyEdits, matterEnd, matterRetyped } from './matter-retype.js';
import { type EbookTerms, FATAL, type Edit, type Rule, type RuleContext } from './rule.js';
import { locator, textBlocks, type TextBlock } from '../core/text-blocks.js';

export interface RuleSettings {
  severity?: Severity;
  options?: Record<string, unknown>;
  /** the layout the build uses, when it names one (RuleContext.layout) */
  layout?: Layout;
  /** where the build prints the figures, when it places them itself (RuleContext.photoPlaces) */
  photoPlaces?: PrintPlaces;
  /** the images the build converts itself (RuleContext.convertsImage) */
  convertsImage?: (meta: Metadata) => boolean;
  /** the e-book's terms, when the build is one (RuleContext.ebook) */
  ebook?: EbookTerms;
}

interface Shared {
  tree: Root;
  blocks?: TextBlock[];
  byNode?: Map<Node, TextBlock>;
  point: (offset: number) => Point;
  memo: Map<string, Promise<unknown>>;
  /** the file is not UTF-8 (an `encoding` finding, made when it was read): --fix leaves it alone */
  notUtf8?: boolean;
}

const shared = new WeakMap<VFile, Shared>();
const fixes = new WeakMap<VFileMessage, Edit[]>();
const FIX_COMMAND = '`npm run check -- --fix`';

function sharedFor(tree: Root, file: VFile): Shared {
  let s = shared.get(file);
  if (!s || s.tree !== tree) {
    s = { tree, point: locator(String(file.value ?? '')), memo: new Map() };
    shared.set(file, s);
  }
  return s;
}

export function rulePlugin(rule: Rule<Record<string, unknown>>) {
  return function (settings: RuleSettings = {}) {
    const severity = settings.severity ?? rule.severity;
    const options = { ...rule.options, ...settings.options };
    return async (tree: Root, file: VFile) => {
      const s = sharedFor(tree, file);
      const source = String(file.value ?? '');
      const blocks = () => (s.blocks ??= textBlocks(tree, source));
      const ctx: RuleContext<Record<string, unknown>> = {
        tree,
        file,
        source,
        matter: file.data.matter ?? {},
        root: file.data.manuscript?.root ?? file.dirname ?? process.cwd(),
        options,
        layout: settings.layout,
        photoPlaces: settings.photoPlaces,
        convertsImage: settings.convertsImage,
        ebook: settings.ebook,
        blocks,
        blockOf: (node) =>
          (s.byNode ??= new Map(
            blocks()
              .filter((b) => b.node)
              .map((b) => [b.node!, b]),
          )).get(node),
        point: s.point,
        range: (start, end) => ({ start: s.point(start), end: s.point(end) }),
        rangeIn: (block, index, length) => {
          const first = block.offsets[index];
          const last = block.offsets[index + length - 1];
          if (first >= 0 && last >= 0) return { start: s.point(first), end: s.point(last + 1) };
          if (block.node?.position) return block.node.position;
          // Front matter: a character with no source of its own (a YAML escape such as \u002c) is
          // placed at the nearest one that has, before it or else after it: never nowhere.
          let near = -1;
          for (let i = Math.min(index, block.offsets.length - 1); i >= 0 && near < 0; i--) near = block.offsets[i];
          for (let i = index + 1; i < block.offsets.length && near < 0; i++) near = block.offsets[i];
          return near >= 0 ? { start: s.point(near), end: s.point(near + 1) } : undefined;
        },
        flag(reason, place, extra) {
          // --fix leaves a file that is not UTF-8 alone (fix.ts): its findings offer no fix, and
          // the advice to run it says what must come first.
          s.notUtf8 ??= file.messages.some((m) => m.ruleId === 'encoding');
          const said = s.notUtf8 ? reason.replaceAll(FIX_COMMAND, `${FIX_COMMAND} once the file is saved as UTF-8`) : reason;
          const message = file.message(said, { place, ruleId: rule.id, source: FINDINGS_SOURCE });
          message.fatal = FATAL[severity];
          message.url = `src/check/RULES.md#${rule.id}`;
          if (extra?.note) message.note = extra.note;
          if (extra?.fix?.length && !s.notUtf8) fixes.set(message, extra.fix);
          pruneFindings(file);
          return message;
        },
        memo<T>(key: string, make: () => Promise<T>) {
          if (!s.memo.has(key)) s.memo.set(key, make());
          return s.memo.get(key) as Promise<T>;
        },
      };
      try {
        await rule.check(ctx);
      } catch (error) {
        // A rule that breaks on odd input must not hide the other findings or crash the build, nor
        // let the manuscript pass unchecked: an error (under its own id, which no config or lint
        // comment can turn down), so a --final build refuses to write.
        const message = file.message(
          `The ${rule.id} check could not run (${(error as Error)?.message ?? error}), so the manuscript is not known to be free of ` +
            `what it reports; please report this with the manuscript`,
          { place: { line: 1, column: 1 }, ruleId: 'check-failed', source: FINDINGS_SOURCE },
        );
        message.fatal = true;
        message.url = 'src/check/RULES.md#check-failed';
      }
    };
  };
}

/** The edits that fix the findings still in the file (after config and comments), or one rule's. */
export function fixesOf(file: VFile, ruleId?: string): Edit[] {
  return file.messages.filter((m) => !ruleId || m.ruleId === ruleId).flatMap((m) => fixes.get(m) ?? []);
}

/** How a finding says --fix mends it, in the rules' words: taken out when --fix will not. */
const FIX_CLAIMS = [/;\s*--fix does(?=\))/g, /\s*\(`npm run check -- --fix` does\)/g, /;\s*run `npm run check -- --fix`/g];

/**
 * A fix that would make a front matter value another YAML type (headline: 1.10。 without its 。 is
 * the number 1.1) is one --fix does not make (fix.ts): its finding offers none (not counted as
 * fixable) and, in place of "--fix does", says why and what to do first. Run on the findings that
 * stand after the config and lint comments, all fixes together, as --fix applies them.
 */
export function withholdRetypingFixes(file: VFile): void {
  const source = String(file.value ?? '');
  const fixable = file.messages.filter((m) => fixes.has(m));
  // Only edits in the front matter can retype a value: the body is not rebuilt at every check.
  const end = matterEnd(source);
  const inMatter = fixable.flatMap((m) => fixes.get(m) ?? []).filter((e) => e.offset < end);
  if (!inMatter.length) return;
  const retyped = matterRetyped(source, applyEdits(source, inMatter).text);
  if (!retyped.length) return;
  for (const m of fixable) {
    const value = retyped.find(([a, b]) => fixes.get(m)?.some((e) => e.offset >= a && e.offset < b));
    if (!value) continue;
    const [a, b, key, reading] = value;
    fixes.delete(m);
    // a quoted value is text whatever it holds: quoted (by hand), the next --fix mends it
    const quoted = `${key}: "${source.slice(a, b).replace(/["\\]/g, '\\$&')}"`;
    m.reason = `${FIX_CLAIMS.reduce((r, claim) => r.replace(claim, ''), m.reason)}; --fix leaves it: so fixed, YAML would read ${key} as ${reading}, not as text; write the value in quotes (${quoted}) first`;
    m.message = m.reason;
  }
}

export function isFixable(message: VFileMessage): boolean {
  return fixes.has(message);
}
