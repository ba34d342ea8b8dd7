// Limits before the parser (src/manuscript/guard.ts) and after it (src/markdown/nesting.ts): input
// that the parser or the stages after it cannot handle in bounded time and memory is refused with
// one located finding; the guard's own ids cannot be switched off; a check that cannot run is an
// error; findings past the limit are counted in one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureText } from '../../src/manuscript/guard.js';
import { readManuscript } from '../../src/manuscript/read.js';
import { checkPath, checkText } from '../../src/check/run.js';
import { capFindings } from '../../src/check/index.js';
import { DEFAULT_LIMITS } from '../../src/config/limits.js';
import { VFile } from 'vfile';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLE = path.join(dir, 'example.md');
const NO_CONFIG = { config: { rules: {} } };

const limits = { maxNesting: 32, maxParagraphChars: 20_000, maxBlocks: 20_000, maxMarkup: 300_000 };
const at = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
};

describe('the guard before the parser (an estimate, refused at twice the limit)', () => {
  it.each([
    ['20,000 nested block quotes', `# 主题\n\n${'>'.repeat(20_000)} 深\n`, 'nesting-too-deep', '3:1'],
    ['2,000 list markers on one line', `# 主题\n\n${'1. '.repeat(2000)}深\n`, 'nesting-too-deep', '3:1'],
    ['bullets and quotes mixed', `# 主题\n\n${'> - '.repeat(40)}深\n`, 'nesting-too-deep', '3:1'],
    [
      'a list nested 100 deep by indentation',
      `# 主题\n\n${Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- 项\n`).join('')}`,
      'nesting-too-deep',
      '67:1',
    ],
    ['5,000 emphasis markers opened', `# 主题\n\n${'*'.repeat(5000)}深${'*'.repeat(5000)}\n`, 'nesting-too-deep', '3:1'],
    ['1,600 nested images', `# 主题\n\n正文${'!['.repeat(1600)}a${'](x)'.repeat(1600)}\n`, 'nesting-too-deep', '3:132'],
    ['a paragraph past the limit', `# 主题\n\n短段落。\n\n${'长'.repeat(20_001)}\n`, 'paragraph-too-long', '5:1'],
    ['one long line in a list item', `# 主题\n\n- ${'长'.repeat(20_001)}\n`, 'paragraph-too-long', '3:1'],
    ['20,001 blocks: list items', `# 主题\n\n${'- 项\n'.repeat(20_000)}`, 'too-many-blocks', '20002:1'],
    ['20,001 blocks: footnote definitions', `正文[^1]。\n\n${'[^1]: 注。\n'.repeat(20_000)}`, 'too-many-blocks', '20002:1'],
    ['20,001 blocks: headings', `${'## 标题\n'.repeat(20_001)}`, 'too-many-blocks', '20001:1'],
    ['300,001 lines', `${`${'中\n'.repeat(99)}\n`.repeat(3100)}`, 'too-much-markup', '300001:1'],
    ['emphasis, 300,000 markers', `${`${'**短**段落。'.repeat(500)}\n\n`.repeat(200)}`, 'too-much-markup', '299:1'],
  ])('%s', (_name, text, ruleId, where) => {
    const found = measureText(text, limits);
    expect(found?.ruleId).toBe(ruleId);
    expect(at(text, found!.offset)).toBe(where);
  });

  it.each([
    ['a thematic break of many stars', `# 主题\n\n${'* '.repeat(500)}\n\n正文。\n`],
    ['a list nested 8 deep', Array.from({ length: 8 }, (_, i) => `${'   '.repeat(i)}1. 项\n`).join('')],
    ['emphasis opened and closed many times', `# 主题\n\n${'**重点**正文，*强调*。'.repeat(500)}\n`],
    ['Chinese emphasis between characters', `# 主题\n\n${'中**加粗**中'.repeat(1000)}\n`],
    ['many links', `# 主题\n\n${'[链接](https://example.org/a)，'.repeat(500)}\n`],
    ['deep indentation in fenced code', `# 主题\n\n\`\`\`\n${' '.repeat(200)}- 代码\n\`\`\`\n`],
    ['many paragraphs, each short', `# 主题\n\n${'短段落。\n\n'.repeat(19_000)}`],
    ['a long table (one block per row)', `| a | b |\n| - | - |\n${'| 甲 | 乙 |\n'.repeat(5000)}`],
  ])('lets through %s', (_name, text) => {
    expect(measureText(text, limits)).toBeUndefined();
  });
});

