// One loader for every config file: read the YAML with positions, validate it against its kind's
// schema, and return the typed value, or every problem at once, each at its file:line:column with
// what is wrong and how to fix it. Unknown keys are refused with a "did you mean".
//
//   const layout = loadConfig(LAYOUT, file);            // typed value, or throws ConfigError
//   const result = checkConfig(LAYOUT, file);           // { ok, value } | { ok: false, problems }
//   throwProblems([checkConfig(A, a), checkConfig(B, b)]);   // several files, all problems at once
import path from 'node:path';
import { type Document, isMap, isNode, isScalar, type Node, Pair, parseDocument, visit, YAMLMap } from 'yaml';
import type { z } from 'zod';
import { InputError, oneLine } from '../core/input-error.js';
import { ConfinementError, isInside, readConfinedSync, refusalDetail } from '../core/confine.js';
import { TEMPLATES } from '../core/paths.js';
import { yamlData, yamlErrorWords, yamlTaggedKind } from '../core/yaml.js';
import { suggest } from '../core/suggest.js';
import { type ConfigKind, expected, type JsonNode, jsonSchema, knownKeys, nodeAt } from './schema.js';

/** One thing wrong in a config file. line and column are 1-based; absent when the file cannot be read. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** What is wrong; how to fix it. */
  message: string;
}

/** Bad config files: every problem found, one per line, each `file:line:col: what is wrong; how to fix`. */
export class ConfigError extends InputError {
  constructor(readonly problems: Problem[]) {
    super(formatProblems(problems));
    this.name = 'ConfigError';
  }
}

/** `file:line:col: message`; a file under the working folder is named relative to it, as the user typed it. */
export function formatProblem(p: Problem): string {
  const rel = path.relative(process.cwd(), p.file);
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p.file;
  return `${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${oneLine(p.message)}`;
}

/** At most this many problems are listed (a screenful, as findings are): the first ones, then how many more. */
export const PROBLEMS_SHOWN = 40;

export function formatProblems(problems: Problem[]): string {
  if (problems.length === 1) return formatProblem(problems[0]);
  // A file of 40,000 unknown keys printed 40,000 lines: the first screenful, and the count of the rest.
  const more = problems.length - PROBLEMS_SHOWN;
  return [
    `${problems.length} problems in the configuration:`,
    ...problems.slice(0, PROBLEMS_SHOWN).map(formatProblem),
    ...(more > 0 ? [`… and ${more} more problem${more === 1 ? '' : 's'} not shown; mend these first, then run again to see the rest`] : []),
  ].join('\n');
}

export type Checked<T> = { ok: true; file: string; value: T; data: unknown } | { ok: false; file: string; problems: Problem[] };

/** A config file is small: a bigger one is a mistake (or an attack), refused before it is parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Read, parse and validate one config file; never throws for anything the file says. */
export function checkConfig<S extends z.ZodType, T>(kind: ConfigKind<S, T>, file: string): Checked<T> {
  const read = readConfigText(file, kind.title.toLowerCase());
  if (typeof read !== 'string') return { ok: false, file, problems: [read] };
  return checkConfigText(kind, file, read);
}

