// A single — (U+2014) where Chinese text takes —— (tests/check/fixtures/qa/single-dash.md): a 副题
// “—自治区政协……”, an attribution “—摘自……”, a speech broken off (说完—”), a dash typed with spaces as in
// English (认为 — 要) and one between two clauses passed the desk without a word (dash-typed judged
// hyphens and look-alikes only). Now each is a warning at the dash; --fix writes —— where nothing
// else can be meant and leaves the one between clauses to the editor. A 连接号 between names or the
// ends of a range (中国—东盟, 呼和浩特—包头, 1990—2000年, 一—三月份, in a table too), English text, code and an
// address are not judged, and cjk-space leaves the spaces round a single — to dash-typed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/single-dash.md');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-single-dash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a single em dash in Chinese text', () => {
  it('is a warning where it stands for a 破折号, and nothing where it is a 连接号, English or code', () => {
    const said = checkFindings(file)
      .filter((f) => ['dash-typed', 'cjk-space'].includes(f.ruleId))
      .map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.fixable ? 'fixable ' : ''}${f.message.split(':')[0]}`);
    expect(said).toEqual([
      "3:14 dash-typed fixable Dash typed as a single '—' at the start of the text",
      "6:7 dash-typed fixable Dash typed as a single '—' with spaces round it",
      "8:12 dash-typed fixable Dash typed as a single '—' at the end of a sentence",
      "10:11 dash-typed A single '—' between two clauses",
      "12:1 dash-typed fixable Dash typed as a single '—' at the start of the text",
      "23:5 dash-typed fixable Dash typed as a single '—' with spaces round it",
    ]);
  });

  it('--fix writes —— for the sure ones, spaces dropped, and leaves the rest as written', () => {
    const copy = fixedCopy(file, dir);
    const source = readFileSync(file, 'utf8');
    expect(readFileSync(copy, 'utf8')).toBe(
      source
        .replace('subheadline: —自治区', 'subheadline: ——自治区')
        .replace('认为 — 要', '认为——要')
        .replace('说完—”', '说完——”')
        .replace('\n—摘自', '\n——摘自')
        .replace('他说 — 好', '他说——好'),
    );
  });
});
