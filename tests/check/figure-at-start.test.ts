// A figure at a paragraph's very start with a half-width mark after it, typed English fashion with a
// space, and Chinese text after the space (tests/check/fixtures/qa/figure-at-start.md): 2023, 地点在…
// and 10:30, 会议… passed the desk, --fix left them and the page printed them half-width. d9c4d7a made
// such a mark Chinese only when Chinese came before the figure; at the paragraph's start nothing comes
// before it, and the Han after the space decides alone. English text (2023, Beijing; 3, 4 and 5) keeps
// its marks. The check, --fix and the typesetter share the rule (src/core/cjk.ts): what is said is
// what --fix writes and what prints.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/figure-at-start.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-figure-at-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a mark after a figure that starts a paragraph of Chinese text is reported at its line and column', () => {
  const said = checkFindings(file)
    .filter((f) => f.ruleId === 'half-width-punctuation')
    .map((f) => `${f.line}:${f.column} ${f.fixable} ${f.message}`);
  const fix = 'run `npm run check -- --fix`';
  expect(said).toEqual([
    `5:5 true 1 half-width mark in Chinese text (first: ',' at 5:5); ${fix}`,
    `7:6 true 3 half-width marks in Chinese text (first: ',' at 7:6); ${fix}`,
  ]);
});

it('--fix writes it full-width without the space after it; English text keeps its marks', () => {
  const copy = fixedCopy(file, dir);
  expect(readFileSync(copy, 'utf8')).toBe(
    readFileSync(file, 'utf8').replace('2023, 地点', '2023，地点').replace('10:30, 会议正式开始; 5%, 是', '10:30，会议正式开始；5%，是'),
  );
  expect(checkFindings(copy).filter((f) => f.ruleId === 'half-width-punctuation')).toEqual([]);
});

it('prints as --fix writes it', () => {
  const out = path.join(dir, 'html');
  const r = runCli(['build:html', file, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const html = readFileSync(path.join(out, 'figure-at-start', 'article.html'), 'utf8');
  const paragraphs = [...html.matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
  expect(paragraphs).toEqual([
    '2023，地点在市政府礼堂。',
    '10:30，会议正式开始；5%，是增幅。',
    '2023, Beijing hosted the forum.',
    '3, 4 and 5 were chosen.',
  ]);
});
