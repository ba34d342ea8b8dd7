// The publication data of one article: front matter, with the headline taken from the first
// `#` heading when the front matter has none. Pandoc's keys (title, subtitle, author), which many
// manuscripts arrive with, stand in for baoban's when those are absent (printedAs).

export interface Matter {
  /** 报名 */ paper?: string;
  /** 版次: page number */ page?: string | number;
  /** 版别: the page's label, e.g. 专版 */ section?: string;
  /** 出版日期 */ date?: string;
  /** 引题 */ kicker?: string;
  /** 主题 */ headline?: string;
  /** 副题 */ subheadline?: string;
  /** Byline printed under the headline, e.g. 本报记者 张悦 */ byline?: string;
  /** Photo credit line for the page, e.g. （本版图片由……提供） */ credit?: string;
  /** Author(s) for document metadata: a name, or Pandoc's list of names (or of `name:` entries) */ author?: string | unknown[];
  /** Pandoc's title: the headline when there is no `headline` */ title?: string;
  /** Pandoc's subtitle: the subheadline when there is no `subheadline` */ subtitle?: string;
  /** 责任编辑 */ editor?: string;
  /** 美术编辑 */ designer?: string;
  /** 校对: the proofreader, named in the proof's sign-off box */ proofreader?: string;
  /** 值班总编: the duty editor who signs the page for press, named in the proof's sign-off box */ dutyEditor?: string;
  /** Name of the page layout in templates/newspaper/layouts/ */ layout?: string;
  /** Language (BCP 47), default zh-CN */ lang?: string;
  [key: string]: unknown;
}

export const MATTER_KEYS = [
  'paper',
  'page',
  'section',
  'date',
  'kicker',
  'headline',
  'subheadline',
  'byline',
  'credit',
  'author',
  'editor',
  'designer',
  'proofreader',
  'dutyEditor',
  'layout',
  'lang',
  'title',
  'subtitle',
] as const;

/** Text of a matter value for printing, or '' when absent. */
export function matterText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The keys printed in the headline block (and the credit line), each as itself. */
export const PRINTED_KEYS = ['kicker', 'headline', 'subheadline', 'byline', 'credit'] as const;

/** Pandoc's keys and the part each prints as when the manuscript does not give that part's own key. */
export const PANDOC_KEYS: Readonly<Record<string, (typeof PRINTED_KEYS)[number]>> = {
  title: 'headline',
  subtitle: 'subheadline',
  author: 'byline',
};

/**
 * Which of the given front-matter keys print, and as what: baoban's printed keys as themselves,
 * Pandoc's `title` and `subtitle` when `headline` or `subheadline` is absent. Pandoc's `author`
 * is the byline only in a manuscript in Pandoc's style, without `headline` (and without `byline`):
 * in baoban's own front matter `author` is the metadata name and the byline is written out
 * (`byline:` or `::byline[…]`), so printing `author` there would print the name twice.
 */
export function printedAs(keys: Iterable<string>): Map<string, string> {
  const given = new Set(keys);
  const out = new Map<string, string>();
  for (const key of given) {
    if ((PRINTED_KEYS as readonly string[]).includes(key)) out.set(key, key);
    const role = Object.hasOwn(PANDOC_KEYS, key) ? PANDOC_KEYS[key] : undefined;
    if (!role || given.has(role)) continue;
    if (key === 'author' && given.has('headline')) continue;
    out.set(key, role);
  }
  return out;
}

/** The names in an `author` value: a name, a list of names, or Pandoc's list of `name:` entries. */
export function authorNames(value: unknown): string[] {
  const one = (v: unknown): string =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? matterText((v as { name?: unknown }).name) : matterText(v);
  return (Array.isArray(value) ? value.map(one) : [one(value)]).map((n) => n.trim()).filter(Boolean);
}

/** Several names on one line: 、 between Chinese names (as a Chinese byline writes them), ", " otherwise. */
export function joinNames(names: string[]): string {
  return names.join(names.some((n) => /\p{Script=Han}/u.test(n)) ? '、' : ', ');
}
