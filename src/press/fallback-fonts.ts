// Text the browser set in a font of the machine's own, not one of the project's faces
// (templates/fonts.yaml): Chromium falls back to a system font for what the faces cannot shape,
// even where their unicode-range says they cover it (Arabic, which needs joining forms; a letter
// with a combining mark the face cannot place; a symbol a page generates). Such text prints in a
// face that differs from machine to machine, so the press names the font and what it printed,
// read from the font's ToUnicode map, and the finding goes to the manuscript where that text is.
import { decodePDFRawStream, type PDFDict, PDFName, PDFRawStream } from 'pdf-lib';

export interface FallbackFont {
  /** the font's name without its subset tag (DejaVuSans) */
  name: string;
  /** the characters it printed, as its ToUnicode map gives them */
  text: string;
}

/** Fonts whose name is none of `families` (spaces dropped: Noto Serif SC → NotoSerifSC…), with what they printed. */
export function fallbackFonts(fonts: Iterable<{ name: string; dict: PDFDict }>, families: string[]): FallbackFont[] {
  const ours = families.map((f) => f.replace(/\s+/g, ''));
  const found = new Map<string, Set<string>>();
  for (const f of fonts) {
    const name = f.name.replace(/^[A-Z]{6}\+/, '');
    if (ours.some((o) => name.startsWith(o))) continue;
    const chars = found.get(name) ?? new Set<string>();
    found.set(name, chars);
    const map = f.dict.lookup(PDFName.of('ToUnicode'));
    if (map instanceof PDFRawStream) for (const c of toUnicode(map)) chars.add(c);
  }
  return [...found].map(([name, chars]) => ({ name, text: [...chars].filter((c) => c.trim()).join('') }));
}

/** The characters a ToUnicode CMap maps to (bfchar and bfrange entries, UTF-16BE). */
export function toUnicode(stream: PDFRawStream): string[] {
  let cmap: string;
  try {
    cmap = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  } catch {
    return [];
  }
  const out: string[] = [];
  const utf16 = (hex: string) => {
    const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    return bytes.swap16().toString('utf16le');
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) out.push(utf16(m[2]));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<([0-9a-fA-F]+)>|\[([^\]]*)\])/g)) {
      if (m[5] !== undefined) {
        for (const d of m[5].matchAll(/<([0-9a-fA-F]+)>/g)) out.push(utf16(d[1]));
        continue;
      }
      const span = Math.min(Number.parseInt(m[2], 16) - Number.parseInt(m[1], 16), 0xffff);
      const first = utf16(m[4]!);
      const cp = first.codePointAt(0)!;
      for (let k = 0; k <= span; k++) out.push(String.fromCodePoint(cp + k));
    }
  return out;
}
