// The 报眉 of a single manuscript's page, filled from its front matter (page-html.ts): a key the
// layout's runningHead names that the front matter does not give printed as nothing (“第版”,
// “责任编辑：”), and a 报眉 too long for the type area ran off the trim; neither was said.
// An edition's 报眉 comes from its plan and is checked there (edition-findings.ts), with the same measure.
import type { Page } from 'puppeteer-core';
import type { Article } from '../core/article.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { lineColumn } from '../core/input-error.js';
import { matterText } from '../core/matter.js';
import { matterDocument } from '../core/text-blocks.js';
import { isScalar, type Scalar } from 'yaml';
import { runningHeadKeys, type Layout } from '../config/layout.js';
import { MATTER_KEYS } from '../core/matter.js';
import { suggest } from '../core/suggest.js';
import { readYamlSource, yamlNodeAt } from '../core/yaml.js';
import { shortPath } from '../output/progress.js';
import type { PageFinding } from './findings.js';
import { PX_PER_MM } from './geometry.js';

/**
 * The 报眉's parts when they do not fit the type area's width: its text (paper, date, page,
 * section, credits, as the layout's runningHead puts them) runs past the type area or its parts
 * touch (less than an em between them). Null when it fits or the layout has none.
 */
export const RUNNING_HEAD_FIT = `(function () {
  var head = document.querySelector('.sheet:not(.sheet-elsewhere) .running-head');
  if (!head) return null;
  var box = head.getBoundingClientRect();
  var em = parseFloat(getComputedStyle(head).fontSize);
  var parts = Array.prototype.map.call(head.children, function (el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var r = range.getBoundingClientRect();
    return { text: el.textContent || '', left: r.left, right: r.right, empty: !(el.textContent || '').trim() };
  }).filter(function (p) { return !p.empty; });
  var over = Math.max(0, box.left - Math.min.apply(null, parts.map(function (p) { return p.left; }).concat([box.left])),
    Math.max.apply(null, parts.map(function (p) { return p.right; }).concat([box.right])) - box.right);
  var touching = parts.some(function (p, i) { return i > 0 && p.left - parts[i - 1].right < em; });
  if (over < 1 && !touching) return null;
  return { over: over, touching: touching, texts: parts.map(function (p) { return p.text; }) };
})()`;

export interface RunningHeadFit {
  over: number;
  touching: boolean;
  texts: string[];
}

/**
 * Where a finding about the front matter points: at the key, of `keys`, whose value is longest (the
 * one to shorten first), else at the front matter's first line (core/text-blocks.ts matterDocument
 * locates the keys).
 */
export function longestMatterKey(article: Article, keys: string[]): { line: number; column: number } {
  const source = String(article.file.value ?? '');
  const matter = matterDocument(article.mdast, source);
  const length = (k: unknown) => matterText(article.matter[String(k)]).length;
  const given = (matter?.map.items ?? []).map((p) => p.key).filter((k) => isScalar(k) && keys.includes(String(k.value)) && k.range);
  const longest = given.sort((a, b) => length((b as Scalar).value) - length((a as Scalar).value))[0] as Scalar | undefined;
  if (matter && longest?.range) return lineColumn(source, matter.base + longest.range[0]);
  const yaml = article.mdast.children.find((n) => n.type === 'yaml');
  return { line: yaml?.position?.start.line ?? 1, column: 1 };
}

/**
 * Where the layout file writes {{key}} in its runningHead (“layouts/x.yaml:30:17 runningHead.center”):
 * a key no output gives is the layout's typo, to be mended there, not in the manuscript or the plan.
 */
export function runningHeadKeyAt(layout: Pick<Layout, 'file'>, key: string): string {
  const source = readYamlSource(layout.file);
  for (const side of ['left', 'center', 'right']) {
    const node = source && yamlNodeAt(source, ['runningHead', side]);
    if (!source || !node || !isScalar(node)) continue;
    const written = new RegExp(`\\{\\{\\s*${key}\\s*\\}\\}`).exec(source.text.slice(node.range[0], node.range[1]));
    if (!written) continue;
    const { line, col } = source.lines.linePos(node.range[0] + written.index);
    return `${shortPath(layout.file)}:${line}:${col} runningHead.${side}`;
  }
  return `${shortPath(layout.file)} runningHead`;
}

/**
 * What to say of a 报眉 key no value is given for, when it is none of the keys a 报眉 is meant for
 * (`known`): where the layout writes it, and the known key it most likely means.
 */
export function runningHeadTypo(layout: Pick<Layout, 'file'>, key: string, known: readonly string[]): string {
  const near = suggest(key, [...known]);
  return `{{${key}}} at ${runningHeadKeyAt(layout, key)}: ${near ? `did you mean {{${near}}}?` : `the keys it may name are ${known.map((k) => `{{${k}}}`).join(', ')}`}`;
}

/** The page’s 报眉 findings: keys it names that the front matter lacks, and a 报眉 wider than the type area. */
export async function runningHeadFindings(page: Page, article: Article, layout: Layout): Promise<PageFinding[]> {
  const head = layout.runningHead;
  if (!head) return [];
  const { file, matter } = article;
  const keys = runningHeadKeys(layout);
  const found: PageFinding[] = [];
  const given = (k: string) => Boolean(matterText(matter[k]).trim());
  // A key that is no front matter key an output reads and that this manuscript does not give is the
  // layout's typo ({{secton}}): said at the layout's line, where it is mended, not at the manuscript's.
  const typos = keys.filter((k) => !given(k) && !(MATTER_KEYS as readonly string[]).includes(k));
  const missing = keys.filter((k) => !given(k) && !typos.includes(k));
  for (const k of typos) {
    const msg = file.message(
      `The 报眉 (layout ${layout.name}) names ${runningHeadTypo(layout, k, [...new Set([...MATTER_KEYS, ...Object.keys(matter)])])}; ` +
        `the front matter gives no ${k}:, so it prints as nothing: correct the key in the layout file`,
      { place: longestMatterKey(article, []), ruleId: 'page-running-head-missing', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
    found.push({ message: msg });
  }
  if (missing.length) {
    const msg = file.message(
      `The 报眉 (layout ${layout.name}, runningHead) names ${missing.map((k) => `{{${k}}}`).join(', ')}, which the front matter does not give, ` +
        `so they print as nothing: add ${missing.map((k) => `${k}:`).join(', ')} to the front matter`,
      { place: longestMatterKey(article, []), ruleId: 'page-running-head-missing', source: FINDINGS_SOURCE },
    );
    msg.fatal = false;
    found.push({ message: msg });
  }
  const fit = (await page.evaluate(RUNNING_HEAD_FIT)) as RunningHeadFit | null;
  if (fit) {
    const msg = file.message(
      `The 报眉 does not fit the type area's width (${fit.over >= 1 ? `it runs ${(fit.over / PX_PER_MM).toFixed(1)} mm past it` : 'its parts touch'}): ` +
        `“${fit.texts.join('｜')}”; shorten the front matter's ${keys.join(', ')}, or the layout's runningHead`,
      // at the longest value the 报眉 prints: the one to shorten first
      { place: longestMatterKey(article, keys), ruleId: 'page-running-head-overflow', source: FINDINGS_SOURCE },
    );
    msg.fatal = true;
    found.push({ message: msg });
  }
  return found;
}
