// A long HTML comment (tests/fixtures/comment-lines/README.md): the parser holds some 3.5 KB for
// every line, so a 3 MB comment of short lines took 880 MB to 1.3 GB to check. A top-level comment is
// parsed as one line now; the tree must be the one the manuscript's own lines give, and checking a
// 3 MB comment must fit in a 300 MB heap (it ran out of memory there).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { joinCommentLines, unjoinCommentLines } from '../../src/markdown/comment-lines.js';
import { markdownParser, parseManuscript } from '../../src/markdown/processor.js';
import { checkText } from '../../src/check/run.js';
import { ROOT } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/fixtures/comment-lines');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-comment-lines-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const read = (name: string) => readFileSync(path.join(FIX, name), 'utf8');

describe('a manuscript with long HTML comments', () => {
  it('parses top-level comments joined, to the tree its own lines give, positions included', async () => {
    const source = read('joined.md');
    const joined = joinCommentLines(source);
    expect(joined?.regions).toHaveLength(2);
    const tree = markdownParser().parse(joined!.joined);
    expect(unjoinCommentLines(tree, source, joined!.joined, joined!.regions)).toBe(true);
    expect(tree).toEqual(markdownParser().parse(source));
    // and the whole parse: the same tree as the manuscript's, the findings after the comments at their lines
    const file = new VFile({ path: path.join(FIX, 'joined.md'), value: source });
    const shaped = await parseManuscript(file);
    const opening = source.split('\n').flatMap((l, i) => (/^ {0,3}<!--/.test(l) ? [i + 1] : []));
    expect(opening).toHaveLength(3);
    expect(shaped.children.filter((n) => n.type === 'html').map((n) => n.position?.start.line)).toEqual(opening);
    const { file: checked } = await checkText(source, path.join(FIX, 'joined.md'));
    const commas = checked.messages.filter((m) => m.ruleId === 'half-width-punctuation').map((m) => [m.line, m.column]);
    const at = (phrase: string) => {
      const before = source.slice(0, source.indexOf(phrase)).split('\n');
      return [before.length, before.at(-1)!.length + 1];
    };
    expect(commas).toEqual([at(',有半角'), at(',在这里')]);
  });

  it('parses the manuscript as written when a comment is not a top-level block of its own (in a code block, a list item)', () => {
    const source = read('not-joined.md');
    const joined = joinCommentLines(source);
    expect(joined).toBeDefined();
    const tree = markdownParser().parse(joined!.joined);
    expect(unjoinCommentLines(tree, source, joined!.joined, joined!.regions)).toBe(false);
    const file = new VFile({ path: path.join(FIX, 'not-joined.md'), value: source });
    return parseManuscript(file).then((shaped) => {
      expect(shaped.children.map((n) => n.type)).toContain('code');
      expect(shaped.children.map((n) => n.type)).toContain('list');
    });
  });

  it('checks a 3 MB comment of 230,000 short lines in a 300 MB heap', { timeout: 120_000 }, () => {
    const chunk = `${'注释文字\n'.repeat(20)}\n`;
    const big = path.join(tmp, 'article.md');
    writeFileSync(
      big,
      `---\nheadline: 大注释\n---\n\n正文第一段。\n\n<!-- ${chunk.repeat(Math.floor(2.9e6 / Buffer.byteLength(chunk)))} -->\n\n末段,在这里。\n`,
    );
    const r = spawnSync(process.execPath, ['--max-old-space-size=300', path.join(ROOT, 'src/cli/run.mjs'), 'check', big], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/heap out of memory|\n\s+at /);
    expect(r.status, r.stderr).toBe(0);
    // the finding after the comment at its line as written
    const lines = readFileSync(big, 'utf8').split('\n').length - 1;
    expect(r.stdout).toMatch(new RegExp(`\\b${lines}:3-${lines}:4\\s+warning .*half-width-punctuation`));
  });
});
