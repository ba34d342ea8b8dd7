// One manuscript becomes one chapter: the same typeset hast the print path uses, given ids for the
// navigation document, images converted for e-readers, and serialised as XHTML (characters written
// as characters, never as &#x…; references).
import { readLangTag } from '../core/lang-tag.js';
import { imageErrorWords } from '../core/image-words.js';
import path from 'node:path';
import type { Root, Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Article } from '../core/article.js';
import { authorNames } from '../core/matter.js';
import { ConfinementError, readConfined, resolveAsset } from '../core/confine.js';
import { asciiName, type BookImage } from './images.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { limitsFor } from '../config/limits.js';
import { emptyLinkText, xhtmlMarkup, xhtmlMarkupText } from './xhtml-markup.js';

export interface Section {
  id: string;
  title: string;
  /** Heading level, 2–6 (a stray `#` in the body counts as 2) */
  level: number;
  /** Headings below this one, up to the next heading of the same or a higher level */
  children: Section[];
}

export interface Chapter {
  /** 1-based position in the volume */
  index: number;
  /** Package file name, e.g. ch01-ningju-gongshi.xhtml */
  filename: string;
  /** Id of the chapter's h1 */
  titleId: string;
  title: string;
  subtitle?: string;
  sections: Section[];
  /** The chapter's section (headline block and article body), serialised with toXhtml when the book is assembled */
  tree: Root;
  images: BookImage[];
  /** The manuscript's `author` names (a Pandoc list gives several) */
  authors: string[];
  /** The chapter's language where it is not the book's (its headings' in the navigation too) */
  lang?: string;
  /** The title's language where it is not the book's: the chapter's, or zh-CN for a stand-in 第N章 */
  titleLang?: string;
  /** The manuscript's path: a link of another chapter names it (../第二章/article.md) */
  source: string;
  /** What a link may name in the chapter: its ids, and its headings' ids by the heading's text as a link writes it (#小节) */
  anchors: { ids: Set<string>; headings: Map<string, string> };
}

/**
 * A link the chapter alone cannot resolve (to another manuscript, or to a fragment it has no id
 * for) carries this attribute, with the address as written, until the volume's pass
 * (volume-links.ts) points it at another chapter's file or drops it.
 */
export const BOOK_LINK = 'dataBookLink';

/** The images of the chapter with no text alternative (an empty alt: no alt text, no caption) */
export function imagesWithoutText(chapter: Chapter): Element[] {
  const found: Element[] = [];
  visit(chapter.tree, 'element', (node: Element) => {
    if (node.tagName === 'img' && !(typeof node.properties.alt === 'string' && node.properties.alt.trim())) found.push(node);
  });
  return found;
}

/** Whether an image of the chapter has no text alternative */
export const hasImageWithoutText = (chapter: Chapter): boolean => imagesWithoutText(chapter).length > 0;

const classes = (node: Element): string[] => (node.properties?.className as string[] | undefined) ?? [];

/** XHTML serialisation: self-closing void elements, and only & < " escaped (as the XML needs). */
export function toXhtml(nodes: Root | ElementContent[]): string {
  const root: Root = Array.isArray(nodes) ? { type: 'root', children: nodes } : nodes;
  return toHtml(root, { closeSelfClosing: true, characterReferences: { useNamedReferences: false } });
}

/** A heading's text as the navigation shows it: without its footnote marks (a sup holding a link to a note). */
function headingText(node: Element): string {
  const isNoteMark = (n: ElementContent) =>
    n.type === 'element' &&
    n.tagName === 'sup' &&
    n.children.some((c) => c.type === 'element' && c.tagName === 'a' && String(c.properties.href ?? '').startsWith('#user-content-fn-'));
  const strip = (n: Element): Element => ({
    ...n,
    children: n.children.filter((c) => !isNoteMark(c)).map((c) => (c.type === 'element' ? strip(c) : c)),
  });
  return toString(strip(node)).trim();
}

