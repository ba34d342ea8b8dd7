// The preflight: what a plant's prepress check reads, measured on the written press PDF (parsed
// back from its bytes, not taken from what the writer meant to do): the PDF/X identification and
// version, the output intent, every colour space drawn with, the highest total ink and where,
// text and rules in rich black, transparency, fonts, page boxes, and each photo's effective resolution.
// Positions are millimetres from the trim's top-left corner, as a layout editor measures.
// A photo's total ink is decoded from the embedded image, except for a press copy whose bytes have
// the hash of one measured when it was made (photos.ts): the same bytes, measured once. It is the
// ink of what the page shows: where the whole image's peak lies in a part the clip crops away (a
// photo cropped to its slot), the shown part is measured again.
import { fallbackFonts } from './fallback-fonts.js';
import { sameNamedSubsets } from './font-names.js';
import { printedPpi } from '../config/layout.js';
import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import { PDFArray, PDFDict, PDFRawStream, PDFString, PDFHexString } from 'pdf-lib';
import { scanOperations, type Operation } from './content.js';
import { overprinted as overprintedPlates, totalInk } from '../core/ink.js';
import { inkPeak, jpegInk, type InkPeak, type Window } from './ink.js';
import { decoded, drawings, latin1, lookup, name, xobjects, type Drawing } from './pdf-objects.js';
import { PDFX_CONFORMANCE, PDFX_VERSION, type PressSettings } from './profiles.js';
import { profileDescription, isRgbSpace } from './pdfx.js';
import { apply, type Matrix, mul } from './matrix.js';

export type PressRule =
  | 'press-pdfx'
  | 'press-output-intent'
  | 'press-colour-space'
  | 'press-ink-limit'
  | 'press-rich-black'
  | 'press-transparency'
  | 'press-font-embedding'
  | 'press-font-subset'
  | 'press-font-fallback'
  | 'press-font-notdef'
  | 'press-boxes'
  | 'press-photo-resolution'
  | 'press-colour-unnamed';

export interface Place {
  page: number;
  xMm: number;
  yMm: number;
}

export interface PreflightProblem {
  rule: PressRule;
  message: string;
  /** false for a warning: the plant may still print it */
  error: boolean;
  where?: Place;
  /** manuscript line (photos) */
  line?: number;
  /** the photo's image file (photos): whose it is, on a page of several manuscripts (not enumerable: never in a report) */
  image?: string;
  /** the text concerned (press-font-fallback: what a system font printed), found in the manuscript by the build */
  text?: string;
}

export interface PhotoFacts {
  page: number;
  src?: string;
  line?: number;
  colourSpace: string;
  pixels: [number, number];
  placedMm: [number, number];
  effectivePpi: number;
  maxInk: number;
  maxInkAt: Place;
  /** the centre of the image as placed: on the page wherever the page crops it (centred, object-fit: cover) */
  centre: Place;
}

export interface PreflightReport {
  standard: {
    target: string;
    header: string;
    gtsPdfxVersion: string | null;
    gtsPdfxConformance: string | null;
    trapped: string | null;
    xmp: { present: boolean; pdfxVersion: string | null };
    trailerId: boolean;
    crossReferenceStreams: boolean;
  };
  outputIntent: {
    subtype: string;
    identifier: string | null;
    condition: string | null;
    registry: string | null;
    profile: { embedded: boolean; components: number | null; description: string | null };
  } | null;
  /** colour space → where it is used (operators, images, shadings, groups) and how often */
  colourSpaces: Record<string, number>;
  ink: { limit: number; max: number; at: (Place & { what: 'photo' | 'text' | 'vector' | 'overprint'; line?: number }) | null };
  text: { colours: Array<{ cmyk: number[] | null; space: string; runs: number }>; richBlack: number };
  /** rules, boxes and other line art (fills, strokes, shadings; not a glyph's artwork) painted in rich black */
  rules: { richBlack: number };
  transparency: { groups: number; softMasks: number; blending: number };
  fonts: Array<{ name: string; subtype: string; embedded: boolean }>;
  boxes: Array<{ page: number; mediaBox: number[]; bleedBox: number[] | null; trimBox: number[] | null; artBox: number[] | null }>;
  photos: PhotoFacts[];
  problems: PreflightProblem[];
}

export interface KnownPhoto {
  /** sha1 of the press copy's bytes, as embedded */
  pressHash: string;
  src: string;
  line?: number;
  /** the manuscript's image file */
  image?: string;
  /** its total ink, measured on the same bytes when the press copy was made (photos.ts) */
  ink?: InkPeak;
}

const MM = 25.4 / 72;

interface Colour {
  space: string;
  /** CMYK 0–1 when the space is DeviceCMYK or DeviceGray (as K) */
  cmyk: number[] | null;
  /** worked out once per colour set, not once per glyph run drawn with it: total ink (%), and the key of textColours */
  ink?: number;
  /** a pattern selected with scn/SCN (space is then what the pattern paints with) */
  pattern?: boolean;
  key?: string;
}

