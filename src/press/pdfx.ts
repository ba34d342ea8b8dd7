// The press writer: Chromium's RGB PDF (already given its boxes and metadata by pdf-finish.ts)
// becomes the PDF/X a newspaper plant takes, in place on the pdf-lib document:
//   colour operators  every rg/RG (and RGB sc/scn) rewritten as CMYK k/K (colors.ts decides values)
//   shadings          RGB axial/radial shadings (CSS gradients) as DeviceCMYK, their colour stops by the same map
//   images            each replaced by its press copy (photos.ts), found by the bytes of the copy
//                     the browser was given; an image not from the manuscript is converted from its
//                     own pixels the same way
//   transparency      X-1a: page and form groups and no-op ExtGState entries removed (photos were
//                     flattened before the browser saw them); X-4: groups blend in CMYK
//   identification    output intent with the embedded CMYK profile, GTS_PDFXVersion (and for X-1a
//                     GTS_PDFXConformance), Trapped, XMP, a trailer ID, the PDF version (1.3 for
//                     X-1a:2001, classic xref table; 1.6 for X-4), TrimBox without ArtBox
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { deflate, deflateSync } from 'node:zlib';
import { promisify } from 'node:util';
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { PDFArray, PDFDict, PDFHexString, PDFRawStream, type PDFRef, PDFString } from 'pdf-lib';
import type { Layout } from '../config/layout.js';
import { cmykOperands, colorMap, hex, type Cmyk } from './colors.js';
import { scanOperations, splice, type Operation } from './content.js';
import { subsetTagsMadeUnique } from './font-names.js';
import { decoded, drawings, latin1, lookup, name, xobjects, type Drawing } from './pdf-objects.js';
import { toPress, type PressPhoto, type PressPixels } from './photos.js';
import type { KnownPhoto } from './preflight.js';
import { PDFX_CONFORMANCE, PDFX_VERSION, pressSettings, type PressSettings } from './profiles.js';
import { xmpPacket } from './xmp.js';
import { PDF_OBJECTS_PER_TICK } from '../output/pdf-finish.js';

const deflateAsync = promisify(deflate);

export interface PressMeta {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  lang: string;
}

export interface PressOutcome {
  bytes: Uint8Array;
  /** RGB colours that no layout colour named, and the CMYK the profile gave them */
  converted: Map<string, Cmyk>;
  /** images that are not the manuscript's photos and were converted from their own pixels */
  otherImages: number;
  /** the manuscript's photos as embedded (sha1 of the press copy), for the preflight to name them */
  placed: KnownPhoto[];
}

export async function writePdfx(
  doc: PDFDocument,
  layout: Layout,
  settings: PressSettings,
  photos: PressPhoto[],
  meta: PressMeta,
): Promise<PressOutcome> {
  const all = drawings(doc);
  const converted = await rewriteColours(doc, layout, settings, all);
  const { others: otherImages, placed } = await replaceImages(doc, settings, photos, all);
  transparency(doc, settings, all);
  identify(doc, settings, meta);
  const x1a = settings.pdfx === 'x1a';
  // PDF/X-1a:2001 is PDF 1.3: no object or cross-reference streams (PDF 1.5).
  const bytes = await doc.save({ useObjectStreams: !x1a, updateFieldAppearances: false, objectsPerTick: PDF_OBJECTS_PER_TICK });
  setHeader(bytes, x1a ? '1.3' : '1.6');
  return { bytes, converted, otherImages, placed };
}

/**
 * An edition's pages, each already a page.pdf of this press (PDF/X, CMYK), as one PDF/X file in
 * page order (edition.pdf): the pages are copied as they are, and the file gets its own output
 * intent, identification and metadata. Each page is copied in as soon as it is written (`add`,
 * from the document the preflight parsed the written bytes into), while the browser lays out the
 * others; only the save is left for the end (`save`).
 */
export class PdfxJoin {
  private readonly pages = new Map<number, PDFPage[]>();

  private constructor(private readonly doc: PDFDocument) {}

  static async create(): Promise<PdfxJoin> {
    const { PDFDocument } = await import('pdf-lib');
    return new PdfxJoin(await PDFDocument.create());
  }

