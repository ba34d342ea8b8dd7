// `check` as a user runs it: findings and a count, exit codes, --format json, --fix on a copy of
// the seed (only half-width → full-width changes, and a second --fix is a no-op), and builds that
// run the checks first.
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_WIDTH } from '../../src/core/cjk.js';
import { ROOT, runCli } from '../helpers/cli.js';

const SEED_DIR = path.join(ROOT, 'manuscript/ningju-gongshi');
const FIX = path.join(ROOT, 'tests/check/fixtures');
let tmp: string;
let seedCopy: string;

interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number | null;
  endColumn: number | null;
  severity: string;
  ruleId: string;
  message: string;
  fixable: boolean;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-check-cli-'));
  seedCopy = path.join(tmp, 'seed');
  cpSync(SEED_DIR, seedCopy, { recursive: true });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('npm run check', () => {
  it('prints findings as file:line:col severity message rule-id, a count, and exits 1 on errors', () => {
    const { code, stdout, stderr } = runCli(['check', seedCopy], { BAOBAN_QUIET: '1' });
    expect(code).toBe(1);
    noStack(stderr);
    expect(stdout).toMatch(/^\s*64:1-66:\d+\s+error\s+This passage of 2 paragraphs is repeated at lines 78–80.*duplicate-passage/m);
    // The split paragraph's last character: one character wide, on line 58.
    expect(stdout).toMatch(/^\s*58:(\d+)-58:\d+\s+warning\s+Paragraph ends with “进”.*split-paragraph/m);
    const [, from, to] = /^\s*58:(\d+)-58:(\d+)\s+warning\s+Paragraph ends with “进”/m.exec(stdout)!;
    expect(Number(to) - Number(from)).toBe(1);
    const summary = /check: (\d+) errors?, (\d+) warnings?, (\d+) infos? in 1 file/.exec(stdout);
    expect(summary).not.toBeNull();
    const json = JSON.parse(runCli(['check', seedCopy, '--format', 'json']).stdout) as Finding[];
    expect(Number(summary![1])).toBe(json.filter((f) => f.severity === 'error').length);
    expect(Number(summary![2])).toBe(json.filter((f) => f.severity === 'warning').length);
  });

  it('--format json prints one object per finding with position, severity, rule and fixable', () => {
    const { code, stdout } = runCli(['check', seedCopy, '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as Finding[];
    expect(json.length).toBeGreaterThan(10);
    for (const f of json) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'ruleId', 'message', 'fixable']),
      );
      expect(f.file).toBe(path.join(seedCopy, 'article.md'));
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.fixable).toBe(f.ruleId === 'half-width-punctuation' || f.ruleId === 'control-characters');
    }
    const dup = json.filter((f) => f.ruleId === 'duplicate-passage');
    expect(dup.map((f) => [f.line, f.endLine])).toEqual([
      [64, 66],
      [78, 80],
    ]);
  });

  it('exits 0 on a clean manuscript and checks every manuscript in a folder', () => {
    const clean = runCli(['check', path.join(FIX, 'clean')]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('check: 0 errors, 0 warnings, 0 infos in 1 file');
    const broken = runCli(['check', path.join(FIX, 'broken')]);
    expect(broken.code).toBe(1);
    noStack(broken.stderr);
    for (const id of ['front-matter-yaml', 'encoding', 'no-content', 'unknown-directive', 'directive-dropped', 'lint-comment'])
      expect(broken.stdout).toContain(id);
    expect(broken.stdout).toMatch(/in 8 files/);
  });

  it('a missing manuscript or a broken --config is one clear line, exit 2', () => {
    const missing = runCli(['check', path.join(tmp, 'nope.md')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^error: .*nope\.md: cannot read manuscript \(no such file or folder\)$/);
    const config = path.join(tmp, 'bad-config.yaml');
    writeFileSync(config, 'check:\n  rules:\n    heading-lenght: off\n');
    const bad = runCli(['check', seedCopy, '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(`error: ${config}:3:5: unknown key "heading-lenght" in check.rules; did you mean "heading-length"?`);
  });

  it('--config turns a rule off', () => {
    const config = path.join(tmp, 'quiet.yaml');
    writeFileSync(config, 'check:\n  rules:\n    half-width-punctuation: off\n');
    const json = JSON.parse(runCli(['check', seedCopy, '--format', 'json', '--config', config]).stdout) as Finding[];
    expect(json.filter((f) => f.ruleId === 'half-width-punctuation')).toEqual([]);
    expect(json.filter((f) => f.ruleId === 'duplicate-passage')).toHaveLength(2);
  });
});

describe('npm run check -- --fix', () => {
  it('makes every half-width mark in Chinese context full-width, touches nothing else, and a second run changes nothing', () => {
    const file = path.join(tmp, 'fix', 'article.md');
    cpSync(SEED_DIR, path.dirname(file), { recursive: true });
    const before = readFileSync(file, 'utf8');
    const reported = (JSON.parse(runCli(['check', file, '--format', 'json']).stdout) as Finding[])
      .filter((f) => f.ruleId === 'half-width-punctuation')
      .reduce((n, f) => n + Number(/^(\d+) half-width/.exec(f.message)![1]), 0);
    expect(reported).toBeGreaterThan(100);

    const first = runCli(['check', file, '--fix']);
    expect(first.stderr).toContain(`fixed ${reported} characters on`);
    expect(first.stderr).toMatch(/line 60: \d+ × ,→，/);
    const after = readFileSync(file, 'utf8');
    // The diff: same length, and every changed character is a half-width mark become full-width.
    expect(after.length).toBe(before.length);
    let changed = 0;
    for (let i = 0; i < before.length; i++) {
      if (before[i] === after[i]) continue;
      changed++;
      expect(FULL_WIDTH[before[i]], `offset ${i}`).toBe(after[i]);
    }
    expect(changed).toBe(reported);
    // Half-width marks outside Chinese text stay: the image path, the headings' markup.
    expect(after).toContain('](images/photo-1.standin.jpg)');
    const findings = JSON.parse(runCli(['check', file, '--format', 'json']).stdout) as Finding[];
    expect(findings.filter((f) => f.ruleId === 'half-width-punctuation')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'duplicate-passage')).toHaveLength(2);

    const mtime = statSync(file).mtimeMs;
    const second = runCli(['check', file, '--fix']);
    expect(second.stderr).toContain('nothing to fix');
    expect(readFileSync(file, 'utf8')).toBe(after);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('leaves passages an editor disabled alone, and keeps a backup when asked', () => {
    const dir = path.join(tmp, 'control');
    cpSync(path.join(FIX, 'control'), dir, { recursive: true });
    const file = path.join(dir, 'article.md');
    const before = readFileSync(file, 'utf8');
    const { stderr } = runCli(['check', file, '--fix', '--backup']);
    expect(stderr).toContain('fixed 2 characters on 2 lines');
    const after = readFileSync(file, 'utf8').split('\n');
    expect(after[6]).toBe('这一段的半角逗号,编辑有意保留。');
    expect(after[10]).toBe('这一段的半角逗号，应当改正。');
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(before);
  });

  it('deletes invisible characters but keeps joiners, and says what it did per line', () => {
    const file = path.join(tmp, 'invisible.md');
    writeFileSync(file, '# 主题\n\n凝聚\u200b共识\u00ad，团结\u200d奋进。\n\n第二段\ufeff正文。\n');
    const { stderr, code } = runCli(['check', file, '--fix']);
    expect(stderr).toContain('fixed 3 characters on 2 lines');
    expect(stderr).toMatch(/line 3: .*1 × U\+200B deleted/);
    expect(stderr).toMatch(/line 3: .*1 × U\+00AD deleted/);
    expect(stderr).toMatch(/line 5: 1 × U\+FEFF deleted/);
    expect(readFileSync(file, 'utf8')).toBe('# 主题\n\n凝聚共识，团结\u200d奋进。\n\n第二段正文。\n');
    expect(code).toBe(1); // the joiner is still reported, as an error
  });

  it('keeps the manuscript’s permissions (a private one stays private, its backup too), and leaves a read-only one alone', () => {
    const text = '# 主题\n\n会议召开 。正文ＡＢＣ。\n';
    const own = path.join(tmp, 'private.md');
    writeFileSync(own, text, { mode: 0o600 });
    chmodSync(own, 0o600);
    runCli(['check', own, '--fix', '--backup']);
    expect(readFileSync(own, 'utf8')).toBe('# 主题\n\n会议召开。正文ABC。\n');
    // it became 0644 (the umask's), readable by everyone on the machine
    expect((statSync(own).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(`${own}.bak`).mode & 0o777).toString(8)).toBe('600');
    const locked = path.join(tmp, 'locked.md');
    writeFileSync(locked, text);
    chmodSync(locked, 0o444);
    const { stderr } = runCli(['check', locked, '--fix']);
    // it was rewritten all the same (a rename needs no write permission on the file), and made writable
    expect(stderr).toContain('locked.md: not fixed: the file is read-only; nothing was changed (make it writable to have it fixed)');
    expect(readFileSync(locked, 'utf8')).toBe(text);
    expect((statSync(locked).mode & 0o777).toString(8)).toBe('444');
  });

  it('leaves a manuscript that is a symbolic link alone, and says so', () => {
    // The rename replaced the link by a fixed copy: the file it points to stayed unfixed, and the two
    // went apart from then on (a desk folder of links to the reporters' files).
    const real = path.join(tmp, 'reporter.md');
    cpSync(path.join(FIX, 'qa/doubled-marks.md'), real);
    const before = readFileSync(real, 'utf8');
    const link = path.join(tmp, 'desk-link.md');
    symlinkSync('reporter.md', link);
    const { stderr } = runCli(['check', link, '--fix']);
    expect(stderr).toContain(
      'desk-link.md: not fixed: the file is a symbolic link; nothing was changed (run --fix on the file it points to)',
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(before);
  });

  it('refuses to rewrite a file that is not valid UTF-8', () => {
    const file = path.join(tmp, 'invalid-utf8.md');
    cpSync(path.join(FIX, 'broken/invalid-utf8.md'), file);
    const bytes = readFileSync(file);
    const { stderr, code } = runCli(['check', file, '--fix']);
    expect(code).toBe(1);
    expect(stderr).toContain('not fixed: not valid UTF-8');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('builds run the checks first', () => {
  it('an everyday build writes and says errors remain; a --final build refuses to write', () => {
    const out = path.join(tmp, 'dist');
    const everyday = runCli(['build:html', seedCopy, '--out', out], { BAOBAN_QUIET: '1' });
    expect(everyday.code).toBe(0);
    expect(everyday.stderr).toContain('duplicate-passage');
    expect(everyday.stdout).toMatch(/errors remain/);
    expect(existsSync(path.join(out, 'seed', 'article.html'))).toBe(true);

    const pressOut = path.join(tmp, 'press');
    const press = runCli(['build:html', seedCopy, '--out', pressOut, '--final'], { BAOBAN_QUIET: '1' });
    expect(press.code).toBe(1);
    expect(press.stderr).toMatch(/error\(s\) remain; --final writes nothing/);
    expect(existsSync(path.join(pressOut, 'seed', 'article.html'))).toBe(false);
  });
});
