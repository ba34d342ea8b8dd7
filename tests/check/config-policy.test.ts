// The checks cannot be switched off by what arrives with a manuscript: a manuscript folder's own
// config.yaml may only make them stricter (src/config/policy.ts); config patterns run in RE2 and
// are refused at their line when RE2 cannot run them; numeric options and limits have ranges.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath } from '../../src/check/run.js';
import { KNOWN_OPTIONS, OPTION_BOUNDS } from '../../src/check/index.js';
import { loadCheckConfig } from '../../src/config/desk.js';
import { limitsFor } from '../../src/config/limits.js';
import { InputError } from '../../src/core/input-error.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A manuscript folder with this config.yaml beside its article.md. */
function manuscript(config: string, text = '# 主题\n\n正文。\n'): string {
  const folder = path.join(dir, `story-${n++}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'config.yaml'), config);
  writeFileSync(path.join(folder, 'article.md'), text);
  return path.join(folder, 'article.md');
}

describe("a manuscript folder's config.yaml", () => {
  it.each([
    ['check:\n  rules:\n    orphan-caption: off\n', '3:5', /"orphan-caption: off" would turn off a check the project runs/],
    ['check:\n  rules:\n    split-paragraph: info\n', '3:5', /"split-paragraph: info" is below the project's warning/],
    ['check:\n  rules:\n    duplicate-passage: { severity: warning }\n', '3:5', /below the project's error/],
    [
      'check:\n  rules:\n    image-resolution: { minPpi: 100 }\n',
      '3:25',
      /"image-resolution.minPpi: 100" is looser than the project's 200 \(only higher is stricter\)/,
    ],
    [
      'check:\n  rules:\n    caption-style: { pattern: ".*" }\n',
      '3:22',
      /option "caption-style.pattern" cannot be judged stricter or looser/,
    ],
  ])('may not loosen the checks: %j', async (config, at, message) => {
    const file = manuscript(config);
    const folderConfig = path.join(path.dirname(file), 'config.yaml');
    const error = await checkPath(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect(
      (error as Error).message.startsWith(`${folderConfig}:${at}: a manuscript folder's config.yaml may only make the checks stricter`),
    ).toBe(true);
    expect((error as Error).message).toContain('manuscript/config.yaml, or pass the file with --config');
  });

  it('names every loosening setting at once, each at its line', async () => {
    const file = manuscript('check:\n  rules:\n    matter-placeholder: off\n    control-characters: warning\nlimits:\n  maxNesting: 100\n');
    const folderConfig = path.join(path.dirname(file), 'config.yaml');
    const error = (await checkPath(file).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(InputError);
    expect(error.message.split('\n').map((l) => l.replace(/ \(.*$/, ''))).toEqual([
      `${folderConfig}:6:3: a manuscript folder's config.yaml may only lower a limit; maxNesting: 100 is above the project's 32`,
    ]);
    writeFileSync(folderConfig, 'check:\n  rules:\n    matter-placeholder: off\n    control-characters: warning\n');
    const rules = (await checkPath(file).catch((e: unknown) => e)) as Error;
    expect(rules.message.split('\n').map((l) => l.replace(/; .*$/, ''))).toEqual([
      '2 problems in the configuration:',
      `${folderConfig}:3:5: a manuscript folder's config.yaml may only make the checks stricter`,
      `${folderConfig}:4:5: a manuscript folder's config.yaml may only make the checks stricter`,
    ]);
  });

  it('may make them stricter: a higher severity, a stricter option, a rule the project left at info', async () => {
    const file = manuscript(
      'check:\n  rules:\n    split-paragraph: error\n    heading-length: { maxLines: 1, maxLength: 0 }\n',
      '# 主题\n\n## 这是一个相当长的小标题用来测试长度限制是否生效\n\n正文,未完\n\n继续。\n',
    );
    const { file: vfile } = await checkPath(file);
    const found = vfile.messages.map((m) => `${m.ruleId} ${m.fatal}`);
    expect(found).toContain('split-paragraph true');
    expect(found).toContain('heading-length false');
  });

  it('may lower a limit, not raise one', () => {
    const lower = manuscript('limits:\n  maxNesting: 8\n');
    expect(limitsFor(path.dirname(lower)).maxNesting).toBe(8);
    const higher = manuscript('limits:\n  maxNesting: 64\n');
    expect(() => limitsFor(path.dirname(higher))).toThrow(
      `${path.join(path.dirname(higher), 'config.yaml')}:2:3: a manuscript folder's config.yaml may only lower a limit; maxNesting: 64 is above the project's 32`,
    );
  });
});

