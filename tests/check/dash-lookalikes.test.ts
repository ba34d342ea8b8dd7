// A 破折号 converted from GBK or a Word file (tests/check/fixtures/qa/dash-lookalikes.md): ―― (U+2015
// horizontal bars) and ── (U+2500 box-drawing lines) pass for —— on screen, but the typesetter does not
// hold them together and a font draws them at its own length; no check said so. Now dash-typed warnings
// naming the code point, and --fix writes ——; a rule line of ─ on its own and box drawing in code are
// left alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/dash-lookalikes.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-dash-lookalikes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a dash typed with look-alike characters', () => {
  it('is a warning naming the code point, in the headline and the text, not on a rule line or in code', () => {
    const all = checkFindings(file);
    expect(all.filter((f) => f.ruleId === 'dash-typed').map((f) => `${f.line}:${f.column} ${f.message.split(':')[0]}`)).toEqual([
      "2:15 Dash typed as '――' (U+2015 horizontal bars)",
      "5:7 Dash typed as '――' (U+2015 horizontal bars) and 1 more in this paragraph",
    ]);
  });

  it('--fix writes —— in their place and nothing else', () => {
    const copy = fixedCopy(file, dir);
    expect(readFileSync(copy, 'utf8')).toBe(
      readFileSync(file, 'utf8').replace('发展――自治区', '发展——自治区').replace('认为――要', '认为——要').replace('强调 ── 要', '强调——要'),
    );
  });
});
