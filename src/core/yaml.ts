// YAML read as plain data with a bound on its aliases: the config files (src/config/load.ts) and a
// manuscript's front matter alike. An alias bomb (anchors that expand to billions of copies) is
// refused at its first alias instead of filling the memory.
import { type Document, isAlias, isMap, isScalar, type Node, visit } from 'yaml';

/** Anchors may be reused, but not expanded into a bomb (the yaml package's own default, stated). */
export const MAX_ALIAS_COUNT = 100;

/** The document as data, or why it cannot be (in words) and the offset of its first alias. */
export function yamlData(doc: Document): { ok: true; value: unknown } | { ok: false; offset: number; why: string } {
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
