// Full-width digits and Latin letters (２０２３年, ＡＢＣ公司): typed with a Chinese input method's
// full-width mode on. clreq and GB/T 15835: digits in Chinese text are half-width, and so are Latin
// letters; the full-width forms are a different character to search, sort and break, and print wide.
import { defineRule, type Edit } from '../rule.js';
import { autolinkLookup } from '../addresses.js';
import { parse } from 'yaml';

/** Full-width 0-9, A-Z, a-z (U+FF10–FF19, FF21–FF3A, FF41–FF5A). */
const WIDE = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const WIDE_ONE = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;
/** The half-width form of a full-width digit or letter: its code less 0xFEE0. */
const narrow = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

export default defineRule({
  id: 'full-width-alphanumeric',
  severity: 'warning',
  fixable: true,
  summary: 'Full-width digits or Latin letters (２０２３, ＡＢＣ) stand in the text, where half-width 2023, ABC belong.',
  why:
    'GB/T 15835 and clreq: numbers in Chinese text are written with half-width Arabic digits, and Latin letters are half-width too; ' +
    'the full-width forms (typed with an input method’s full-width mode on) are other characters: a search for 2023 misses ２０２３, ' +
    'and they print a full em wide. `--fix` writes each as its half-width form. An autolink (<https://…>) is its address and is left alone; ' +
    'full-width letters right after a bare address (https://a.cn/ＡＢＣ公司) are reported but not fixed: half-width they would join the address; so is an ' +
    'unquoted front matter value that YAML would read half-width as no text (ｎｕｌｌ, ＴＲＵＥ, ０８０５): it is to be quoted.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n会议于2023年7月15日召开，ABC公司、第3组参加。\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n会议于２０２３年召开，ＡＢＣ公司参加。\n\n## 第３组\n',
        expect: [
          "3:4-3:5 7 full-width digits or letters (first: '２' at 3:4): write them half-width (2023, ABC); run `npm run check -- --fix`",
          "5:5-5:6 1 full-width digit or letter (first: '３' at 5:5)",
        ],
      },
      {
        markdown: '# 主题\n\n详见https://a.cn/ＡＢＣ公司的网站。\n',
        unfixed: true,
        expect: [
          "3:16-3:17 3 full-width digits or letters (first: 'Ａ' at 3:16): write them half-width (2023, ABC); 3 right after a web address stay for you: half-width they would join the address, so put a space or <…> around it first",
        ],
      },
    ],
  },
  check(ctx) {
    // An autolink's text is its address, which is also its href (<https://a.cn/ＡＢＣ>): --fix would change where it leads.
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      const found = [...b.text.matchAll(WIDE)].filter((m) => !inAddress(b.offsets[m.index]));
      if (!found.length) continue;
      const edits: Edit[] = [];
      let afterAddress = 0;
      for (const m of found) {
        const offset = b.offsets[m.index];
        // Right after a bare address (https://a.cn/ＡＢＣ公司): GFM ended the link where the full-width
        // letters begin; half-width, they would join the address and change where it leads. Left to the editor.
        let run = m.index;
        while (run > 0 && WIDE_ONE.test(b.text[run - 1])) run--;
        const before = b.offsets[run - 1];
        if (run > 0 && before >= 0 && before === b.offsets[run] - 1 && inAddress(before)) {
          afterAddress++;
          continue;
        }
        if (offset >= 0 && ctx.source[offset] === m[0]) edits.push({ offset, from: m[0], to: narrow(m[0]) });
      }
      // An unquoted front matter value that, half-width, is a YAML word or number (ｎｕｌｌ, ＴＲＵＥ, ０８０５): it would
      // no longer be text (the kicker gone, the headline printed "true", 805): it needs quotes, left to the editor.
      const yamlWord = b.kind === 'matter' ? yamlReading(b.text.replace(WIDE, narrow), ctx.source[b.offsets[0] - 1]) : undefined;
      if (yamlWord) edits.length = 0;
      const first = found[0];
      const place = ctx.rangeIn(b, first.index, 1);
      const n = found.length;
      if (yamlWord) {
        ctx.flag(
          `${n} full-width ${n === 1 ? 'digit or letter' : 'digits or letters'} (first: '${first[0]}' at ${place?.start.line}:${place?.start.column}): ` +
            `write the value half-width and in quotes ("${b.text.replace(WIDE, narrow)}"): unquoted, YAML reads it as ${yamlWord}`,
          place,
        );
        continue;
      }
      ctx.flag(
        `${n} full-width ${n === 1 ? 'digit or letter' : 'digits or letters'} (first: '${first[0]}' at ${place?.start.line}:${place?.start.column}): ` +
          `write ${n === 1 ? 'it' : 'them'} half-width (2023, ABC); ` +
          (edits.length === n
            ? 'run `npm run check -- --fix`'
            : afterAddress
              ? `${afterAddress} right after a web address stay for you: half-width they would join the address, so put a space ` +
                `or <…> around it first${edits.length ? ` (\`npm run check -- --fix\` fixes the other ${edits.length})` : ''}`
              : `\`npm run check -- --fix\` fixes ${edits.length}; type the others half-width`),
        place,
        { fix: edits, note: found.map((m) => `${m[0]}→${narrow(m[0])}`).join(' ') },
      );
    }
  },
});

/** What YAML reads a plain (unquoted) value as when it is not text: 'nothing (null)', 'true or false', 'a number'; undefined for text. */
function yamlReading(value: string, before: string | undefined): string | undefined {
  if (before === '"' || before === "'" || value.includes('\n')) return undefined;
  let data: unknown;
  try {
    data = parse(value);
  } catch {
    return undefined;
  }
  if (data === null) return 'nothing (null)';
  if (typeof data === 'boolean') return 'true or false';
  if (typeof data === 'number' && String(data) !== value) return `the number ${data}`;
  return undefined;
}
