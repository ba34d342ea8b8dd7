// A space typed beside a Chinese mark (人事事项 （免职） 。, 他说： “好。”, **粗体** ，) printed as a gap beside the
// mark in every output; clreq sets none there, the mark carries its own space. The typesetter leaves it
// out (src/typeset/rehype-cjk-space.ts, by cjkSpaces in src/core/cjk.ts: the cjk-space check's own
// definition) in paragraphs, across bold and links, in the headline, a head, a caption and a table cell;
// it keeps the spaces between two Han characters, beside Latin text and figures, in code and beside code.
// The manuscript is not touched and the copy desk reports every space left out, in any block (tests/fixtures/typeset/cjk-space).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringifyHast } from '../../src/core/hast.js';
import { readManuscript } from '../../src/manuscript/read.js';
import { parseManuscript } from '../../src/markdown/processor.js';
import { typesetArticle } from '../../src/typeset/typeset.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/fixtures/typeset/cjk-space');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-cjk-space-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function typeset(file: string): Promise<string> {
  const vfile = await readManuscript(file);
  return stringifyHast(await typesetArticle(await parseManuscript(vfile), vfile));
}

/** The typeset element of the manuscript's line `line` (its data-line). */
const block = (html: string, line: number) => new RegExp(`<(p|h2) data-line="${line}"[^>]*>(.*?)</\\1>`).exec(html)?.[2];

describe('a space beside a Chinese mark', () => {
  it('is not printed in a paragraph, across bold and a link, in the headline, a head, a caption and a table cell', async () => {
    const html = await typeset(path.join(FIX, 'article.md'));
    expect(html).toContain('<h1 class="headline">标点旁的空格：不印</h1>');
    expect([5, 9, 13, 17, 21].map((line) => block(html, line))).toEqual([
      '人事事项（免职）。',
      '他说：“好。”',
      '这是<strong>粗体</strong>，<a href="https://example.org/a">链接</a>。',
      '他写道，好。', // a tab typed before the comma
      '小标题：空格',
    ]);
    expect(html).toContain('<figcaption>会场，座谈会召开。</figcaption>');
    expect(html.match(/<td>[^<]*<\/td>/g)).toEqual(['<td>甲</td>', '<td>内容（待定）。</td>', '<td>甲</td>', '<td>内容（待定）。</td>']);
  });

  it('leaves the spaces between two Han characters, beside Latin text, in code and beside code', async () => {
    const html = await typeset(path.join(FIX, 'article.md'));
    expect([34, 36, 38, 40, 42].map((line) => block(html, line))).toEqual([
      '政协 委员照印。', // the editor's to settle: cjk-space reports it, --fix leaves it
      '英文 Hello, world 照印。',
      '中文与 Python 之间。',
      '代码 <code>a ， b</code> 照印。',
      '代码旁 <code>x</code> 。照印。',
    ]);
  });

  it('stays in the manuscript, the copy desk reports it, and what prints is what --fix writes', async () => {
    const file = path.join(FIX, 'article.md');
    const source = readFileSync(file, 'utf8');
    const html = await typeset(file);
    expect(readFileSync(file, 'utf8')).toBe(source);
    const r = runCli(['check', FIX, '--format', 'json']);
    const found: Array<{ line: number; ruleId: string; fixable: boolean }> = JSON.parse(r.stdout);
    // every space the typesetter leaves out is reported, in the headline, a head, a caption and a cell too
    expect(found.filter((f) => f.ruleId === 'cjk-space').map((f) => `${f.line} ${f.fixable}`)).toEqual([
      '2 true',
      '5 true',
      '9 true',
      '13 true',
      '17 true',
      '21 true',
      '25 true',
      '31 true',
      '34 false',
    ]);
    // a copy cleaned by --fix prints those paragraphs as the manuscript with its spaces does
    mkdirSync(path.join(dir, 'fixed'));
    const copy = path.join(dir, 'fixed', 'article.md');
    copyFileSync(file, copy);
    expect(runCli(['check', copy, '--fix']).stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(copy, 'utf8')).not.toBe(source);
    const fixed = await typeset(copy);
    for (const line of [5, 9, 13, 17, 21]) expect(block(html, line)).toBe(block(fixed, line));
    for (const printed of ['<h1 class="headline">标点旁的空格：不印</h1>', '<figcaption>会场，座谈会召开。</figcaption>', '内容（待定）。'])
      expect(fixed).toContain(printed);
    // and the copy --fix cleaned has nothing left to report here
    const again: Array<{ line: number; ruleId: string; fixable: boolean }> = JSON.parse(runCli(['check', copy, '--format', 'json']).stdout);
    expect(again.filter((f) => f.ruleId === 'cjk-space').map((f) => `${f.line} ${f.fixable}`)).toEqual(['34 false']);
  });
});
