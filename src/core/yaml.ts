// YAML read as plain data with a bound on its aliases: the config files (src/config/load.ts) and a
// manuscript's front matter alike. An alias bomb (anchors that expand to billions of copies) is
// refused at its first alias instead of filling the memory.
import { type Document, type Node, visit } from 'yaml';

/** Anchors may be reused, but not expanded into a bomb (the yaml package's own default, stated). */
export const MAX_ALIAS_COUNT = 100;

/** The document as data, or why it cannot be (in words) and the offset of its first alias. */
export function yamlData(doc: Document): { ok: true; value: unknown } | { ok: false; offset: number; why: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    let alias: Node | undefined;
    visit(doc, {
      Alias(_, node) {
        alias ??= node;
        return visit.BREAK;
      },
    });
    const why = /alias/i.test((error as Error).message)
      ? `aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies`
      : (error as Error).message.split('\n')[0];
    return { ok: false, offset: alias?.range?.[0] ?? 0, why };
  }
}