/** Validate a config's text (already read); `file` names it in the messages. */
export function checkConfigText<S extends z.ZodType, T>(kind: ConfigKind<S, T>, file: string, text: string): Checked<T> {
  const at = placesIn(text, file);
  // Merge keys (<<: *anchor) are read as YAML 1.1 wrote them: a layout editor gives several
  // modules one geometry, or repeats a layout's settings, the way YAML files elsewhere do.
  // Keys written twice are found here, each mapping once (the parser's own uniqueKeys looked through
  // every earlier key for each: 13 s for a mapping of 40,000).
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, merge: true });
  const syntax = [
    ...[...doc.errors, ...doc.warnings].map((e) => ({ offset: e.pos[0], ...yamlErrorWords(e.message) })),
    ...duplicateKeys(doc).map((offset) => ({ offset, what: 'Map keys must be unique', how: 'correct the YAML syntax here' })),
  ]
    .sort((a, b) => a.offset - b.offset)
    .map(({ offset, what, how }) => ({ ...at(offset), message: `not valid YAML: ${what}; ${how}` }));
  if (syntax.length) return { ok: false, file, problems: syntax };
  // A file of comments only is an empty mapping: every required key is then reported as missing.
  const read = doc.contents === null ? { ok: true as const, value: {} } : yamlData(doc);
  if (!read.ok) return { ok: false, file, problems: [{ ...at(read.offset), message: `${read.why}; write the values out instead` }] };
  const data = read.value;
  // A `__proto__` key would become an object's prototype in a mapping of names you choose (zod's
  // records): it is refused wherever it stands, and taken out before the schema sees the data.
  const protoKeys = takeProtoKeys(data, []);
  const parsed = kind.schema.safeParse(data);
  const problems: Problem[] = protoKeys.map((p) => ({
    ...at(keyOffset(doc, p.slice(0, -1), '__proto__')),
    message: `"__proto__" is not a key a config may have${p.length > 1 ? ` (in ${pathText(p.slice(0, -1))})` : ''}; remove it`,
  }));
  if (!parsed.success) {
    const json = jsonSchema(kind.schema);
    problems.push(...describeIssues(parsed.error.issues, { doc, data, json, at }));
    problems.push(...underTypos(kind.schema, parsed.error.issues, { doc, data, json, at }, text));
    const failed = parsed.error.issues.map((i) => i.path);
    for (const issue of kind.checkPartial?.(data, { file, failed }) ?? [])
      problems.push({ ...at(offsetOf(doc, issue.path)), message: withPath(issue.path, issue.message) });
  }
  if (parsed.success && !problems.length && kind.check) {
    for (const issue of kind.check(parsed.data, { file })) {
      problems.push({ ...at(offsetOf(doc, issue.path)), message: withPath(issue.path, issue.message) });
    }
  }
  if (problems.length || !parsed.success) return { ok: false, file, problems: sortProblems(problems) };
  const value = kind.finish ? kind.finish(parsed.data as z.output<S>, { file, data, at: (p) => at(offsetOf(doc, p)) }) : (parsed.data as T);
  return { ok: true, file, value, data };
}

/** The typed value of a config file, or a ConfigError with all of its problems. */
export function loadConfig<S extends z.ZodType, T>(kind: ConfigKind<S, T>, file: string): T {
  const result = checkConfig(kind, file);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.value;
}

/** The last check of each file, per kind: its text and what checking it gave. */
const checkedTexts = new WeakMap<object, Map<string, { text: string; checked: Checked<unknown> }>>();

/**
 * loadConfig for a kind whose value follows from the file's text alone, read again and again in
 * one run (the limits and the desk settings: several times for every manuscript of an edition).
 * The file is read (under the confinement rule) at every call; it is parsed and validated again
 * only when its text changed. Each caller gets its own copy of the value.
 */
export function loadConfigOfText<S extends z.ZodType, T>(kind: ConfigKind<S, T>, file: string): T {
  const read = readConfigText(file, kind.title.toLowerCase());
  if (typeof read !== 'string') throw new ConfigError([read]);
  let byFile = checkedTexts.get(kind);
  if (!byFile) checkedTexts.set(kind, (byFile = new Map()));
  const key = path.resolve(file);
  let memo = byFile.get(key);
  if (memo?.text !== read || memo.checked.file !== file) {
    memo = { text: read, checked: checkConfigText(kind, file, read) };
    byFile.set(key, memo);
  }
  const checked = memo.checked as Checked<T>;
  if (!checked.ok) throw new ConfigError(checked.problems);
  return structuredClone(checked.value);
}

/** Throw one ConfigError for all the problems of several files (a build checks its configs together). */
export function throwProblems(results: Array<Checked<unknown>>): void {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length) throw new ConfigError(problems);
}

