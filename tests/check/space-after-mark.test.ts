// A half-width mark typed English fashion, with a space after it, in Chinese text (tests/check/
// fixtures/qa/space-after-mark.md): --fix made the mark full-width and kept the space (句子： Hello,
// 他说， 好的), a gap of one and a half characters in the printed line that no rule then named. The
// space goes with the mark; English text and a figure's own marks (10:30) keep theirs. The
// typesetter, which converts the same marks in print without touching the manuscript, printed the
// space too (10:30， 地点): what prints is what --fix writes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/space-after-mark.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-space-after-mark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('--fix writes the full-width mark without the space typed after it, and leaves English text alone', () => {
  const copy = fixedCopy(file, dir);
  expect(readFileSync(copy, 'utf8')).toBe(
    readFileSync(file, 'utf8')
      .replace('句子: Hello', '句子：Hello')
      .replace('他说, 好的; 然后问: 行吗? 好! (注意) 完。', '他说，好的；然后问：行吗？好！（注意）完。')
      // a mark after a figure in Chinese text is Chinese (tests/check/half-width-figures); Room 3's is not
      .replace('时间10:30, 地点', '时间10:30，地点'),
  );
});

it('prints as --fix writes it: the full-width mark without the space typed after it', () => {
  const out = path.join(dir, 'html');
  const r = runCli(['build:html', file, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const html = readFileSync(path.join(out, 'space-after-mark', 'article.html'), 'utf8');
  // each paragraph's text (the typesetter wraps a mark it compresses, 好<span class="halt">！</span>)
  const paragraphs = [...html.matchAll(/<p[^>]*>(.*?)<\/p>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
  expect(paragraphs).toEqual([
    "这是英文句子：Hello, world! It's fine.",
    '他说，好的；然后问：行吗？好！（注意）完。',
    '时间10:30，地点 Room 3; 英文 a, b 照录。',
  ]);
});