  /** Copy in the pages of a page.pdf, as parsed from its written bytes; `order` places it (the page number). */
  async add(order: number, written: PDFDocument): Promise<void> {
    this.pages.set(order, await this.doc.copyPages(written, written.getPageIndices()));
  }

  /** The joined file: the pages added, in their order. */
  async save(layout: Layout, meta: PressMeta): Promise<Uint8Array> {
    const { doc } = this;
    const settings = pressSettings(layout);
    for (const [, pages] of [...this.pages].sort((a, b) => a[0] - b[0])) for (const page of pages) doc.addPage(page);
    // each page was printed on its own, its font subsets tagged AAAAAA, BAAAAA…: one name, one subset
    subsetTagsMadeUnique(doc);
    doc.setTitle(meta.title);
    if (meta.author) doc.setAuthor(meta.author);
    if (meta.subject) doc.setSubject(meta.subject);
    if (meta.keywords) doc.setKeywords(meta.keywords);
    doc.setLanguage(meta.lang);
    doc.setProducer('baoban');
    doc.setCreator('baoban');
    identify(doc, settings, meta);
    const x1a = settings.pdfx === 'x1a';
    const bytes = await doc.save({ useObjectStreams: !x1a, updateFieldAppearances: false, objectsPerTick: PDF_OBJECTS_PER_TICK });
    setHeader(bytes, x1a ? '1.3' : '1.6');
    return bytes;
  }
}

// ── colour operators ────────────────────────────────────────────────────────────────────────────

interface Parsed {
  d: Drawing;
  text: string;
  rgbSpaces: Set<string>;
  /** the operations that set or save a colour (forEachRgb reads no other) */
  ops: Operation[];
}

/** Operators that set, save or restore a colour; and that begin and end a text object (black text overprints). */
const COLOUR_OPS: ReadonlySet<string> = new Set([
  'q',
  'Q',
  'rg',
  'RG',
  'cs',
  'CS',
  'sc',
  'scn',
  'SC',
  'SCN',
  'g',
  'k',
  'G',
  'K',
  'BT',
  'ET',
]);
/** The operands forEachRgb and blackTextOverprint read: colour space names as written, colour components as numbers (as the preflight reads them). */
const COLOUR_NAMES: ReadonlySet<string> = new Set(['cs', 'CS']);
const COLOUR_VALUES: ReadonlySet<string> = new Set(['rg', 'RG', 'sc', 'scn', 'SC', 'SCN', 'k', 'g']);

function colourOperations(text: string): Operation[] {
  const ops: Operation[] = [];
  scanOperations(text, (o) => COLOUR_OPS.has(o.op) && ops.push({ ...o }), COLOUR_NAMES, COLOUR_VALUES);
  return ops;
}

async function rewriteColours(doc: PDFDocument, layout: Layout, settings: PressSettings, all: Drawing[]): Promise<Map<string, Cmyk>> {
  const parsed: Parsed[] = all.map((d) => {
    const text = latin1(decoded(d.stream));
    return { d, text, rgbSpaces: rgbColourSpaces(doc, d.resources), ops: colourOperations(text) };
  });
  const seen = new Set<string>();
  for (const p of parsed) forEachRgb(p, (rgb, _, kind) => kind === 'colour' && seen.add(hex(rgb)));
  const gradients = rgbShadings(doc, all);
  for (const g of gradients) for (const rgb of g.colours) seen.add(hex(rgb));
  const map = await colorMap(layout, settings.profiles, seen);
  for (const g of gradients) g.rewrite(map.get);
  // Each rewritten stream is compressed on libuv's threads while this one splices the next.
  const compressed: Array<Promise<void>> = [];
  const states = overprintStates(doc);
  for (const p of parsed) {
    const edits: Array<{ start: number; end: number; text: string }> = [];
    forEachRgb(p, (rgb, o, kind) => {
      const cmyk = cmykOperands(map.get(rgb));
      const op = kind === 'space' ? '' : o.op === 'rg' ? 'k' : o.op === 'RG' ? 'K' : o.op;
      edits.push({ start: o.start, end: o.end, text: kind === 'space' ? `/DeviceCMYK ${o.op}` : `${cmyk} ${op}` });
    });
    // a Type3 glyph's colours are its own (a colour emoji): only the page's and its forms' text
    if (!p.d.glyph) {
      const overprint = blackTextOverprint(p, map.get);
      if (overprint.length && p.d.resources) {
        addOverprintStates(doc, p.d.resources, states);
        edits.push(...overprint);
      }
    }
    if (!edits.length) continue;
    const bytes = Buffer.from(splice(p.text, edits), 'latin1');
    const dict = p.d.stream.dict.clone(doc.context);
    dict.delete(name('DecodeParms'));
    dict.set(name('Filter'), name('FlateDecode'));
    const ref = p.d.ref;
    if (ref) compressed.push(deflateAsync(bytes).then((z) => doc.context.assign(ref, PDFRawStream.of(dict, z))));
  }
  await Promise.all(compressed);
  return map.converted;
}