/** Paths of the own `__proto__` keys in the data, each deleted where it stands. */
function takeProtoKeys(value: unknown, path: PropertyKey[]): PropertyKey[][] {
  if (value === null || typeof value !== 'object') return [];
  const found: PropertyKey[][] = [];
  if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) {
    found.push([...path, '__proto__']);
    Reflect.deleteProperty(value, '__proto__'); // the own key, not the prototype
  }
  for (const [k, v] of Object.entries(value)) found.push(...takeProtoKeys(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return found;
}

/** The offset of the first byte that does not start a well-formed UTF-8 character (its length if all do). */
function firstNonUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (!n || i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF are no UTF-8 either.
    if ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] > 0x9f)) return i;
    if ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] > 0x8f)) return i;
    i += n;
  }
  return bytes.length;
}

/**
 * The file's text when it is UTF-8; else where it stops being UTF-8 and what to do. A series.yaml or
 * an edition plan saved as GB18030 (GBK), as Windows editors in China save, was read with U+FFFD
 * for every Chinese character: the e-book's title, publisher and rights, and the 报眉's paper, printed
 * as ���� with no finding and exit 0.
 */
function utf8Text(bytes: Uint8Array): string | { line: number; column: number; message: string } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const at = firstNonUtf8(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, at));
    const lines = before.split('\n');
    const hex = bytes[at]?.toString(16).toUpperCase().padStart(2, '0');
    return {
      line: lines.length,
      column: lines[lines.length - 1].length + 1,
      message: utf16
        ? 'is UTF-16, not UTF-8; save it as UTF-8 (in the editor\'s "Save as", the encoding UTF-8)'
        : `is not UTF-8 here (byte 0x${hex}: a file saved as GB18030/GBK, as Windows editors in China save, reads so); save it as UTF-8 (in the editor's "Save as", the encoding UTF-8)`,
    };
  }
}

/**
 * The file's text, or why it cannot be read, under the confinement rule (src/core/confine.ts): a
 * regular file (a FIFO is refused, never waited on) of at most MAX_CONFIG_BYTES, whose real path
 * lies in its own folder (a config.yaml in a manuscript folder that links elsewhere is refused).
 */
function readConfigText(file: string, what: string): string | Problem {
  const abs = path.resolve(file);
  try {
    // The project's own templates may be hard links (a checkout made with cp -al); a config a
    // manuscript, plan or user brings may not.
    const hardLinks = isInside(TEMPLATES, abs);
    const bytes = readConfinedSync(path.dirname(abs), abs, { maxBytes: MAX_CONFIG_BYTES, shown: path.basename(abs), hardLinks });
    const decoded = utf8Text(bytes);
    if (typeof decoded !== 'string') return { file, ...decoded };
    return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  } catch (error) {
    if (error instanceof ConfinementError) {
      if (error.reason === 'not-file')
        return { file, message: `is not a regular file; give the path of ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} file (YAML)` };
      if (error.reason === 'too-large')
        return {
          file,
          message: `is ${error.size ?? `more than ${MAX_CONFIG_BYTES}`} bytes; a config file is at most ${MAX_CONFIG_BYTES} bytes (is this the right file?)`,
        };
      if (error.reason === 'link-outside') return { file, message: error.detail };
    }
    return { file, message: `cannot read this ${what} file (${refusalDetail(error)}); check the path` };
  }
}

interface IssueContext {
  doc: Document;
  data: unknown;
  json: JsonNode;
  at: (offset: number) => { file: string; line: number; column: number };
}

type Issue = z.core.$ZodIssue;

