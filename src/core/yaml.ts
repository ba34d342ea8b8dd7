// YAML read as plain data with a bound on its aliases: the config files (src/config/load.ts) and a
// manuscript's front matter alike. An alias bomb (anchors that expand to billions of copies) is
// refused at its first alias instead of filling the memory. And a config file read again to name
// where one of its values is written.
import { readFileSync } from 'node:fs';
import { type Document, isAlias, isMap, isNode, isScalar, LineCounter, type Node, parseDocument, visit } from 'yaml';

/** Anchors may be reused, but not expanded into a bomb (the yaml package's own default, stated). */
export const MAX_ALIAS_COUNT = 100;

/** The document as data, or why it cannot be (in words) and the offset of its first alias. */
export function yamlData(doc: Document): { ok: true; value: unknown } | { ok: false; offset: number; why: string } {
  // An alias inside the very anchor it names (series: &s { name: *s }) is a value that holds itself:
  // as data it has no end, and whatever walks it (a schema, a search for keys) never returns.
  let loop: Node | undefined;
  visit(doc, {
    Alias(_, node, path) {
      const target = node.resolve(doc);
      if (target && path.includes(target)) {
        loop = node;
        return visit.BREAK;
      }
    },
  });
  if (loop) {
    const name = (loop as Node & { source: string }).source;
    return {
      ok: false,
      offset: loop.range?.[0] ?? 0,
      why: `the alias *${name} stands inside the anchor &${name} it repeats, a value holding itself`,
    };
  }
  // A list or a mapping as a key (? [a, b]: …) is a string key in the data; the yaml package says so
  // on the console as Node's own warning ("Keys with collection values will be stringified … Set
  // mapAsMap"), in words about its API, not the file. The key is named at its line instead: the front
  // matter's by matter-unknown-key, a config's as a key the schema does not know.
  doc.options.logLevel = 'error';
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    let alias: Node | undefined;
    let merge: Node | undefined;
    visit(doc, {
      Alias(_, node) {
        alias ??= node;
      },
      Pair(_, pair) {
        // a merge key (<<) whose value is not a mapping or an alias of one: where a merge goes wrong
        if (isScalar(pair.key) && (pair.key.source ?? String(pair.key.value)) === '<<' && !isMap(pair.value) && !isAlias(pair.value))
          merge ??= pair.value as Node;
      },
    });
    // The bound's own message ("Excessive alias count…"); a merge key's (“Merge sources must be
    // maps or map aliases”) says something else, in its own words, at that merge key.
    const bomb = /excessive alias/i.test((error as Error).message);
    const why = bomb ? `aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies` : (error as Error).message.split('\n')[0];
    const at = bomb ? alias : /merge/i.test((error as Error).message) ? (merge ?? alias) : alias;
    return { ok: false, offset: at?.range?.[0] ?? 0, why };
  }
}

/** A YAML file as written: its text, its document and where each offset is (line and column). */
export interface YamlSource {
  text: string;
  doc: Document;
  lines: LineCounter;
}

/** The file read and parsed again, to name where its values are written; undefined if it cannot be read. */
export function readYamlSource(file: string): YamlSource | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const lines = new LineCounter();
    return { text, doc: parseDocument(text, { lineCounter: lines }), lines };
  } catch {
    return undefined;
  }
}

/** The node written at `at` (keys and indexes from the top) with its range in the text, if it is written. */
export function yamlNodeAt(
  source: YamlSource,
  at: ReadonlyArray<string | number>,
): (Node & { range: [number, number, number] }) | undefined {
  try {
    const node = source.doc.getIn(at, true);
    return isNode(node) && node.range ? (node as Node & { range: [number, number, number] }) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A YAML parser's error message in words for the file's author. Lists or mappings nested thousands
 * deep ([[[[…]]]]) overflow the parser's stack, and it says so in the engine's words ("Maximum call
 * stack size exceeded"), which name neither what is wrong in the file nor what to do.
 */
export function yamlErrorWords(message: string): { what: string; how: string } {
  if (/Maximum call stack size exceeded|too much recursion/i.test(message))
    return {
      what: 'lists or mappings are nested too deep here to be read ([ or { hundreds of levels inside each other)',
      how: 'write the values out flat',
    };
  return { what: message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), how: 'correct the YAML syntax here' };
}

/**
 * What YAML's own tags make of a value other than a list or a mapping, in words, or undefined for
 * any other value: a !!binary value is bytes and a !!set a Set, both objects that were called "a
 * mapping" (config files and front matter say what a value is when it is not the text they need).
 */
export function yamlTaggedKind(value: unknown): string | undefined {
  if (value instanceof Uint8Array) return 'binary data (!!binary)';
  if (value instanceof Set) return 'a set (!!set)';
  return undefined;
}