// ── black text overprints ───────────────────────────────────────────────────────────────────────

/** The graphics state names the press gives black text (overprint on, nonzero overprint mode) and everything else. */
const OVERPRINT_ON = '/BBop';
const OVERPRINT_OFF = '/BBko';

/** The two states, one object each for the whole file. */
function overprintStates(doc: PDFDocument): { on: PDFRef; off: PDFRef } {
  const ctx = doc.context;
  return {
    on: ctx.register(ctx.obj({ Type: 'ExtGState', OP: true, op: true, OPM: 1 })),
    off: ctx.register(ctx.obj({ Type: 'ExtGState', OP: false, op: false })),
  };
}

function addOverprintStates(doc: PDFDocument, resources: PDFDict, states: { on: PDFRef; off: PDFRef }): void {
  let dict = lookup<PDFDict>(doc, resources.get(name('ExtGState')));
  if (!(dict instanceof PDFDict)) {
    dict = doc.context.obj({});
    resources.set(name('ExtGState'), dict);
  }
  dict.set(name(OVERPRINT_ON.slice(1)), states.on);
  dict.set(name(OVERPRINT_OFF.slice(1)), states.off);
}

/** What may stand between two text objects for them to share one switch to overprint: white space and marked content. */
const BETWEEN_TEXT = /^(?:\s|\/[^\s/<>[\]()]+\s*(?:<<[^<>]*>>\s*|\/[^\s/<>[\]()]+\s*)?BDC|\/[^\s/<>[\]()]+\s*BMC|EMC)*$/;

/** Black for text: K 100 % with no C, M or Y (as the colour map writes black). */
const isBlack = (c: readonly number[] | undefined) => Boolean(c && c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] === 1);

/**
 * Text in black overprints: black text prints on whatever is under it (a tint, a shaded box in a
 * colour, a photo) instead of knocking a white hole in it that misregistration on a web press
 * shows as a white rim round each character. Overprint with the nonzero overprint mode (OPM 1), so
 * that the zero C, M and Y of K-only black leave the plates under it alone; every other colour, and
 * black that is not text (rules, boxes), knocks out as it did. The graphics state is switched where
 * black text begins (before BT, or at a fill colour set to black inside a text object) and back
 * where it ends (ET, or another fill colour), following q/Q; a stream in which no text is black
 * gets nothing. Colours are read as they will be written (`get`: the RGB colour map).
 */