/** zod's issues as located problems in words; an unknown key that is a typo of a missing one is one problem. */
function describeIssues(issues: readonly Issue[], ctx: IssueContext): Problem[] {
  const flat = flatten(issues, [], ctx.data);
  const missing = new Map<string, PropertyKey[]>();
  for (const issue of flat) if (isMissing(issue, ctx.data)) missing.set(pathText(issue.path), issue.path);
  // A mapping that needs one of some keys (a plan's story: manuscript: or manuscripts:), by a custom issue's params.oneOf.
  const oneOf = new Map<string, string[]>();
  for (const issue of flat) {
    const keys = issue.code === 'custom' ? (issue.params as { oneOf?: string[] } | undefined)?.oneOf : undefined;
    if (keys) oneOf.set(pathText(issue.path), keys);
  }
  const problems: Problem[] = [];
  const covered = new Set<string>();
  // Unknown keys first, so that a typo ("colums") takes the place of the key it misspells ("columns is missing").
  for (const issue of flat) {
    if (issue.code !== 'unrecognized_keys') continue;
    const candidates = knownKeys(nodeAt(ctx.json, issue.path));
    for (const key of issue.keys) {
      const suggestion = suggest(key, candidates);
      const target = suggestion === undefined ? undefined : [...issue.path, suggestion];
      const typoOfMissing = target !== undefined && missing.has(pathText(target));
      if (typoOfMissing) covered.add(pathText(target));
      // A typo of a key the mapping needs one of: said here, once, with what it needs.
      const needs = suggestion !== undefined ? oneOf.get(pathText(issue.path)) : undefined;
      const typoOfNeeded = needs?.includes(suggestion!) ?? false;
      if (typoOfNeeded) covered.add(`oneOf:${pathText(issue.path)}`);
      const where = issue.path.length ? `in ${pathText(issue.path)}` : 'at the top of the file';
      const why = nodeAt(ctx.json, issue.path)?.notKeys?.[key];
      if (why) {
        problems.push({ ...ctx.at(keyOffset(ctx.doc, issue.path, key)), message: `"${key}" cannot be ${where}: ${why}` });
        continue;
      }
      const hint =
        suggestion !== undefined
          ? `did you mean "${suggestion}"?${typoOfMissing ? ` (${pathText(target!)} is missing)` : ''}${
              typoOfNeeded ? ` (${pathText(issue.path)} needs ${needs!.map((k) => `"${k}:"`).join(' or ')})` : ''
            }`
          : nodeAt(ctx.json, issue.path)?.keysHint
            ? `the keys here are ${nodeAt(ctx.json, issue.path)?.keysHint}`
            : candidates.length && candidates.length <= 12
              ? `the keys here are ${candidates.join(', ')}`
              : 'remove it (docs/config.md lists the keys)';
      problems.push({ ...ctx.at(keyOffset(ctx.doc, issue.path, key)), message: `unknown key "${key}" ${where}; ${hint}` });
    }
  }
  for (const issue of flat) {
    if (issue.code === 'unrecognized_keys') continue;
    const p = pathText(issue.path);
    if (covered.has(p)) continue;
    if (issue.code === 'custom' && covered.has(`oneOf:${p}`) && (issue.params as { oneOf?: string[] } | undefined)?.oneOf) continue;
    const node = nodeAt(ctx.json, issue.path);
    const about = node?.description ? ` — ${lowerFirst(node.description.replace(/\.$/, ''))}` : '';
    let message: string;
    if (issue.code === 'invalid_key') {
      problems.push({
        ...ctx.at(keyOffset(ctx.doc, issue.path.slice(0, -1), String(issue.path.at(-1)))),
        message: badKey(issue.path, ctx),
      });
      continue;
    }
    if (issue.code === 'custom') message = withPath(issue.path, issue.message);
    else if (isMissing(issue, ctx.data)) {
      const key = String(issue.path[issue.path.length - 1] ?? '');
      message = !issue.path.length
        ? `the file is empty; write ${expected(node)}`
        : valueAt(ctx.data, issue.path) === null || valueAt(ctx.data, issue.path) === ''
          ? `${p} is empty; write ${expected(node)}${about}`
          : `${p} is missing; add ${typeof issue.path[issue.path.length - 1] === 'number' ? 'a value' : `"${key}:"`} with ${expected(node)}${about}`;
    } else {
      const value = valueAt(ctx.data, issue.path);
      message = `${issue.path.length ? p : 'the file'} is ${show(value)}; write ${expected(node)}${about}`;
    }
    problems.push({ ...ctx.at(offsetOf(ctx.doc, issue.path)), message });
  }
  const seen = new Set<string>();
  return problems.filter((q) => {
    const k = `${q.line}:${q.column}:${q.message}`;
    return !seen.has(k) && Boolean(seen.add(k));
  });
}

