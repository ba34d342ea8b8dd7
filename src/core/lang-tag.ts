// A language tag as the outputs write it (`<html lang>`, `<article lang>`, a passage's `<span lang>`, the page's language,
// which Chromium's line breaking and the PDF's /Lang follow): a well-formed BCP 47 tag
// (Intl.getCanonicalLocales, the ECMA-402 parser) whose language the ICU data names
// (Intl.DisplayNames). What is wrong is said in words, with the tag to write where it can be guessed.

/** Names writers give a language instead of its tag, and the tag meant. */
const NAMES: Record<string, string> = {
  中文: 'zh-CN',
  汉语: 'zh-CN',
  简体中文: 'zh-CN',
  繁體中文: 'zh-TW',
  繁体中文: 'zh-TW',
  chinese: 'zh-CN',
  english: 'en',
  英文: 'en',
  英语: 'en',
  蒙古文: 'mn-Mong',
  蒙古语: 'mn-Mong',
  mongolian: 'mn-Mong',
};

const named = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * A language as written (a front matter's lang:): the tag to mark the text with, canonical
 * (ZH-cn → zh-CN), or the one meant when it can be told (zh_CN, 中文), else none; and what is
 * wrong with it as written, when anything is.
 */
export function readLangTag(written: string): { tag: string | undefined; problem: string | undefined } {
  const meant = NAMES[written.trim().toLowerCase()] ?? NAMES[written.trim()];
  if (meant) return { tag: meant, problem: `"${written}" is the name of a language, not its tag: write ${meant}` };
  const known = knownTag(written);
  if (known) return { tag: known, problem: undefined };
  if (canonical(written)) return { tag: undefined, problem: `"${written}" names no known language: write a tag such as zh-CN, en or mn` };
  const dashed = knownTag(written.trim().replace(/_/g, '-'));
  if (dashed) return { tag: dashed, problem: `"${written}" is not a language tag (BCP 47): write ${dashed}` };
  return { tag: undefined, problem: `"${written}" is not a language tag (BCP 47): write a tag such as zh-CN, en or mn` };
}

/** What is wrong with `tag` as a language tag, or undefined when it is one (zh-CN, en, mn-Mong). */
export function langTagProblem(tag: string): string | undefined {
  return readLangTag(tag).problem;
}

/** The tag in its canonical form, or undefined when it is not well-formed BCP 47. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** The canonical tag when it is well-formed and its language is one the ICU data names. */
function knownTag(tag: string): string | undefined {
  const c = canonical(tag);
  return c && named.of(new Intl.Locale(c).language) ? c : undefined;
}
