// The series configuration (manuscript/series.yaml): one typed, validated object before any work
// starts. A mistake is one InputError naming the file, line and column, what is wrong and how to fix it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { InputError, describeFsError } from '../core/input-error.js';
import { checkIsbn } from './isbn.js';
import { joinLines } from '../core/cjk.js';

export interface Creator {
  name: string;
  /** MARC relator: aut (author), edt (editor), com (compiler), trl (translator) */
  role: string;
}

export interface Volume {
  number: number;
  title: string;
  subtitle?: string;
  /** ISBN-13 digits only, when assigned */
  isbn?: string;
  /** Publication date, YYYY-MM-DD */
  date: string;
  /** dcterms:modified, CCYY-MM-DDThh:mm:ssZ */
  modified: string;
  description: string;
  /** Explicit creators; otherwise the chapters' `author` front matter */
  creators?: Creator[];
  cover: { tagline?: string };
  /** Absolute paths of the chapter manuscripts, in reading order */
  chapters: string[];
}

export interface Series {
  file: string;
  name: string;
  slug: string;
  publisher: string;
  rights: string;
  language: string;
  accessibility: { summary: string };
  volumes: Volume[];
}

const RELATORS = new Set(['aut', 'edt', 'com', 'trl', 'ill', 'pht']);

