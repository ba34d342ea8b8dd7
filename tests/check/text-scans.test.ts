// The checks that read a block's text character by character (they read it by code, and slice it,
// instead of making a string of each character): what they find, pinned on text with Han
// characters, marks, soft line breaks and characters outside the BMP.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/run.js';
import { textBlocks } from '../../src/core/text-blocks.js';
import { parseManuscript } from '../../src/markdown/processor.js';
import { VFile } from 'vfile';
import { ROOT } from '../helpers/cli.js';

const EXAMPLE = path.join(ROOT, 'tests/check/fixtures/media/example.md');

async function findings(id: string, markdown: string) {
  const { file } = await checkText(markdown, EXAMPLE, { config: { rules: {} } });
  return file.messages.filter((m) => m.ruleId === id).map((m) => `${m.line}:${m.column} ${m.reason}`);
}

describe('text scans of the checks', () => {
  it('unbalanced-pairs finds each mark among Han characters, and nothing in text without marks', async () => {
    expect(await findings('unbalanced-pairs', '# 主题\n\n前文“引文（括号里）后文。又一句》。\n')).toEqual([
      '3:3 ““” is never closed in this paragraph: add “””',
      '3:17 “》” closes nothing: no “《” before it in this paragraph',
    ]);
    expect(await findings('unbalanced-pairs', '# 主题\n\n进入新阶段、踏上新征程，自治区政协𠀀将切实承担起政治责任。\n')).toEqual([]);
  });

  it('duplicate-passage finds a near copy made of characters outside the BMP too', async () => {
    const para = (s: string) => `𠀀𠀁会议指出，𠀂文史工作是人民政协一项富有统一战线特色的经常性工作，${s}𠀃𠀄。`;
    const found = await findings(
      'duplicate-passage',
      `# 主题\n\n${para('要专门成立工作组，加强统筹协调')}\n\n${para('要成立工作组，加强统筹')}\n`,
    );
    expect(found).toEqual([
      '3:1 This paragraph is repeated with small differences at line 5: delete one copy',
      '5:1 This paragraph repeats line 3 with small differences: delete one copy',
    ]);
  });

  it('drops a soft line break between CJK characters from a block, keeping every other character at its source offset', async () => {
    const source = '# 主题\n\n第一行\n第二行 and\nmore 文字\n';
    const file = new VFile({ path: EXAMPLE, value: source });
    const tree = await parseManuscript(file);
    const block = textBlocks(tree, source).find((b) => b.kind === 'paragraph')!;
    expect(block.text).toBe('第一行第二行 and\nmore 文字');
    expect(block.offsets.map((o) => (o >= 0 ? source[o] : '?')).join('')).toBe(block.text);
  });

  it('gives every UTF-16 unit of a block with characters beyond U+FFFF its source offset, in the body and the front matter', async () => {
    // 𬘭 and 𬌗 are two UTF-16 units each: the offsets counted code points, so the block's last ones were missing
    expect(await findings('doubled-punctuation', '# 主题\n\n获奖者有钱𬘭、李𬌗等人。。\n')).toEqual([
      "3:14 '。。': a mark typed twice; keep one (`npm run check -- --fix` does)",
    ]);
    const source = '---\nheadline: 钱𬘭获奖\n---\n\n获奖者钱𬘭、李𬌗。\n';
    const file = new VFile({ path: EXAMPLE, value: source });
    const tree = await parseManuscript(file);
    for (const block of textBlocks(tree, source)) {
      expect(block.offsets).toHaveLength(block.text.length);
      expect(block.offsets.map((o) => source[o]).join('')).toBe(block.text);
    }
  });
});
