// Thousands of findings are summarised, not dumped: the console shows at most a screenful
// (SCREENFUL findings, errors first), the count per rule and where the full report is; the full
// report holds every finding.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENFUL } from '../../src/check/print-findings.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-console-'));
const manuscript = path.join(dir, 'many');
const out = path.join(dir, 'out');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 120 paragraphs with a half-width comma each (warnings), and one placeholder (an error) at the end.
const PARAGRAPHS = 120;
beforeAll(() => {
  mkdirSync(manuscript);
  const body = Array.from({ length: PARAGRAPHS }, (_, i) => `第${i + 1}段正文,委员们深入讨论。`).join('\n\n');
  writeFileSync(path.join(manuscript, 'article.md'), `---\nheadline: 很多问题\neditor: 〔责任编辑〕\n---\n\n${body}\n`);
});

const findingLines = (text: string) => text.split('\n').filter((l) => /^\s*\d+:\d+(-\d+:\d+)?\s+(error|warning|info)\b/.test(l));

describe('a manuscript with more findings than a screen holds', () => {
  it('check prints a screenful, errors first, the counts per rule, and writes the full report', () => {
    const cli = runCli(['check', manuscript, '--out', out]);
    expect(cli.code).toBe(1);
    const shown = findingLines(cli.stdout);
    expect(shown).toHaveLength(SCREENFUL);
    expect(shown[0]).toMatch(/error.*matter-placeholder/);
    expect(cli.stdout).toMatch(new RegExp(`${PARAGRAPHS + 1 - SCREENFUL} more findings not shown; ${PARAGRAPHS + 1} in all`));
    expect(cli.stdout).toMatch(new RegExp(`by rule: half-width-punctuation ${PARAGRAPHS}, matter-placeholder 1`));
    const report = path.join(out, 'check', 'findings.txt');
    expect(cli.stdout).toContain(`full report: ${report}`);
    expect(findingLines(readFileSync(report, 'utf8'))).toHaveLength(PARAGRAPHS + 1);
  });

  it('a build does the same, with the full report beside its outputs', () => {
    const cli = runCli(['build:html', manuscript, '--out', out]);
    expect(cli.code).toBe(0);
    expect(findingLines(cli.stderr)).toHaveLength(SCREENFUL);
    const report = path.join(out, 'many', 'findings.txt');
    expect(cli.stderr).toContain(`full report: ${report}`);
    expect(findingLines(readFileSync(report, 'utf8'))).toHaveLength(PARAGRAPHS + 1);
  });

  it('--format json still gives every finding, for machines', () => {
    const cli = runCli(['check', manuscript, '--format', 'json', '--out', out]);
    expect(JSON.parse(cli.stdout)).toHaveLength(PARAGRAPHS + 1);
  });
});
