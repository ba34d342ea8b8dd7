// The seed manuscript keeps its defects on purpose; the copy desk must find each one, at its line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { checkPath, checkText } from '../../src/check/run.js';
import { findHalfWidthPunctuation } from '../../src/core/cjk.js';
import { ROOT } from '../helpers/cli.js';

const SEED = path.join(ROOT, 'manuscript/ningju-gongshi/article.md');
const source = readFileSync(SEED, 'utf8');
const lines = source.split('\n');
/** 1-based line of the first line that contains `text` (after `from`). */
const lineOf = (text: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(text)) + 1;

let file: VFile;
const by = (id: string) => file.messages.filter((m) => m.ruleId === id);

beforeAll(async () => {
  file = (await checkPath(SEED)).file;
});

describe('the seed manuscript', () => {
  it('reports the repeated section at both places, each naming the other', () => {
    const first = lineOf('——以“北疆文化”凝聚共识。');
    const second = lineOf('——以“北疆文化”凝聚共识。', first);
    const endFirst = lineOf('进入新阶段、踏上新征程');
    const endSecond = lineOf('进入新阶段、踏上新征程', endFirst);
    expect(second).toBeGreaterThan(first);
    const found = by('duplicate-passage');
    expect(found.map((m) => m.line)).toEqual([first, second]);
    expect(found[0].reason).toContain(`lines ${second}–${endSecond}`);
    expect(found[1].reason).toContain(`lines ${first}–${endFirst}`);
    expect(found.every((m) => m.fatal === true)).toBe(true);
  });

  it('still finds the repeated section after small edits to one copy', async () => {
    const first = lineOf('——以“北疆文化”凝聚共识。');
    const second = lineOf('——以“北疆文化”凝聚共识。', first);
    const edited = [...lines];
    edited[second - 1] = edited[second - 1].replace('气氛热烈', '气氛十分热烈').replace('30余万字', '三十余万字').replace(/,/g, '，');
    expect(edited[second - 1]).not.toBe(lines[first - 1]);
    const { file: copy } = await checkText(edited.join('\n'), SEED);
    const found = copy.messages.filter((m) => m.ruleId === 'duplicate-passage');
    expect(found.map((m) => m.line)).toEqual([first, second]);
    expect(found[1].reason).toMatch(/^This passage of 2 paragraphs repeats lines \d+–\d+ with small differences/);
  });

  it('reports the paragraph split at “增进 / 民生福祉” and the one a photo interrupts', () => {
    const split = lineOf('破解民生难题、增进');
    const interrupted = lineOf('“高规格、高层次、高水平');
    const photo = lineOf('![2023年7月15日');
    const found = by('split-paragraph');
    expect(found.map((m) => m.line)).toEqual([interrupted, split]);
    expect(found[0].reason).toContain(`photo at line ${photo}`);
    expect(found[1].reason).toContain(`line ${lineOf('民生福祉,为全面建设')}`);
    // Reported at the last character of the broken paragraph.
    expect(found[1].column).toBe([...lines[split - 1]].length);
  });

  it('reports half-width punctuation once per block, with the count and first position', () => {
    const found = by('half-width-punctuation');
    // Each block of the seed is one line; count what the shared detector finds on each body line.
    const body = lines.slice(lines.indexOf('---', 1) + 1);
    const expected = body
      .map((l, i) => ({ line: i + lines.indexOf('---', 1) + 2, n: findHalfWidthPunctuation(l.replace(/^#+ |^::\w+\[/, '')).length }))
      .filter((x) => x.n > 0);
    expect(found.map((m) => m.line)).toEqual(expected.map((x) => x.line));
    for (const [i, m] of found.entries()) {
      expect(m.reason).toMatch(new RegExp(`^${expected[i].n} half-width marks? in Chinese text \\(first: '.' at ${m.line}:${m.column}\\)`));
      const ch = lines[m.line! - 1][m.column! - 1];
      expect(',;:?!()').toContain(ch);
    }
    expect(found.length).toBeLessThan(60);
  });

  it('reports the caption with no photo on the last line', () => {
    const last = lineOf('2023年6月30日,自治区政协举办');
    expect(last).toBe(lines.findLastIndex((l) => l.trim() !== '') + 1);
    expect(by('orphan-caption').map((m) => `${m.line}:${m.column}`)).toEqual([`${last}:1`]);
  });

  it('reports the stand-in photo', () => {
    const found = by('image-standin');
    expect(found.map((m) => m.line)).toEqual([lineOf('](images/photo-1.standin.jpg)')]);
    expect(found[0].reason).toContain('stand-in');
  });

  it('reports the front matter placeholders and nothing about the headline or fonts', () => {
    expect(by('matter-placeholder').map((m) => m.line)).toEqual(
      ['paper:', 'page:', 'section:', 'date:', 'editor:', 'designer:'].map((k) => lineOf(k)),
    );
    expect(by('headline-count')).toEqual([]);
    expect(by('font-coverage')).toEqual([]);
    expect(by('photo-credit')).toEqual([]);
  });
});
