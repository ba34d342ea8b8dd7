// The content-stream tokenizer (src/press/content.ts) on the cases that break a naive one:
// operator-like text inside strings, hex strings, dictionaries and arrays as operands, comments,
// inline image data, Type 3 glyph operators, numbers in every form PDF allows. Each operation's
// byte range must cover exactly its operands and operator, since the press splices new text there.
import { describe, expect, it } from 'vitest';
import { numberAt, operations, scanOperations, splice } from '../../src/press/content.js';

const ops = (text: string) => operations(text).map((o) => [o.op, ...o.args]);
/** what each operation's byte range covers */
const spans = (text: string) => operations(text).map((o) => text.slice(o.start, o.end));

describe('operations', () => {
  it('reads operators with their operands, and the bytes each spans', () => {
    const text = 'q 1 0 0 1 72 700 cm\n0.2 0.4 0.6 rg 10 20 m 30 40 l S Q';
    expect(ops(text)).toEqual([
      ['q'],
      ['cm', '1', '0', '0', '1', '72', '700'],
      ['rg', '0.2', '0.4', '0.6'],
      ['m', '10', '20'],
      ['l', '30', '40'],
      ['S'],
      ['Q'],
    ]);
    expect(spans(text)).toEqual(['q', '1 0 0 1 72 700 cm', '0.2 0.4 0.6 rg', '10 20 m', '30 40 l', 'S', 'Q']);
  });

  it('takes numbers in every form: signs, leading and trailing points', () => {
    expect(ops('.5 -1. +3 -.25 0 rg')).toEqual([['rg', '.5', '-1.', '+3', '-.25', '0']]);
  });

  it('never takes text inside a string for an operator: nested and escaped parentheses, escapes', () => {
    const text = String.raw`BT /F1 9 Tf (0 0 0 rg) Tj (a (1 0 0 RG) b) Tj (c \) 0 1 0 rg \\) Tj (\(d) Tj ET`;
    expect(ops(text)).toEqual([
      ['BT'],
      ['Tf', '/F1', '9'],
      ['Tj', '(0 0 0 rg)'],
      ['Tj', '(a (1 0 0 RG) b)'],
      ['Tj', String.raw`(c \) 0 1 0 rg \\)`],
      ['Tj', String.raw`(\(d)`],
      ['ET'],
    ]);
  });

  it('reads hex strings, arrays of strings and dictionaries as single operands', () => {
    const text = '<30203020726720> Tj [(A) -120 <2072 67> 50 (B)] TJ /Span << /MCID 3 /Alt (1 0 0 rg) /Sub << /A <6a> >> >> BDC EMC';
    expect(ops(text)).toEqual([
      ['Tj', '<30203020726720>'],
      ['TJ', '[(A) -120 <2072 67> 50 (B)]'],
      ['BDC', '/Span', '<< /MCID 3 /Alt (1 0 0 rg) /Sub << /A <6a> >> >>'],
      ['EMC'],
    ]);
  });

  it('nests arrays and dictionaries in each other, with brackets inside their strings', () => {
    expect(ops('/P << /K [ << /T (x]) /H <5d3e> >> 1 [2 (>>)] ] >> BDC [[1 2] [<3e> (])]] 0 d')).toEqual([
      ['BDC', '/P', '<< /K [ << /T (x]) /H <5d3e> >> 1 [2 (>>)] ] >>'],
      ['d', '[[1 2] [<3e> (])]]', '0'],
    ]);
  });

  it('skips comments to the end of the line', () => {
    expect(ops('% 1 0 0 rg a comment\n0 g % 0 0 1 RG\r0 G')).toEqual([
      ['g', '0'],
      ['G', '0'],
    ]);
  });

  it('steps over inline image data, whatever bytes it holds, to EI', () => {
    const data = '\x00rg\xff 1 0 0 RG\x10(EI';
    const text = `q BI /W 4 /H 1 /CS /RGB /BPC 8 ID ${data}\nEI Q 0 0 0 1 k`;
    expect(ops(text)).toEqual([
      ['q'],
      ['BI'],
      ['ID', '/W', '4', '/H', '1', '/CS', '/RGB', '/BPC', '8'],
      ['EI'],
      ['Q'],
      ['k', '0', '0', '0', '1'],
    ]);
  });

  it('reads Type 3 glyph operators d0 and d1 like any other', () => {
    expect(ops('500 0 d0 0 0 1 rg 0 0 500 700 re f')).toEqual([
      ['d0', '500', '0'],
      ['rg', '0', '0', '1'],
      ['re', '0', '0', '500', '700'],
      ['f'],
    ]);
    expect(ops('600 0 0 -10 590 720 d1')).toEqual([['d1', '600', '0', '0', '-10', '590', '720']]);
  });

  it('reads colour operators with names and pattern operands', () => {
    expect(ops('/CS0 cs 0.1 0.2 0.3 scn /Pattern CS /P1 SCN 0.5 0.5 0.5 /P2 scn')).toEqual([
      ['cs', '/CS0'],
      ['scn', '0.1', '0.2', '0.3'],
      ['CS', '/Pattern'],
      ['SCN', '/P1'],
      ['scn', '0.5', '0.5', '0.5', '/P2'],
    ]);
  });

  it('keeps operands of an unfinished stream without inventing an operator', () => {
    expect(ops('q 1 0 0')).toEqual([['q']]);
  });
});