describe('a refused manuscript', () => {
  it('carries one located error and nothing else runs on it', async () => {
    const text = `---\nheadline: 〔主题〕\n---\n\n${'>'.repeat(500)} 深\n`;
    const { file, tree } = await checkText(text, EXAMPLE, NO_CONFIG);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`)).toEqual(['5:1 nesting-too-deep true']);
    expect(file.messages[0].reason).toMatch(/nested about 500 deep here; the limit is 32 \(limits.maxNesting in manuscript\/config.yaml\)/);
    expect(file.data.manuscript?.refused).toBe(true);
    expect(tree.children).toEqual([]);
  });

  it('nested past the limit but under the estimate is refused after parsing, exactly, at the deepest node', async () => {
    // 40 levels: the guard lets it through (it refuses at 64), the tree is measured exactly.
    const text = `# 主题\n\n正文。\n\n${'> '.repeat(40)}深\n`;
    const { file } = await checkText(text, EXAMPLE, NO_CONFIG);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:65 nesting-too-deep']);
    expect(file.messages[0].reason).toMatch(/nested 33 deep here/);
  });

  it('past the size limit is read only to the limit and located where it passes it', async () => {
    const file = path.join(dir, 'big.md');
    writeFileSync(file, `# 主题\n\n${'正文段落。\n\n'.repeat(2000)}`);
    const vfile = await readManuscript(file, { ...DEFAULT_LIMITS, maxInputBytes: 1000 });
    expect(vfile.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`)).toEqual(['119:2 input-too-large true']);
    expect(vfile.messages[0].reason).toMatch(/larger than 1,000 bytes.*limits.maxInputBytes/);
    expect(String(vfile.value)).toBe('');
    const { file: checked } = await checkPath(file, { limits: { ...DEFAULT_LIMITS, maxInputBytes: 1000 } });
    expect(checked.messages.map((m) => m.ruleId)).toEqual(['input-too-large']);
  });
});

describe('checks that cannot be switched off', () => {
  it('a lint comment cannot disable a guard finding, and says so', async () => {
    const text = `# 主题\n\n<!-- lint disable nesting-too-deep -->\n\n${'> '.repeat(40)}深\n`;
    const { file } = await checkText(text, EXAMPLE, NO_CONFIG);
    expect(file.messages.map((m) => m.ruleId)).toEqual(['nesting-too-deep']);
    const comment = await checkText('# 主题\n\n<!-- lint disable check-failed -->\n\n正文。\n', EXAMPLE, NO_CONFIG);
    expect(comment.file.messages.map((m) => `${m.ruleId} ${m.reason}`)).toEqual([
      'lint-comment "check-failed" cannot be disabled by a lint comment: it guards the checks themselves (see src/check/RULES.md)',
    ]);
  });

  it('a config cannot name a guard finding', async () => {
    const { loadCheckConfig } = await import('../../src/config/desk.js');
    const { KNOWN_OPTIONS } = await import('../../src/check/index.js');
    const file = path.join(dir, 'off.yaml');
    writeFileSync(file, 'check:\n  rules:\n    check-failed: off\n');
    expect(() => loadCheckConfig(file, KNOWN_OPTIONS)).toThrow(/off\.yaml:3:5: unknown key "check-failed" in check\.rules/);
  });

  it('findings past the limit are counted by rule in one finding, an error when any dropped one is', () => {
    const file = new VFile({ path: EXAMPLE, value: '' });
    for (let i = 0; i < 10; i++) {
      const m = file.message(`finding ${i}`, { place: { line: i + 1, column: 1 }, ruleId: i < 7 ? 'a' : 'b', source: 'baoban' });
      m.fatal = i === 8;
    }
    capFindings(file, 4);
    expect(file.messages.map((m) => `${m.line} ${m.ruleId} ${m.fatal}`)).toEqual([
      '1 a false',
      '2 a false',
      '3 a false',
      '4 a false',
      '5 too-many-findings true',
    ]);
    expect(file.messages[4].reason).toMatch(/^6 more findings are not listed \(1 of them errors; by rule: a 3, b 3\)/);
  });
});

describe('a check that cannot run', () => {
  it('is an error under its own id (no config or lint comment turns it down), located at the top, and the other checks still run', async () => {
    const { rulePlugin } = await import('../../src/check/plugin.js');
    const { defineRule } = await import('../../src/check/rule.js');
    const { unified } = await import('unified');
    const broken = defineRule({
      id: 'heading-empty',
      severity: 'info',
      summary: 'a rule that throws, standing in for one that breaks on odd input',
      why: 'test',
      options: {},
      examples: { ok: [], notOk: [] },
      check() {
        throw new RangeError('Maximum call stack size exceeded');
      },
    });
    const { file, tree } = await checkText('# 主题\n\n正文。\n', EXAMPLE, NO_CONFIG);
    await unified()
      .use(rulePlugin(broken as never), { severity: 'info' })
      .run(tree, file);
    const failed = file.messages.filter((m) => m.ruleId === 'check-failed');
    expect(failed.map((m) => `${m.line}:${m.column} ${m.fatal}`)).toEqual(['1:1 true']);
    expect(failed[0].reason).toMatch(
      /^The heading-empty check could not run \(Maximum call stack size exceeded\), so the manuscript is not known/,
    );
  });
});