describe('config patterns and option ranges', () => {
  const write = (text: string) => {
    const file = path.join(dir, `config-${n++}.yaml`);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    [
      "check:\n  rules:\n    caption-style: { pattern: '(?=2023)\\d+' }\n",
      /config-\d+\.yaml:3:31: check\.rules\.caption-style\.pattern is not a pattern the checks can run \(invalid or unsupported Perl syntax: `\(\?=`\); patterns are RE2/,
    ],
    [
      "check:\n  rules:\n    photo-credit: { creditPattern: '(摄' }\n",
      /config-\d+\.yaml:3:36: check\.rules\.photo-credit\.creditPattern is not a pattern/,
    ],
    [
      'check:\n  rules:\n    duplicate-passage: { minLength: 0 }\n',
      /config-\d+\.yaml:3:37: check\.rules\.duplicate-passage\.minLength is 0; write a number from 8 to 100000/,
    ],
    [
      'check:\n  rules:\n    duplicate-passage: { minSentenceLength: 0 }\n',
      /check\.rules\.duplicate-passage\.minSentenceLength is 0; write a number from 8 to 100000/,
    ],
    [
      'check:\n  rules:\n    image-resolution: { minPpi: -5 }\n',
      /check\.rules\.image-resolution\.minPpi is -5; write a number from 1 to 2400/,
    ],
  ])('refused at its line: %j', (text, message) => {
    const file = write(text);
    expect(() => loadCheckConfig(file, KNOWN_OPTIONS, OPTION_BOUNDS)).toThrow(InputError);
    expect(() => loadCheckConfig(file, KNOWN_OPTIONS, OPTION_BOUNDS)).toThrow(message);
  });

  it('a pattern that backtracks exponentially in JavaScript runs in linear time (RE2)', async () => {
    const config = loadCheckConfig(
      write("check:\n  rules:\n    orphan-caption: { pattern: '^(a+)+$', maxLength: 100000 }\n    caption-style: { pattern: '^(a+)+$' }\n"),
      KNOWN_OPTIONS,
      OPTION_BOUNDS,
    );
    // JavaScript's engine takes 2^n steps on n a's followed by a mismatch; 5,000 would never end.
    const text = `# 主题\n\n${'a'.repeat(5000)}!\n\n![${'a'.repeat(5000)}!](images/none.jpg)\n\n正文。\n\n${'a'.repeat(30)}\n`;
    const { file } = await checkPath(manuscript('', text), { config });
    expect(file.messages.filter((m) => m.ruleId === 'caption-style').map((m) => m.line)).toEqual([5]);
    // The last paragraph matches the pattern whole: caption-like, with no photo beside it.
    expect(file.messages.filter((m) => m.ruleId === 'orphan-caption').map((m) => m.line)).toEqual([9]);
    expect(file.messages.filter((m) => m.ruleId === 'check-failed')).toEqual([]);
  });

  it('a limit must be a whole number in its range', () => {
    const file = write('limits:\n  maxNesting: 0\n');
    expect(() => limitsFor(dir, file)).toThrow(`${file}:2:15: limits.maxNesting is 0; write a whole number from 1 to 256`);
    const unknown = write('limits:\n  maxNestng: 10\n');
    expect(() => limitsFor(dir, unknown)).toThrow(/2:3: unknown key "maxNestng" in limits; did you mean "maxNesting"\?/);
  });
});