function blackTextOverprint(p: Parsed, get: (rgb: number[]) => Cmyk): Array<{ start: number; end: number; text: string }> {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  // fill colour (CMYK after the rewrite; undefined when not one the press knows as black or not)
  let fill: readonly number[] | undefined = [0, 0, 0, 1]; // PDF's initial fill colour: DeviceGray black
  let rgbSpace = false;
  let on = false;
  let inText = false;
  const stack: Array<{ fill: readonly number[] | undefined; rgbSpace: boolean; on: boolean }> = [];
  const want = () => inText && isBlack(fill);
  // the last switch off at an ET: a text object of black that follows with nothing painted between
  // (only marked content: Chromium's run of text objects, one per run of glyphs) takes it back
  let lastOff: { edit: { start: number; end: number; text: string }; at: number } | undefined;
  const switchAt = (at: number, where: 'before' | 'after') => {
    if (want() === on) return;
    on = want();
    if (on && lastOff && BETWEEN_TEXT.test(p.text.slice(lastOff.at, at))) {
      edits.splice(edits.indexOf(lastOff.edit), 1);
      lastOff = undefined;
      return;
    }
    const gs = `${on ? OVERPRINT_ON : OVERPRINT_OFF} gs`;
    const edit = { start: at, end: at, text: where === 'before' ? `${gs} ` : ` ${gs}` };
    edits.push(edit);
    lastOff = on ? undefined : { edit, at };
  };
  for (const o of p.ops) {
    switch (o.op) {
      case 'q':
        stack.push({ fill, rgbSpace, on });
        lastOff = undefined;
        break;
      case 'Q': {
        const saved = stack.pop();
        if (saved) ({ fill, rgbSpace, on } = saved);
        lastOff = undefined;
        break;
      }
      case 'BT':
        inText = true;
        switchAt(o.start, 'before');
        break;
      case 'ET':
        inText = false;
        switchAt(o.end, 'after');
        break;
      case 'rg':
        fill = o.values.length === 3 ? get(o.values) : undefined;
        rgbSpace = false;
        if (inText) switchAt(o.end, 'after');
        break;
      case 'k':
        fill = o.values.length === 4 ? o.values : undefined;
        rgbSpace = false;
        if (inText) switchAt(o.end, 'after');
        break;
      case 'g':
        fill = o.values.length === 1 ? [0, 0, 0, 1 - o.values[0]] : undefined;
        rgbSpace = false;
        if (inText) switchAt(o.end, 'after');
        break;
      case 'cs':
        rgbSpace = p.rgbSpaces.has(o.args[0] ?? '');
        fill = undefined;
        if (inText) switchAt(o.end, 'after');
        break;
      case 'sc':
      case 'scn':
        fill = rgbSpace && o.values.length === 3 ? get(o.values) : undefined;
        if (inText) switchAt(o.end, 'after');
        break;
    }
  }
  return edits;
}

/** Calls back for every RGB colour set in a stream: rg/RG, and sc/scn/SC/SCN in an RGB colour space. */
function forEachRgb(p: Parsed, visit: (rgb: number[], o: Parsed['ops'][number], kind: 'colour' | 'space') => void): void {
  let fill = false;
  let stroke = false;
  const stack: Array<[boolean, boolean]> = [];
  for (const o of p.ops) {
    switch (o.op) {
      case 'q':
        stack.push([fill, stroke]);
        break;
      case 'Q':
        [fill, stroke] = stack.pop() ?? [false, false];
        break;
      case 'rg':
      case 'RG':
        if (o.values.length === 3) visit(o.values, o, 'colour');
        if (o.op === 'rg') fill = false;
        else stroke = false;
        break;
      case 'cs':
      case 'CS': {
        const rgb = p.rgbSpaces.has(o.args[0] ?? '');
        if (o.op === 'cs') fill = rgb;
        else stroke = rgb;
        if (rgb) visit([], o, 'space');
        break;
      }
      case 'sc':
      case 'scn':
      case 'SC':
      case 'SCN':
        if ((o.op.startsWith('s') ? fill : stroke) && o.values.length === 3) visit(o.values, o, 'colour');
        break;
      case 'g':
      case 'k':
        fill = false;
        break;
      case 'G':
      case 'K':
        stroke = false;
        break;
    }
  }
}

/**
 * The RGB shadings the drawings paint with (a CSS gradient: Chromium writes an axial or radial
 * shading, through a shading pattern or `sh`), as their colours and a rewrite to DeviceCMYK that
 * puts each colour of their functions through the same colour map as the colour operators (black
 * on K alone, the layout's colours in their CMYK). Only functions made of colour stops (type 2,
 * and type 3 stitching type 2s, as Chromium writes gradients) can be rewritten; any other RGB
 * shading stays as it is, and the preflight reports its colour space where it is painted.
 */
