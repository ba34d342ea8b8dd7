// The one map between manuscript and printed text (src/proof/text-map.ts, printed-units.ts), without
// a browser: every printed character of the page's blocks, headline and 报眉 gets the source offset
// of the manuscript character it prints, on the seed and on a manuscript written for other tests;
// and manuscript offset → printed character → manuscript offset comes back where it started.
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { toString } from 'hast-util-to-string';
import { ROOT } from '../helpers/cli.js';
import { loadArticle } from '../../src/pipeline.js';
import { loadLayout } from '../../src/config/layout.js';
import { pageGeometry } from '../../src/page/geometry.js';
import { pageParts, runningHeadText } from '../../src/page/page-html.js';
import { browserTypeset } from '../../src/typeset/browser-typeset.js';
import { FULL_WIDTH } from '../../src/core/cjk.js';
import { textBlocks } from '../../src/core/text-blocks.js';
import { sourceUnits, type MeasuredUnit } from '../../src/proof/printed-units.js';
import { TextMap, alignToSource, pieceBox, type MapLine, type NoteMark, type Zone } from '../../src/proof/text-map.js';
import { blockChanges, roundChanges } from '../../src/proof/changes.js';
import { decodeSrc, encodeSrc } from '../../src/proof/data.js';

const MANUSCRIPTS = {
  seed: path.join(ROOT, 'manuscript/ningju-gongshi/article.md'),
  'a manuscript written for other tests': path.join(ROOT, 'tests/fixtures/manuscripts/plain/article.md'),
};

/** The printed units as the page has them: the flow blocks' text, the headline block, the 报眉. */
async function units(file: string) {
  const article = await loadArticle(file, { check: false });
  const layout = loadLayout(String(article.matter.layout ?? 'feature-8col'));
  const g = pageGeometry(layout);
  const { flow, headline } = pageParts(browserTypeset(article.hast).hast, g);
  const measured: MeasuredUnit[] = flow.map((el) => ({
    id: `block:${el.properties['data-line']}`,
    zone: 'body',
    block: Number(el.properties['data-line']),
    page: 1,
    text: toString(el),
  }));
  for (const el of headline?.children ?? []) {
    if (el.type !== 'element') continue;
    const cls = String(el.properties.className);
    measured.push({ id: cls, zone: 'headline', block: null, page: 1, text: toString(el) });
  }
  const head = layout.runningHead as { left?: string; right?: string };
  for (const side of ['left', 'right'] as const) {
    const text = runningHeadText(head[side], article.matter);
    if (text) measured.push({ id: `rh-${side}:p1`, zone: 'running-head', block: null, page: 1, text });
  }
  const source = String(article.file.value);
  return { article, source, printed: sourceUnits({ tree: article.mdast, source, matter: article.matter }, layout, measured) };
}

/** A printed character is the manuscript character, or its full-width form. */
const prints = (src: string, printed: string) => src === printed || FULL_WIDTH[src] === printed || (/\s/.test(src) && /\s/.test(printed));

/**
 * Each printed character of `printed` prints the manuscript character its offset names; only what the
 * page adds has no source (the 报眉's own words, white space between list items). How many were mapped.
 */
function mappedChars(source: string, printed: Awaited<ReturnType<typeof units>>['printed']): number {
  let mapped = 0;
  for (const u of printed) {
    u.src.forEach((o, i) => {
      if (o < 0) {
        expect(u.zone === 'running-head' || /\s/.test(u.text[i]), `${u.id}[${i}] “${u.text[i]}”`).toBe(true);
        return;
      }
      expect(prints(source[o], u.text[i]), `${u.id}[${i}]: “${source[o]}” printed as “${u.text[i]}”`).toBe(true);
      mapped++;
    });
  }
  return mapped;
}

/** Manuscript offset → printed place → manuscript offset for every printed character; how many were checked. */
async function roundTrip(file: string): Promise<number> {
  const { article, source, printed } = await units(file);
  // One printed line per unit, one pixel per character: positions do not matter here, the chain does.
  const lines: MapLine[] = printed.map((u, k) => ({
    unit: u.id,
    page: 1,
    column: 1,
    columnLine: k + 1,
    from: 0,
    to: u.text.length,
    left: 0,
    top: k * 20,
    width: u.text.length,
    height: 12,
    xs: Array.from(u.text, (_, i) => i),
  }));
  const map = new TextMap(source, printed, lines);
  let checked = 0;
  for (const block of textBlocks(article.mdast, source)) {
    block.offsets.forEach((o) => {
      if (o < 0 || /\s/.test(source[o])) return;
      const [piece] = map.printed(o, o + 1);
      if (!piece) return; // not printed on the page (e.g. a slot photo's caption here)
      expect(map.source(piece.line.unit, piece.from, piece.to)).toEqual({ start: o, end: o + 1 });
      checked++;
    });
  }
  // offsets survive the trip into the PDF and back
  for (const u of printed) expect(decodeSrc(u.text.length, encodeSrc(u.src))).toEqual(u.src);
  return checked;
}