/** Read and validate a series file. Chapter paths resolve against the file's folder. */
export async function loadSeries(file: string): Promise<Series> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read the series configuration (${describeFsError(error)})`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (node: Node | undefined | null) => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, col } = lineCounter.linePos(e.pos[0]);
    throw new InputError(`${file}:${line}:${col}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const get = (at: (string | number)[]) => doc.getIn(at, true) as Node | undefined;
  const fail = (at: (string | number)[], message: string): never => {
    // Point at the nearest node that exists: the key's parent when the key is missing.
    let node: Node | undefined;
    for (let n = at.length; n >= 0 && !node; n--) node = n === 0 ? (doc.contents as Node) : get(at.slice(0, n));
    throw new InputError(`${where(node)}: ${message}`);
  };
  const str = (at: (string | number)[], what: string, required = true): string | undefined => {
    const value = doc.getIn(at);
    if (value === undefined || value === null || value === '') {
      if (required) fail(at, `${at.join('.')} is missing: give ${what}`);
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') fail(at, `${at.join('.')} must be text (${what})`);
    return joinLines(String(value).trim());
  };

  if (!isMap(doc.contents)) fail([], 'expected a mapping with "series:" and "volumes:"');
  const name = str(['series', 'name'], 'the series title, e.g. 政协委员履职丛书')!;
  const slug = str(['series', 'slug'], 'an ASCII name for file names, e.g. zhengxie-lvzhi')!;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(slug))
    fail(['series', 'slug'], `series.slug "${slug}" must be lower-case ASCII letters, digits and hyphens`);
  const language = str(['series', 'language'], 'a BCP 47 language tag', false) ?? 'zh-CN';
  const series: Series = {
    file,
    name,
    slug,
    publisher: str(['series', 'publisher'], 'the publisher name')!,
    rights: str(['series', 'rights'], 'the rights statement, e.g. © 2024 … 版权所有')!,
    language,
    accessibility: { summary: str(['series', 'accessibility', 'summary'], 'a plain-language accessibility summary')! },
    volumes: [],
  };

  const volumes = get(['volumes']);
  if (!isSeq(volumes) || volumes.items.length === 0) fail(['volumes'], 'volumes: must list at least one volume');
  const seen = new Map<number, number>();
  const isbns = new Map<string, number>();
  const dir = path.dirname(file);
  (volumes as { items: unknown[] }).items.forEach((_, i) => {
    const at = (...rest: (string | number)[]) => ['volumes', i, ...rest];
    const numberValue = doc.getIn(at('number'));
    if (!Number.isInteger(numberValue) || (numberValue as number) < 1)
      fail(at('number'), `volumes[${i}].number must be a whole number from 1 (the position in the series)`);
    const number = numberValue as number;
    if (seen.has(number)) fail(at('number'), `volume number ${number} is given twice; each volume needs its own number`);
    seen.set(number, i);
    const date = str(at('date'), 'the publication date as YYYY-MM-DD')!;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) fail(at('date'), `date "${date}" must be YYYY-MM-DD`);
    const modifiedRaw = str(at('modified'), 'CCYY-MM-DDThh:mm:ssZ', false);
    const modified = modifiedRaw ?? `${date}T00:00:00Z`;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(modified))
      fail(at('modified'), `modified "${modified}" must be CCYY-MM-DDThh:mm:ssZ (UTC, no fractions)`);
    const isbnRaw = str(at('isbn'), 'an ISBN-13', false);
    let isbn: string | undefined;
    if (isbnRaw) {
      const checked = checkIsbn(isbnRaw);
      if (checked.ok) isbn = checked.digits;
      else fail(at('isbn'), `isbn "${isbnRaw}": ${checked.reason}`);
      const other = isbns.get(isbn!);
      if (other !== undefined) fail(at('isbn'), `isbn ${isbnRaw} is also volume ${other}'s: each volume (each product) needs its own ISBN`);
      isbns.set(isbn!, number);
    }
    const description = str(at('description'), 'a description (retailers and EPUBCheck need a non-empty one)')!;
    const chaptersNode = get(at('chapters'));
    if (!isSeq(chaptersNode) || chaptersNode.items.length === 0)
      fail(at('chapters'), `volume ${number} lists no chapters: add manuscript names under chapters:`);
    const chapters = (chaptersNode as { items: unknown[] }).items.map((_, j) => {
      const ref = str(at('chapters', j), 'a manuscript folder or .md file')!;
      const abs = path.resolve(dir, ref);
      const rel = path.relative(dir, abs);
      if (rel.startsWith('..') || path.isAbsolute(rel))
        fail(at('chapters', j), `chapter "${ref}" is outside ${dir}; chapters must be manuscripts in this folder`);
      if (!existsSync(abs))
        fail(at('chapters', j), `chapter "${ref}" does not exist in ${dir}: give a manuscript folder or .md file there`);
      return abs;
    });
    let creators: Creator[] | undefined;
    const creatorsNode = get(at('creators'));
    if (creatorsNode) {
      if (!isSeq(creatorsNode)) fail(at('creators'), 'creators: must be a list of {name, role}');
      creators = (creatorsNode as { items: unknown[] }).items.map((_, j) => {
        const role = str(at('creators', j, 'role'), 'a MARC relator code (aut, edt, com, trl)', false) ?? 'aut';
        if (!RELATORS.has(role)) fail(at('creators', j, 'role'), `role "${role}" is not one of ${[...RELATORS].join(', ')}`);
        return { name: str(at('creators', j, 'name'), 'the person or body')!, role };
      });
    }
    series.volumes.push({
      number,
      title: str(at('title'), 'the volume title')!,
      subtitle: str(at('subtitle'), 'a subtitle', false),
      isbn,
      date,
      modified,
      description,
      creators,
      cover: { tagline: str(at('cover', 'tagline'), 'a line for the cover', false) },
      chapters,
    });
  });
  series.volumes.sort((a, b) => a.number - b.number);
  return series;
}

/** The volumes named on the command line (by number), or all of them. */
export function selectVolumes(series: Series, wanted: string[]): Volume[] {
  if (wanted.length === 0) return series.volumes;
  return wanted.map((w) => {
    const n = Number(w);
    const volume = series.volumes.find((v) => v.number === n);
    if (!volume) {
      const known = series.volumes.map((v) => v.number).join(', ');
      throw new InputError(`${series.file}: there is no volume "${w}"; volumes are ${known}`);
    }
    return volume;
  });
}
