// Where Chinese text sets phrases apart with a space, which the space rules leave alone: a credit's
// names (本报记者　张悦, 张悦　摄), a list of names after a colon, the space after a 电头, and the
// phrases of a title or a slogan. Read by the copy desk (full-width-space, cjk-space, split-paragraph)
// and, through cjkSpaces (cjk.ts), by the typesetter.

/**
 * A byline or a photo credit, whose names a full-width space sets apart: a phrase that opens with
 * its role (本报记者　张悦　李明, 通讯员　李明) or ends with it (张悦　摄).
 */
export const CREDIT_PHRASE =
  /^(?:本报|新华社|中新社)?(?:特约|见习|实习)?(?:记者|通讯员|实习生|摄影|撰稿|执笔|编辑|整理|编译)|(?:摄|供图|制图|整理|报道)$/;
/** Where a phrase ends: the sentence marks and brackets around it (本报讯（记者　张悦）). */
const PHRASE_END = /[，。；！？、：,.;!?:（）()\n]/;

/** A 电头 at a paragraph's start: a paper's, agency's or site's name, then place and date, then 讯 or 电 (本报北京9月10日讯). */
const DATELINE = /^\p{Script=Han}{0,8}(?:报|社|网|台)[\p{Script=Han}\d]{0,16}?(?:讯|电)$/u;

/**
 * Whether a space at `start` follows a paragraph's 电头 (本报讯　近日……, 本报北京9月10日讯 贵州茅台……,
 * 新华社北京12月1日电 记者……): newspapers set the dateline apart from the story with a space.
 */
export function afterDateline(s: string, start: number): boolean {
  return DATELINE.test(s.slice(0, start).replace(/^[\s\u3000]+/, ''));
}

/**
 * Whether a space at [start, end) sets apart the names of a list after a colon (名单: 主席团成员：王一　李明华　张三,
 * 出席：王　一　张　三等。), where Chinese newspapers put a space between names (and pad a two-character
 * name to three): the phrase after the colon is three or more runs of one to four Chinese characters, and
 * nothing but spaces between them.
 */
export function inNameList(s: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && !PHRASE_END.test(s[a - 1])) a--;
  if (s[a - 1] !== '：' && s[a - 1] !== ':') return false;
  let b = end;
  while (b < s.length && !PHRASE_END.test(s[b])) b++;
  const parts = s
    .slice(a, b)
    .trim()
    .split(/[ \t\u00A0\u3000]+/);
  return parts.length >= 3 && parts.every((p) => /^\p{Script=Han}{1,4}$/u.test(p));
}

/**
 * Whether a space at `index` separates the phrases of a title or a slogan, which Chinese sets apart
 * with a space: inside quotation marks or title marks (“亮丽内蒙古　奋进新征程”, 《“京蒙协作 政协助力”框架协议》),
 * or in a line with no sentence mark at all (广聚共识增合力 团结奋进谱新篇: a head typed as a paragraph).
 */
export function betweenPhrases(s: string, index: number): boolean {
  if (!/[。，；！？：、]/.test(s)) return true;
  let quotes = 0;
  let titles = 0;
  for (let i = 0; i < index; i++) {
    const c = s[i];
    if (c === '“') quotes++;
    else if (c === '”') quotes = Math.max(0, quotes - 1);
    else if (c === '《') titles++;
    else if (c === '》') titles = Math.max(0, titles - 1);
  }
  return quotes > 0 || titles > 0;
}

/** The phrase of the text around [start, end): from the last sentence mark before it to the next after it. */
export function phraseAround(s: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !PHRASE_END.test(s[a - 1])) a--;
  let b = end;
  while (b < s.length && !PHRASE_END.test(s[b])) b++;
  return s.slice(a, b);
}
