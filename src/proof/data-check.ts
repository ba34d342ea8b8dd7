// The proof data read back from a PDF (baoban-proof.json) is untrusted: a reviewer's tool, a
// newsroom system or a person may have edited it. Before a round compares with it or proof:notes
// maps marks with it, it is parsed and checked here: its JSON, its shape (one schema), and that
// every offset it holds points into the text it carries. A problem is one line naming the PDF, the
// embedded file's line and column, what is wrong and how to mend it; never a TypeError later.
import { findNodeAtLocation, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { pathText } from '../config/load.js';
import { InputError, lineColumn } from '../core/input-error.js';
import { MANUSCRIPT_FILE } from '../core/paths.js';
import { visibleControls } from '../core/controls.js';

const int = z.number().int();
const count = int.nonnegative();
const nullableInt = int.nullable();
const place = z.object({ page: count, label: z.string(), column: count.optional(), columnLine: count.optional() });

/** A numbered thing on the proof (a row of the findings sheet, a marker on the page): a finding or a change, and its box. */
const numbered = z.object({
  n: count,
  kind: z.enum(['finding', 'change']),
  page: count,
  left: z.number(),
  top: z.number(),
  width: z.number(),
  height: z.number(),
  /** a marker of where a moved block stood (移N原处), not of the block; later than the first markers */
  from: z.literal(true).optional(),
});

/** The proof data's format name: a PDF's attached file of another format is not read as a proof's. */
export const DATA_FORMAT = 'baoban-proof';

/**
 * What a proof's data holds: the one description of it. build:proof writes a ProofData (the type
 * is this schema's), and what is read back is checked against the same schema.
 */
export const proofDataSchema = z.object({
  format: z.literal(DATA_FORMAT),
  version: int,
  round: int.positive(),
  builtAt: z.string(),
  inputHash: z.string(),
  manuscript: z.object({ path: z.string(), outputName: z.string(), sha256: z.string(), text: z.string() }),
  layout: z.object({ name: z.string(), trimMm: z.object({ width: z.number().positive(), height: z.number().positive() }) }),
  pages: z.array(z.object({ page: int.positive(), trimLeft: z.number(), trimTop: z.number(), ptPerPx: z.number().positive() })),
  units: z.array(
    z.object({
      id: z.string(),
      zone: z.enum(['body', 'headline', 'running-head', 'caption']),
      block: nullableInt,
      page: count,
      text: z.string(),
      printed: count.optional(),
      table: z.literal(true).optional(),
      /** its footnote references (in the footnotes' unit: its footnotes), text offsets and the footnote's label; later than the first proofs */
      notes: z.array(z.tuple([count, count, z.string()])).optional(),
      src: z.array(z.tuple([count, count, count])),
    }),
  ),
  lines: z.array(
    z.object({
      unit: z.string(),
      page: count,
      column: count.optional(),
      columnLine: count.optional(),
      from: count,
      to: count,
      left: z.number(),
      top: z.number(),
      width: z.number(),
      height: z.number(),
      xs: z.array(z.number().nullable()),
    }),
  ),
  findings: z.array(
    z.object({
      n: count,
      ruleId: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      line: nullableInt,
      column: nullableInt,
      endLine: nullableInt,
      endColumn: nullableInt,
      place: place.nullable(),
      text: z.string().optional(),
      kind: z.enum(['text', 'photo', 'none']),
    }),
  ),
  changes: z.array(
    z.object({
      n: count,
      kind: z.enum(['insert', 'delete', 'replace', 'move', 'photo']),
      text: z.string(),
      deleted: z.string().optional(),
      line: nullableInt,
      column: nullableInt,
      place: place.nullable(),
      /** a moved block: where it stood in the last round, on this round's page (null: not on it) and in the manuscript; later than the first proofs */
      from: place.nullable().optional(),
      fromLine: nullableInt.optional(),
      fromColumn: nullableInt.optional(),
      /** a footnote added or removed: its printed number; later than the first proofs */
      footnote: z.string().optional(),
    }),
  ),
  against: z.object({ round: int.positive(), inputHash: z.string() }).optional(),
  /** the findings sheet's rows, in px from the trim's top-left corner (a reviewer's note beside one is about it); later than version 1's first proofs */
  sheet: z.array(numbered).optional(),
  /** the numbered markers of findings and changes (删N, 移N) on the page sheets, trim px (a reviewer's mark over one is about it); later still */
  markers: z.array(numbered).optional(),
  /**
   * the photos on the page, trim px, with the manuscript line of their figure (a box drawn over one is about it); later still;
   * their file as the manuscript names it and the sha256 of its bytes (the next round tells a photo replaced under the same name), later again
   */
  photos: z
    .array(
      z.object({
        block: count,
        page: count,
        left: z.number(),
        top: z.number(),
        width: z.number(),
        height: z.number(),
        src: z.string().optional(),
        sha256: z.string().optional(),
      }),
    )
    .optional(),
});

export type ProofData = z.infer<typeof proofDataSchema>;

type Path = Array<string | number>;

/** What to do about data that is not as build:proof wrote it (the same for proof:notes and --against). */
const MEND =
  'use the proof PDF as build:proof wrote it (marks saved by a PDF reader keep its data), or make the proof again with `npm run build:proof`';

/**
 * The proof data of `json` (the embedded file's text), parsed and checked; `file` names the PDF.
 * Data of another format, or of a newer version than `version`, is refused before its shape is.
 */
export function checkProofData(json: string, file: string, version: number): ProofData {
  // file › baoban-proof.json:line:column: the embedded file is written on one line, an edited one on many.
  const where = (offset: number) => {
    const { line, column } = lineColumn(json, offset);
    return `${file} › baoban-proof.json:${line}:${column}`;
  };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    // JSON.parse says what is wrong but not always where: jsonc-parser gives the offset.
    const errors: ParseError[] = [];
    parseTree(json, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const what = first ? words(printParseErrorCode(first.error)) : (error as Error).message;
    throw new InputError(`${where(first?.offset ?? json.length)}: the proof data is not valid JSON: ${what}; ${MEND}`);
  }
  const at = (path: Path) => {
    const tree = parseTree(json);
    let node = tree && findNodeAtLocation(tree, path);
    // A key that is missing: the object that should hold it.
    for (let up = path.length - 1; !node && tree && up >= 0; up--) node = findNodeAtLocation(tree, path.slice(0, up));
    return `${where(node?.offset ?? 0)}: the proof data is not as build:proof wrote it: ${path.length ? `${pathText(path)}: ` : ''}`;
  };
  const head = data as { format?: unknown; version?: unknown } | null;
  if (head?.format !== DATA_FORMAT) throw new InputError(`${file}: the embedded baoban-proof.json is not baoban proof data`);
  if (typeof head.version === 'number' && head.version > version)
    throw new InputError(`${file}: proof data version ${head.version} is newer than this baoban reads (${version}); update baoban`);
  const parsed = proofDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `${at(issue.path as Path)}${issue.message.replace(/^Invalid input: /, '').replace(/^expected (.+), received undefined$/, 'missing ($1 expected)')}; ${MEND}`,
    );
  }
  const problem = inconsistency(parsed.data);
  if (problem) throw new InputError(`${at(problem.path)}${problem.what}; ${MEND}`);
  // The data as it was read (the schema checks it, and would drop keys it does not name).
  return data as ProofData;
}

