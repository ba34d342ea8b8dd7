// Round 2 of a story edited the way a desk edits (tests/fixtures/proof-rounds/smallest-change: its
// round-1 and round-2 manuscripts; README.md there): 年 → 年度, 会议 → 座谈, 12日 → 12日上午, 呼和和浩特
// → 呼和浩特, 发展 → 高质量发展, and a footnote added ([^2] and its text). Each is marked as a proofreader
// marks it on paper, the smallest true change: 年 → 年度 was a replacement (年 struck, 年度 written),
// it is the insertion of 度 after 年; 会议 → 座谈 stays a replacement. The footnote was “增 inserted 2”,
// its printed number, and its text a second insertion; it is one change, 脚注2 and its words. Round 3
// goes back to round 1's text: the same changes the other way (度 deleted, the footnote removed).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProofJson } from '../../src/proof/build-proof.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { textItems } from '../page/helpers/pdf.js';
import { type Glyph, pageLines } from './helpers/review.js';

const FIXTURE = path.join(ROOT, 'tests/fixtures/proof-rounds/smallest-change');
const FOOTNOTE = '草原生态保护补助奖励政策已实施三轮。';

interface Round {
  json: ProofJson;
  source: string;
  /** the proof's own annotations on the page (its change marks among them) */
  own: Array<{ subtype: string; contents: string; rect: number[]; quads: number[][] }>;
  lines: Glyph[][];
  /** the findings sheet's text, white space left out */
  sheet: string;
}

let tmp: string;
let dir: string;
let out: string;
const rounds: Round[] = [];

/** Round N of the story: the fixture's manuscript of `round` put in place, proofed, and read back. */
async function proof(round: 'round-1' | 'round-2'): Promise<Round> {
  await cp(path.join(FIXTURE, round, 'article.md'), path.join(dir, 'article.md'));
  const r = runCli(['build:proof', dir, '--out', out, '--no-preview']);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code, r.stderr).toBe(0);
  const name = path.basename(dir);
  const json = JSON.parse(await readFile(path.join(out, name, 'proof.json'), 'utf8')) as ProofJson;
  const doc: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(await readFile(path.join(out, name, 'proof.pdf'))),
    isEvalSupported: false,
  }).promise;
  const own = (await (await doc.getPage(1)).getAnnotations())
    .filter((a) => a.titleObj?.str === 'baoban')
    .map((a) => {
      const q = Array.from((a.quadPoints ?? []) as ArrayLike<number>);
      const quads: number[][] = [];
      for (let i = 0; i < q.length; i += 8) quads.push(q.slice(i, i + 8));
      return { subtype: a.subtype as string, contents: a.contentsObj.str as string, rect: Array.from(a.rect as number[]), quads };
    });
  const lines = await pageLines(doc, 1);
  let sheet = '';
  for (let p = 2; p <= doc.numPages; p++) sheet += (await textItems(doc, p)).map((t) => t.str).join('');
  await doc.destroy();
  return { json, source: await readFile(path.join(dir, 'article.md'), 'utf8'), own, lines, sheet: sheet.replace(/\s+/g, '') };
}

/** The printed glyphs of `phrase` (on the line that prints it). */
function glyphsOf(lines: Glyph[][], phrase: string): Glyph[] {
  for (const l of lines) {
    const at = l
      .map((g) => g.ch)
      .join('')
      .indexOf(phrase);
    if (at >= 0) return l.slice(at, at + Array.from(phrase).length);
  }
  throw new Error(`“${phrase}” is not printed`);
}