describe.each(Object.entries(MANUSCRIPTS))('the text map on %s', (_, file) => {
  it('gives every printed character the offset of the manuscript character it prints', async () => {
    const { source, printed } = await units(file);
    expect(mappedChars(source, printed)).toBeGreaterThan(50);
  });

  it('maps every manuscript character that is printed to its printed place and back', async () => {
    expect(await roundTrip(file)).toBeGreaterThan(50);
  });
});

describe('the text map where the typesetter left out spaces beside Chinese marks', () => {
  // tests/fixtures/typeset/cjk-space: 人事事项 （免职） 。 prints 人事事项（免职）。 (src/typeset/rehype-cjk-space.ts)
  const file = path.join(ROOT, 'tests/fixtures/typeset/cjk-space/article.md');

  it('gives each printed character around them the offset of the manuscript character it prints', async () => {
    const { source, printed } = await units(file);
    const spaced = printed.find((u) => u.id === 'block:5');
    expect(spaced?.text).toBe('人事事项（免职）。');
    expect(spaced?.src.map((o) => source[o]).join('')).toBe('人事事项（免职）。');
    expect(
      printed
        .find((u) => u.id === 'block:13')
        ?.src.map((o) => source[o])
        .join(''),
    ).toBe('这是粗体，链接。');
    // inline code (lines 40 and 42) is not in the text blocks the map aligns with: its characters have no source
    const withoutCode = printed.filter((u) => u.id !== 'block:40' && u.id !== 'block:42');
    expect(mappedChars(source, withoutCode)).toBeGreaterThan(100);
  });

  it('maps every manuscript character that is printed to its printed place and back', async () => {
    expect(await roundTrip(file)).toBeGreaterThan(100);
  });
});

describe('the boxes of printed pieces', () => {
  it('ends a piece at its last character, not across the gap to the next cell of a table row', () => {
    // A table row printed as one line: 2024 | 15 | 3, the cells' line ends taking no room.
    const line: MapLine = {
      unit: 'u',
      page: 1,
      from: 0,
      to: 8,
      left: 0,
      top: 0,
      width: 130,
      height: 12,
      xs: [0, 6, 12, 18, null, 60, 66, null],
    };
    expect(pieceBox({ line, from: 5, to: 7 })).toMatchObject({ left: 60, width: 12 });
    // 15 then, past the gap, the next cell: the box ends within an em of the last character's left edge
    const box = pieceBox({ line, from: 0, to: 4 });
    expect([box.left, box.width]).toEqual([0, 24]);
    // characters side by side: from the first's left edge to the next one's
    expect(pieceBox({ line, from: 0, to: 2 })).toMatchObject({ left: 0, width: 12 });
  });
});

