// A half-width mark typed English fashion, with a space after it, in Chinese text (tests/check/
// fixtures/qa/space-after-mark.md): --fix made the mark full-width and kept the space (句子： Hello,
// 他说， 好的), a gap of one and a half characters in the printed line that no rule then named. The
// space goes with the mark; English text and a figure's own marks (10:30) keep theirs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
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
