// The building blocks of the config schemas (zod), and how a schema is described in words: the same
// description feeds the error messages (load.ts) and the generated reference (docs.ts), so what a
// key means, its type and its default are written once, in the schema module of its file.
import { z } from 'zod';

export { z };

/** What a schema module exports: one kind of config file. The edition plan adds one more. */
export interface ConfigKind<S extends z.ZodType = z.ZodType, T = z.output<S>> {
  /** A short name, also the heading in docs/config.md: "Page layout". */
  title: string;
  /** Where such files live (for docs and messages), e.g. `templates/newspaper/layouts/<name>.yaml`. */
  where: string;
  /** One paragraph for docs/config.md: who changes the file and what for. */
  about: string;
  schema: S;
  /**
   * Checks that need more than the file's own values (files on disk, another config), run after the
   * schema passed: each problem names the path of the value it is about, located like any other.
   */
  check?: (value: z.output<S>, context: { file: string }) => Array<{ path: PropertyKey[]; message: string }>;
  /**
   * The same checks on what can be checked of a file the schema refused (`failed`: the paths of its
   * problems), so that a file's problems come at once and not one kind after another: a plan with a
   * misspelt key still has its missing manuscripts and overlapping modules said.
   */
  checkPartial?: (data: unknown, context: { file: string; failed: PropertyKey[][] }) => Array<{ path: PropertyKey[]; message: string }>;
  /**
   * The value the rest of the program takes (e.g. with the file's name), from the validated one;
   * `at` says where the value at a path is written, for a problem found later (a cover image's pixels).
   */
  finish?: (
    value: z.output<S>,
    context: { file: string; data: unknown; at: (path: PropertyKey[]) => { line: number; column: number } },
  ) => T;
}

/** A JSON Schema node as zod writes it (io: 'input'), with our own `kind` words for custom types. */
export interface JsonNode {
  type?: string | string[];
  description?: string;
  /** How to write the value, in words, where the JSON type says too little: "a length, e.g. 9pt". */
  kind?: string;
  /** What the keys of a mapping with keys you choose stand for: "role", "rule-id". */
  keyName?: string;
  /** The keys a mapping may have, in words, where listing them all would be too long. */
  keysHint?: string;
  /** Keys a mapping cannot have that a user may well write, and why not, in words (said instead of "unknown key"). */
  notKeys?: Record<string, string>;
  /** The default as the reference shows it (markdown), where JSON Schema cannot: see fallback(). */
  defaultText?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  properties?: Record<string, JsonNode>;
  required?: string[];
  additionalProperties?: boolean | JsonNode;
  propertyNames?: JsonNode;
  items?: JsonNode | false;
  prefixItems?: JsonNode[];
  anyOf?: JsonNode[];
  oneOf?: JsonNode[];
}

const jsonCache = new WeakMap<z.ZodType, JsonNode>();

/** The schema as JSON Schema (the input side: what a file may say), computed once per schema. */
export function jsonSchema(schema: z.ZodType): JsonNode {
  let json = jsonCache.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', reused: 'inline' }) as JsonNode;
    jsonCache.set(schema, json);
  }
  return json;
}

const BIG = 2 ** 52;

/** The type a value must have, in words: "a whole number of at least 1", "one of truetype, woff2". */
export function expected(node: JsonNode | undefined): string {
  if (!node) return 'a value';
  if (node.kind) return node.kind;
  const alternatives = node.anyOf ?? node.oneOf;
  if (alternatives) {
    const words = alternatives.map(expected);
    if (words.length === 1) return words[0];
    const last = words.some((w) => w.includes(' or ')) ? ', or ' : ' or ';
    return `${words.slice(0, -1).join(', ')}${last}${words[words.length - 1]}`;
  }
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.length === 1 ? JSON.stringify(node.enum[0]) : `one of ${node.enum.map((v) => String(v)).join(', ')}`;
  const type = Array.isArray(node.type) ? node.type : [node.type];
  if (type.includes('integer') || type.includes('number')) {
    const whole = type.includes('integer');
    const min = node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum : undefined);
    const max = node.maximum !== undefined && node.maximum < BIG ? node.maximum : undefined;
    const noun = whole ? 'a whole number' : 'a number';
    if (min !== undefined && min > -BIG && max !== undefined) return `${noun} from ${min} to ${max}`;
    if (node.exclusiveMinimum !== undefined) return `${noun} above ${node.exclusiveMinimum}`;
    if (min !== undefined && min > -BIG) return `${noun} of at least ${min}`;
    return noun;
  }
  if (type.includes('string')) return node.minLength ? 'text (not empty)' : 'text';
  if (type.includes('boolean')) return 'true or false';
  if (type.includes('null')) return 'nothing (null)';
  if (type.includes('array')) {
    if (node.prefixItems) return `[${node.prefixItems.map(expected).join(', ')}]`;
    const least = node.minItems ? ` of at least ${node.minItems}` : '';
    return `a list${least}${node.items ? `, each ${expected(node.items)}` : ''}`;
  }
  if (type.includes('object')) return 'a mapping (key: value)';
  return 'a value';
}

/** The JSON Schema node of the value at `path`, if the schema says one may be there. */
export function nodeAt(root: JsonNode, path: readonly PropertyKey[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    node = childOf(node, key);
  }
  return node;
}

