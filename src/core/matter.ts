// The publication data of one article: front matter, with the headline taken from the first
// `#` heading when the front matter has none.

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
  /** Author for document metadata */ author?: string;
  /** 责任编辑 */ editor?: string;
  /** 美术编辑 */ designer?: string;
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
  'layout',
  'lang',
  'title',
  'description',
  'proof',
] as const;

/** Text of a matter value for printing, or '' when absent. */
export function matterText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