function rgbShadings(doc: PDFDocument, all: Drawing[]): Array<{ colours: number[][]; rewrite: (get: (rgb: number[]) => Cmyk) => void }> {
  const out: Array<{ colours: number[][]; rewrite: (get: (rgb: number[]) => Cmyk) => void }> = [];
  const seen = new Set<PDFDict>();
  for (const d of all) {
    for (const shading of shadingsOf(doc, d.resources)) {
      if (seen.has(shading)) continue;
      seen.add(shading);
      if (!isRgbSpace(doc, shading.get(name('ColorSpace')))) continue;
      const stops = colourStops(doc, shading.get(name('Function')));
      const background = lookup<PDFArray>(doc, shading.get(name('Background')));
      const backgroundRgb = background instanceof PDFArray && background.size() === 3 ? numbers(doc, background) : undefined;
      if (!stops) continue;
      const colours = stops.flatMap((f) => [f.c0, f.c1]);
      if (backgroundRgb) colours.push(backgroundRgb);
      out.push({
        colours,
        rewrite: (get) => {
          for (const f of stops) {
            f.fn.set(name('C0'), doc.context.obj(get(f.c0).map(fourDigits)));
            f.fn.set(name('C1'), doc.context.obj(get(f.c1).map(fourDigits)));
          }
          if (backgroundRgb) shading.set(name('Background'), doc.context.obj(get(backgroundRgb).map(fourDigits)));
          shading.set(name('ColorSpace'), name('DeviceCMYK'));
        },
      });
    }
  }
  return out;
}

const fourDigits = (v: number) => Math.round(v * 10000) / 10000;
const numbers = (doc: PDFDocument, a: PDFArray) => a.asArray().map((v) => Number(String(lookup(doc, v))));

/** The shading dictionaries of a resource dictionary: its /Shading entries and its shading patterns' shadings. */
export function shadingsOf(doc: PDFDocument, resources: PDFDict | undefined): PDFDict[] {
  const out: PDFDict[] = [];
  const asDict = (v: unknown) => {
    const o = lookup<unknown>(doc, v);
    return o instanceof PDFRawStream ? o.dict : o instanceof PDFDict ? o : undefined;
  };
  const patterns = lookup<PDFDict>(doc, resources?.get(name('Pattern')));
  if (patterns instanceof PDFDict)
    for (const [, v] of patterns.entries()) {
      const p = asDict(v);
      const shading = p && String(p.get(name('PatternType'))) === '2' ? asDict(p.get(name('Shading'))) : undefined;
      if (shading) out.push(shading);
    }
  const own = lookup<PDFDict>(doc, resources?.get(name('Shading')));
  if (own instanceof PDFDict)
    for (const [, v] of own.entries()) {
      const shading = asDict(v);
      if (shading) out.push(shading);
    }
  return out;
}

/** A shading function made of colour stops: type 2 (C0 to C1), or type 3 stitching type 2s. Anything else: undefined. */
function colourStops(doc: PDFDocument, v: unknown): Array<{ fn: PDFDict; c0: number[]; c1: number[] }> | undefined {
  const fn = lookup<PDFDict>(doc, v);
  if (!(fn instanceof PDFDict)) return undefined;
  const type = String(fn.get(name('FunctionType')));
  if (type === '2') {
    // (an RGB function gives both: their defaults, [0] and [1], are one component)
    const c = (key: string) => {
      const a = lookup<PDFArray>(doc, fn.get(name(key)));
      return a instanceof PDFArray ? numbers(doc, a) : [];
    };
    const c0 = c('C0');
    const c1 = c('C1');
    return c0.length === 3 && c1.length === 3 && [...c0, ...c1].every(Number.isFinite) ? [{ fn, c0, c1 }] : undefined;
  }
  if (type !== '3') return undefined;
  const parts = lookup<PDFArray>(doc, fn.get(name('Functions')));
  if (!(parts instanceof PDFArray)) return undefined;
  const stops = parts.asArray().map((p) => colourStops(doc, p));
  return stops.every(Boolean) ? stops.flatMap((s) => s!) : undefined;
}

