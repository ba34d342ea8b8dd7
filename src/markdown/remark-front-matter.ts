// Parse the YAML front matter into `file.data.matter`; report broken YAML at its line and column.
// Pandoc's title, subtitle and author give the headline, subheadline and byline that the front
// matter does not (core/matter.ts printedAs), so every output prints them. When there is still no
// headline, the first `#` heading is the headline (marked for the headline block).
import type { Root, Heading } from 'mdast';
import type { VFile } from 'vfile';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { toString } from 'mdast-util-to-string';
import { authorNames, joinNames, MATTER_KEYS, printedAs, type Matter } from '../core/matter.js';
import { lineColumn } from '../core/input-error.js';
import { FINDINGS_SOURCE } from '../core/findings.js';
import { valueWithoutControls } from '../core/controls.js';
import { yamlData, yamlErrorWords, yamlTaggedKind } from '../core/yaml.js';

/**
 * Keys that would change what the matter object is rather than add a value to it: `__proto__`
 * through Object.assign sets the prototype, so a value under it (`__proto__: { paper: 〔报名〕 }`)
 * would print as if it were the paper's name while no check saw a `paper:` key.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Keys whose value is one line of text (a name, a date, a page number). A list or a mapping there
 * would print as "a,b" or "[object Object]": it is reported and left out. `author` may be a list.
 */
const TEXT_KEYS = new Set<string>(MATTER_KEYS.filter((k) => k !== 'author'));

/** Keys printed in the one-line 报眉 (masthead strip) or the slug: a line break there cannot print. */
const STRIP_KEYS = new Set(['paper', 'page', 'section', 'date', 'editor', 'designer']);
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Where the value of a top-level key starts in the YAML text (its key, when it has no value). */
function valueOffset(doc: Document, key: string): number {
  if (!isMap(doc.contents)) return 0;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  const node = (pair?.value ?? pair?.key) as { range?: [number, number, number] } | undefined;
  return node?.range?.[0] ?? 0;
}

/**
 * A one-line value as the manuscript writes it. YAML reads a plain `page: 08` as the number 8,
 * `kicker: 1.10` as 1.1, `byline: 0x1F` as 31 and a long number as its rounding
 * (12345678901234567890 as 12345678901234567000), and printed that: the page said 第8版 where the
 * desk wrote 08. A number or true/false written plainly prints as its text.
 */
function asWritten(doc: Document, key: string, value: unknown): unknown {
  if (typeof value !== 'number' && typeof value !== 'boolean') return value;
  if (!isMap(doc.contents)) return value;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  const node = pair?.value;
  return isScalar(node) && typeof node.source === 'string' && node.source !== '' ? node.source : value;
}

function copyMatter(value: Record<string, unknown>, matter: Matter, doc: Document, yaml: string, startLine: number, file: VFile): void {
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (TEXT_KEYS.has(key) && v !== null && typeof v === 'object' && !(v instanceof Date)) {
      const at = lineColumn(yaml, valueOffset(doc, key));
      const what = Array.isArray(v) ? 'a list' : (yamlTaggedKind(v) ?? 'a mapping (key: value pairs)');
      const msg = file.message(`Front matter "${key}" is ${what}, not text, and is not printed: write it as one line, ${key}: …`, {
        place: { line: startLine + at.line - 1, column: at.column },
        ruleId: 'front-matter-yaml',
        source: FINDINGS_SOURCE,
      });
      msg.fatal = true;
      continue;
    }
    if (STRIP_KEYS.has(key) && typeof v === 'string' && LINE_BREAK.test(v.trim())) {
      // (a block scalar `|`, a quoted value over two lines, "\n"): printed with a space, and said.
      const at = lineColumn(yaml, valueOffset(doc, key));
      const msg = file.message(
        `Front matter "${key}" holds a line break, and the one-line 报眉 prints it as a space: write it on one line, ${key}: …`,
        { place: { line: startLine + at.line - 1, column: at.column }, ruleId: 'front-matter-yaml', source: FINDINGS_SOURCE },
      );
      msg.fatal = true;
    }
    if (!UNSAFE_KEYS.has(key)) {
      // Control characters (a YAML escape such as "\u0001") are reported by control-characters and never printed.
      matter[key] = valueWithoutControls(TEXT_KEYS.has(key) ? asWritten(doc, key, v) : v);
      continue;
    }
    const offset = yaml.search(new RegExp(`^${key}\\s*:`, 'm'));
    const at = lineColumn(yaml, Math.max(0, offset));
    const msg = file.message(`Front matter key "${key}" is not a front matter key and is not used: rename or delete it`, {
      place: { line: startLine + at.line - 1, column: at.column },
      ruleId: 'front-matter-yaml',
      source: FINDINGS_SOURCE,
    });
    msg.fatal = true;
  }
}

