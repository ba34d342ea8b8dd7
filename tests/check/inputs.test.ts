// Bad input gets a clear, located finding, never a crash: broken YAML, invalid UTF-8, an empty
// file, only front matter, an unreadable image; lint comments and the project config work.
import path from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPath } from '../../src/check/run.js';
import { loadCheckConfig } from '../../src/config/desk.js';
import { KNOWN_OPTIONS } from '../../src/check/index.js';
import { InputError } from '../../src/core/input-error.js';
import { ROOT } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/check/fixtures');
const at = async (file: string) =>
  (await checkPath(path.join(FIX, file))).file.messages.map(
    (m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info'}`,
  );

describe('broken manuscripts', () => {
  it('broken YAML front matter: an error at the YAML line, and no second complaint about the headline', async () => {
    expect(await at('broken/bad-yaml.md')).toEqual(['4:1 front-matter-yaml error']);
  });

  it('invalid UTF-8: an error at the first bad byte; the rest is still checked', async () => {
    expect(await at('broken/invalid-utf8.md')).toEqual(['7:5 encoding error']);
  });

  it('an empty file and a file with only front matter: no-content', async () => {
    expect(await at('broken/empty.md')).toEqual(['1:1 headline-count error', '1:1 no-content error']);
    expect(await at('broken/only-matter.md')).toEqual(['1:1 no-content error']);
  });

  it('an image with corrupt bytes: image-unreadable, not a crash', async () => {
    const { file } = await checkPath(path.join(FIX, 'broken-image/article.md'));
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['7:1 image-unreadable']);
    expect(file.messages[0].reason).toContain('images/photo.jpg');
  });

  it('an unknown directive and broken lint comments are reported', async () => {
    expect(await at('broken/unknown-directive.md')).toEqual(['5:1 unknown-directive warning']);
    expect(await at('broken/lint-comment.md')).toEqual(['3:1 lint-comment warning', '7:1 lint-comment warning']);
  });

  it('a byline, credit or kicker holding more than its text says what is printed nowhere, at the end of the file too', async () => {
    // The byline in braces printed as an empty line; the list inside the closing :::kicker was left
    // out without a word (a finding past the document's last text was dropped by message control).
    expect(await at('broken/directive-dropped.md')).toEqual([
      '5:1 directive-dropped warning',
      '7:1 directive-dropped warning',
      '12:1 directive-dropped warning',
    ]);
  });

  it('a lint comment naming no rule is reported and not applied: the checks it would turn off still run', async () => {
    // broken/lint-disable-all.md: <!-- lint disable --> at the top and <!-- lint ignore --> before a
    // photo that is missing; the manuscript passed with 0 findings, its placeholder included.
    expect(await at('broken/lint-disable-all.md')).toEqual([
      '3:8 matter-placeholder error',
      '6:1 lint-comment warning',
      '8:9 half-width-punctuation warning',
      '10:1 lint-comment warning',
      '12:1 image-missing error',
    ]);
  });

  it('a clean manuscript has no findings', async () => {
    expect(await at('clean/article.md')).toEqual([]);
  });
});

describe('accepting findings in the manuscript', () => {
  it('<!-- lint disable/enable --> silences a passage, <!-- lint ignore --> the next block', async () => {
    // control/article.md: line 7 has a half-width comma inside disable…enable, line 11 outside;
    // line 15 is an orphan caption after `lint ignore orphan-caption`, with its own half-width comma.
    expect(await at('control/article.md')).toEqual(['11:9 half-width-punctuation warning', '15:11 half-width-punctuation warning']);
  });
});

describe('project config', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => {
    const file = path.join(dir, 'config.yaml');
    writeFileSync(file, text);
    return file;
  };

  it('turns rules off and changes severity and options', async () => {
    const config = loadCheckConfig(
      write(
        'check:\n  rules:\n    orphan-caption: off\n    split-paragraph: error\n    heading-length: { maxLength: 40, severity: info }\n',
      ),
      KNOWN_OPTIONS,
    );
    const { file } = await checkPath(path.join(ROOT, 'manuscript/ningju-gongshi/article.md'), { config });
    expect(file.messages.filter((m) => m.ruleId === 'orphan-caption')).toEqual([]);
    expect(file.messages.filter((m) => m.ruleId === 'split-paragraph').map((m) => m.fatal)).toEqual([true, true]);
    expect(file.messages.filter((m) => m.ruleId === 'heading-length')).toEqual([]);
  });

  it('applies to the pipeline’s own findings too', async () => {
    const config = loadCheckConfig(write('check:\n  rules:\n    front-matter-yaml: warning\n'), KNOWN_OPTIONS);
    const { file } = await checkPath(path.join(FIX, 'broken/bad-yaml.md'), { config });
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['front-matter-yaml', false]]);
  });

  it('refuses mistakes with file, line and column', () => {
    const cases: Array<[string, RegExp]> = [
      [
        'check:\n  rules:\n    no-such-rule: off\n',
        /config\.yaml:3:5: unknown key "no-such-rule" in check\.rules; the keys here are the rule ids in src\/check\/RULES\.md$/,
      ],
      [
        'check:\n  rules:\n    heading-length: { maxLenght: 3 }\n',
        /config\.yaml:3:23: unknown key "maxLenght" in check\.rules\.heading-length; did you mean "maxLength"\?$/,
      ],
      [
        'check:\n  rules:\n    image-resolution: { minPpi: high }\n',
        /config\.yaml:3:33: check\.rules\.image-resolution\.minPpi is "high"; write a number$/,
      ],
      [
        'check:\n  rules:\n    photo-credit: loud\n',
        /config\.yaml:3:19: check\.rules\.photo-credit is "loud"; write off, error, warning or info, or a mapping/,
      ],
      [
        'check:\n  rules:\n    caption-style: { pattern: "([" }\n',
        /config\.yaml:3:31: check\.rules\.caption-style\.pattern is not a pattern the checks can run/,
      ],
      ['check:\n  rules: [\n', /config\.yaml:\d+:\d+: not valid YAML: .*; correct the YAML syntax here$/],
    ];
    for (const [text, message] of cases) {
      const file = write(text);
      expect(() => loadCheckConfig(file, KNOWN_OPTIONS)).toThrow(InputError);
      expect(() => loadCheckConfig(file, KNOWN_OPTIONS)).toThrow(message);
    }
  });

  it('a manuscript folder’s config.yaml makes the checks stricter; folders above it are not read', async () => {
    const parent = path.join(dir, 'desk');
    const ms = path.join(parent, 'story');
    mkdirSync(ms, { recursive: true });
    writeFileSync(path.join(parent, 'config.yaml'), 'check:\n  rules:\n    half-width-punctuation: off\n');
    writeFileSync(path.join(ms, 'config.yaml'), 'check:\n  rules:\n    split-paragraph: { severity: error }\n');
    writeFileSync(path.join(ms, 'article.md'), '# 主题\n\n正文,未完\n\n继续。\n\n2023年6月30日，自治区政协举办文艺演出。\n');
    const { file } = await checkPath(path.join(ms, 'article.md'));
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`)).toEqual([
      '3:3 half-width-punctuation false',
      '3:5 split-paragraph true',
      '7:1 orphan-caption false',
    ]);
  });

  it('the project config file is valid', () => {
    const config = loadCheckConfig(path.join(ROOT, 'manuscript/config.yaml'), KNOWN_OPTIONS);
    expect(Object.keys(config.rules).length).toBeGreaterThan(3);
  });
});
