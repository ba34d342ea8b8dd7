// The markdown parser keeps the identifiers of link reference definitions (`parser.defined`) and
// footnote definitions (`parser.gfmFootnotes`) in plain arrays and asks `includes` at every
// reference: quadratic in the number of definitions (100,000 footnotes took minutes and gigabytes
// in `check`). This micromark extension swaps each list for one whose `includes` is a Set lookup,
// once per document, before the first definition is read. It matches nothing itself: it is tried
// at the start of each line and flow block, installs the lists the first time, and declines.
import type { Construct, Extension, ParseContext, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

/** An array of identifiers whose `includes` and `push` keep a Set beside it. */
class IdList extends Array<string> {
  readonly #ids = new Set<string>();

  override push(...items: string[]): number {
    for (const item of items) this.#ids.add(item);
    return super.push(...items);
  }

  override includes(item: string): boolean {
    return this.#ids.has(item);
  }
}

const installed = new WeakSet<ParseContext>();

function install(parser: ParseContext): void {
  if (installed.has(parser)) return;
  installed.add(parser);
  const lists = parser as unknown as { defined: string[]; gfmFootnotes?: string[] };
  const fast = (from: string[] | undefined) => {
    const list = new IdList();
    for (const id of from ?? []) list.push(id);
    return list;
  };
  lists.defined = fast(lists.defined);
  lists.gfmFootnotes = fast(lists.gfmFootnotes);
}

const construct: Construct = {
  name: 'baobanLinearIds',
  tokenize(this: TokenizeContext, _effects, _ok, nok): State {
    install(this.parser);
    return nok;
  },
};

const extension: Extension = { document: { null: [construct] }, flow: { null: [construct] } };

/** remark plugin: add the extension to the parser. */
export default function remarkLinearIds(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[] };
  (data.micromarkExtensions ??= []).push(extension);
}
