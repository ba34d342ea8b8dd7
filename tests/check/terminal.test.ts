// Findings quote what the manuscript wrote; printed, a control code in it ran on the terminal
// (tests/check/fixtures/terminal: a front matter key "\e[2J\e[1;31mcheck: 0 errors\e[0m" cleared
// the screen and printed a forged line in red). The console and findings.txt show such characters
// written out as \u001B, and JSON keeps them as they are (escaped by JSON itself).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { visibleControls } from '../../src/check/print-findings.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIXTURE = path.join(ROOT, 'tests/check/fixtures/terminal/article.md');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-terminal-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('a finding that quotes control codes from the manuscript', () => {
  it('is printed by check with them written out, never as they are', () => {
    const r = runCli(['check', FIXTURE], { NO_COLOR: '1' });
    expect(r.code).toBe(1);
    const printed = r.stdout + r.stderr;
    expect(printed).not.toMatch(CONTROL);
    expect(printed).toContain('Front matter key "\\u001B[2J\\u001B[1;31mcheck: 0 errors\\u001B[0m" is read by no output');
  });

  it('is written so to findings.txt, and as it is to JSON', () => {
    const r = runCli(['build:html', FIXTURE, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const report = readFileSync(path.join(out, 'terminal', 'findings.txt'), 'utf8');
    expect(report).not.toMatch(CONTROL);
    expect(report).toContain('\\u001B[2J');
    const json = runCli(['check', FIXTURE, '--format', 'json']);
    const key = (JSON.parse(json.stdout) as Array<{ ruleId: string; message: string }>).find((f) => f.ruleId === 'matter-unknown-key');
    expect(key?.message).toContain('\u001b[2J\u001b[1;31mcheck: 0 errors\u001b[0m');
  });

  it('keeps tab and line feed, and writes out the bidirectional overrides too', () => {
    expect(visibleControls('a\tb\nc\u202Ed\u0007e')).toBe('a\tb\nc\\u202Ed\\u0007e');
  });
});