/**
 * A key you choose (a colour's name, a role) that the mapping does not take: what it stands for and
 * how such keys are written (the mapping's description), and the key spelt that way when lower case
 * is all it lacks. (zod's own words are "Invalid key in record"; the value's were "is a mapping".)
 */
function badKey(path: readonly PropertyKey[], ctx: IssueContext): string {
  const parent = path.slice(0, -1);
  const key = String(path.at(-1));
  const map = nodeAt(ctx.json, parent);
  const rule = map?.propertyNames?.pattern;
  const lower = key.toLowerCase();
  const fix = rule && lower !== key && new RegExp(rule).test(lower) ? `; write "${lower}"` : '';
  const about = map?.description ? ` — ${lowerFirst(map.description.replace(/\.$/, ''))}` : '';
  return `${pathText(parent)} has the ${map?.keyName ?? 'key'} "${key}", which is not allowed here${about}${fix}`;
}

/**
 * The problems under misspelt keys, found now rather than one round of mending later: each unknown
 * key that is a typo of a key its mapping lacks ("storeis" for "stories") is read as that key, and
 * what is written under it is checked (a plan with a typo at every level shows every level's
 * problems at once). Only problems inside such a key's value are kept; the others were said.
 */
function underTypos(schema: z.ZodType, issues: readonly Issue[], ctx: IssueContext, text: string, depth = 0): Problem[] {
  if (depth >= 8) return [];
  const fixed = ctx.doc.clone();
  const spans: Array<[number, number]> = [];
  for (const issue of flatten(issues, [], ctx.data)) {
    if (issue.code !== 'unrecognized_keys') continue;
    const map = issue.path.length ? fixed.getIn(issue.path, true) : fixed.contents;
    if (!isMap(map)) continue;
    const candidates = knownKeys(nodeAt(ctx.json, issue.path));
    for (const key of issue.keys) {
      const suggestion = suggest(key, candidates);
      if (suggestion === undefined || map.items.some((p) => isScalar(p.key) && String(p.key.value) === suggestion)) continue;
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const range = (pair?.value as Node | null | undefined)?.range;
      if (!pair || !isScalar(pair.key) || !range) continue;
      pair.key.value = suggestion;
      spans.push([range[0], range[1]]);
    }
  }
  if (!spans.length) return [];
  const read = yamlData(fixed);
  if (!read.ok) return [];
  takeProtoKeys(read.value, []);
  const parsed = schema.safeParse(read.value);
  if (parsed.success) return [];
  const next = { ...ctx, doc: fixed, data: read.value };
  const offsetOfPlace = (q: Problem) => offsetAt(text, q.line ?? 1, q.column ?? 1);
  const inside = (q: Problem) => spans.some(([from, to]) => offsetOfPlace(q) >= from && offsetOfPlace(q) < to);
  return [...describeIssues(parsed.error.issues, next), ...underTypos(schema, parsed.error.issues, next, text, depth + 1)].filter(inside);
}

/** The offset of a 1-based line and column in the text. */
function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return offset + column - 1;
}

/**
 * A union's issues, unpacked: when the value has the shape of exactly one alternative (a mapping
 * where a mapping or a word may stand), that alternative's issues are the ones to show.
 */
function flatten(issues: readonly Issue[], prefix: PropertyKey[], data: unknown): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const shaped = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && isShapeMismatch(i)));
      if (shaped.length === 1 && valueAt(data, path) !== undefined && valueAt(data, path) !== null) {
        out.push(...flatten(shaped[0], path, data));
        continue;
      }
    }
    out.push({ ...issue, path } as Issue);
  }
  return out;
}

