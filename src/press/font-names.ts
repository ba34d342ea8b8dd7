// Font subsets by name. A subset's name is a six-letter tag and the font's name (AAAAAA+NotoSansSC-Medium),
// and the PDF standard asks that different subsets in one file have different tags: a RIP may take a
// font it has met by name, and print a later page's text in an earlier page's subset (its glyphs are
// missing or others). Chromium tags the subsets of each file it prints AAAAAA, BAAAAA…, so the pages
// of an edition, printed one by one and joined, carried different subsets of one face under one name.
// The join gives each its own tag (subsetTagsMadeUnique), and the preflight reports a file that
// still has two (sameNamedSubsets).
import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import { PDFArray, PDFDict, PDFName, PDFRawStream } from 'pdf-lib';
import { drawings, lookup, name } from './pdf-objects.js';

const TAGGED = /^([A-Z]{6})\+(.+)$/;

interface SubsetFont {
  /** the font dictionaries and descriptors that carry its name (a Type0 font, its CIDFont, their descriptor) */
  named: Array<{ dict: PDFDict; key: 'BaseFont' | 'FontName' }>;
  tag: string;
  /** BaseFont of the font dictionary as written */
  baseFont: string;
  /** sha1 of the embedded font program's bytes */
  program: string;
}

function nameOf(dict: PDFDict, key: string): string | undefined {
  const v = dict.get(name(key));
  return v instanceof PDFName ? v.decodeText() : undefined;
}

/** The file's font dictionaries: those its pages use first, in page order, then any other. */
function fontDicts(doc: PDFDocument): PDFDict[] {
  const seen = new Set<PDFDict>();
  for (const d of drawings(doc)) {
    const fonts = lookup<PDFDict>(doc, d.resources?.get(name('Font')));
    if (fonts instanceof PDFDict)
      for (const [, ref] of fonts.entries()) {
        const font = lookup<PDFDict>(doc, ref);
        if (font instanceof PDFDict) seen.add(font);
      }
  }
  for (const [, obj] of doc.context.enumerateIndirectObjects())
    if (obj instanceof PDFDict && obj.get(name('Type')) === name('Font')) seen.add(obj);
  return [...seen];
}

/** Every embedded, tagged font of the file (Type3 and unembedded fonts have no program to confuse), in page order. */
function subsetFonts(doc: PDFDocument): SubsetFont[] {
  const out: SubsetFont[] = [];
  for (const obj of fontDicts(doc)) {
    const subtype = obj.get(name('Subtype'));
    if (subtype === name('Type3') || subtype === name('CIDFontType0') || subtype === name('CIDFontType2')) continue;
    const baseFont = nameOf(obj, 'BaseFont');
    const tagged = baseFont ? TAGGED.exec(baseFont) : null;
    if (!baseFont || !tagged) continue;
    const named: SubsetFont['named'] = [{ dict: obj, key: 'BaseFont' }];
    let descriptor = lookup<PDFDict>(doc, obj.get(name('FontDescriptor')));
    if (subtype === name('Type0')) {
      const descendants = lookup<PDFArray>(doc, obj.get(name('DescendantFonts')));
      const cid = descendants instanceof PDFArray ? lookup<PDFDict>(doc, descendants.get(0)) : undefined;
      if (cid instanceof PDFDict) named.push({ dict: cid, key: 'BaseFont' });
      descriptor = cid instanceof PDFDict ? lookup<PDFDict>(doc, cid.get(name('FontDescriptor'))) : undefined;
    }
    if (!(descriptor instanceof PDFDict)) continue;
    const file = ['FontFile', 'FontFile2', 'FontFile3'].map((k) => lookup<PDFRawStream>(doc, descriptor.get(name(k)))).find(Boolean);
    if (!(file instanceof PDFRawStream)) continue;
    named.push({ dict: descriptor, key: 'FontName' });
    out.push({ named, tag: tagged[1], baseFont, program: createHash('sha1').update(file.contents).digest('hex') });
  }
  return out;
}

/** Fonts of one name, by program: a name with more than one program is a name shared by different subsets. */
function byName(fonts: SubsetFont[]): Map<string, Map<string, SubsetFont[]>> {
  const names = new Map<string, Map<string, SubsetFont[]>>();
  for (const f of fonts) {
    const programs = names.get(f.baseFont) ?? new Map<string, SubsetFont[]>();
    programs.set(f.program, [...(programs.get(f.program) ?? []), f]);
    names.set(f.baseFont, programs);
  }
  return names;
}

/** Names the file gives to more than one font program, with how many programs each. */
export function sameNamedSubsets(doc: PDFDocument): Array<{ name: string; programs: number }> {
  return [...byName(subsetFonts(doc))]
    .filter(([, programs]) => programs.size > 1)
    .map(([n, programs]) => ({ name: n, programs: programs.size }));
}

/** A tag of six capital letters from a program's hash (the same program always gets the same tag), none the file uses. */
function freshTag(program: string, used: Set<string>): string {
  for (let round = 0; ; round++) {
    const h = createHash('sha1').update(`${program}:${round}`).digest();
    const tag = Array.from(h.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    if (!used.has(tag)) return tag;
  }
}

/**
 * Give every font program that shares its name with another a tag of its own: the first page's
 * keeps its name. Returns how many subsets were renamed.
 */
export function subsetTagsMadeUnique(doc: PDFDocument): number {
  const fonts = subsetFonts(doc);
  const used = new Set(fonts.map((f) => f.tag));
  let renamed = 0;
  for (const [, programs] of byName(fonts)) {
    if (programs.size < 2) continue;
    for (const [program, same] of [...programs].slice(1)) {
      const tag = freshTag(program, used);
      used.add(tag);
      for (const f of same)
        for (const { dict, key } of f.named) {
          const old = nameOf(dict, key);
          const tagged = old ? TAGGED.exec(old) : null;
          if (tagged) dict.set(name(key), PDFName.of(`${tag}+${tagged[2]}`));
        }
      renamed++;
    }
  }
  return renamed;
}