/** An http(s) address with a host of whole labels (no a..cn, no empty host) that a URL parser takes. */
function isWebAddress(href: string): boolean {
  const authority = /^https?:\/\/([^/?#]*)/i.exec(href)?.[1] ?? '';
  const host = authority.replace(/^[^@]*@/, '').replace(/:\d*$/, '');
  const labels = host.replace(/\.$/, '').split('.'); // a.cn. (the root's dot) is a whole host
  if (!host.startsWith('[') && labels.some((label) => label === '')) return false;
  try {
    new URL(href);
    return true;
  } catch {
    return false;
  }
}

/** A heading with nothing in it but white space (a link, a picture or a note mark in it is something). */
function isEmptyHeading(node: Element): boolean {
  return node.children.every((c) => c.type === 'text' && !c.value.trim());
}

/** A heading's text as a link names it, the way GitHub does: lower case, spaces as hyphens, no punctuation. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** What a chapter without a headline is called, and the language of that name. */
const fallbackTitle = (index: number) => `第${index}章`;
const FALLBACK_LANG = 'zh-CN';

/**
 * The text a chapter shows, in regular weight and in bold: what the embedded font must cover.
 * Given the chapter's index, a missing headline counts as the title the chapter will show.
 */
export function chapterText(hast: Root, index?: number): { text: string; boldText: string } {
  let boldText = '';
  let headline = false;
  visit(hast, 'element', (node: Element) => {
    // Headings, strong and b, and a table's header cells (the reader's own stylesheet sets th bold)
    if (/^(h[1-6]|strong|b|th)$/.test(node.tagName)) {
      const text = toString(node);
      if (node.tagName === 'h1' && text.trim()) headline = true;
      boldText += text;
      return SKIP;
    }
  });
  const extra = index !== undefined && !headline ? fallbackTitle(index) : '';
  return { text: toString(hast) + extra + xhtmlMarkupText(hast), boldText: boldText + extra };
}

/**
 * A chapter's language as its front matter writes it (lang:), when that is a language tag. One that
 * is not (zh_CN, a locale's form; 中文; xx, no language) would make the chapter invalid XHTML to
 * EPUBCheck (RSC-005) or an unknown language to Ace (valid-lang): the tag meant is used when it can
 * be told (core/lang-tag.ts: zh_CN → zh-CN, 英文 → en), else the book's language, and the lang: line
 * is told what the chapter became (the desk's matter-lang says what to write).
 */
function languageTag(written: string, article: Article): string | undefined {
  const { tag, problem } = readLangTag(written);
  if (!problem) return tag;
  const source = String(article.file.value ?? '');
  const matter = /^---\r?\n[\s\S]*?\n(?:---|\.\.\.)\s*$/m.exec(source)?.[0] ?? '';
  const at = /^lang[ \t]*:/m.exec(matter);
  const line = at ? matter.slice(0, at.index).split('\n').length : 1;
  const msg = article.file.message(
    `lang "${written}" is not a language tag (BCP 47), which an e-book's XHTML must carry; ` +
      (tag
        ? `the chapter is marked ${tag}. Write lang: ${tag}`
        : "the chapter is in the book's language. Write a tag such as zh-CN, en or mn, or delete the line"),
    { place: { line, column: 1 }, ruleId: 'epub-lang-invalid', source: FINDINGS_SOURCE },
  );
  msg.fatal = false;
  return tag;
}

/** Converts an image's bytes for the book, named images/<base>.jpg|png (images.ts imageConverter). */
export type ConvertImage = (bytes: Buffer, base: string) => Promise<BookImage>;

/** The chapter's authors as the book names them: placeholders (〔作者〕) are not names; the checks report them. */
export function chapterAuthors(article: Article): string[] {
  return authorNames(article.matter.author).filter((name) => !/^〔.*〕$/.test(name));
}

export async function buildChapter(article: Article, index: number, convert: ConvertImage, bookLang = 'zh-CN'): Promise<Chapter> {
  const prefix = `ch${String(index).padStart(2, '0')}`;
  const tree = structuredClone(article.hast);
  const articleNode = tree.children.find((n): n is Element => n.type === 'element' && n.tagName === 'article');
  if (!articleNode) throw new Error(`${article.file.path}: typeset tree has no <article>`);

  // The package document carries the book's language; a chapter in another language says so.
  const written = articleNode.properties.lang;
  delete articleNode.properties.lang;
  const lang = typeof written === 'string' ? languageTag(written, article) : undefined;
  if (typeof lang === 'string' && lang !== bookLang) {
    articleNode.properties.lang = lang;
    articleNode.properties['xml:lang'] = lang;
  }
  // Source-line attributes are for proofs only.
  visit(tree, 'element', (node: Element) => {
    for (const key of Object.keys(node.properties)) if (key.startsWith('data')) delete node.properties[key];
  });
  xhtmlMarkup(tree);

  const titleId = `${prefix}-title`;
  let title = '';
  let subtitle: string | undefined;
  const sections: Section[] = [];
  const open: Section[] = [];
  let headings = 0;
  // Headings that had an id (the footnotes' 注释, which each reference names in aria-describedby)
  const renamedIds = new Map<string, string>();
  const imageNodes: Array<{ node: Element; parent: Element }> = [];
  const links: Array<{ node: Element; parent: Element }> = [];
  const emptyHeadings: Array<{ node: Element; parent: Element }> = [];
  visit(tree, 'element', (node: Element, _i, parent) => {
    if (node.tagName === 'h1' && parent?.type === 'element' && parent.tagName === 'header') {
      node.properties.id = titleId;
      title = toString(node).trim();
    } else if (/^h[1-6]$/.test(node.tagName) && parent?.type === 'element' && isEmptyHeading(node)) {
      // A heading with nothing in it (## alone on its line: the desk's heading-empty error) shows
      // nothing; in the book it was a navigation entry without text, which EPUBCheck rejects
      // (RSC-005), and a heading without a name to Ace (empty-heading). It is left out.
      emptyHeadings.push({ node, parent });
      return SKIP;
    } else if (/^h[1-6]$/.test(node.tagName)) {
      // Every other heading is navigable: 小标题 (h2) and below, a stray `#` in the body as h2.
      const id = `${prefix}-s${++headings}`;
      if (node.properties.id) renamedIds.set(String(node.properties.id), id);
      node.properties.id = id;
      const section: Section = { id, title: headingText(node), level: Math.max(2, Number(node.tagName[1])), children: [] };
      while (open.length && open[open.length - 1].level >= section.level) open.pop();
      // A skipped level (小标题 written as ###, a #### straight under a ##: the desk warns,
      // heading-increment) fails Ace (heading-order): the heading takes the level of its place in
      // the nesting the navigation shows, one below the heading it stands under.
      const nested = Math.min(6, open.length + 2);
      if (nested < Number(node.tagName[1])) node.tagName = `h${nested}`;
      // A heading of a note mark alone (## [^1]: the desk's heading-empty error) names nothing: a
      // navigation entry for it had no text, which EPUBCheck rejects (RSC-005) and Ace fails
      // (link-name). It keeps its place and its note in the chapter, and has no entry.
      if (!section.title) return;
      (open.length ? open[open.length - 1].children : sections).push(section);
      open.push(section);
    } else if (node.tagName === 'p' && classes(node).includes('subheadline')) {
      subtitle = toString(node).trim();
    } else if (node.tagName === 'img' && parent?.type === 'element') {
      imageNodes.push({ node, parent });
    } else if (node.tagName === 'a' && parent?.type === 'element') {
      links.push({ node, parent });
    }
  });
  for (const { node, parent } of emptyHeadings) parent.children.splice(parent.children.indexOf(node), 1);

  // A footnote's ids come from its label, percent-encoded ([^注一]: user-content-fn-%E6%B3%A8%E4%B8%80), and
  // its links name them so; a reading system and EPUBCheck decode a link's fragment, found no such id, and
  // the note lost its link and its way back. Such an id gets a plain one, as the headings do.
  let plainIds = 0;
  visit(tree, 'element', (node: Element) => {
    const id = node.properties.id;
    if (typeof id !== 'string' || /^[A-Za-z][\w.-]*$/.test(id) || renamedIds.has(id)) return;
    const to = `${prefix}-id${++plainIds}`;
    renamedIds.set(id, to);
    node.properties.id = to;
  });
  const renamedTo = (fragment: string) => {
    if (renamedIds.has(fragment)) return renamedIds.get(fragment);
    try {
      return renamedIds.get(encodeURI(decodeURIComponent(fragment))) ?? renamedIds.get(decodeURIComponent(fragment));
    } catch {
      return undefined; // a malformed %-escape: compared as written
    }
  };
  // What pointed at a renamed heading points at its new id (EPUBCheck rejects a reference to no element).
  if (renamedIds.size)
    visit(tree, 'element', (node: Element) => {
      for (const key of ['ariaDescribedBy', 'ariaLabelledBy'] as const) {
        const ids = node.properties[key];
        if (Array.isArray(ids)) node.properties[key] = ids.map((id) => renamedIds.get(String(id)) ?? id);
      }
      const href = node.properties.href;
      const to = typeof href === 'string' && href.startsWith('#') ? renamedTo(href.slice(1)) : undefined;
      if (to) node.properties.href = `#${to}`;
    });

  // A link to another file of the manuscript folder has no target inside the book (EPUBCheck
  // would reject it): keep its text, drop the link. Web and mail links stay.
  // A link within the chapter (#…) must name an id the chapter has (EPUBCheck rejects any other): a
  // footnote's, or a heading's written as its text the way GitHub names headings (#小节, #a-section),
  // which becomes the heading's id in the book.
  const ids = new Set<string>();
  const headingIds = new Map<string, string>();
  visit(tree, 'element', (node: Element) => {
    if (node.properties.id) ids.add(String(node.properties.id));
    if (/^h[1-6]$/.test(node.tagName) && node.properties.id) headingIds.set(headingSlug(headingText(node)), String(node.properties.id));
  });
  for (const { node, parent } of links) {
    const href = String(node.properties.href ?? '');
    const shown = emptyLinkText(node);
    if (shown !== undefined) {
      node.children = [{ type: 'text', value: shown }];
      const msg = article.file.message(
        `link to "${href}" has no text: the e-book shows its address (${shown}). Write what the link names inside the brackets, [text](${href})`,
        { place: node.position, ruleId: 'epub-link-empty', source: FINDINGS_SOURCE },
      );
      msg.fatal = false;
    }
    // A web address whose host is written in Chinese (政务.中国, <https://例子.中国/…>) reaches the
    // book percent-encoded, a host no reading system resolves and EPUBCheck warns about ("couldn't
    // parse host"): it is written as browsers send it, in IDNA (xn--…), the path as it was.
    if (/^https?:\/\/[^/?#]*%/i.test(href)) {
      try {
        node.properties.href = new URL(href).href;
      } catch {
        // not a URL even so: EPUBCheck says so, as it did
      }
    }
    let why = 'has no target in the e-book; its text is kept without the link. Use a web address, or drop the link';
    if (/^https?:/i.test(href)) {
      if (isWebAddress(String(node.properties.href))) continue;
      // A typo in the address (https://, a port of 99999, a..cn, http:///x): EPUBCheck rejects the
      // book (RSC-020) or warns (RSC-023), at a line of the XHTML, and no reader could open it.
      why =
        'is not a web address a reader can open (no host, an empty part of the host, or a port past 65535); its text is kept without the link. Correct the address';
    } else if (/^mailto:/i.test(href) || href === '#') continue;
    else if (href.startsWith('#')) {
      let fragment = href.slice(1);
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // a malformed %-escape: compared as written
      }
      if (ids.has(fragment)) continue;
      const heading = headingIds.get(headingSlug(fragment));
      if (heading) {
        node.properties.href = `#${heading}`;
        continue;
      }
      // A heading of another chapter, perhaps: the volume's pass decides, once every chapter is split into its files.
      node.properties[BOOK_LINK] = href;
      continue;
    } else if (!/^[a-z][a-z\d+.-]*:/i.test(href) && !href.startsWith('/')) {
      // Another manuscript (../第二章/article.md#小节): a chapter of the volume, perhaps; the volume's pass decides.
      node.properties[BOOK_LINK] = href;
      continue;
    }
    dropLink(article.file, node, parent, href, why);
  }

  const converted: BookImage[] = [];
  const bySource = new Map<string, BookImage>();
  const bases = new Set<string>();
  const maxBytes = limitsFor(article.root).maxImageBytes;
  for (const { node, parent } of imageNodes) {
    const ref = String(node.properties.src ?? '');
    const { file, refused } = resolveAsset(article.root, ref);
    let image: BookImage | undefined = file ? bySource.get(file) : undefined;
    let problem = refused;
    // What to do: a missing (or refused) file is added to the folder; one that is there but cannot be read is saved again.
    let fix = 'Add the image to the manuscript folder';
    if (file && !image) {
      try {
        // Read under the confinement rule: a link leading out of the folder, a FIFO or a device is refused.
        const bytes = await readConfined(article.root, file, { shown: ref, maxBytes });
        // One name per source file: two photo.jpg from different folders become …-photo and …-photo-2.
        const stem = `${prefix}-${asciiName(path.basename(file).replace(/\.[a-z0-9]+$/i, ''), `image-${converted.length + 1}`)}`;
        let base = stem;
        for (let n = 2; bases.has(base); n++) base = `${stem}-${n}`;
        bases.add(base);
        image = await convert(bytes, base);
        bySource.set(file, image);
        converted.push(image);
      } catch (error) {
        problem =
          error instanceof ConfinementError ? `image ${error.message}` : `image "${ref}" cannot be read (${imageErrorWords(error)})`;
        if (!(error instanceof ConfinementError)) fix = 'Save it as a JPEG or PNG of at most a few thousand pixels a side';
      }
    }
    if (!image) {
      // The chapter stays valid without the photo; its caption is kept.
      const msg = article.file.message(`${problem}; the e-book leaves the photo out and keeps its caption. ${fix}`, {
        place: node.position,
        ruleId: 'epub-image-missing',
        source: FINDINGS_SOURCE,
      });
      msg.fatal = false;
      parent.children = parent.children.filter((c) => c !== node);
      continue;
    }
    node.properties.src = image.href;
    node.properties.width = image.width;
    node.properties.height = image.height;
    if (typeof node.properties.alt !== 'string' || !node.properties.alt.trim()) {
      // Every image needs a text alternative; the caption is the best the manuscript gives.
      const caption = parent.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption');
      node.properties.alt = caption ? toString(caption).trim() : '';
    }
  }

  // A manuscript without a headline still needs a heading to navigate to.
  const ownLang = typeof lang === 'string' && lang !== bookLang ? lang : undefined;
  let titleLang = ownLang;
  if (!title) {
    title = fallbackTitle(index);
    const heading: Element = {
      type: 'element',
      tagName: 'h1',
      properties: { className: ['headline'], id: titleId },
      children: [{ type: 'text', value: title }],
    };
    // The stand-in title is Chinese: in a chapter (or a book) in another language it says so, for
    // screen readers and for the reader's choice of font.
    const chapterLang = typeof lang === 'string' ? lang : bookLang;
    if (!/^zh\b/i.test(chapterLang)) Object.assign(heading.properties, { lang: FALLBACK_LANG, 'xml:lang': FALLBACK_LANG });
    titleLang = FALLBACK_LANG === bookLang ? undefined : /^zh\b/i.test(chapterLang) ? ownLang : FALLBACK_LANG;
    let placed = false;
    visit(tree, 'element', (node: Element) => {
      if (node.properties.id === titleId) {
        node.children = heading.children; // an empty headline element
        Object.assign(node.properties, heading.properties);
        placed = true;
      }
    });
    if (!placed) {
      const header = articleNode.children.find((c): c is Element => c.type === 'element' && c.tagName === 'header');
      if (header) header.children.unshift(heading);
      else
        articleNode.children.unshift({
          type: 'element',
          tagName: 'header',
          properties: { className: ['headline-block'] },
          children: [heading],
        });
    }
  }
  // One block per line, so the XHTML reads (and diffs) well; white space between blocks shows nothing.
  visit(tree, 'element', (node: Element) => {
    if (node === articleNode || (node.tagName === 'div' && classes(node).includes('article-body')) || node.tagName === 'header') {
      node.children = node.children.flatMap((c) =>
        c.type === 'text' && !c.value.trim() ? [] : [{ type: 'text' as const, value: '\n' }, c],
      );
      node.children.push({ type: 'text', value: '\n' });
    }
  });
  // Each chapter is a section of the book; the headline block leads it.
  articleNode.tagName = 'section';
  articleNode.properties = { ...articleNode.properties, 'epub:type': 'chapter', role: 'doc-chapter', ariaLabelledBy: [titleId] };
  const name = asciiName(article.outputName, '');
  const filename = `${prefix}${name ? `-${name}` : ''}.xhtml`;
  const authors = chapterAuthors(article);
  return {
    index,
    filename,
    titleId,
    title,
    subtitle,
    sections,
    tree,
    images: converted,
    authors,
    lang: ownLang,
    titleLang,
    source: String(article.file.path),
    anchors: { ids, headings: headingIds },
  };
}

/** The address as the manuscript has it (#小节, 其他.md), not as the HTML percent-encodes its characters; an escape of ASCII (%20) stays. */
export function writtenAddress(href: string): string {
  return href.replace(/(?:%[89a-f][0-9a-f])+/gi, (escaped) => {
    try {
      return decodeURIComponent(escaped);
    } catch {
      return escaped; // not UTF-8: shown as it is
    }
  });
}

/** A link the book cannot keep: its text stays in its place, and the manuscript's line is told why (epub-link-dropped). */
export function dropLink(file: VFile, node: Element, parent: Element, href: string, why: string): void {
  const msg = file.message(`link to "${writtenAddress(href)}" ${why}`, {
    place: node.position,
    ruleId: 'epub-link-dropped',
    source: FINDINGS_SOURCE,
  });
  msg.fatal = false;
  parent.children.splice(parent.children.indexOf(node), 1, ...node.children);
}
