// article.html printed a space typed beside a Chinese mark (人事事项 （免职） 。) as a gap, and the gap kept
// the marks apart, so the pair ）。 was not set in one em as it is when typed solid. Built through the CLI
// from tests/fixtures/typeset/cjk-space: each spaced paragraph and head is now written exactly as its
// twin typed without the spaces (src/typeset/rehype-cjk-space.ts), the marks' compression included.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/fixtures/typeset/cjk-space');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-cjk-space-html-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('writes a line with spaces beside Chinese marks as the same line typed solid', { timeout: 120_000 }, () => {
  const r = runCli(['build:html', FIX, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const html = readFileSync(path.join(out, 'cjk-space', 'article.html'), 'utf8');
  const line = (n: number) => new RegExp(`<(p|h2) data-line="${n}"[^>]*>(.*?)</\\1>`).exec(html)?.[2];
  // spaced on the odd line, its twin typed solid two lines below
  for (const n of [5, 9, 13, 17, 21]) expect(line(n), `line ${n}`).toBe(line(n + 2));
  expect(line(5)).toBe('人事事项（免职<span class="halt">）</span>。');
  expect(html).toContain('<figcaption>会场，座谈会召开。</figcaption>');
  expect(line(34)).toBe('政协 委员照印。');
});
