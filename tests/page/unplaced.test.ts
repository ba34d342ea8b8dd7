// Images and addresses in a manuscript's text (tests/page/fixtures/unplaced). An image inside a
// quotation, a list item or a line of text printed a broken-image box with its alt text, reported
// only as an unplaced “page asked for https://baoban.invalid/…” with no line. A bare URL or e-mail
// address was reported as a link whose address “is not on the page”, though it prints as itself,
// and spread the words before it across the column (a loose line of 3 em).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { imageBoxes, openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/unplaced');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-unplaced-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const out = path.join(tmp, 'unplaced');
let said = '';
let findings = '';

beforeAll(() => {
  const r = runCli(['build:pdf', FIX, '--out', tmp, '--no-preview']);
  expect(r.code, r.stderr).toBe(0);
  said = r.stdout + r.stderr;
  findings = readFileSync(path.join(out, 'findings.txt'), 'utf8');
}, 300_000);

describe('an image that is not a photo of its own', () => {
  it('is reported where the manuscript has it, each one, and the page asks for nothing it may not load', () => {
    const unplaced = findings.split('\n').filter((l) => l.includes('page-image-unplaced'));
    expect(unplaced.map((l) => l.trim().split(/\s+/)[0])).toEqual(['12:3-12:33', '14:10-14:40', '16:8-16:35']);
    expect(unplaced[0]).toMatch(
      /warning\s+The image “images\/photo.jpg” \(“引用中的照片说明。”\) is inside a quotation, a list or a line of text, not a photo of its own, so it is not printed: put !\[caption\]\(file\) alone in its own paragraph, between other blocks/,
    );
    expect(said + findings).not.toMatch(/page-blocked-request/);
  });

  it('is not printed, not even as a broken-image box: the one photo on the page is the figure in its slot', async () => {
    const { doc } = await openPdf(path.join(out, 'page.pdf'));
    const images = await imageBoxes(doc);
    const text = (await textItems(doc)).map((i) => i.str).join('');
    await doc.destroy();
    expect(images).toHaveLength(1);
    expect(text).toContain('独立成段的照片照常印出');
    // The text around the dropped images prints; their alt text does not.
    expect(text.replace(/\s+/g, '')).toContain('正文行内的图同样不印');
    expect(text).not.toMatch(/引用中的照片说明|列表中的照片说明|行内图片说明/);
  });
});

describe('a bare address', () => {
  it('prints whole, is not reported as an address left off the page; the named link is', async () => {
    const links = findings.split('\n').filter((l) => l.includes('page-link-address'));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^8:5-8:48\s+warning\s+The link “自治区政协网站” prints as its text alone/);
    const { doc } = await openPdf(path.join(out, 'page.pdf'));
    const text = (await textItems(doc))
      .map((i) => i.str)
      .join('')
      .replace(/\s+/g, '');
    await doc.destroy();
    for (const address of [
      'https://www.example.org/zhengxie/2024',
      'zhengxie@example.org',
      'https://www.example.org/wenjian',
      'www.example.org/huiyi',
    ])
      expect(text).toContain(address);
  });

  it('breaks where the line ends instead of spreading the words before it across the column', () => {
    const fit = JSON.parse(readFileSync(path.join(out, 'page.fit.json'), 'utf8'));
    expect(fit.lines.lines).toBeGreaterThan(10);
    expect(fit.lines.loose).toEqual([]);
    expect(said).not.toMatch(/page-loose-line/);
  });
});
