// Text that appears twice: whole paragraphs (merged into passages when consecutive paragraphs
// repeat together, as a pasted section does) and long clauses shared by two paragraphs (split at
// ，；。！？ so a copy with a changed opening still matches).
// Compared after removing punctuation and spaces, so a re-typed comma does not hide a copy.
import { defineRule } from '../rule.js';
import { normalise, type TextBlock } from '../../core/text-blocks.js';

/** Partner lines named in one finding; the rest are counted. */
const MAX_LINES = 5;

interface Para {
  block: TextBlock;
  norm: string;
  start: number;
  end: number;
}

export default defineRule({
  id: 'duplicate-passage',
  severity: 'error',
  summary:
    'A paragraph, a run of paragraphs or a long clause appears twice or more. Every copy is reported naming the original, and the original once, naming its copies.',
  why: 'Pasted copy repeats sections; printed twice, it is the most visible error a page can carry. Delete one copy. Punctuation and spaces are ignored when comparing.',
  options: { minLength: 20, minSentenceLength: 20, nearRatio: 0.6 },
  optionBounds: {
    minLength: { min: 8, max: 100_000, stricter: 'lower' },
    minSentenceLength: { min: 8, max: 100_000, stricter: 'lower' },
    nearRatio: { min: 0.1, max: 1, stricter: 'lower' },
  },
  optionDocs: {
    minLength: 'shortest paragraph (characters, punctuation excluded) compared as a whole',
    minSentenceLength: 'shortest clause (between ，；。！？) compared on its own',
    nearRatio: 'share of 8-character sequences two paragraphs must have in common to count as copies with small differences',
  },
  examples: {
    ok: [
      {
        markdown:
          '# 主题\n\n进入新阶段、踏上新征程，自治区政协将切实承担起政治责任。\n\n进入新阶段、踏上新征程，自治区政协将以更加昂扬奋进姿态履职尽责。\n',
      },
    ],
    notOk: [
      {
        markdown:
          '# 主题\n\n文史工作是人民政协一项富有统一战线特色的经常性工作。\n\n进入新阶段，自治区政协将切实承担起政治责任，贡献更多智慧和力量。\n\n## 又一节\n\n' +
          '文史工作是人民政协一项富有统一战线特色的经常性工作。\n\n进入新阶段,自治区政协将切实承担起政治责任,贡献更多智慧和力量。\n',
        expect: [
          '3:1-5:33 This passage of 2 paragraphs is repeated at lines 9–11',
          '9:1-11:33 This passage of 2 paragraphs repeats lines 3–5',
        ],
      },
      {
        // three copies of one paragraph: one finding at each copy, one at the original naming all three
        markdown:
          '# 主题\n\n文史工作是人民政协一项富有统一战线特色的经常性工作。\n\n文史工作是人民政协一项富有统一战线特色的经常性工作。\n\n' +
          '文史工作是人民政协一项富有统一战线特色的经常性工作。\n\n文史工作是人民政协一项富有统一战线特色的经常性工作。\n',
        expect: [
          '3:1-3:27 This paragraph is repeated at lines 5, 7, 9: delete the copies',
          '5:1-5:27 This paragraph repeats line 3: delete one copy',
          '7:1-7:27 This paragraph repeats line 3: delete one copy',
          '9:1-9:27 This paragraph repeats line 3: delete one copy',
        ],
      },
      {
        markdown:
          '# 主题\n\n会议指出，文史工作是人民政协一项富有统一战线特色的经常性工作，要专门成立工作组，加强统筹协调。\n\n' +
          '另据报道，文史工作是人民政协一项富有统一战线特色的经常性工作，编辑出版4期《内蒙古文史资料》，充分发挥存史资政作用。\n',
        expect: [
          '3:6-3:32 A passage here (“文史工作是人民政协一…”) also appears at line 5',
          '5:6-5:32 A passage here (“文史工作是人民政协一…”) also appears at line 3',
        ],
      },
      {
        markdown:
          '# 主题\n\n11月14日，自治区政协召开书画院院士会议暨主题书画笔会，书画院院士们现场挥毫泼墨，在交流中加强团结联谊、广泛凝聚共识。\n\n' +
          '11月14日，自治区政协召开书画院院士会议暨主题书画笔会，院士们现场挥毫泼墨，在交流中加强团结联谊、凝聚共识。\n',
        expect: [
          '3:1-3:61 This paragraph is repeated with small differences at line 5',
          '5:1-5:56 This paragraph repeats line 3 with small differences',
        ],
      },
    ],
  },
  check(ctx) {
    const paras: Para[] = [];
    for (const b of ctx.blocks()) {
      if (b.kind !== 'paragraph' || b.className.some((c) => c === 'byline' || c === 'credit')) continue;
      const pos = b.node?.position;
      if (!pos) continue;
      paras.push({ block: b, norm: normalise(b.text), start: pos.start.line, end: pos.end.line });
    }
    const len = (s: string) => [...s].length;

    // Long clauses, and the paragraphs each appears in.
    const clauses = new Map<string, Array<{ para: number; index: number; length: number }>>();
    paras.forEach((p, i) => {
      for (const m of p.block.text.matchAll(/[^，,。！？!?；;]+[，,。！？!?；;]?/g)) {
        const norm = normalise(m[0]);
        if (len(norm) < ctx.options.minSentenceLength) continue;
        const lead = m[0].length - m[0].trimStart().length;
        const list = clauses.get(norm) ?? [];
        // Paragraphs come in order: only the last entry can be this one (no search through the list).
        if (list[list.length - 1]?.para !== i) list.push({ para: i, index: m.index! + lead, length: m[0].trim().length });
        clauses.set(norm, list);
      }
    });
    // Near copies: paragraphs that share most of their 8-character shingles (one re-typed word
    // changes only a few). Shingles found in many paragraphs (set phrases) are not evidence.
    const K = 8;
    const shingles = paras.map((p) => {
      // where each character (code point) starts, and the end: a shingle is one slice of the text
      const at: number[] = [];
      for (let i = 0; i < p.norm.length; i += p.norm.codePointAt(i)! > 0xffff ? 2 : 1) at.push(i);
      at.push(p.norm.length);
      const chars = at.length - 1;
      const set = new Set<string>();
      if (chars >= ctx.options.minLength) for (let i = 0; i + K <= chars; i++) set.add(p.norm.slice(at[i], at[i + K]));
      return set;
    });
    const postings = new Map<string, number[]>();
    shingles.forEach((set, i) => {
      for (const sh of set) {
        const list = postings.get(sh) ?? [];
        list.push(i);
        postings.set(sh, list);
      }
    });
    const sharedShingles = new Map<string, number>();
    for (const list of postings.values()) {
      if (list.length < 2 || list.length > 5) continue;
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const key = `${list[x]},${list[y]}`;
          sharedShingles.set(key, (sharedShingles.get(key) ?? 0) + 1);
        }
      }
    }

    // Copies: later paragraph i of earlier paragraph j, equal or nearly equal (mostly shared clauses).
    const copyOf = new Map<number, { of: number; near: boolean }>();
    const firstSeen = new Map<string, number>();
    paras.forEach((p, i) => {
      if (len(p.norm) < ctx.options.minLength) return;
      const j = firstSeen.get(p.norm);
      if (j === undefined) firstSeen.set(p.norm, i);
      else copyOf.set(i, { of: j, near: false });
    });
    for (const [key, n] of sharedShingles) {
      const [j, i] = key.split(',').map(Number);
      if (copyOf.has(i) || paras[i].norm === paras[j].norm) continue;
      if (n / Math.max(shingles[i].size, shingles[j].size) >= ctx.options.nearRatio) copyOf.set(i, { of: j, near: true });
    }

    // Consecutive copies of consecutive paragraphs are one repeated passage (a pasted section).
    // Every copy of one passage is said once at the copy, and once in all at the original (which
    // names them): 30 copies of a paragraph are 31 findings, not one pair each.
    const inPassage = new Set<number>();
    const later = [...copyOf.keys()].sort((a, b) => a - b);
    const span = (x: Para, y: Para) => (x.start === y.end ? `line ${x.start}` : `lines ${x.start}–${y.end}`);
    const copies = new Map<string, Array<{ i0: number; near: boolean }>>();
    for (let k = 0; k < later.length; ) {
      const i0 = later[k];
      const j0 = copyOf.get(i0)!.of;
      let n = 1;
      while (copyOf.get(i0 + n)?.of === j0 + n && j0 + n < i0) n++;
      k += n;
      let near = false;
      for (let m = 0; m < n; m++) {
        inPassage.add(j0 + m).add(i0 + m);
        near ||= copyOf.get(i0 + m)!.near;
      }
      const key = `${j0}:${n}`;
      copies.set(key, [...(copies.get(key) ?? []), { i0, near }]);
    }
    for (const [key, list] of copies) {
      const [j0, n] = key.split(':').map(Number);
      const [a, aEnd] = [paras[j0], paras[j0 + n - 1]];
      const what = n === 1 ? 'This paragraph' : `This passage of ${n} paragraphs`;
      const shown = list.slice(0, MAX_LINES);
      // “lines 5, 7, 9” for paragraphs, “lines 9–11, lines 15–17” for passages
      const places =
        n === 1 && shown.length > 1
          ? [`lines ${paras[shown[0].i0].start}`, ...shown.slice(1).map(({ i0 }) => String(paras[i0].start))]
          : shown.map(({ i0 }) => span(paras[i0], paras[i0 + n - 1]));
      const more = list.length > MAX_LINES ? ` and ${list.length - MAX_LINES} more places` : '';
      const nearAll = list.every((c) => c.near)
        ? ' with small differences'
        : list.some((c) => c.near)
          ? ' (some with small differences)'
          : '';
      ctx.flag(`${what} is repeated${nearAll} at ${places.join(', ')}${more}: delete ${list.length > 1 ? 'the copies' : 'one copy'}`, {
        start: a.block.node!.position!.start,
        end: aEnd.block.node!.position!.end,
      });
      for (const { i0, near } of list) {
        const [b, bEnd] = [paras[i0], paras[i0 + n - 1]];
        ctx.flag(`${what} repeats ${span(a, aEnd)}${near ? ' with small differences' : ''}: delete one copy`, {
          start: b.block.node!.position!.start,
          end: bEnd.block.node!.position!.end,
        });
      }
    }

    // Long clauses shared by paragraphs that are otherwise different: one finding per paragraph
    // and first partner, at the first shared clause. A clause in m paragraphs costs O(m), however
    // many share it (a set phrase in thousands of paragraphs made this part quadratic).
    const reported = new Set<string>();
    const lineOf = (o: { para: number }) => paras[o.para].start;
    for (const [norm, list] of clauses) {
      if (list.length < 2) continue;
      const outside = list.filter((o) => !inPassage.has(o.para));
      for (const s of list) {
        // A paragraph in a repeated passage is reported with the passage, so its partners here are
        // only the paragraphs outside passages.
        const others = inPassage.has(s.para) ? outside : list;
        const partners: Array<{ para: number }> = [];
        let count = 0;
        for (const o of others) {
          if (o.para === s.para) continue;
          count++;
          if (partners.length < MAX_LINES) partners.push(o);
        }
        if (!count) continue;
        const key = `${s.para}:${partners[0].para}:${count}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const lines = partners.map(lineOf).join(', ') + (count > partners.length ? ` and ${count - partners.length} more places` : '');
        const at = ctx.rangeIn(paras[s.para].block, s.index, s.length);
        ctx.flag(`A passage here (“${[...norm].slice(0, 10).join('')}…”) also appears at line ${lines}: delete one copy`, at);
      }
    }
  },
});
