// article.html copies an image only when its bytes are JPEG or PNG, whatever its name says: an SVG
// (which can carry a script), an empty file or a text file named .jpg is never put beside the page;
// each is taken out and reported (html-image-missing) with what it is, and its caption stays.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-html-kinds-'));
let cli: ReturnType<typeof runCli>;
let html: string;

beforeAll(() => {
  cli = runCli(['build:html', path.join(ROOT, 'tests/fixtures/manuscripts/image-kinds'), '--out', out]);
  html = readFileSync(path.join(out, 'image-kinds', 'article.html'), 'utf8');
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('images in article.html by what their bytes are', () => {
  it('copies the JPEG named .JPG and the PNG named .jpg, each under the extension of its format', () => {
    expect(cli.code, cli.stderr).toBe(0);
    const copied = readdirSync(path.join(out, 'image-kinds', 'images')).sort();
    expect(copied).toEqual([expect.stringMatching(/^UPPER-[0-9a-f]{8}\.jpg$/), expect.stringMatching(/^png-named-[0-9a-f]{8}\.png$/)]);
    const png = readFileSync(path.join(out, 'image-kinds', 'images', copied[1]));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const srcs = [...html.matchAll(/<img [^>]*src="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs).toEqual(copied.map((f) => `images/${f}`));
  });

  it('leaves out the SVG, the empty file and the text file, says what each is, and keeps their captions', () => {
    const console = cli.stdout + cli.stderr;
    for (const [line, ref, what] of [
      [12, 'images/empty.jpg', 'an empty file'],
      [14, 'images/notes.jpg', 'not an image'],
      [16, 'images/chart.svg', 'SVG'],
    ] as const) {
      expect(console).toMatch(
        new RegExp(`${line}:1-${line}:\\d+ +warning Image not in article\\.html: "${ref}" is ${what}.*html-image-missing`),
      );
    }
    // An image outside a figure has no caption to show instead: the finding says its text is gone too.
    expect(console).toMatch(
      /19:3-19:\d+ +warning Image not in article\.html: "images\/chart\.svg" is SVG.*its text \("列表里的矢量图"\) is not shown either/,
    );
    expect(html.slice(html.indexOf('<body'))).not.toMatch(/svg|script|empty|notes/i);
    for (const caption of ['零字节的图片文件', '名为jpg的文字文件', '带脚本的矢量图', '列表里的图']) expect(html).toContain(caption);
  });
});
