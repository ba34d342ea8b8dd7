// A DOCTYPE with an internal subset (<!DOCTYPE x [ <!ENTITY a "b"> ]>) in a manuscript
// (tests/fixtures/hostile/doctype-subset): CommonMark ends a declaration at its first `>`, so the
// rest of it, ` ]>` (or the subset's last lines, as paragraphs of their own), printed as text, and
// raw-html reported only the part up to that `>`. The whole declaration is raw HTML now: nothing
// of it prints, each is reported over its whole extent, and a comment holding one prints nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toString } from 'hast-util-to-string';
import { loadArticle } from '../../src/pipeline.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/fixtures/hostile/doctype-subset');
const source = readFileSync(path.join(FIX, 'article.md'), 'utf8');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-doctype-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** line:column of the `]>` that closes the subset of the declaration starting at a phrase. */
function closing(phrase: string): { line: number; column: number } {
  const start = source.indexOf(phrase);
  const end = source.indexOf(']>', start) + 2;
  const before = source.slice(0, end).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

describe('a DOCTYPE with an internal subset', () => {
  it('prints nothing of itself, and raw-html reports each declaration up to the ]> that closes it', async () => {
    const article = await loadArticle(path.join(FIX, 'article.md'));
    const text = toString(article.hast);
    for (const leak of [']>', 'DOCTYPE', 'ENTITY', '"b"', '"h"', '"l"']) expect(text).not.toContain(leak);
    for (const kept of ['第二段文字照常排。', '第三段', '在两行之间。', '末段。']) expect(text).toContain(kept);
    const raw = article.file.messages.filter((m) => m.ruleId === 'raw-html');
    const ends = raw.map((m) => (m.place && 'end' in m.place ? { line: m.place.end.line, column: m.place.end.column } : null));
    expect(ends).toEqual([closing('<!DOCTYPE x'), closing('<!DOCTYPE y'), closing('<!DOCTYPE w'), closing('<!DOCTYPE v')]);
  });

  it('leaves no ]> in article.html, with no stack trace', () => {
    const r = runCli(['build:html', FIX, '--out', tmp]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(tmp, 'doctype-subset', 'article.html'), 'utf8');
    const body = html.slice(html.indexOf('<article'));
    expect(body).toContain('第二段文字照常排。');
    expect(body).not.toMatch(/\]>|\]&gt;|DOCTYPE|ENTITY/);
    expect(r.stdout + r.stderr).toMatch(/raw-html/);
  });
});
