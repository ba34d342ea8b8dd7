// 避头尾 for the marks Chromium's strict line breaking does not keep: it never starts a line with
// 。，、）》” … nor ends one with （《“, but it breaks before the 间隔号 “·” (卡尔·马克思) and the
// wave dash “～” (9～12日) as before a Han character, and so printed them at a line's start: a
// page-line-start finding on a page that should have none. Each such mark the layout forbids
// (lines.noStart, lines.noEnd: a layout editor may add more) is glued to its neighbour in a
// span.glue that no line breaks inside (templates/article.css); the text itself is untouched.
// Which marks the browser keeps by itself was measured in the pinned Chromium and is measured again
// by tests/html/line-glue.test.ts; a mark it keeps is left alone (thousands of spans for nothing).
import type { Element, Root } from 'hast';
import type { LineRules } from '../config/layout.js';
import { wrapMatches } from './wrap-text.js';

export const GLUE_CLASS = 'glue';

/** Marks that Chromium's `line-break: strict` keeps off a line's start by itself (zh-Hans). */
export const BROWSER_KEEPS_OFF_START = '、。，．：；？！）］｝〕〉》」』】〗〙”’…‥〜';
/** Marks that it keeps off a line's end by itself. */
export const BROWSER_KEEPS_OFF_END = '（［｛〔〈《「『【〖〘“‘';

const escapeClass = (chars: string[]) => chars.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');

/** The pattern gluing each mark of `rules` the browser does not keep to its neighbour, or null when there is none. */
export function gluePattern(rules: Pick<LineRules, 'noStart' | 'noEnd'>): RegExp | null {
  const start = [...new Set(rules.noStart)].filter((c) => !BROWSER_KEEPS_OFF_START.includes(c) && c.trim());
  const end = [...new Set(rules.noEnd)].filter((c) => !BROWSER_KEEPS_OFF_END.includes(c) && c.trim());
  const parts = [
    start.length ? `\\S[${escapeClass(start)}]+` : '', // the character before and the marks
    end.length ? `[${escapeClass(end)}]+\\S` : '', // the marks and the character after
  ].filter(Boolean);
  return parts.length ? new RegExp(parts.join('|'), 'gu') : null;
}

/** Glue each mark the layout forbids at a line's start or end that the browser would leave there (in place); returns the count. */
export function glueLineMarks(tree: Root | Element, rules: Pick<LineRules, 'noStart' | 'noEnd'>): number {
  const pattern = gluePattern(rules);
  return pattern ? wrapMatches(tree, pattern, GLUE_CLASS) : 0;
}

/**
 * A figure and the Latin unit typed after it with a space (“120 km/h”, “25 kg”, “3.6 km²”): the
 * space is a line break to Chromium, and a line ended on “速度120” with “km/h，” starting the next.
 * The last digit, the space and the unit are glued (span.glue); a word going on after it (“5 mice”)
 * is not a unit.
 */
const UNIT = `(?:km/h|m/s|kW·h|kWh|km²|km2|m²|m³|kW|MW|GW|kV|GHz|MHz|Hz|dB|mL|ml|km|cm|mm|kg|mg|GB|MB|TB|μm|nm|m|g|t|L|W|V)`;
export const UNIT_PATTERN = new RegExp(String.raw`\d[ \u00a0\u2009]${UNIT}(?![\p{Script=Latin}\p{N}])`, 'gu');

/** Glue each figure to the unit typed after it with a space (in place); returns the count. */
export function glueUnits(tree: Root | Element): number {
  return wrapMatches(tree, UNIT_PATTERN, GLUE_CLASS);
}
