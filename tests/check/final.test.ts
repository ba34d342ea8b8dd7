// The checks cannot be switched off by how the manuscript is written: a placeholder reached through
// a YAML alias or a __proto__ key, or a control character written as a YAML escape, is an error, so
// a --final build writes nothing (〔报名〕 printed on a --final page, and an EPUB carried U+0001).
// A manuscript past a limit is refused by every build with its one located finding.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-final-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hidden = path.join(tmp, 'hidden');
cpSync(path.join(ROOT, 'tests/fixtures/hostile/matter-hidden'), hidden, { recursive: true });
rmSync(path.join(hidden, 'case.yaml'));

describe('placeholders and control characters wherever YAML puts them', () => {
  it('check reports each at its YAML line', () => {
    const run = runCli(['check', hidden, '--format', 'json']);
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as Array<{ line: number; column: number; ruleId: string }>).map(
      (f) => `${f.line}:${f.column} ${f.ruleId}`,
    );
    expect(found).toEqual([
      '2:1 matter-unknown-key', // name: no output reads it
      '2:10 matter-placeholder', // name: &p 〔报名〕
      '3:8 matter-placeholder', // paper: *p
      '5:1 front-matter-yaml', // __proto__:
      '6:9 matter-placeholder', // page: 〔版次〕 under __proto__
      '7:9 control-characters', // kicker: "\u0001\u000B引题"
      '8:1 matter-unknown-key', // editors: (the key is editor)
      '9:5 matter-placeholder', // - 〔责任编辑〕
    ]);
  });

  it('a --final build writes nothing; an everyday build writes, without the value hidden under __proto__', () => {
    const press = runCli(['build:html', hidden, '--out', path.join(tmp, 'press'), '--final'], { BAOBAN_QUIET: '1' });
    expect(press.code).toBe(1);
    expect(press.stderr).toMatch(/error\(s\) remain; --final writes nothing/);
    expect(existsSync(path.join(tmp, 'press', 'hidden', 'article.html'))).toBe(false);

    const everyday = runCli(['build:html', hidden, '--out', path.join(tmp, 'everyday')], { BAOBAN_QUIET: '1' });
    expect(everyday.code).toBe(0);
    const html = readFileSync(path.join(tmp, 'everyday', 'hidden', 'article.html'), 'utf8');
    expect(html).not.toContain('〔版次〕');
    // The kicker prints without the control characters its YAML escapes stood for.
    expect(html).toContain('引题');
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('control characters in the body are reported and left out of the output', () => {
    const dir = path.join(tmp, 'controls');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'article.md'), '# 主题\n\n正文\u0007内容\u001B。\n');
    const run = runCli(['build:html', dir, '--out', path.join(tmp, 'controls-out')], { BAOBAN_QUIET: '1' });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/control-characters/);
    const html = readFileSync(path.join(tmp, 'controls-out', 'controls', 'article.html'), 'utf8');
    expect(html).toContain('正文内容。');
  });
});

describe('a manuscript past a limit', () => {
  it('is refused by a build with its one located finding, exit 2, nothing written', () => {
    const dir = path.join(tmp, 'deep');
    cpSync(path.join(ROOT, 'tests/fixtures/hostile/indented-lists'), dir, { recursive: true });
    const run = runCli(['build:html', dir, '--out', path.join(tmp, 'deep-out')], { BAOBAN_QUIET: '1' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^error: \S+deep\/article\.md:69:1: Block quotes and lists are nested about 65 deep here; the limit is 32 \(limits\.maxNesting in manuscript\/config\.yaml\): flatten the quotes, lists or emphasis\. The manuscript was not read further \(nesting-too-deep\)$/,
    );
    expect(existsSync(path.join(tmp, 'deep-out', 'deep', 'article.html'))).toBe(false);
  });

  it('check reports it, checks the other manuscripts, and exits 2', () => {
    const two = path.join(tmp, 'two');
    cpSync(path.join(ROOT, 'tests/fixtures/hostile/indented-lists'), path.join(two, 'a'), { recursive: true });
    writeFileSync(path.join(two, 'b.md'), '# 主题\n\n正文,内容。\n');
    const run = runCli(['check', two, '--format', 'json']);
    expect(run.code).toBe(2);
    const found = (JSON.parse(run.stdout) as Array<{ file: string; ruleId: string }>).map((f) => `${path.basename(f.file)} ${f.ruleId}`);
    expect(found).toEqual(['article.md nesting-too-deep', 'b.md half-width-punctuation']);
  });
});