function childOf(node: JsonNode, key: PropertyKey): JsonNode | undefined {
  const branches = node.anyOf ?? node.oneOf;
  if (branches) {
    for (const b of branches) {
      const child = childOf(b, key);
      if (child) return child;
    }
    return undefined;
  }
  if (typeof key === 'number') {
    if (node.prefixItems) return node.prefixItems[key];
    return node.items || undefined;
  }
  const k = String(key);
  if (node.properties && Object.hasOwn(node.properties, k)) return node.properties[k];
  if (typeof node.additionalProperties === 'object') return node.additionalProperties;
  return undefined;
}

/** The keys a mapping at this node may have (for "did you mean"), or none if any key goes. */
export function knownKeys(node: JsonNode | undefined): string[] {
  if (!node) return [];
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return branches.flatMap(knownKeys);
  return node.properties ? Object.keys(node.properties) : [];
}

// ——— Value types shared by several files ———

const LENGTH = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(mm|cm|pt|px|in)?\s*$/;

/** A length on paper: "390mm", "9pt", "0.25pt"; a bare number is millimetres (written back as "<n>mm"). */
export const length = () =>
  z
    .union([z.number().min(0), z.string().regex(LENGTH)])
    .transform((v) => (typeof v === 'number' ? `${v}mm` : /[a-z]\s*$/.test(v) ? v.trim() : `${v.trim()}mm`))
    .meta({ kind: 'a length: a number with mm, cm, pt, px or in, e.g. 9pt or 3mm' });

/**
 * A type size or the line grid: a length with its unit ("9pt"). A bare number is refused here: a
 * bare length is millimetres, and a layout editor who writes `bodySize: 9` means 9 points. So is 0
 * (a digit other than 0 is required): type of no size prints nothing, and a caption or 报眉 set at
 * 0pt was dropped from the page without a word.
 */
export const typeSize = () =>
  z
    .string()
    .regex(/^\s*(?=[^1-9]*[1-9])(\d+(?:\.\d+)?|\.\d+)\s*(mm|cm|pt|px|in)\s*$/)
    .transform((v) => v.trim())
    .meta({ kind: 'a type size above 0 with its unit, e.g. 9pt (a bare number would be millimetres)' });

/** A CSS line height: a length ("14pt") or a factor of the type size ("1.4"). */
export const lineHeight = () =>
  z
    .union([z.number().positive(), z.string().regex(/^\s*(\d+(?:\.\d+)?|\.\d+)\s*(mm|cm|pt|px|in|em)?\s*$/)])
    .transform((v) => String(v).trim())
    .meta({ kind: 'a length (14pt) or a factor of the type size (1.4)' });

/** A percentage, e.g. "88%". */
export const percent = () =>
  z
    .string()
    .regex(/^\d+(\.\d+)?%$/)
    .meta({ kind: 'a percentage, e.g. 88%' });

/** Text that is written by people: not empty. Numbers are taken as text (an ISBN, a year). */
/**
 * Characters no XML or PDF text carries: the C0 controls but tab and line ends, DEL and the C1
 * controls (src/core/controls.ts), U+FFFE and U+FFFF, and half a surrogate pair (YAML's "\uD800"). A
 * series.yaml value with one made an OPF and an ONIX record that are not well-formed XML.
 */
const NOT_TEXT =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const text = () =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(
      z
        .string()
        .min(1)
        .superRefine((s, ctx) => {
          const bad = NOT_TEXT.exec(s);
          if (!bad) return;
          const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
          ctx.addIssue({
            code: 'custom',
            message: `holds the character ${code} (at character ${bad.index + 1}), which no page, e-book or ONIX record can carry: delete it (often pasted with the text, or a YAML escape such as "\\v")`,
          });
        }),
    )
    .meta({ kind: 'text' });

/** Line breaks: LF, CR, LINE and PARAGRAPH SEPARATOR (VT, FF and NEL are not text at all: NOT_TEXT). */
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/;

/**
 * Text that prints on one line (`where`: "a 报眉"): a line break in it, typed inside quotes or as a
 * YAML block (`|`) or pasted, is refused at the value, not carried into the page.
 */
export const oneLine = (where: string) =>
  text().superRefine((s, ctx) => {
    const m = LINE_BREAK.exec(s);
    if (!m) return;
    const before = [...s.slice(0, m.index)].slice(-8).join('');
    ctx.addIssue({
      code: 'custom',
      message: `holds a line break (after “${before}”), which ${where} cannot print: write the value on one line`,
    });
  });

/**
 * A default for a value with a transform (a length, an ink limit), written as a user writes it and
 * parsed like the user's value (zod's prefault). zod's JSON Schema leaves such defaults out, so the
 * reference is told in words. Plain values use `.default()` directly.
 */
export function fallback<T extends z.ZodType>(schema: T, value: z.input<T>) {
  return schema.prefault(value as never).meta({ defaultText: `\`${typeof value === 'string' ? value : JSON.stringify(value)}\`` });
}

/** A whole number of at least `min`. */
export const whole = (min = 0) => z.number().int().min(min);

/** A mapping from names the user chooses (font roles…): never `__proto__` or other odd keys. */
export const name = () =>
  z
    .string()
    .regex(/^[A-Za-z][\w-]*$/)
    .meta({ kind: 'a name of letters, digits, - and _' });