/** The first offset or reference that points outside what the data holds, if any. */
function inconsistency(d: ProofData): { path: Path; what: string } | undefined {
  // proof:notes reads the manuscript the data names: a hostile PDF must not make it read
  // /etc/passwd or ../../.ssh/id_rsa. build:proof names a manuscript file, relative to the project
  // (never with ..) or absolute.
  const named = d.manuscript.path;
  // A control code in it would run on the terminal where the path is printed (\e[2J clears it).
  if (/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(named))
    return {
      path: ['manuscript', 'path'],
      what: `"${visibleControls(named)}" holds control characters, which no manuscript's name build:proof writes has`,
    };
  if (!MANUSCRIPT_FILE.test(named))
    return { path: ['manuscript', 'path'], what: `"${named}" is not a manuscript file (.md, .markdown or .txt)` };
  if (named.split(/[\\/]/).includes('..'))
    return { path: ['manuscript', 'path'], what: `"${named}" leads out of the folder it names with ..` };
  const text = d.manuscript.text.length;
  const units = new Map(d.units.map((u) => [u.id, u]));
  for (const [i, u] of d.units.entries()) {
    if (u.printed !== undefined && u.printed > u.text.length)
      return { path: ['units', i, 'printed'], what: `${u.printed} characters printed of a text of ${u.text.length}` };
    for (const [k, [from, to]] of (u.notes ?? []).entries())
      if (from > to || to > u.text.length)
        return { path: ['units', i, 'notes', k], what: `characters ${from}–${to} of a unit of ${u.text.length}` };
    for (const [k, [at, offset, n]] of u.src.entries()) {
      if (at + n > u.text.length)
        return { path: ['units', i, 'src', k], what: `a run past the end of the unit's text (${u.text.length} characters)` };
      if (offset + n > text)
        return { path: ['units', i, 'src', k], what: `a run past the end of the manuscript text it carries (${text} characters)` };
    }
  }
  for (const [i, l] of d.lines.entries()) {
    const unit = units.get(l.unit);
    if (!unit) return { path: ['lines', i, 'unit'], what: `no unit "${l.unit}" in the data` };
    if (l.from > l.to || l.to > unit.text.length)
      return { path: ['lines', i], what: `characters ${l.from}–${l.to} of a unit of ${unit.text.length}` };
    if (l.xs.length !== l.to - l.from)
      return { path: ['lines', i, 'xs'], what: `${l.xs.length} positions for ${l.to - l.from} characters` };
  }
  return undefined;
}

/** "PropertyNameExpected" → "property name expected". */
const words = (code: string) => code.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