/** Names (as written in content, "/CS0") of the RGB colour spaces of a resource dictionary. */
export function rgbColourSpaces(doc: PDFDocument, resources: PDFDict | undefined): Set<string> {
  const out = new Set(['/DeviceRGB', '/RGB', '/CalRGB']);
  const dict = lookup<PDFDict>(doc, resources?.get(name('ColorSpace')));
  if (dict instanceof PDFDict) {
    for (const [k, v] of dict.entries()) if (isRgbSpace(doc, v)) out.add(k.toString());
  }
  return out;
}

export function isRgbSpace(doc: PDFDocument, v: unknown): boolean {
  const cs = lookup(doc, v);
  if (cs === name('DeviceRGB') || cs === name('CalRGB')) return true;
  if (!(cs instanceof PDFArray)) return false;
  const family = cs.get(0);
  if (family === name('CalRGB')) return true;
  if (family === name('ICCBased')) {
    const icc = lookup<PDFRawStream>(doc, cs.get(1));
    return icc?.dict.get(name('N'))?.toString() === '3';
  }
  return false;
}

// ── images ──────────────────────────────────────────────────────────────────────────────────────

async function replaceImages(
  doc: PDFDocument,
  settings: PressSettings,
  photos: PressPhoto[],
  all: Drawing[],
): Promise<{ others: number; placed: KnownPhoto[] }> {
  const byHash = new Map(photos.map((p) => [p.screenHash, p]));
  const placed: KnownPhoto[] = [];
  const done = new Set<string>();
  const jobs: Array<Promise<void>> = [];
  let others = 0;
  for (const d of all) {
    for (const [, ref, obj] of xobjects(doc, d.resources)) {
      if (!ref || !(obj instanceof PDFRawStream) || obj.dict.get(name('Subtype')) !== name('Image') || done.has(ref.toString())) continue;
      done.add(ref.toString());
      const photo = byHash.get(createHash('sha1').update(obj.contents).digest('hex'));
      if (!photo) others++;
      jobs.push(
        (photo ? readFile(photo.file).then((data) => ({ ...photo, data })) : fromPdfImage(doc, obj, settings)).then((press) => {
          if (!press) return;
          doc.context.assign(ref, imageStream(doc, obj, press, settings));
          if (!photo) return;
          const pressHash = createHash('sha1').update(press.data).digest('hex');
          // the ink measured when the copy was made, if it was made of these very bytes
          const ink = photo.measured?.sha1 === pressHash ? photo.measured.ink : undefined;
          placed.push({
            pressHash,
            src: photo.src,
            line: photo.line,
            ...(photo.image ? { image: photo.image } : {}),
            ...(ink ? { ink } : {}),
          });
        }),
      );
    }
  }
  await Promise.all(jobs);
  return { others, placed };
}

function imageStream(
  doc: PDFDocument,
  old: PDFRawStream,
  press: Pick<PressPixels, 'kind' | 'format' | 'data' | 'width' | 'height'>,
  settings: PressSettings,
) {
  const { width, height } = press.format === 'jpeg' ? jpegSize(press.data) : press;
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: press.kind === 'cmyk' ? 'DeviceCMYK' : 'DeviceGray',
    BitsPerComponent: 8,
    Filter: press.format === 'jpeg' ? 'DCTDecode' : 'FlateDecode',
  };
  // libjpeg writes CMYK as Adobe does (inverted, APP14 marker); PDF readers take the samples as
  // stored, so the Decode array inverts them back (as Acrobat Distiller and img2pdf write it).
  if (press.kind === 'cmyk' && press.format === 'jpeg') dict.Decode = [1, 0, 1, 0, 1, 0, 1, 0];
  const smask = old.dict.get(name('SMask'));
  if (smask && settings.pdfx === 'x4') dict.SMask = smask;
  return PDFRawStream.of(doc.context.obj(dict as never) as unknown as PDFDict, press.data);
}