/** A first line `---` followed by a `key:` line: front matter, even when its closing `---` is missing. */
const OPENED_MATTER = /^---[ \t]*\r?\n[ \t]*[\p{L}\p{N}_-]+[ \t]*:/u;

export default function remarkFrontMatter() {
  return (tree: Root, file: VFile) => {
    const matter: Matter = {};
    const yamlNode = tree.children.find((n) => n.type === 'yaml');
    if (!yamlNode && tree.children[0]?.type === 'thematicBreak' && OPENED_MATTER.test(String(file.value))) {
      // Without its closing line the front matter is read as a rule and a paragraph of body text:
      // the headline, date and page would be lost and `headline: …` printed as text.
      const msg = file.message('Front matter is opened with --- here but never closed: end it with a --- line after its last key', {
        place: tree.children[0].position,
        ruleId: 'front-matter-yaml',
        source: FINDINGS_SOURCE,
      });
      msg.fatal = true;
    }
    if (yamlNode && yamlNode.type === 'yaml') {
      const doc = parseDocument(yamlNode.value, { prettyErrors: false });
      const startLine = (yamlNode.position?.start.line ?? 1) + 1; // the `---` line comes first
      if (doc.errors.length) {
        for (const error of doc.errors) {
          // Without prettyErrors the parser gives only an offset: turn it into line and column.
          const at = lineColumn(yamlNode.value, error.pos[0]);
          const [line, col] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [at.line, at.column];
          const { what, how } = yamlErrorWords(error.message);
          const fix = how === 'correct the YAML syntax here' ? 'fix the YAML between the --- lines' : how;
          const msg = file.message(`Front matter is not valid YAML (${what}); ${fix}`, {
            place: { line: startLine + line - 1, column: col },
            ruleId: 'front-matter-yaml',
            source: FINDINGS_SOURCE,
          });
          msg.fatal = true;
        }
      } else {
        // An alias bomb (anchors that expand to billions of copies): located at the first alias.
        const read = yamlData(doc);
        const value = read.ok ? read.value : undefined;
        if (!read.ok) {
          const at = lineColumn(yamlNode.value, read.offset);
          const why = read.why.startsWith('aliases') ? `its ${read.why}` : read.why;
          const msg = file.message(`Front matter cannot be read: ${why}; write the values out instead`, {
            place: { line: startLine + at.line - 1, column: at.column },
            ruleId: 'front-matter-yaml',
            source: FINDINGS_SOURCE,
          });
          msg.fatal = true;
        }
        if (value && typeof value === 'object' && !Array.isArray(value))
          copyMatter(value as Record<string, unknown>, matter, doc, yamlNode.value, startLine, file);
        else if (value !== null && value !== undefined) {
          const msg = file.message('Front matter must be a YAML mapping (key: value lines)', {
            place: yamlNode.position,
            ruleId: 'front-matter-yaml',
            source: FINDINGS_SOURCE,
          });
          msg.fatal = true;
        }
      }
    }
    const from: Record<string, string> = {};
    for (const [key, role] of printedAs(Object.keys(matter))) {
      if (key === role) continue;
      matter[role] = key === 'author' ? joinNames(authorNames(matter.author)) : matter[key];
      from[role] = key;
    }
    file.data.matterFrom = from;
    if (!matter.headline) {
      const h1 = tree.children.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
      if (h1) {
        matter.headline = toString(h1);
        h1.data = { ...h1.data, hProperties: { ...(h1.data?.hProperties ?? {}), className: ['headline'] } };
      }
    }
    file.data.matter = matter;
  };
}
