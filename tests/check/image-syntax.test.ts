// A reporter's phone names its photos “IMG 0012.jpg” (tests/check/fixtures/image-syntax/): markdown
// ends an image's path at its first space, so ![说明](images/IMG 0012.jpg "…") stayed text. The page
// printed the brackets and the path, the photo was not printed, and no check said a word (no image
// rule saw an image). Now image-syntax is an error at the image, and --fix writes the path in angle
// brackets, after which the copy desk sees the photo (its caption, its file) like any other.
import { mkdtempSync, readFileSync, rmSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings, fixedCopy } from '../helpers/check.js';
import { toString } from 'hast-util-to-string';
import { loadArticle } from '../../src/pipeline.js';
import { selectAll } from '../../src/core/hast.js';

const folder = path.join(ROOT, 'tests/check/fixtures/image-syntax');
const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-image-syntax-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an image whose path has a space', () => {
  it('is an error at the image (and the link beside it), with the fix it needs', () => {
    const found = checkFindings(path.join(folder, 'article.md')).filter((f) => f.ruleId === 'image-syntax');
    expect(found.map((f) => `${f.line}:${f.column} ${f.severity} ${f.fixable} ${f.message.split(';')[0]}`)).toEqual([
      '6:1 error true \'![2023年9月16日，乌兰察布市察哈尔右翼前旗，农民在田间收获马铃薯。（张悦 摄）](images/IMG 0012.jpg "农民在田间收获马铃薯")\' is not an image: its path has a space, and markdown prints it as text (the photo is not printed)',
      "10:4 error true '[丰收节活动安排](files/活动 安排.pdf)' is not a link: its path has a space, and markdown prints it as text",
    ]);
  });

  it('--fix writes the paths in angle brackets, and the story then holds the photo', async () => {
    cpSync(folder, path.join(dir, 'story'), { recursive: true });
    const copy = fixedCopy(path.join(dir, 'story', 'article.md'), path.join(dir, 'story'));
    const text = readFileSync(copy, 'utf8');
    expect(text).toContain('](<images/IMG 0012.jpg> "农民在田间收获马铃薯")');
    expect(text).toContain('[丰收节活动安排](<files/活动 安排.pdf>)');
    const after = checkFindings(copy);
    expect(after.filter((f) => f.ruleId === 'image-syntax')).toEqual([]);
    // its file is found, and the typeset story holds it as a figure with its caption, no bracket left in the text
    expect(after.filter((f) => f.ruleId === 'image-missing')).toEqual([]);
    const article = await loadArticle(copy, { check: false });
    const figures = selectAll(article.hast, (e) => e.tagName === 'figure');
    expect(figures).toHaveLength(1);
    const img = selectAll(figures[0], (e) => e.tagName === 'img')[0];
    expect(decodeURI(String(img.properties.src))).toBe('images/IMG 0012.jpg');
    expect(toString(figures[0])).toContain('农民在田间收获马铃薯');
    expect(toString(article.hast)).not.toContain('](');
  });
});