function isShapeMismatch(issue: Issue): boolean {
  return issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union';
}

function isMissing(issue: Issue, data: unknown): boolean {
  if (issue.code !== 'invalid_type' && issue.code !== 'invalid_union' && issue.code !== 'too_small') return false;
  const value = valueAt(data, issue.path);
  return value === undefined || value === null || (issue.code === 'too_small' && value === '');
}

function lowerFirst(s: string): string {
  return /^[A-Z](?![A-Z])/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, k) ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  }
  return v;
}

/** A value as the message quotes it: "eight", 9, a list of 3, a mapping. */
function show(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return value.length ? `a list of ${value.length} (${shortJson(value)})` : 'an empty list';
  if (typeof value === 'object') return yamlTaggedKind(value) ?? 'a mapping';
  if (typeof value === 'string') return value === '' ? 'empty text' : shortJson(value);
  return String(value);
}

function shortJson(value: unknown): string {
  const s = JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** volumes[0].chapters[2], as a user reads a path in the file. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function withPath(path: readonly PropertyKey[], message: string): string {
  if (!path.length) return message;
  return /^(is|must|has|does) /.test(message) ? `${pathText(path)} ${message}` : `${pathText(path)}: ${message}`;
}

/** Where the value at `path` is written, or the nearest enclosing value that is (a missing key: its mapping). */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | null | undefined;
    if (node?.range) return node.range[0];
  }
  return 0;
}

/**
 * file, line and column of an offset in the text, from an index of its line starts made once: a
 * config of 40,000 unknown keys counted the lines from the start again for each (32 s for 850 KB).
 */
function placesIn(text: string, file: string): (offset: number) => { file: string; line: number; column: number } {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    const end = Math.min(offset, text.length);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= end) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: end - starts[lo] + 1 };
  };
}

/** Where each key written a second time in its mapping stands (scalar keys of equal value, as the parser's uniqueKeys). */
function duplicateKeys(doc: Document): number[] {
  const found: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        const id = `${value === null ? 'null' : typeof value}:${String(value)}`;
        if (seen.has(id)) found.push(pair.key.range?.[0] ?? 0);
        seen.add(id);
      }
    },
  });
  return found;
}

/** Each mapping's pairs by key, made once per mapping (a lookup per key went through them all). */
const pairsByKey = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();
function pairOf(doc: Document, map: { items: Array<{ key: unknown; value: unknown }> }, key: string) {
  let byKey = pairsByKey.get(map);
  if (!byKey) {
    byKey = new Map();
    for (const p of map.items) {
      // A list or a mapping as a key (? [a, b]) is the key "[ a, b ]" in the data, as the schema names it.
      const written = isScalar(p.key) ? String(p.key.value) : isNode(p.key) ? dataKey(doc, p.key) : undefined;
      if (written !== undefined && !byKey.has(written)) byKey.set(written, p);
    }
    pairsByKey.set(map, byKey);
  }
  return byKey.get(key);
}

/** The key a node written as a key is in the data (yaml's own text of a list or a mapping). */
function dataKey(doc: Document, key: Node): string | undefined {
  const map = new YAMLMap();
  map.items = [new Pair(key, null)];
  doc.options.logLevel = 'error'; // yaml's warning that the key is stringified: the key is reported instead
  return Object.keys((map.toJS(doc, {}) as Record<string, unknown> | undefined) ?? {})[0];
}

/** Where a key of the mapping at `path` is written (an unknown key is reported at itself). */
function keyOffset(doc: Document, path: readonly PropertyKey[], key: string): number {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (isMap(map)) {
    const pair = pairOf(doc, map, key);
    const range = (pair?.key as Node | undefined)?.range;
    if (range) return range[0];
  }
  return offsetOf(doc, path);
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
