// Every string the front matter holds, wherever YAML puts it: top-level values, values in nested
// mappings and lists, values under odd keys such as `__proto__`, and values reached through an
// alias (`paper: *name`), each located at the line that gives it to the key (the alias, for an
// alias) with the text as written there (to tell a YAML escape such as "\u0001" from the
// character itself). The checks that must not be switched off by how YAML is written
// (matter-placeholder, control-characters) read these, not the top-level pairs only.
// Bounded: each node is walked once; what an alias brings is summarised once per anchor and capped,
// so an alias bomb costs no more than its text.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Root } from 'mdast';
import { matterDocument } from '../core/text-blocks.js';

export interface MatterValue {
  /** Where in the front matter: `paper`, `__proto__.page`, `sub[0]`. */
  path: string;
  /** The resolved string. */
  value: string;
  /** Source offsets (in the manuscript) of the scalar, or of the alias that brings it. */
  start: number;
  end: number;
  /** The scalar as written, quotes and escapes included. */
  raw: string;
  /** For a value brought by an alias: the alias's name and the source offset of the anchored value. */
  alias?: { name: string; at: number };
}

interface Found {
  path: string;
  value: string;
  /** Offsets in the YAML text: where the value is given (the scalar, or the alias that brings it). */
  range: [number, number];
  /** Offsets of the scalar itself. */
  own: [number, number];
  /** The alias that brings it, if any. */
  alias?: string;
}

/** Values an anchor brings, at most this many (an alias bomb asks for billions). */
const PER_ALIAS = 100;
/** Values in one front matter, at most. */
const MAX_VALUES = 10_000;

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function matterValues(tree: Root, source: string): MatterValue[] {
  const matter = matterDocument(tree, source);
  if (!matter) return [];
  const { doc, text, base } = matter;
  const summaries = new Map<Node, Found[]>();

  /** The strings under a node, each with its path below `path` and its range; aliases summarised. */
  function collect(root: unknown, path: string, limit: number): Found[] {
    const out: Found[] = [];
    const stack: Array<{ node: unknown; path: string }> = [{ node: root, path }];
    while (stack.length && out.length < limit) {
      const { node, path: at } = stack.pop()!;
      if (isScalar(node)) {
        if (typeof node.value !== 'string' || !node.range) continue;
        const range: [number, number] = [node.range[0], node.range[1]];
        out.push({ path: at, value: node.value, range, own: range });
      } else if (isAlias(node)) {
        const target = node.resolve(doc);
        if (!target || !node.range) continue;
        const range: [number, number] = [node.range[0], node.range[1]];
        for (const f of summary(target)) {
          out.push({ path: f.path ? join(at, f.path) : at, value: f.value, range, own: f.own, alias: node.source });
          if (out.length >= limit) break;
        }
      } else if (isMap(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) {
          const pair = node.items[i];
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key) ? String(pair.key.value) : '?';
          stack.push({ node: pair.value, path: join(at, key) });
        }
      } else if (isSeq(node)) {
        for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], path: `${at}[${i}]` });
      }
    }
    return out;
  }

  /** What an anchored node holds, once per node, with paths relative to it. */
  function summary(node: Node): Found[] {
    let found = summaries.get(node);
    if (!found) {
      summaries.set(node, []); // an alias inside its own anchor (a cycle) brings nothing
      found = collect(node, '', PER_ALIAS);
      summaries.set(node, found);
    }
    return found;
  }

  return collect(doc.contents, '', MAX_VALUES).map((f) => ({
    path: f.path.replace(/^\./, '').replace(/\.\[/g, '['),
    value: f.value,
    start: base + f.range[0],
    end: base + f.range[1],
    raw: text.slice(f.own[0], f.own[1]),
    ...(f.alias ? { alias: { name: f.alias, at: base + f.own[0] } } : {}),
  }));
}

/**
 * A top-level key's value when it is a scalar that holds something (the rules on one key: matter-date,
 * matter-page, matter-lang), with its offsets in the manuscript. A list or a mapping is
 * front-matter-yaml's; an empty value prints nothing and is left to the rules on what is missing.
 */
export function matterScalar(tree: Root, source: string, key: string): { value: unknown; start: number; end: number } | undefined {
  const matter = matterDocument(tree, source);
  if (!matter) return undefined;
  const node = matter.map.items.find((p) => isScalar(p.key) && String(p.key.value) === key)?.value;
  if (!isScalar(node) || node.value === null || node.value === '' || !node.range) return undefined;
  return { value: node.value, start: matter.base + node.range[0], end: matter.base + node.range[1] };
}