describe('scanOperations', () => {
  it('visits the same operations and spans, with operands only for the operators asked for', () => {
    const text = 'q BT /F1 9 Tf 1 0 0 -1 10 20 Tm (0 0 0 rg) Tj ET 0.5 g 1 0 0 rg Q';
    const seen: Array<[string, string[], string]> = [];
    scanOperations(text, (o) => seen.push([o.op, o.args, text.slice(o.start, o.end)]), new Set(['rg', 'Tm']));
    expect(seen).toEqual([
      ['q', [], 'q'],
      ['BT', [], 'BT'],
      ['Tf', [], '/F1 9 Tf'],
      ['Tm', ['1', '0', '0', '-1', '10', '20'], '1 0 0 -1 10 20 Tm'],
      ['Tj', [], '(0 0 0 rg) Tj'],
      ['ET', [], 'ET'],
      ['g', [], '0.5 g'],
      ['rg', ['1', '0', '0'], '1 0 0 rg'],
      ['Q', [], 'Q'],
    ]);
    expect(operations(text).map((o) => text.slice(o.start, o.end))).toEqual(seen.map((s) => s[2]));
  });

  it('gives the operands of the operators asked for as numbers, NaN for one that is not a number', () => {
    const text = 'BT 1 0 0 -1 10.5 -20.25 Tm 3 -.5 Td (x) Tj ET /CS0 cs 0.1 0.2 /P1 scn 0.5 g';
    const seen: Array<[string, number[]]> = [];
    scanOperations(text, (o) => seen.push([o.op, o.values]), new Set(), new Set(['Tm', 'Td', 'scn']));
    expect(seen).toEqual([
      ['BT', []],
      ['Tm', [1, 0, 0, -1, 10.5, -20.25]],
      ['Td', [3, -0.5]],
      ['Tj', []],
      ['ET', []],
      ['cs', []],
      ['scn', [0.1, 0.2, Number.NaN]],
      ['g', []],
    ]);
  });

  it('reads a number exactly as Number() does, in every form and at every length', () => {
    const forms = ['0', '-0', '+0', '.5', '-1.', '+3', '-.25', '0.1', '0.3', '3.14159', '-123.456', '1.0000000000001', '999999999999999'];
    const odd = ['1234567890123456', '0.12345678901234567', '1.2.3', '--1', '-', '.', '+.', '1-2', '/Name', '(1)', '[1]', '<01>'];
    // pseudo-random decimals of 1 to 17 digits with the point anywhere, as PDF writers print them
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const made = Array.from({ length: 5000 }, () => {
      const digits = Array.from({ length: 1 + Math.floor(random() * 17) }, () => Math.floor(random() * 10)).join('');
      const at = Math.floor(random() * (digits.length + 1));
      return `${random() < 0.3 ? '-' : ''}${digits.slice(0, at)}${random() < 0.8 ? '.' : ''}${digits.slice(at)}`;
    });
    for (const s of [...forms, ...odd, ...made]) expect(Object.is(numberAt(s, 0, s.length), Number(s)), s).toBe(true);
    // and within a longer text, from its own offsets
    expect(numberAt('1 0 0 -1 10.5 -20.25 Tm', 9, 13)).toBe(10.5);
  });

  it('takes a name it has seen before for the same operator, and a long or unusual one as written', () => {
    const names: string[] = [];
    scanOperations('BDC EMC BDC \u0100x d0 abcd', (o) => names.push(o.op));
    expect(names).toEqual(['BDC', 'EMC', 'BDC', '\u0100x', 'd0', 'abcd']);
  });
});

describe('splice', () => {
  it('replaces operations by their byte ranges, in any order, leaving the rest byte for byte', () => {
    const text = 'q (0 0 0 rg) Tj 1 0 0 rg 0 0 0 RG Q';
    const o = operations(text);
    const out = splice(text, [
      { start: o[3].start, end: o[3].end, text: '0 0 0 1 K' },
      { start: o[2].start, end: o[2].end, text: '0 1 1 0 k' },
    ]);
    expect(out).toBe('q (0 0 0 rg) Tj 0 1 1 0 k 0 0 0 1 K Q');
  });
});