/** A quad's left and right edges. */
const across = (q: number[]) => [Math.min(q[0], q[4]), Math.max(q[2], q[6])];
/** line:column of a phrase in a manuscript. */
const placeOf = (text: string, phrase: string) => {
  const before = text.slice(0, text.indexOf(phrase)).split('\n');
  return [before.length, before[before.length - 1].length + 1];
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-smallest-'));
  dir = path.join(tmp, 'smallest');
  out = path.join(tmp, 'out');
  await cp(path.join(FIXTURE, 'round-1'), dir, { recursive: true });
  rounds[1] = await proof('round-1');
  rounds[2] = await proof('round-2');
  rounds[3] = await proof('round-1');
}, 240_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('round 2: words changed by a character or two, a footnote added', () => {
  it('lists the smallest true change of each edit, and the footnote as a footnote with its words', () => {
    const { json } = rounds[2];
    expect(json.round).toBe(2);
    expect(json.changes.map((c) => [c.kind, c.deleted, c.text])).toEqual([
      ['insert', undefined, '度'],
      ['replace', '会议', '座谈'],
      ['insert', undefined, '上午'],
      ['delete', '和', ''],
      ['insert', undefined, '高质量'],
      ['insert', undefined, `脚注2：${FOOTNOTE}`],
    ]);
    // no change of the footnote's printed number alone, nor of its text apart from it
    expect(json.changes.find((c) => c.text === '2' || c.text === FOOTNOTE)).toBeUndefined();
    expect(json.changes[5].footnote).toBe('2');
    expect(json.counts.changes).toMatchObject({ total: 6, insert: 4, delete: 1, replace: 1 });
  });

  it('marks 年 → 年度 as one insertion of 度, underlined after 年 and nothing struck', () => {
    const { json, own, lines, source } = rounds[2];
    const [nian, du] = glyphsOf(lines, '年度');
    const insert = json.changes.find((c) => c.text === '度')!;
    expect([insert.line, insert.column]).toEqual(placeOf(source, '度工作'));
    const marks = own.filter((a) => a.contents.startsWith(`Inserted since the last round (change ${insert.n})`));
    expect(marks.map((a) => [a.subtype, a.contents.split('\n')[1], a.quads.length])).toEqual([['Underline', '+ 度', 1]]);
    const [left, right] = across(marks[0].quads[0]);
    expect(left).toBeCloseTo(du.x, 0);
    expect(right).toBeCloseTo(du.right, 0);
    expect(left).toBeGreaterThanOrEqual(nian.right - 0.5);
    // 年 is neither deleted nor written again
    expect(own.some((a) => /^[−+] 年/m.test(a.contents))).toBe(false);
  });

  it('keeps 会议 → 座谈 a replacement: the old word out, the new one underlined', () => {
    const { json, own, lines } = rounds[2];
    const replace = json.changes.find((c) => c.deleted === '会议')!;
    expect(replace.kind).toBe('replace');
    const marks = own.filter((a) => a.contents.startsWith(`Replaced since the last round (change ${replace.n})`));
    expect(marks.map((a) => a.subtype).sort()).toEqual(['Caret', 'Underline']);
    expect(marks[0].contents.split('\n').slice(1)).toEqual(['− 会议', '+ 座谈']);
    const words = glyphsOf(lines, '座谈');
    const [left, right] = across(marks.find((a) => a.subtype === 'Underline')!.quads[0]);
    expect(left).toBeCloseTo(words[0].x, 0);
    expect(right).toBeCloseTo(words[1].right, 0);
  });

  it('marks the character deleted inside a word alone, where it stood', () => {
    const { json, own, lines } = rounds[2];
    const del = json.changes.find((c) => c.kind === 'delete')!;
    const caret = own.find((a) => a.subtype === 'Caret' && a.contents.startsWith(`Deleted since the last round (change ${del.n})`))!;
    expect(caret.contents.split('\n')[1]).toBe('− 和');
    // between 和 and 浩 of 呼和浩特
    const [he, hao] = glyphsOf(lines, '和浩').slice(0, 2);
    const middle = (caret.rect[0] + caret.rect[2]) / 2;
    expect(middle).toBeGreaterThan(he.x + (he.right - he.x) / 2);
    expect(middle).toBeLessThan(hao.x + (hao.right - hao.x) / 2);
  });

  it('names the footnote added, on the page (its number and its text underlined) and on the changes sheet', () => {
    const { json, own, lines, sheet } = rounds[2];
    const note = json.changes.find((c) => c.footnote)!;
    const [mark] = own.filter((a) => a.contents.startsWith(`Inserted since the last round (change ${note.n})`));
    expect(mark.contents.split('\n')[1]).toBe(`+ 脚注2：${FOOTNOTE}`);
    // the reference's number, printed small after 建议。, and the footnote's text in 注释
    const stop = glyphsOf(lines, '建议。')[2];
    const sup = lines
      .flat()
      .find((g) => g.ch === '2' && g.size < stop.size && Math.abs(g.y - stop.y) < stop.size && Math.abs(g.x - stop.right) < stop.size)!;
    expect(sup).toBeDefined();
    const [first, ...rest] = mark.quads;
    expect(across(first)[0]).toBeCloseTo(sup.x, 0);
    expect(across(first)[1]).toBeCloseTo(sup.right, 0);
    const text = glyphsOf(lines, '草原生态保护补助');
    expect(rest.length).toBeGreaterThanOrEqual(1);
    expect(across(rest[0])[0]).toBeCloseTo(text[0].x, 0);
    expect(sheet).toContain(`增inserted脚注2：${FOOTNOTE}`);
    expect(sheet).not.toMatch(/增inserted2\//);
  });
});

describe('round 3: back to round 1’s text', () => {
  it('lists the same edits the other way: 度 deleted, 座谈 → 会议 replaced, the footnote removed as a footnote', () => {
    const { json } = rounds[3];
    expect(json.changes.map((c) => [c.kind, c.deleted, c.text])).toEqual([
      ['delete', '度', ''],
      ['replace', '座谈', '会议'],
      ['delete', '上午', ''],
      ['insert', undefined, '和'],
      ['delete', '高质量', ''],
      ['delete', `脚注2：${FOOTNOTE}`, ''],
    ]);
  });

  it('marks the footnote removed where its number was printed, named with its words', () => {
    const { json, own, lines, sheet, source } = rounds[3];
    const gone = json.changes.find((c) => c.footnote)!;
    expect(gone.footnote).toBe('2');
    // just after the paragraph's 。, where [^2] stood
    const [line, column] = placeOf(source, '提出了建议。');
    expect([gone.line, gone.column]).toEqual([line, column + '提出了建议。'.length]);
    // 删N where its reference was, after the paragraph's 。, and where its text stood, after the footnote left
    const carets = own.filter((a) => a.subtype === 'Caret' && a.contents.startsWith(`Deleted since the last round (change ${gone.n})`));
    expect(carets.map((a) => a.contents.split('\n')[1])).toEqual([`− 脚注2：${FOOTNOTE}`, `− 脚注2：${FOOTNOTE}`]);
    for (const [caret, stop] of [
      [carets[0], glyphsOf(lines, '建议。')[2]],
      [carets[1], glyphsOf(lines, '统计局。')[3]],
    ] as const) {
      expect((caret.rect[0] + caret.rect[2]) / 2).toBeCloseTo(stop.right, 0);
      expect(Math.abs(caret.rect[1] - stop.y)).toBeLessThan(stop.size);
    }
    expect(sheet).toContain(`删deleted脚注2：${FOOTNOTE}`);
  });
});
