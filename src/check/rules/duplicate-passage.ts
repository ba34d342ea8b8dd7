// Text that appears twice: whole paragraphs (merged into passages when consecutive paragraphs
// repeat together, as a pasted section does) and long clauses shared by two paragraphs (split at
// ，；。！？ so a copy with a changed opening still matches).
// Compared after removing punctuation and spaces, so a re-typed comma does not hide a copy.
import { defineRule } from '../rule.js';
import { normalise, type TextBlock } from '../text.js';

interface Para {
  block: TextBlock;
  norm: string;
  start: number;
  end: number;
}

export default defineRule({
  id: 'duplicate-passage',
  severity: 'error',
  summary: 'A paragraph, a run of paragraphs or a long clause appears twice. Both places are reported, each naming the other.',
  why: 'Pasted copy repeats sections; printed twice, it is the most visible error a page can carry. Delete one copy. Punctuation and spaces are ignored when comparing.',
  options: { minLength: 20, minSentenceLength: 20 },
  optionDocs: {
    minLength: 'shortest paragraph (characters, punctuation excluded) compared as a whole',
    minSentenceLength: 'shortest clause (between ，；。！？) compared on its own',
  },
  examples: {
    ok: [{ markdown: '# 主题\n\n进入新阶段、踏上新征程，自治区政协将切实承担起政治责任。\n\n进入新阶段、踏上新征程，自治区政协将以更加昂扬奋进姿态履职尽责。\n' }],
    notOk: [
      {
        markdown:
          '# 主题\n\n文史工作是人民政协一项富有统一战线特色的经常性工作。\n\n进入新阶段，自治区政协将切实承担起政治责任，贡献更多智慧和力量。\n\n## 又一节\n\n' +
          '文史工作是人民政协一项富有统一战线特色的经常性工作。\n\n进入新阶段,自治区政协将切实承担起政治责任,贡献更多智慧和力量。\n',
        expect: ['3:1', '9:1'],
      },
      {
        markdown: '# 主题\n\n会议指出，文史工作是人民政协一项富有统一战线特色的经常性工作。大家表示赞同。\n\n另据报道，文史工作是人民政协一项富有统一战线特色的经常性工作。\n',
        expect: ['3:6', '5:6'],
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
    // Whole paragraphs: later copy i of earlier paragraph j.
    const firstSeen = new Map<string, number>();
    const copyOf = new Map<number, number>();
    paras.forEach((p, i) => {
      if ([...p.norm].length < ctx.options.minLength) return;
      const j = firstSeen.get(p.norm);
      if (j === undefined) firstSeen.set(p.norm, i);
      else copyOf.set(i, j);
    });
    const inWhole = new Set<number>();
    const later = [...copyOf.keys()].sort((a, b) => a - b);
    for (let k = 0; k < later.length; ) {
      const i0 = later[k];
      const j0 = copyOf.get(i0)!;
      let n = 1;
      while (copyOf.get(i0 + n) === j0 + n && j0 + n < i0) n++;
      k += n;
      const a = paras[j0];
      const aEnd = paras[j0 + n - 1];
      const b = paras[i0];
      const bEnd = paras[i0 + n - 1];
      for (let m = 0; m < n; m++) inWhole.add(j0 + m).add(i0 + m);
      const what = n === 1 ? 'This paragraph' : `This passage of ${n} paragraphs`;
      const span = (x: Para, y: Para) => (x.start === y.end ? `line ${x.start}` : `lines ${x.start}–${y.end}`);
      ctx.report(`${what} is repeated at ${span(b, bEnd)}: delete one copy`, {
        start: a.block.node!.position!.start,
        end: aEnd.block.node!.position!.end,
      });
      ctx.report(`${what} repeats ${span(a, aEnd)}: delete one copy`, {
        start: b.block.node!.position!.start,
        end: bEnd.block.node!.position!.end,
      });
    }
    // Long clauses shared by two paragraphs that are not copies of each other.
    const sentences = new Map<string, Array<{ para: number; index: number }>>();
    paras.forEach((p, i) => {
      if (inWhole.has(i)) return;
      for (const m of p.block.text.matchAll(/[^，,。！？!?；;]+[，,。！？!?；;]?/g)) {
        const norm = normalise(m[0]);
        if ([...norm].length < ctx.options.minSentenceLength) continue;
        const lead = m[0].length - m[0].trimStart().length;
        const list = sentences.get(norm) ?? [];
        if (!list.some((s) => s.para === i)) list.push({ para: i, index: m.index! + lead });
        sentences.set(norm, list);
      }
    });
    const reported = new Set<string>();
    for (const [norm, list] of sentences) {
      if (list.length < 2) continue;
      for (const s of list) {
        const others = list.filter((o) => o.para !== s.para);
        const key = `${s.para}:${others.map((o) => o.para).join(',')}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const b = paras[s.para].block;
        const offset = b.offsets[s.index];
        const quote = [...norm].slice(0, 10).join('');
        ctx.report(
          `A passage here (“${quote}…”) also appears at line ${others.map((o) => paras[o.para].start).join(', ')}: delete one copy`,
          offset >= 0 ? ctx.point(offset) : b.node?.position?.start,
        );
      }
    }
  },
});