/** Width and height from a JPEG's SOF marker. */
export function jpegSize(data: Uint8Array): { width: number; height: number } {
  let i = 2;
  while (i < data.length) {
    const marker = data[i + 1];
    const length = (data[i + 2] << 8) | data[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (data[i + 5] << 8) | data[i + 6], width: (data[i + 7] << 8) | data[i + 8] };
    }
    i += 2 + length;
  }
  throw new Error('not a JPEG: no frame header');
}

/**
 * An image the manuscript did not give (a browser-drawn bitmap): its own pixels, with a soft mask
 * flattened onto white, converted like a photo. Images of a kind this does not read (16-bit,
 * indexed, other filters) stay as they are, and the preflight reports their colour space.
 */
async function fromPdfImage(doc: PDFDocument, img: PDFRawStream, settings: PressSettings) {
  const sharp = (await import('sharp')).default;
  const d = img.dict;
  const width = Number(d.get(name('Width'))?.toString());
  const height = Number(d.get(name('Height'))?.toString());
  const filter = d.get(name('Filter'));
  let image: import('sharp').Sharp | undefined;
  if (filter === name('DCTDecode')) image = sharp(img.contents);
  else if (String(d.get(name('BitsPerComponent'))) === '8') {
    const cs = lookup(doc, d.get(name('ColorSpace')));
    const channels = isRgbSpace(doc, cs) ? 3 : cs === name('DeviceGray') ? 1 : 0;
    if (channels) {
      try {
        image = sharp(decoded(img), { raw: { width, height, channels } });
      } catch {
        image = undefined;
      }
    }
  }
  if (!image) return undefined;
  const mask = lookup<PDFRawStream>(doc, d.get(name('SMask')));
  if (mask instanceof PDFRawStream && settings.pdfx === 'x1a') {
    const alpha = await sharp(decoded(mask), { raw: { width, height, channels: 1 } })
      .resize(width, height)
      .raw()
      .toBuffer()
      .catch(() => undefined);
    if (alpha) {
      const rgb = await image.toColourspace('srgb').removeAlpha().raw().toBuffer();
      image = sharp(rgb, { raw: { width, height, channels: 3 } }).joinChannel(alpha, { raw: { width, height, channels: 1 } });
      image = image.flatten({ background: '#ffffff' });
    }
  }
  return toPress(image, settings);
}

// ── transparency ────────────────────────────────────────────────────────────────────────────────

function transparency(doc: PDFDocument, settings: PressSettings, all: Drawing[]): void {
  const x1a = settings.pdfx === 'x1a';
  const holders = [...doc.getPages().map((p) => p.node as PDFDict), ...all.flatMap((d) => (d.form ? [d.form.dict] : []))];
  for (const h of holders) {
    const group = lookup<PDFDict>(doc, h.get(name('Group')));
    if (!(group instanceof PDFDict)) continue;
    if (x1a) h.delete(name('Group'));
    else if (group.get(name('CS'))) group.set(name('CS'), name('DeviceCMYK'));
  }
  if (!x1a) return;
  // ExtGStates that only restate the defaults (opaque, normal blending, no mask) lose those keys:
  // PDF 1.3 has none of them, and a prepress check counts them as transparency.
  for (const d of all) {
    const states = lookup<PDFDict>(doc, d.resources?.get(name('ExtGState')));
    if (!(states instanceof PDFDict)) continue;
    for (const [, v] of states.entries()) {
      const gs = lookup<PDFDict>(doc, v);
      if (!(gs instanceof PDFDict)) continue;
      for (const key of ['CA', 'ca']) if (Number(gs.get(name(key))?.toString()) === 1) gs.delete(name(key));
      const bm = gs.get(name('BM'));
      if (bm === name('Normal') || bm === name('Compatible')) gs.delete(name('BM'));
      if (gs.get(name('SMask')) === name('None')) gs.delete(name('SMask'));
    }
  }
}

// ── identification ──────────────────────────────────────────────────────────────────────────────