describe('alignment and changes', () => {
  it('aligns printed text with the manuscript through full-width marks, dropped breaks and added text', () => {
    const expected = { text: 'a,b\nc', offsets: [10, 11, 12, 13, 14] };
    expect(alignToSource('a，bc', expected)).toEqual([10, 11, 12, 14]);
    expect(alignToSource('xa,b\nc', expected)).toEqual([-1, 10, 11, 12, 13, 14]);
  });

  it('gives a word changed by one run of characters as that run inserted or deleted, and other words replaced', () => {
    const one = (before: string, after: string) => blockChanges('b', before, after).map((c) => [c.kind, c.from, c.deleted ?? '', c.text]);
    expect(one('2026年工作', '2026年度工作')).toEqual([['insert', 5, '', '度']]);
    expect(one('自治区政协主席', '自治区政协副主席')).toEqual([['insert', 5, '', '副']]);
    expect(one('委员们审议了报告', '委员们审了报告')).toEqual([['delete', 4, '议', '']]);
    expect(one('在呼和和浩特召开', '在呼和浩特召开')).toEqual([['delete', 3, '和', '']]);
    // nothing in common, the same characters in another order, characters added at two places: replaced
    expect(one('工作会议', '工作座谈')).toEqual([['replace', 2, '会议', '座谈']]);
    expect(one('展开讨论', '开展讨论')).toEqual([['replace', 0, '展开', '开展']]);
    expect(one('人大', '人民代表大会')).toEqual([['replace', 0, '人大', '人民代表大会']]);
    expect(one('常务委员会议', '常委会议')).toEqual([['replace', 0, '常务委员', '常委']]);
    // a character beyond U+FFFF is never cut in two (钱𬘭 → 钱𬘭𬌗: 𬌗 whole, after 𬘭)
    expect(one('钱𬘭', '钱𬘭𬌗')).toEqual([['insert', 3, '', '𬌗']]);
  });

  it('gives a footnote added with the story’s first footnote as one change, its text and number', () => {
    const before = [{ id: 'block:10', text: '草原上的风。' }];
    const after = [
      { id: 'block:10', text: '草原上的风。1', notes: [[6, 7, '1']] as NoteMark[] },
      { id: 'footnotes', text: '注释\n\n\n据统计。\n\n\n', notes: [[5, 9, '1']] as NoteMark[] },
    ];
    // the section's heading came with it
    expect(roundChanges(before, after).map((c) => [c.kind, c.block, c.from, c.text.trim(), c.footnote])).toEqual([
      ['insert', 'block:10', 6, '据统计。', '1'],
      ['insert', 'footnotes', 0, '注释', undefined],
    ]);
    expect(roundChanges(after, before).map((c) => [c.kind, c.block, c.from, c.deleted?.trim(), c.footnote])).toEqual([
      ['delete', 'block:10', 6, '据统计。', '1'],
      ['delete', 'block:10', 6, '注释', undefined],
    ]);
    // a second reference to a footnote that stays: the reference, named, not its number alone
    const first = [after[0], { id: 'block:12', text: '又一段。' }, after[1]];
    const second = [after[0], { id: 'block:12', text: '又一段。1', notes: [[4, 5, '1']] as NoteMark[] }, after[1]];
    expect(roundChanges(first, second).map((c) => [c.kind, c.block, c.from, c.text])).toEqual([['insert', 'block:12', 4, '脚注1']]);
  });

  it('finds a changed word, an inserted and a deleted block, and a moved block', () => {
    expect(blockChanges('b', '共识是奋进的动力', '共识是前进的动力')).toEqual([
      { kind: 'replace', block: 'b', from: 3, to: 5, text: '前进', deleted: '奋进' },
    ]);
    const before = ['甲段落的文字。', '乙段落的文字，将移动。', '丙段落的文字。', '丁段落将删去。'].map((text, i) => ({
      id: `o${i}`,
      text,
    }));
    const after = ['甲段落的文字。', '丙段落的文字。', '乙段落的文字，将移动。', '新增的戊段落。'].map((text, i) => ({
      id: `n${i}`,
      text,
    }));
    const changes = roundChanges(before, after);
    expect(changes.map((c) => [c.kind, c.block, c.text || c.deleted])).toEqual([
      ['move', 'n2', '乙段落的文字，将移动。'],
      ['insert', 'n3', '新增的戊段落。'],
      // where it was: the place the new block took (not after it, not nowhere)
      ['delete', 'n3', '丁段落将删去。'],
    ]);
  });

  it('marks a block rewritten in full (a heading) as deleted where the new one stands, not at the block after it', () => {
    const before = ['一间教室', '下一步', '巴图说，明年他想带孩子们去一趟呼和浩特。'].map((text, i) => ({ id: `o${i}`, text }));
    const after = ['一间教室', '明年的打算', '巴图说，明年他想带孩子们去一趟呼和浩特。'].map((text, i) => ({ id: `n${i}`, text }));
    expect(roundChanges(before, after).map((c) => [c.kind, c.block, c.from, c.text || c.deleted])).toEqual([
      ['insert', 'n1', 0, '明年的打算'],
      ['delete', 'n1', 0, '下一步'],
    ]);
  });

  it('marks the story’s last paragraph deleted after the paragraph before it, not at the 报眉 or a caption printed after the body', () => {
    const blocks = (texts: Array<[string, string, Zone]>) => texts.map(([id, text, zone]) => ({ id, text, zone }));
    const before = blocks([
      ['headline', '草原小学迎来新课堂', 'headline'],
      ['block:14', '本报讯 3月7日，孩子们第一次通过远程课堂上了音乐课。', 'body'],
      ['block:16', '下一步，教育厅将把远程课堂扩展到美术、科学等科目。', 'body'],
      ['caption:18', '2024年3月7日，孩子们在上课。', 'caption'],
      ['rh-left:p1', '北疆晚报  2024-03-08', 'running-head'],
    ]);
    const after = before.filter((b) => b.id !== 'block:16');
    expect(roundChanges(before, after).map((c) => [c.kind, c.block, c.from, c.deleted])).toEqual([
      ['delete', 'block:14', before[1].text.length, before[2].text],
    ]);
    // the last caption deleted: after the caption before it, not at the 报眉 that follows
    const twoCaptions = [...before.slice(0, 4), { id: 'caption:20', text: '孩子们在唱歌。', zone: 'caption' as Zone }, before[4]];
    const withoutLast = twoCaptions.filter((b) => b.id !== 'caption:20');
    expect(roundChanges(twoCaptions, withoutLast).map((c) => [c.kind, c.block, c.from])).toEqual([
      ['delete', 'caption:18', before[3].text.length],
    ]);
  });
});