export async function preflight(
  doc: PDFDocument,
  bytes: Uint8Array,
  settings: PressSettings,
  known: KnownPhoto[],
  photoPpi: number,
  /** the project's font families (templates/fonts.yaml): text in any other font is reported */
  families: string[] = [],
  /** the readings of content streams preflighted before (an edition's pages, for edition.pdf) */
  memo?: PreflightMemo,
): Promise<PreflightReport> {
  const problems: PreflightProblem[] = [];
  const fail = (rule: PressRule, message: string, where?: Place, line?: number, error = true, image?: string) => {
    const problem: PreflightProblem = { rule, message, error, ...(where ? { where } : {}), ...(line ? { line } : {}) };
    // whose photo it is, for the findings; not written into the reports (a path of this machine)
    if (image) Object.defineProperty(problem, 'image', { value: image, enumerable: false });
    problems.push(problem);
  };
  const target = PDFX_VERSION[settings.pdfx];

  // ── identification ──
  const head = latin1(bytes.subarray(0, 16));
  const header = /%PDF-(\d\.\d)/.exec(head)?.[1] ?? '?';
  const info = lookup<PDFDict>(doc, doc.context.trailerInfo.Info);
  const text = (key: string) => {
    const v = lookup(doc, info?.get(name(key)));
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : v ? String(v).replace(/^\//, '') : null;
  };
  const metadata = lookup<PDFRawStream>(doc, doc.catalog.get(name('Metadata')));
  const xmp = metadata instanceof PDFRawStream ? Buffer.from(decoded(metadata)).toString('utf8') : '';
  const xmpVersion = /<(?:pdfxid|pdfx):GTS_PDFXVersion>([^<]*)</.exec(xmp)?.[1] ?? null;
  // (the whole file as text only when one of the two names is in it at all: a page is megabytes)
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const xrefStreams =
    (file.includes('/XRef', 0, 'latin1') || file.includes('/ObjStm', 0, 'latin1')) && /\/Type\s*\/(XRef|ObjStm)\b/.test(latin1(bytes));
  const standard = {
    target,
    header,
    gtsPdfxVersion: text('GTS_PDFXVersion'),
    gtsPdfxConformance: text('GTS_PDFXConformance'),
    trapped: text('Trapped'),
    xmp: { present: Boolean(xmp), pdfxVersion: xmpVersion },
    trailerId: doc.context.trailerInfo.ID instanceof PDFArray || Boolean(doc.context.trailerInfo.ID),
    crossReferenceStreams: xrefStreams,
  };
  if (settings.pdfx === 'x1a') {
    if (standard.gtsPdfxVersion !== PDFX_VERSION.x1a)
      fail('press-pdfx', `Info GTS_PDFXVersion is ${standard.gtsPdfxVersion ?? 'missing'}, not ${PDFX_VERSION.x1a}`);
    if (standard.gtsPdfxConformance !== PDFX_CONFORMANCE)
      fail('press-pdfx', `Info GTS_PDFXConformance is ${standard.gtsPdfxConformance ?? 'missing'}, not ${PDFX_CONFORMANCE}`);
    if (header !== '1.3') fail('press-pdfx', `the file says PDF ${header}; PDF/X-1a:2001 is PDF 1.3`);
    if (xrefStreams) fail('press-pdfx', 'cross-reference or object streams (PDF 1.5) are not allowed in PDF/X-1a:2001');
  } else if (Number(header) > 1.6) fail('press-pdfx', `the file says PDF ${header}; PDF/X-4 is PDF 1.6 at most`);
  if (xmpVersion !== target)
    fail('press-pdfx', `XMP metadata ${xmp ? `says GTS_PDFXVersion ${xmpVersion ?? 'nothing'}` : 'is missing'}; ${target} needs it`);
  if (standard.trapped !== 'True' && standard.trapped !== 'False') fail('press-pdfx', 'Info Trapped must be True or False');
  if (!standard.trailerId) fail('press-pdfx', 'the trailer has no document ID');
  // PDF/X (ISO 15930) names the document in Info: its title and when it was made and changed
  for (const key of ['Title', 'CreationDate', 'ModDate']) if (!text(key)) fail('press-pdfx', `Info ${key} is missing; PDF/X needs it`);

  // ── output intent ──
  const intents = lookup<PDFArray>(doc, doc.catalog.get(name('OutputIntents')));
  const gts =
    intents instanceof PDFArray
      ? intents
          .asArray()
          .map((i) => lookup<PDFDict>(doc, i))
          .find((i) => i?.get(name('S')) === name('GTS_PDFX'))
      : undefined;
  let outputIntent: PreflightReport['outputIntent'] = null;
  if (gts) {
    const s = (key: string) => {
      const v = lookup(doc, gts.get(name(key)));
      return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null;
    };
    const profile = lookup<PDFRawStream>(doc, gts.get(name('DestOutputProfile')));
    const icc = profile instanceof PDFRawStream ? decoded(profile) : undefined;
    outputIntent = {
      subtype: 'GTS_PDFX',
      identifier: s('OutputConditionIdentifier'),
      condition: s('OutputCondition'),
      registry: s('RegistryName'),
      profile: {
        embedded: Boolean(icc),
        components: profile instanceof PDFRawStream ? Number(String(profile.dict.get(name('N')))) : null,
        description: icc ? profileDescription(icc) : null,
      },
    };
    if (!icc) fail('press-output-intent', 'the output intent has no embedded destination profile');
    else if (outputIntent.profile.components !== 4 || latin1(icc.subarray(16, 20)) !== 'CMYK')
      fail('press-output-intent', 'the output intent profile is not a CMYK profile');
    if (!outputIntent.identifier) fail('press-output-intent', 'the output intent has no OutputConditionIdentifier');
  } else fail('press-output-intent', 'no output intent (/OutputIntents with /S /GTS_PDFX)');

  // ── pages ──
  const boxes: PreflightReport['boxes'] = [];
  const trims: Array<{ x: number; top: number }> = [];
  doc.getPages().forEach((page, i) => {
    const box = (key: string) => {
      const a = lookup<PDFArray>(doc, page.node.get(name(key)));
      return a instanceof PDFArray ? a.asArray().map((v) => Number(String(v))) : null;
    };
    const media = box('MediaBox') ?? [0, 0, 0, 0];
    const b = { page: i + 1, mediaBox: media, bleedBox: box('BleedBox'), trimBox: box('TrimBox'), artBox: box('ArtBox') };
    boxes.push(b);
    const trim = b.trimBox ?? media;
    trims.push({ x: trim[0], top: trim[3] });
    if (!b.trimBox) fail('press-boxes', `page ${i + 1} has no TrimBox`, { page: i + 1, xMm: 0, yMm: 0 });
    if (!b.bleedBox) fail('press-boxes', `page ${i + 1} has no BleedBox`, { page: i + 1, xMm: 0, yMm: 0 });
    if (b.trimBox && b.artBox) fail('press-boxes', `page ${i + 1} has both a TrimBox and an ArtBox`, { page: i + 1, xMm: 0, yMm: 0 });
    const inside = (a: number[] | null, o: number[] | null) =>
      !a || !o || (a[0] >= o[0] - 0.01 && a[1] >= o[1] - 0.01 && a[2] <= o[2] + 0.01 && a[3] <= o[3] + 0.01);
    if (!inside(b.trimBox, b.bleedBox) || !inside(b.bleedBox, media))
      fail('press-boxes', `page ${i + 1}: the TrimBox must lie within the BleedBox, and the BleedBox within the MediaBox`, {
        page: i + 1,
        xMm: 0,
        yMm: 0,
      });
  });
  const place = (page: number, [x, y]: [number, number]): Place => ({
    page: page + 1,
    xMm: round((x - trims[page].x) * MM),
    yMm: round((trims[page].top - y) * MM),
  });
  // Annotations: PDF/X allows none on the printed sheet (within the BleedBox) but trap networks and
  // printer's marks; a RIP may print one, or reject the file. (The press drops the page's links.)
  doc.getPages().forEach((page, i) => {
    const annots = lookup<PDFArray>(doc, page.node.get(name('Annots')));
    if (!(annots instanceof PDFArray)) return;
    const { bleedBox, trimBox, mediaBox } = boxes[i];
    const sheet = bleedBox ?? trimBox ?? mediaBox;
    for (const a of annots.asArray()) {
      const annot = lookup<PDFDict>(doc, a);
      const subtype = String(annot?.get(name('Subtype')) ?? 'unknown').replace(/^\//, '');
      if (subtype === 'TrapNet' || subtype === 'PrinterMark') continue;
      const r = lookup<PDFArray>(doc, annot?.get(name('Rect')));
      const rect = r instanceof PDFArray ? r.asArray().map((v) => Number(String(lookup(doc, v)))) : sheet;
      const [x0, x1] = [Math.min(rect[0], rect[2]), Math.max(rect[0], rect[2])];
      const [y0, y1] = [Math.min(rect[1], rect[3]), Math.max(rect[1], rect[3])];
      if (x1 <= sheet[0] || x0 >= sheet[2] || y1 <= sheet[1] || y0 >= sheet[3]) continue;
      fail(
        'press-pdfx',
        `page ${i + 1} has a ${subtype} annotation on the printed sheet (within the BleedBox); PDF/X allows none there but trap networks and printer's marks: remove it`,
        place(i, [x0, y1]),
      );
    }
  });
  // A Type3 glyph draws in glyph space, wherever its font's text is set: it is placed on its page
  // at the trim's corner (which glyph of which run would take following every text run through it).
  const placeIn = (d: Drawing, at: [number, number]): Place => (d.glyph ? { page: d.page + 1, xMm: 0, yMm: 0 } : place(d.page, at));

  // ── content: colour spaces, ink, text colours, images ──
  const colourSpaces: Record<string, number> = {};
  const use = (space: string) => (colourSpaces[space] = (colourSpaces[space] ?? 0) + 1);
  // where each colour space first paints (text, a fill or stroke, an image), for its finding
  const firstAt = new Map<string, Place>();
  let ink: PreflightReport['ink'] = { limit: settings.inkLimit, max: 0, at: null };
  // the most inked of what is drawn and not a photo (each photo is judged by itself), for its verdict
  // (set in inked, which the compiler does not follow: typed by a cast so that it is not taken for always null)
  let drawn = null as { max: number; at: NonNullable<PreflightReport['ink']['at']> } | null;
  /** a total met at `at`: the page's highest (reported), and unless it is a photo's the highest judged */
  const inked = (max: number, at: NonNullable<PreflightReport['ink']['at']>) => {
    if (max > ink.max) ink = { ...ink, max, at };
    if (at.what !== 'photo' && max > (drawn?.max ?? 0)) drawn = { max, at };
  };
  const textColours = new Map<string, { cmyk: number[] | null; space: string; runs: number }>();
  let richBlack = 0;
  const richAt: Place[] = [];
  let richRules = 0;
  const richRulesAt: Place[] = [];
  const transparencyCount = { groups: 0, softMasks: 0, blending: 0 };
  const photos: PhotoFacts[] = [];
  const imageOf = new Map<PhotoFacts, string>();
  const fonts = new Map<string, { name: string; subtype: string; embedded: boolean }>();
  const fontDicts = new Map<string, PDFDict>();
  const knownByHash = new Map(known.map((k) => [k.pressHash, k]));
  const imageInk = new Map<PDFRawStream, Promise<InkPeak | null>>();
  // each image's measure, applied in the order the images are drawn once all are measured (they finish in any order)
  const pending: Array<Promise<() => void>> = [];
  // page (0-based) → the .notdef glyphs it prints, and where the first is
  const notdefs = new Map<number, { count: number; at: Place }>();

  const all = drawings(doc);
  for (const d of all) {
    collectFonts(doc, d, fonts, fontDicts);
    const states = lookup<PDFDict>(doc, d.resources?.get(name('ExtGState')));
    if (states instanceof PDFDict) {
      for (const [, v] of states.entries()) {
        const gs = lookup<PDFDict>(doc, v);
        if (!(gs instanceof PDFDict)) continue;
        const mask = gs.get(name('SMask'));
        if (mask && mask !== name('None')) transparencyCount.softMasks++;
        const bm = gs.get(name('BM'));
        if (
          (bm && bm !== name('Normal') && bm !== name('Compatible')) ||
          ['CA', 'ca'].some((k) => gs.get(name(k)) !== undefined && Number(String(gs.get(name(k)))) < 1)
        )
          transparencyCount.blending++;
      }
    }
    if (d.form) {
      const group = lookup<PDFDict>(doc, d.form.dict.get(name('Group')));
      if (group instanceof PDFDict) {
        transparencyCount.groups++;
        const cs = group.get(name('CS'));
        if (cs) use(spaceName(doc, cs));
      }
    }
    const summary = summaryOf(doc, d, settings, memo);
    // the summary's totals added in the order interpret() met them (first places, first maximum)
    for (const [space, count] of summary.uses) colourSpaces[space] = (colourSpaces[space] ?? 0) + count;
    for (const [space, at] of summary.firstAt) if (!firstAt.has(space)) firstAt.set(space, placeIn(d, at));
    if (summary.ink) inked(summary.ink.total, { ...placeIn(d, summary.ink.at), what: summary.ink.what });
    if (summary.notdef) {
      const seen = notdefs.get(d.page) ?? { count: 0, at: placeIn(d, summary.notdef.at) };
      seen.count += summary.notdef.count;
      notdefs.set(d.page, seen);
    }
    for (const [key, t] of summary.texts) {
      const entry = textColours.get(key) ?? { cmyk: t.cmyk, space: t.space, runs: 0 };
      entry.runs += t.runs;
      textColours.set(key, entry);
    }
    richBlack += summary.richBlack;
    for (const at of summary.richAt) if (richAt.length < 5) richAt.push(placeIn(d, at));
    richRules += summary.richRules;
    for (const at of summary.richRulesAt) if (richRulesAt.length < 5) richRulesAt.push(placeIn(d, at));
    // each image drawn, in order: the file's own image object (its pixels are measured here, never taken from a summary)
    const xobjectDict = lookup<PDFDict>(doc, d.resources?.get(name('XObject')));
    for (const { key, ctm, clip, space } of summary.images) {
      const img = lookup<PDFRawStream>(doc, xobjectDict instanceof PDFDict ? xobjectDict.get(name(key)) : undefined)!;
      const dict = img.dict;
      const w = Number(String(dict.get(name('Width'))));
      const h = Number(String(dict.get(name('Height'))));
      if (dict.get(name('SMask'))) transparencyCount.softMasks++;
      const widthPt = Math.hypot(ctm[0], ctm[1]);
      const heightPt = Math.hypot(ctm[2], ctm[3]);
      // the image as drawn (a photo cropped to its box is drawn larger and clipped): the copy desk's printedPpi
      const ppi = printedPpi({ width: w, height: h }, { widthMm: widthPt * MM, heightMm: heightPt * MM });
      const who = knownByHash.get(createHash('sha1').update(img.contents).digest('hex'));
      let measure = imageInk.get(img);
      if (!measure) imageInk.set(img, (measure = who?.ink ? Promise.resolve(who.ink) : measureImage(img, space)));
      const window = visibleWindow(ctm, clip);
      // the whole image's peak, unless it lies where the page crops the image: then the peak of what is shown
      const shown = (m: InkPeak | null) =>
        m && window && !(m.x >= window.x0 && m.x <= window.x1 && m.y >= window.y0 && m.y <= window.y1)
          ? measureImage(img, space, window)
          : m;
      pending.push(
        measure.then(shown).then((m) => () => {
          const at = m ? apply(ctm, m.x, 1 - m.y) : apply(ctm, 0.5, 0.5);
          // an image in a glyph (a colour emoji) is text, not a photo: its ink counts, its resolution is the font's
          if (d.glyph) {
            if (m) inked(round(m.max), { ...placeIn(d, at), what: 'text' });
            return;
          }
          const facts: PhotoFacts = {
            page: d.page + 1,
            ...(who ? { src: who.src, ...(who.line ? { line: who.line } : {}) } : {}),
            colourSpace: space,
            pixels: [w, h],
            placedMm: [round(widthPt * MM), round(heightPt * MM)],
            effectivePpi: Math.round(ppi),
            maxInk: m ? round(m.max) : 0,
            maxInkAt: place(d.page, at),
            centre: place(d.page, apply(ctm, 0.5, 0.5)),
          };
          photos.push(facts);
          // whose photo it is, for the findings (not in the report: a path of this machine)
          if (who?.image) imageOf.set(facts, who.image);
          if (m) inked(round(m.max), { ...facts.maxInkAt, what: 'photo', ...(who?.line ? { line: who.line } : {}) });
        }),
      );
    }
  }
  for (const measured of await Promise.all(pending)) measured();
  photos.sort((a, b) => a.page - b.page || a.maxInkAt.yMm - b.maxInkAt.yMm);

  // ── verdicts ──
  for (const [space] of Object.entries(colourSpaces)) {
    if (
      space !== 'DeviceCMYK' &&
      space !== 'DeviceGray' &&
      !(settings.pdfx === 'x4' && /^(ICCBased\(CMYK\)|ICCBased\(Gray\)|Separation|DeviceN)/.test(space))
    )
      fail('press-colour-space', `${space} is used on the page; ${target} for this press takes only CMYK and grey`, firstAt.get(space));
  }
  for (const p of photos) {
    if (!/DeviceCMYK|DeviceGray/.test(p.colourSpace)) continue;
    if (p.maxInk > settings.inkLimit + 0.5)
      fail(
        'press-ink-limit',
        `photo${p.src ? ` “${shownSrc(p.src)}”` : ''} reaches ${p.maxInk}% total ink, over the limit of ${settings.inkLimit}%`,
        p.maxInkAt,
        p.line,
        true,
        imageOf.get(p),
      );
    if (p.effectivePpi < photoPpi * 0.75)
      fail(
        'press-photo-resolution',
        `photo${p.src ? ` “${shownSrc(p.src)}”` : ''} prints at ${p.effectivePpi} ppi (the layout asks for ${photoPpi})`,
        // where the photo is: its darkest pixel may lie in a part the page crops away, off the trim
        p.centre,
        p.line,
        false,
        imageOf.get(p),
      );
  }
  if (drawn && drawn.max > settings.inkLimit + 0.5)
    fail(
      'press-ink-limit',
      drawn.at.what === 'overprint'
        ? `black text overprints a tint and prints there with ${drawn.max}% total ink (the tint's C, M and Y under the text's K), over the limit of ${settings.inkLimit}%: lighten the tint (the layout's colors:) to at most ${settings.inkLimit - 100}%`
        : `${drawn.at.what} drawn with ${drawn.max}% total ink, over the limit of ${settings.inkLimit}%`,
      drawn.at,
    );
  if (richBlack)
    fail('press-rich-black', `${richBlack} text run(s) in rich black (K with C, M or Y): black text must be 100% K alone`, richAt[0]);
  if (richRules)
    fail(
      'press-rich-black',
      `${richRules} rule(s) or box(es) drawn in rich black (K with C, M or Y): a rule misregisters in four inks; black rules must be 100% K alone (name the colour in the layout's colors: with K alone)`,
      richRulesAt[0],
    );
  if (settings.pdfx === 'x1a') {
    const pageGroups = doc.getPages().filter((p) => p.node.get(name('Group'))).length;
    transparencyCount.groups += pageGroups;
    const t = transparencyCount;
    if (t.groups || t.softMasks || t.blending)
      fail(
        'press-transparency',
        `transparency (${t.groups} group(s), ${t.softMasks} soft mask(s), ${t.blending} blended state(s)); PDF/X-1a allows none`,
      );
  }
  for (const f of fonts.values()) if (!f.embedded) fail('press-font-embedding', `font ${f.name} (${f.subtype}) is not embedded`);
  for (const s of sameNamedSubsets(doc))
    fail(
      'press-font-subset',
      `${s.programs} different subsets of a font share the name ${s.name}: a RIP may print one's text in the other's glyphs; give each subset its own six-letter tag`,
    );
  if (families.length)
    for (const f of fallbackFonts(
      [...fonts].map(([key, v]) => ({ name: v.name, dict: fontDicts.get(key)! })),
      families,
    ))
      problems.push({
        rule: 'press-font-fallback',
        message: `text printed in ${f.name}, a font of this machine and not one of the project's faces (templates/fonts.yaml), so it prints differently elsewhere${f.text ? `: ${[...f.text].slice(0, 20).join(' ')}${[...f.text].length > 20 ? ' …' : ''}` : ''}; replace those characters, or configure a face that shapes them`,
        error: true,
        ...(f.text ? { text: f.text } : {}),
      });
  for (const [, n] of [...notdefs].sort((a, b) => a[0] - b[0]))
    fail(
      'press-font-notdef',
      `${n.count === 1 ? 'a character prints' : `${n.count} characters print`} as an empty box (the font's .notdef glyph): none of the project's faces (templates/fonts.yaml) has ${n.count === 1 ? 'it' : 'them'} or can shape ${n.count === 1 ? 'it' : 'them'}, and no font of this machine stands in; replace ${n.count === 1 ? 'it' : 'them'}, or configure a face that has ${n.count === 1 ? 'it' : 'them'}`,
      n.at,
    );

  return {
    standard,
    outputIntent,
    colourSpaces,
    ink,
    text: { colours: [...textColours.values()], richBlack },
    rules: { richBlack: richRules },
    transparency: transparencyCount,
    fonts: [...fonts.values()],
    boxes,
    photos,
    problems,
  };
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * What one content stream draws, as the preflight totals it (interpret() run over it once): the
 * colour spaces it uses and where each first paints, its most inked colour, its text colours, its
 * rich black runs, its .notdef glyphs and the images it draws, each in the order met, with
 * positions in the space of the page it is on. It depends on the stream's bytes, the resources
 * interpret() reads (colour spaces, shadings, patterns, graphics states, image XObjects' dictionaries) and the
 * layout's design colours; not on the page it is on, nor on the images' pixels (measured by the
 * preflight from the file itself).
 */
interface DrawingSummary {
  uses: Map<string, number>;
  firstAt: Map<string, [number, number]>;
  ink: { total: number; at: [number, number]; what: 'text' | 'vector' | 'overprint' } | null;
  texts: Map<string, { cmyk: number[] | null; space: string; runs: number }>;
  richBlack: number;
  /** the first five rich black runs */
  richAt: Array<[number, number]>;
  /** fills, strokes and shadings in rich black (a glyph's own drawing is artwork, not counted), the first five places */
  richRules: number;
  richRulesAt: Array<[number, number]>;
  notdef: { count: number; at: [number, number] } | null;
  /** images drawn: the XObject's resource name, the matrix and clip it is drawn with, its colour space */
  images: Array<{ key: string; ctm: Matrix; clip: Box | null; space: string }>;
}

/**
 * The summaries of content streams read by earlier preflights of one build, by a hash of all they
 * depend on (DrawingSummary): edition.pdf's preflight reads again only what its join added or
 * changed, and takes each page's content, byte for byte the same as in the page.pdf preflighted
 * before, as that preflight read it. (A page's stream that is byte for byte one of an earlier
 * page's, such as its crop marks, is taken the same way.) `reused` and `read` count the streams
 * each way.
 */
export interface PreflightMemo {
  summaries: Map<string, DrawingSummary>;
  reused: number;
  read: number;
}

export const preflightMemo = (): PreflightMemo => ({ summaries: new Map(), reused: 0, read: 0 });

function summaryOf(doc: PDFDocument, d: Drawing, settings: PressSettings, memo: PreflightMemo | undefined): DrawingSummary {
  const key = memo && drawingKey(doc, d, settings);
  const known = key && memo.summaries.get(key);
  if (known) {
    memo.reused++;
    return known;
  }
  if (memo) memo.read++;
  // Text in a colour the layout names (a burgundy of 0/100/80/55) is the design's coloured text, not
  // black printed rich; named with full K and C, M or Y, it is rich black all the same.
  const designColour = (c: number[]) =>
    (settings.designColours ?? []).some((dc) => dc.length === c.length && dc.every((v, i) => Math.abs(v - c[i]) < 0.0001));
  const s: DrawingSummary = {
    uses: new Map(),
    firstAt: new Map(),
    ink: null,
    texts: new Map(),
    richBlack: 0,
    richAt: [],
    richRules: 0,
    richRulesAt: [],
    notdef: null,
    images: [],
  };
  const use = (space: string) => s.uses.set(space, (s.uses.get(space) ?? 0) + 1);
  const first = (space: string, at: [number, number]) => {
    if (!s.firstAt.has(space)) s.firstAt.set(space, at);
  };
  // K at half or more under C, M or Y: black gone rich; a design colour below full K is the design's own
  const rich = (c: number[]) => c[3] >= 0.5 && c[0] + c[1] + c[2] > 0 && !(c[3] < 1 && designColour(c));
  interpret(doc, d, {
    use,
    paint: (colour, at, what) => {
      first(colour.space, at);
      if (!colour.cmyk) return;
      const total = (colour.ink ??= totalInk(colour.cmyk));
      if (total > (s.ink?.total ?? 0)) s.ink = { total, at, what };
      if (what === 'vector' && !d.glyph && rich(colour.cmyk)) {
        s.richRules++;
        if (s.richRulesAt.length < 5) s.richRulesAt.push(at);
      }
    },
    notdef: (count, at) => {
      s.notdef ??= { count: 0, at };
      s.notdef.count += count;
    },
    text: (colour, at) => {
      const key = (colour.key ??= `${colour.space}:${colour.cmyk?.join(',') ?? ''}`);
      const entry = s.texts.get(key) ?? { cmyk: colour.cmyk?.map((v) => round(v * 100)) ?? null, space: colour.space, runs: 0 };
      entry.runs++;
      s.texts.set(key, entry);
      const c = colour.cmyk;
      if (c && rich(c)) {
        s.richBlack++;
        if (s.richAt.length < 5) s.richAt.push(at);
      }
    },
    image: (img, ctm, clip, key) => {
      const space = spaceName(doc, img.dict.get(name('ColorSpace')));
      use(space);
      first(space, apply(ctm, 0.5, 0.5));
      s.images.push({ key, ctm, clip, space });
    },
  });
  if (key) memo.summaries.set(key, s);
  return s;
}

/**
 * A hash of what a content stream's summary depends on: its bytes as stored (with the filter that
 * decodes them), the objects of the resources interpret() reads (colour spaces, shadings, patterns, graphics states,
 * and of the XObjects the images and the others' kind), written out with every reference followed
 * and each stream's bytes hashed, and the layout's design colours.
 */
function drawingKey(doc: PDFDocument, d: Drawing, settings: PressSettings): string {
  const hash = createHash('sha1');
  hash.update(`${d.glyph ? 'glyph' : 'page'}|${JSON.stringify(settings.designColours ?? [])}|`);
  hash.update(written(doc, d.stream.dict.get(name('Filter'))) + written(doc, d.stream.dict.get(name('DecodeParms'))) + '|');
  hash.update(d.stream.contents);
  for (const key of ['ColorSpace', 'Shading', 'Pattern', 'ExtGState']) hash.update(`|${key}${written(doc, d.resources?.get(name(key)))}`);
  // of the XObjects, the images (a form is a content stream of its own, summarised by itself)
  for (const [key, , obj] of xobjects(doc, d.resources)) {
    const image = obj instanceof PDFRawStream && obj.dict.get(name('Subtype')) === name('Image');
    hash.update(
      `|/${key} ${image ? written(doc, obj) : obj instanceof PDFRawStream ? String(obj.dict.get(name('Subtype'))) : written(doc, obj)}`,
    );
  }
  return hash.digest('hex');
}

/** A PDF object written out with its references followed (a cycle ends in `@`), streams as their dictionary and the hash of their bytes. */
function written(doc: PDFDocument, o: unknown, path: Set<unknown> = new Set()): string {
  const v = lookup<unknown>(doc, o);
  if (v === undefined) return '~';
  if (path.has(v)) return '@';
  if (v instanceof PDFDict || v instanceof PDFArray || v instanceof PDFRawStream) {
    path.add(v);
    let out: string;
    if (v instanceof PDFArray)
      out = `[${v
        .asArray()
        .map((x) => written(doc, x, path))
        .join(' ')}]`;
    else if (v instanceof PDFDict)
      out = `<<${v
        .entries()
        .map(([k, x]) => `${String(k)} ${written(doc, x, path)}`)
        .join(' ')}>>`;
    else out = `${written(doc, v.dict, path)}stream:${createHash('sha1').update(v.contents).digest('hex')}`;
    path.delete(v);
    return out;
  }
  return String(v);
}

interface Visitor {
  use: (space: string) => void;
  /** `overprint`: black text overprinting a tint, the colour the two make on the plates */
  paint: (colour: Colour, at: [number, number], what: 'text' | 'vector' | 'overprint') => void;
  text: (colour: Colour, at: [number, number]) => void;
  /** a text run that shows glyph 0 (.notdef, an empty box) this many times */
  notdef: (count: number, at: [number, number]) => void;
  /** `clip`: the clipping rectangle in force (page space), when it is known to be one */
  image: (img: PDFRawStream, ctm: Matrix, clip: Box | null, key: string) => void;
}

/** Run a content stream's graphics state: colours, transformation, text position, images drawn. */
function interpret(doc: PDFDocument, d: Drawing, v: Visitor): void {
  const named = lookup<PDFDict>(doc, d.resources?.get(name('ColorSpace')));
  const xobjects = lookup<PDFDict>(doc, d.resources?.get(name('XObject')));
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let fill: Colour = { space: 'DeviceGray', cmyk: [0, 0, 0, 1] };
  let stroke: Colour = { space: 'DeviceGray', cmyk: [0, 0, 0, 1] };
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let leading = 0;
  let mode = 0;
  let point: [number, number] = [0, 0];
  // The clip, as the box of the clipping paths drawn so far (page space; null: the whole page), so
  // that a photo's ink is measured on what the page shows of it (object-fit: cover crops it).
  let clip: Box | null = null;
  let path: Box | null = null;
  let clipNext = false;
  // Black text overprints (pdfx.ts): with overprint on and mode 1, its zero C, M and Y leave the plates
  // under it alone, so where it stands on a tint the plates carry the tint's C, M and Y and its K.
  // The tints are the rectangles filled so far (Chromium fills a background as one `re`), the last
  // one under a run of text taken as what it stands on.
  let overprint = false;
  let overprintMode = 0;
  let rectangles = 0;
  let otherSegments = 0;
  const tints: Array<{ box: Box; cmyk: number[]; made: Map<Colour, Colour | null> }> = [];
  const states = lookup<PDFDict>(doc, d.resources?.get(name('ExtGState')));
  const extend = (x: number, y: number) => {
    const [px, py] = apply(ctm, x, y);
    path = path ? [Math.min(path[0], px), Math.min(path[1], py), Math.max(path[2], px), Math.max(path[3], py)] : [px, py, px, py];
  };
  const painted = () => {
    if (clipNext && path) clip = clip ? intersect(clip, path) : path;
    clipNext = false;
    path = null;
    rectangles = 0;
    otherSegments = 0;
  };
  /** a fill of one rectangle in a CMYK colour with ink: a tint text may stand on (white covers those under it) */
  const filled = () => {
    if (!path || rectangles !== 1 || otherSegments || !fill.cmyk) return;
    const box = clip ? intersect(clip, path) : path;
    if (box[0] < box[2] && box[1] < box[3]) tints.push({ box, cmyk: fill.cmyk, made: new Map() });
  };
  /** black text over a tint in overprint: the colour the plates carry where it stands */
  const overprinted = (colour: Colour, at: [number, number]): Colour | undefined => {
    if (!overprint || overprintMode !== 1 || colour.space !== 'DeviceCMYK' || !colour.cmyk) return undefined;
    const under = tints.findLast((t) => at[0] >= t.box[0] && at[0] <= t.box[2] && at[1] >= t.box[1] && at[1] <= t.box[3]);
    if (!under) return undefined;
    let made = under.made.get(colour);
    if (made === undefined) {
      const text = colour.cmyk;
      const plates = overprintedPlates(text, under.cmyk);
      // on white, or on a tint only in the text's own inks, the plates carry the text's colour alone
      made = plates.every((v, i) => v === text[i]) ? null : { space: 'DeviceCMYK', cmyk: plates };
      under.made.set(colour, made);
    }
    return made ?? undefined;
  };
  const stack: Array<{
    ctm: Matrix;
    fill: Colour;
    stroke: Colour;
    mode: number;
    clip: Box | null;
    overprint: boolean;
    overprintMode: number;
  }> = [];
  const resolve = (arg: string) => {
    if (['/DeviceRGB', '/DeviceCMYK', '/DeviceGray', '/Pattern'].includes(arg)) return arg.slice(1);
    return spaceName(doc, named instanceof PDFDict ? named.get(name(arg.slice(1))) : undefined);
  };
  const colourIn = (space: string, values: number[]): Colour => ({
    space,
    cmyk: space === 'DeviceCMYK' ? values : space === 'DeviceGray' ? [0, 0, 0, 1 - values[0]] : null,
  });
  const visit = (o: Operation) => {
    const a = o.args;
    const n = o.values;
    switch (o.op) {
      case 'q':
        stack.push({ ctm, fill, stroke, mode, clip, overprint, overprintMode });
        break;
      case 'Q':
        ({ ctm, fill, stroke, mode, clip, overprint, overprintMode } = stack.pop() ?? {
          ctm,
          fill,
          stroke,
          mode,
          clip,
          overprint,
          overprintMode,
        });
        break;
      case 'gs': {
        const gs = lookup<PDFDict>(doc, states instanceof PDFDict ? states.get(name((a[0] ?? '').slice(1))) : undefined);
        if (!(gs instanceof PDFDict)) break;
        // op (fill overprint) defaults to OP when only OP is given
        const op = gs.get(name('op')) ?? gs.get(name('OP'));
        if (op !== undefined) overprint = String(op) === 'true';
        const opm = gs.get(name('OPM'));
        if (opm !== undefined) overprintMode = Number(String(opm));
        break;
      }
      case 'cm':
        ctm = mul(n as Matrix, ctm);
        break;
      case 'rg':
      case 'RG':
      case 'k':
      case 'K':
      case 'g':
      case 'G': {
        const space = { rg: 'DeviceRGB', k: 'DeviceCMYK', g: 'DeviceGray' }[o.op.toLowerCase() as 'rg' | 'k' | 'g'];
        v.use(space);
        const c = colourIn(space, n);
        if (o.op === o.op.toLowerCase()) fill = c;
        else stroke = c;
        break;
      }
      case 'cs':
      case 'CS': {
        const space = resolve(a[0] ?? '');
        // a pattern space is counted by the pattern that scn selects in it (what it paints with)
        if (space !== 'Pattern') v.use(space);
        const c = colourIn(space, space === 'DeviceCMYK' ? [0, 0, 0, 1] : [0]);
        if (o.op === 'cs') fill = c;
        else stroke = c;
        break;
      }
      case 'sc':
      case 'scn':
      case 'SC':
      case 'SCN': {
        const target = o.op.startsWith('s') ? fill : stroke;
        const pattern = target.space === 'Pattern' || target.pattern ? a.at(-1) : undefined;
        const c = pattern?.startsWith('/') ? patternColour(doc, d.resources, pattern.slice(1)) : colourIn(target.space, n);
        if (c.pattern) v.use(c.space);
        if (o.op.startsWith('s')) fill = c;
        else stroke = c;
        break;
      }
      case 'sh': {
        const shading = lookup<unknown>(doc, lookup<PDFDict>(doc, d.resources?.get(name('Shading')))?.get(name((a[0] ?? '').slice(1))));
        const c = shadingColour(doc, shading instanceof PDFRawStream ? shading.dict : (shading as PDFDict | undefined));
        v.use(c.space);
        v.paint(c, point, 'vector');
        break;
      }
      case 'm':
      case 'l':
        point = apply(ctm, n[0], n[1]);
        extend(n[0], n[1]);
        otherSegments++;
        break;
      case 'c':
        otherSegments++;
        extend(n[0], n[1]);
        extend(n[2], n[3]);
        extend(n[4], n[5]);
        break;
      case 'v':
      case 'y':
        otherSegments++;
        extend(n[0], n[1]);
        extend(n[2], n[3]);
        break;
      case 're':
        rectangles++;
        point = apply(ctm, n[0] + n[2] / 2, n[1] + n[3] / 2);
        extend(n[0], n[1]);
        extend(n[0] + n[2], n[1] + n[3]);
        break;
      case 'W':
      case 'W*':
        clipNext = true;
        break;
      case 'n':
        painted();
        break;
      case 'f':
      case 'F':
      case 'f*':
        v.paint(fill, point, 'vector');
        filled();
        painted();
        break;
      case 'S':
      case 's':
        v.paint(stroke, point, 'vector');
        painted();
        break;
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
        v.paint(fill, point, 'vector');
        v.paint(stroke, point, 'vector');
        painted();
        break;
      case 'BT':
        tm = [1, 0, 0, 1, 0, 0];
        tlm = tm;
        break;
      case 'Tm':
        tm = n as Matrix;
        tlm = tm;
        break;
      case 'Td':
      case 'TD':
        tlm = mul([1, 0, 0, 1, n[0], n[1]], tlm);
        tm = tlm;
        if (o.op === 'TD') leading = -n[1];
        break;
      case 'TL':
        leading = n[0];
        break;
      case 'T*':
        tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
        tm = tlm;
        break;
      case 'Tr':
        mode = n[0];
        break;
      case 'Tj':
      case 'TJ':
      case "'":
      case '"': {
        if (o.op === "'" || o.op === '"') {
          tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
          tm = tlm;
        }
        if (mode === 3 || mode === 7) break; // invisible text (a search layer) prints nothing
        // where the text starts: the origin of the text space, tm's translation through the ctm
        const at = apply(ctm, tm[4], tm[5]);
        if (mode === 0 || mode === 2 || mode === 4 || mode === 6) {
          v.text(fill, at);
          v.paint(fill, at, 'text');
          const plates = overprinted(fill, at);
          if (plates) v.paint(plates, at, 'overprint');
        }
        if (mode === 1 || mode === 2 || mode === 5 || mode === 6) {
          v.text(stroke, at);
          v.paint(stroke, at, 'text');
        }
        if (mayShowNotdef) {
          const count = notdefGlyphs(content.slice(o.start, o.end));
          if (count) v.notdef(count, at);
        }
        break;
      }
      case 'Do': {
        const obj = lookup(doc, xobjects instanceof PDFDict ? xobjects.get(name((a[0] ?? '').slice(1))) : undefined);
        if (obj instanceof PDFRawStream && obj.dict.get(name('Subtype')) === name('Image')) v.image(obj, ctm, clip, (a[0] ?? '').slice(1));
        break;
      }
      case 'BI':
        v.use('inline image');
        break;
    }
  };
  const content = latin1(decoded(d.stream));
  // glyph runs are read only in a stream that has a 0000 glyph at all (a page is a million runs)
  const mayShowNotdef = NOTDEF.test(content);
  scanOperations(content, visit, WITH_NAMES, WITH_NUMBERS);
}

/**
 * Glyph 0 in a hex string of glyph ids (Chromium writes every TrueType face as a Type0 font with
 * Identity-H: two bytes per glyph, its id): the font's .notdef, what a character the face lacks
 * prints as when no other font may stand in (src/browser/font-jail.ts).
 */
const NOTDEF = /<(?:[0-9A-Fa-f]{4})*?0000/;

/** How many glyph 0s the hex strings of one text operation show. */
export function notdefGlyphs(operation: string): number {
  let count = 0;
  for (const hex of operation.matchAll(/<([0-9A-Fa-f\s]*)>/g)) {
    const digits = hex[1].replace(/\s+/g, '');
    for (let i = 0; i + 4 <= digits.length; i += 4) if (digits.startsWith('0000', i)) count++;
  }
  return count;
}

/** The operators whose operands interpret() reads: as names, and as numbers. */
const WITH_NAMES: ReadonlySet<string> = new Set('cs CS Do gs scn SCN sh'.split(' '));

/**
 * What a pattern paints with: a shading pattern, its shading's colour space and (CMYK or grey) its
 * most inked colour stop; a tiling pattern draws content of its own, which this does not read.
 */
function patternColour(doc: PDFDocument, resources: PDFDict | undefined, key: string): Colour {
  const patterns = lookup<PDFDict>(doc, resources?.get(name('Pattern')));
  const found = lookup<unknown>(doc, patterns instanceof PDFDict ? patterns.get(name(key)) : undefined);
  const p = found instanceof PDFRawStream ? found.dict : found instanceof PDFDict ? found : undefined;
  if (p && String(p.get(name('PatternType'))) === '2') {
    const shading = lookup<unknown>(doc, p.get(name('Shading')));
    return { ...shadingColour(doc, shading instanceof PDFRawStream ? shading.dict : (shading as PDFDict | undefined)), pattern: true };
  }
  return { space: p ? 'Pattern (tiling)' : 'Pattern (missing)', cmyk: null, pattern: true };
}

/** A shading's colour space, and in CMYK or grey the colour stop with the most ink (its C0 and C1 values). */
function shadingColour(doc: PDFDocument, shading: PDFDict | undefined): Colour {
  if (!(shading instanceof PDFDict)) return { space: 'shading (missing)', cmyk: null };
  const space = spaceName(doc, shading.get(name('ColorSpace')));
  const stops: number[][] = [];
  const walk = (v: unknown, depth: number) => {
    const fn = lookup<unknown>(doc, v);
    const dict = fn instanceof PDFRawStream ? fn.dict : fn instanceof PDFDict ? fn : undefined;
    if (!dict || depth > 4) return;
    for (const key of ['C0', 'C1']) {
      const c = lookup<PDFArray>(doc, dict.get(name(key)));
      if (c instanceof PDFArray) stops.push(c.asArray().map((x) => Number(String(lookup(doc, x)))));
    }
    const parts = lookup<PDFArray>(doc, dict.get(name('Functions')));
    if (parts instanceof PDFArray) for (const part of parts.asArray()) walk(part, depth + 1);
  };
  walk(shading.get(name('Function')), 0);
  const inked = stops
    .map((c) => (space === 'DeviceCMYK' && c.length === 4 ? c : space === 'DeviceGray' && c.length === 1 ? [0, 0, 0, 1 - c[0]] : null))
    .filter((c): c is number[] => Boolean(c));
  const cmyk = inked.length ? inked.reduce((a, b) => (totalInk(b) > totalInk(a) ? b : a)) : null;
  return { space, cmyk };
}
const WITH_NUMBERS: ReadonlySet<string> = new Set('cm rg RG k K g G sc scn SC SCN m l c v y re Tm Td TD TL Tr'.split(' '));

/** A box in page space: x0, y0, x1, y1. */
type Box = [number, number, number, number];
const intersect = (a: Box, b: Box): Box => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];

/**
 * What the clip shows of an image drawn with `ctm` (upright, as the page draws photos), as 0–1 from
 * its top-left corner; undefined for the whole image (no clip, or a rotated image).
 */
function visibleWindow(ctm: Matrix, clip: Box | null): Window | undefined {
  if (!clip || ctm[1] !== 0 || ctm[2] !== 0 || !ctm[0] || !ctm[3]) return undefined;
  const span = (lo: number, hi: number, scale: number, offset: number): [number, number] => {
    const a = (lo - offset) / scale;
    const b = (hi - offset) / scale;
    return [Math.max(0, Math.min(a, b)), Math.min(1, Math.max(a, b))];
  };
  const [x0, x1] = span(clip[0], clip[2], ctm[0], ctm[4]);
  const [v0, v1] = span(clip[1], clip[3], ctm[3], ctm[5]);
  if (x0 <= 0 && x1 >= 1 && v0 <= 0 && v1 >= 1) return undefined;
  // image rows run from the top (v = 1) down
  return { x0, x1: Math.max(x0, x1), y0: 1 - v1, y1: Math.max(1 - v1, 1 - v0) };
}

/** A colour space object as a readable name: DeviceCMYK, ICCBased(RGB), Separation, … */
function spaceName(doc: PDFDocument, v: unknown): string {
  const cs = lookup(doc, v);
  if (cs === undefined) return 'none';
  if (!(cs instanceof PDFArray)) return String(cs).replace(/^\//, '');
  const family = String(cs.get(0)).replace(/^\//, '');
  if (family === 'ICCBased') {
    const n = Number(String(lookup<PDFRawStream>(doc, cs.get(1))?.dict.get(name('N'))));
    return `ICCBased(${n === 4 ? 'CMYK' : n === 3 ? 'RGB' : n === 1 ? 'Gray' : n})`;
  }
  if (family === 'Indexed') return `Indexed(${spaceName(doc, cs.get(1))})`;
  if (isRgbSpace(doc, cs)) return `${family}(RGB)`;
  return family;
}

/** Highest total ink of an image and where (0–1 from its top-left), decoded as a RIP decodes it. */
async function measureImage(img: PDFRawStream, space: string, window?: Window): Promise<InkPeak | null> {
  if (space !== 'DeviceCMYK' && space !== 'DeviceGray') return null;
  const kind = space === 'DeviceCMYK' ? 'cmyk' : 'gray';
  const filter = img.dict.get(name('Filter'));
  if (filter === name('DCTDecode')) return jpegInk(img.contents, kind, window);
  // 8-bit samples, plain or Flate (a press copy stored losslessly); no Decode array
  if (String(img.dict.get(name('BitsPerComponent'))) !== '8' || img.dict.get(name('Decode'))) return null;
  if (filter !== undefined && filter !== name('FlateDecode')) return null;
  return inkPeak(decoded(img), kind === 'cmyk' ? 4 : 1, Number(String(img.dict.get(name('Width')))), window);
}

function collectFonts(
  doc: PDFDocument,
  d: Drawing,
  out: Map<string, { name: string; subtype: string; embedded: boolean }>,
  dicts: Map<string, PDFDict>,
): void {
  const dict = lookup<PDFDict>(doc, d.resources?.get(name('Font')));
  if (!(dict instanceof PDFDict)) return;
  for (const [, ref] of dict.entries()) {
    const key = String(ref);
    if (out.has(key)) continue;
    const font = lookup<PDFDict>(doc, ref);
    if (!(font instanceof PDFDict)) continue;
    const subtype = String(font.get(name('Subtype'))).replace(/^\//, '');
    const base = String(font.get(name('BaseFont')) ?? '').replace(/^\//, '');
    let descriptor = lookup<PDFDict>(doc, font.get(name('FontDescriptor')));
    if (subtype === 'Type0') {
      const descendants = lookup<PDFArray>(doc, font.get(name('DescendantFonts')));
      const cid = descendants instanceof PDFArray ? lookup<PDFDict>(doc, descendants.get(0)) : undefined;
      descriptor = lookup<PDFDict>(doc, cid?.get(name('FontDescriptor')));
    }
    const embedded =
      subtype === 'Type3' ||
      Boolean(descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor!.get(name(k)) !== undefined));
    out.set(key, { name: base || key, subtype, embedded });
    dicts.set(key, font);
  }
}

/** A photo's reference as the reader wrote its file name: the page's URL is percent-encoded (照片.jpg, not %E7%85%A7…). */
function shownSrc(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}