function identify(doc: PDFDocument, settings: PressSettings, meta: PressMeta): void {
  const x1a = settings.pdfx === 'x1a';
  const ctx = doc.context;
  const { intent, cmyk } = settings.profiles;
  const profile = ctx.register(
    PDFRawStream.of(ctx.obj({ N: 4, Alternate: 'DeviceCMYK', Filter: 'FlateDecode' }) as PDFDict, compressedProfile(cmyk)),
  );
  const outputIntent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of(intent.identifier),
    OutputCondition: PDFString.of(intent.condition),
    RegistryName: PDFString.of(intent.registry),
    Info: PDFString.of(profileDescription(cmyk) || intent.condition),
    DestOutputProfile: profile,
  });
  doc.catalog.set(name('OutputIntents'), ctx.obj([outputIntent]));

  for (const page of doc.getPages()) {
    page.node.delete(name('ArtBox')); // PDF/X: a TrimBox or an ArtBox, not both
    const annots = lookup<PDFArray>(doc, page.node.get(name('Annots')));
    // Links mean nothing on paper, and PDF/X allows no annotation inside the bleed.
    if (annots instanceof PDFArray) {
      const kept = annots.asArray().filter((a) => lookup<PDFDict>(doc, a)?.get(name('Subtype')) !== name('Link'));
      if (kept.length) page.node.set(name('Annots'), ctx.obj(kept));
      else page.node.delete(name('Annots'));
    }
  }

  // Dates to the second, identical in Info and XMP.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const info = lookup<PDFDict>(doc, ctx.trailerInfo.Info);
  const version = PDFX_VERSION[settings.pdfx];
  info?.set(name('GTS_PDFXVersion'), PDFString.of(version));
  if (x1a) info?.set(name('GTS_PDFXConformance'), PDFString.of(PDFX_CONFORMANCE));
  info?.set(name('Trapped'), name('False'));
  const documentId = `uuid:${uuid()}`;
  const xmp = xmpPacket({
    ...meta,
    created: now,
    producer: info ? (lookup<PDFString>(doc, info.get(name('Producer')))?.decodeText() ?? 'baoban') : 'baoban',
    creatorTool: info ? (lookup<PDFString>(doc, info.get(name('Creator')))?.decodeText() ?? 'baoban') : 'baoban',
    pdfx: settings.pdfx,
    documentId,
    instanceId: `uuid:${uuid()}`,
  });
  const metadata = ctx.register(PDFRawStream.of(ctx.obj({ Type: 'Metadata', Subtype: 'XML' }) as PDFDict, Buffer.from(xmp, 'utf8')));
  doc.catalog.set(name('Metadata'), metadata);
  const id = PDFHexString.of(documentId.slice(5).replace(/-/g, ''));
  ctx.trailerInfo.ID = ctx.obj([id, id]);
}

/** Each profile compressed once (a 230 KB profile took 7–20 ms of every page's press, and again for edition.pdf). */
const compressed = new WeakMap<Uint8Array, Uint8Array>();
function compressedProfile(icc: Uint8Array): Uint8Array {
  let z = compressed.get(icc);
  if (!z) compressed.set(icc, (z = deflateSync(icc)));
  return z;
}

/**
 * The version in the file's first line. pdf-lib always writes %PDF-1.7; the digits are replaced in
 * place (same length, so no offset moves).
 */
function setHeader(bytes: Uint8Array, version: string): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, 8).toString('latin1');
  if (!/^%PDF-\d\.\d$/.test(head)) throw new Error(`unexpected PDF header ${JSON.stringify(head)}`);
  bytes.set(Buffer.from(`%PDF-${version}`, 'latin1'), 0);
}

/** The profile's own description (ICC v2 'desc' tag), for the output intent's /Info. */
export function profileDescription(icc: Uint8Array): string {
  const b = Buffer.from(icc.buffer, icc.byteOffset, icc.byteLength);
  const count = b.readUInt32BE(128);
  for (let i = 0; i < count; i++) {
    const at = 132 + 12 * i;
    if (b.toString('latin1', at, at + 4) !== 'desc') continue;
    const offset = b.readUInt32BE(at + 4);
    if (b.toString('latin1', offset, offset + 4) !== 'desc') return '';
    const length = b.readUInt32BE(offset + 8);
    return b.toString('latin1', offset + 12, offset + 12 + length).replace(/\0+$/, '');
  }
  return '';
}

function uuid(): string {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
