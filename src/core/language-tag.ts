// A language tag (BCP 47) as a manuscript writes one: for a passage in another language
// (:lang[Hello]{en}), which every output marks with lang= for screen readers, fonts and hyphenation.
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The tag in its canonical form (zh-hant → zh-Hant), or why it is none a reader can use. */
export function languageTag(written: string): { tag: string } | { problem: string } {
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(written)[0];
  } catch {
    const dashed = written.replace(/_/g, '-');
    let hint = 'write a tag such as en, fr, mn or zh-Hant';
    try {
      hint = `write ${Intl.getCanonicalLocales(dashed)[0]}`;
    } catch {
      // no better guess
    }
    return { problem: `"${written}" is not a language tag (BCP 47): ${hint}` };
  }
  // Well-formed but no language anyone has registered (xx, eng-US): a reader would not know it either.
  const language = tag.split('-')[0];
  if (!names.of(language))
    return { problem: `"${written}" names no known language ("${language}"): write a tag such as en, fr, mn or zh-Hant` };
  return { tag };
}
