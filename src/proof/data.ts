// What a proof carries inside its PDF (an embedded file, baoban-proof.json): the manuscript text it
// was made from, every printed unit with its source offsets, the line map with each character's
// place, the findings and changes. The next round compares with it and proof:notes maps a
// reviewer's marks with it: nothing else is needed, on any machine, after any `rm -rf dist`.
import { inflateSync } from 'node:zlib';
import type { PDFDict as PDFDictType, PDFDocument as PDFDocumentType, PDFRawStream as PDFRawStreamType } from 'pdf-lib';
import { HARD_LIMITS } from '../config/limits.js';
import { InputError } from '../core/input-error.js';
import { checkProofData, type ProofData } from './data-check.js';
import { loadPdfLib, PDF_OBJECTS_PER_TICK } from '../output/pdf-finish.js';
import type { PrintedUnit } from './text-map.js';

type PdfLib = Awaited<ReturnType<typeof loadPdfLib>>;

export const DATA_NAME = 'baoban-proof.json';
export { DATA_FORMAT, type ProofData } from './data-check.js';
export const DATA_VERSION = 1;

/**
 * Largest proof data read back (decompressed): the manuscript's text and every printed character's
 * place stay well within the largest manuscript any config allows. A returned PDF is untrusted: a
 * stream that inflates past this (a megabyte can hold a gigabyte of zeros) is refused, not inflated.
 */
export const MAX_DATA_BYTES = HARD_LIMITS.maxInputBytes;

/**
 * One PDF page of the proof (1-based): where its trim is (its top-left corner in PDF user space),
 * and points per CSS pixel, to turn PDF points into the map's trim pixels.
 */
export type DataPage = ProofData['pages'][number];

/** A printed unit as the PDF keeps it: its source offsets as runs [index in text, source offset, length]. */
export type StoredUnit = ProofData['units'][number];

/** Source offsets as runs of consecutive offsets (the JSON stays small: most text maps one to one). */
export function encodeSrc(src: number[]): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = [];
  for (let i = 0; i < src.length; i++) {
    if (src[i] < 0) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[2] === i && last[1] + last[2] === src[i]) last[2]++;
    else runs.push([i, src[i], 1]);
  }
  return runs;
}

export function decodeSrc(length: number, runs: Array<[number, number, number]>): number[] {
  const src = Array<number>(length).fill(-1);
  for (const [i, o, n] of runs) for (let k = 0; k < n; k++) src[i + k] = o + k;
  return src;
}

export function storeUnits(units: PrintedUnit[]): StoredUnit[] {
  return units.map(({ src, ...u }) => ({ ...u, src: encodeSrc(src) }));
}

export function loadUnits(units: StoredUnit[]): PrintedUnit[] {
  return units.map(({ src, ...u }) => ({ ...u, src: decodeSrc(u.text.length, src) }));
}

export async function attachData(doc: PDFDocumentType, data: ProofData): Promise<void> {
  const { AFRelationship } = await loadPdfLib();
  await doc.attach(new TextEncoder().encode(JSON.stringify(data)), DATA_NAME, {
    mimeType: 'application/json',
    description: 'baoban proof data: manuscript text, line map, findings (read by the next round and by proof:notes)',
    creationDate: new Date(data.builtAt),
    modificationDate: new Date(data.builtAt),
    afRelationship: AFRelationship.Data,
  });
}

/** A PDF with no proof data inside: not a proof, or a proof saved by a tool that dropped attached files. */
export class NoProofDataError extends InputError {}

/**
 * The proof data embedded in a PDF, read with pdf-lib from the document's embedded files (a
 * reader that saved the reviewer's marks incrementally keeps them). `file` names the PDF in errors.
 */
export async function readData(bytes: Uint8Array, file: string): Promise<ProofData> {
  const lib = await loadPdfLib();
  const { PDFName, PDFDict, PDFArray, PDFRawStream, PDFString, PDFHexString } = lib;
  let doc: PDFDocumentType;
  try {
    doc = await loadReturnedPdf(lib, bytes);
  } catch (error) {
    throw new InputError(`${file}: not a readable PDF (${(error as Error).message.split('\n')[0]})${cutShort(bytes)}`);
  }
  // A file with a PDF header and no document in it (`%PDF-1.7` and nothing more, a download cut
  // short) loads with no catalog: said as such, not as "Cannot read properties of undefined".
  const catalog = (doc as { catalog?: PDFDictType }).catalog;
  if (!(catalog instanceof PDFDict)) throw new InputError(`${file}: not a readable PDF (it holds no document catalog)${cutShort(bytes)}`);
  // A returned PDF is untrusted: an entry of another type than the name tree's (a /Kids that is a
  // dictionary, a name that is a number) is passed over, as pdf.js does, not an "Expected instance of".
  const dictOf = (o: unknown) => (o instanceof PDFDict ? o : undefined);
  const arrayOf = (o: unknown) => (o instanceof PDFArray ? o : undefined);
  const names = dictOf(catalog.lookup(PDFName.of('Names')));
  const tree = dictOf(names?.lookup(PDFName.of('EmbeddedFiles')));
  // A name tree: /Names [name spec …] at the root or in /Kids.
  const specs: Array<[string, unknown]> = [];
  const seen = new Set<PDFDictType>();
  const walk = (node: PDFDictType | undefined) => {
    // A tree whose /Kids lead back to a node (a hostile PDF) is walked once, not forever.
    if (!node || seen.has(node)) return;
    seen.add(node);
    const list = arrayOf(node.lookup(PDFName.of('Names')));
    for (let i = 0; list && i + 1 < list.size(); i += 2) {
      const key = list.lookup(i);
      const name = key instanceof PDFString || key instanceof PDFHexString ? pdfStringText(lib, key, DATA_NAME.length * 4) : '';
      specs.push([name ?? '', list.lookup(i + 1)]);
    }
    const kids = arrayOf(node.lookup(PDFName.of('Kids')));
    for (let i = 0; kids && i < kids.size(); i++) walk(dictOf(kids.lookup(i)));
  };
  walk(tree);
  const spec = specs.find(([name]) => name === DATA_NAME)?.[1];
  const ef = spec instanceof PDFDict ? dictOf(spec.lookup(PDFName.of('EF'))) : undefined;
  const stream = ef?.lookup(PDFName.of('F'));
  // A file cut short may have lost the data with its end: sending it again mends that, not --proof.
  if (!(stream instanceof PDFRawStream) && cutShort(bytes))
    throw new InputError(`${file}: no proof data inside (${DATA_NAME})${cutShort(bytes)}`);
  if (!(stream instanceof PDFRawStream))
    throw new NoProofDataError(
      `${file}: no proof data inside (${DATA_NAME}); is this a proof made by \`npm run build:proof\`? ` +
        'A proof printed to PDF, or saved by a tool that drops attached files, loses it: ask for the file as the PDF reader saved it',
    );
  return checkProofData(new TextDecoder().decode(await dataBytes(stream, file)), file, DATA_VERSION);
}

