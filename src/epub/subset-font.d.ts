// subset-font 2.9 ships no types: the part of its API the e-book uses.
declare module 'subset-font' {
  interface SubsetOptions {
    targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2';
    preserveNameIds?: number[];
    noLayoutClosure?: boolean;
    /** OpenType layout features to keep (default: all) */
    keepFeatures?: string[];
    /** Keep every glyph (a format conversion); the text must then be undefined */
    keepAllGlyphs?: boolean;
  }
  export default function subsetFont(font: Buffer, text: string | undefined, options?: SubsetOptions): Promise<Buffer>;
}