/**
 * The embedded file's bytes, inflated with a limit: as build:proof stores them (FlateDecode, through
 * pdf-lib's attach) or uncompressed; any other filter is not a proof's.
 */
async function dataBytes(stream: PDFRawStreamType, file: string): Promise<Uint8Array> {
  const { PDFName, PDFArray } = await loadPdfLib();
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter === undefined ? [] : [filter];
  const names = filters.map((f) => (f instanceof PDFName ? f.decodeText() : String(f)));
  const tooLarge = () =>
    new InputError(
      `${file}: the proof data inside is larger than ${MAX_DATA_BYTES / 1024 / 1024} MB; this is not a proof build:proof made`,
    );
  if (names.length === 0) {
    if (stream.contents.length > MAX_DATA_BYTES) throw tooLarge();
    return stream.contents;
  }
  if (names.length !== 1 || names[0] !== 'FlateDecode')
    throw new InputError(`${file}: the proof data inside is stored with ${names.join(', ')}, not as build:proof stores it`);
  try {
    return inflateSync(stream.contents, { maxOutputLength: MAX_DATA_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    // zlib's own words ("incorrect header check", "unexpected end of file") name no file.
    throw new InputError(`${file}: the proof data inside is damaged (its compressed bytes cannot be read)${cutShort(stream.contents)}`);
  }
}

/**
 * The advice for a PDF that cannot be read: one that does not end as a PDF does (%%EOF within its
 * last kilobyte, where readers look for it) was cut short on its way back (a download or a copy
 * that stopped), and the reviewer's reader still has it whole.
 */
function cutShort(bytes: Uint8Array): string {
  // A file that does not begin as a PDF (%PDF- within its first kilobyte) is not one cut short.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return '';
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return tail.includes('%%EOF')
    ? ''
    : '; the file ends before its PDF does (it was cut short on its way, e.g. a download that stopped): ask the reviewer to send it again';
}

/**
 * A PDF string's text, or undefined past maxBytes. pdf-lib's decodeText() spreads every character
 * into one call (String.fromCodePoint(...codes)): a string of a few hundred thousand characters in a
 * returned PDF overflowed the stack ("Maximum call stack size exceeded"). Decoded here instead:
 * UTF-16 or UTF-8 by its byte-order mark, else PDFDocEncoding, a slice at a time.
 */
export function pdfStringText(
  lib: Pick<PdfLib, 'pdfDocEncodingDecode'>,
  o: { asBytes(): Uint8Array },
  maxBytes: number,
): string | undefined {
  const raw = o.asBytes();
  if (raw.length > maxBytes) return undefined;
  if (raw[0] === 0xfe && raw[1] === 0xff) return new TextDecoder('utf-16be').decode(raw.subarray(2));
  if (raw[0] === 0xff && raw[1] === 0xfe) return new TextDecoder('utf-16le').decode(raw.subarray(2));
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return new TextDecoder().decode(raw.subarray(3));
  let out = '';
  for (let i = 0; i < raw.length; i += 4096) out += lib.pdfDocEncodingDecode(raw.subarray(i, i + 4096));
  return out;
}

/**
 * A PDF a reviewer returned, parsed as untrusted: encryption ignored, objects that cannot be read
 * passed over. pdf-lib's parser writes what it makes of a damaged file to the console ("Trying to
 * parse invalid object: {…}", "Invalid object ref: 178 0 R"): those are kept off it (the command
 * says in one line what is wrong with the file).
 */
export async function loadReturnedPdf(lib: Pick<PdfLib, 'PDFDocument'>, bytes: Uint8Array): Promise<PDFDocumentType> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await lib.PDFDocument.load(bytes, {
      updateMetadata: false,
      ignoreEncryption: true,
      throwOnInvalidObject: false,
      parseSpeed: PDF_OBJECTS_PER_TICK,
    });
  } finally {
    console.warn = warn;
  }
}
