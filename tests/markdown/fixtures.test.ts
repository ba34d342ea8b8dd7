// Each plugin's behaviour on a fixture manuscript: tests/fixtures/markdown/<name>.md is typeset and
// compared with the golden <name>.html beside it. A missing golden file fails; after a reviewed
// change, `UPDATE_GOLDEN=1 npx vitest run tests/markdown/fixtures.test.ts` writes them (and then
// still compares, so a run in update mode passes only on what it wrote).
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readManuscript } from '../../src/manuscript/read.js';
import { stringifyHast } from '../../src/core/hast.js';
import { parseManuscript } from '../../src/markdown/processor.js';
import { typesetArticle } from '../../src/typeset/typeset.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/markdown');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3));

async function typeset(name: string) {
  const file = await readManuscript(path.join(dir, `${name}.md`));
  const tree = await parseManuscript(file);
  const hast = await typesetArticle(tree, file);
  return { file, html: stringifyHast(hast).replace(/></g, '>\n<') + '\n' };
}

describe('markdown → typeset HTML fixtures', () => {
  it.each(names)('%s', async (name) => {
    const { html } = await typeset(name);
    const expected = path.join(dir, `${name}.html`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expected, html);
    expect(
      existsSync(expected),
      `no golden file ${path.relative(process.cwd(), expected)}: review the output, then write it with UPDATE_GOLDEN=1`,
    ).toBe(true);
    expect(html).toBe(readFileSync(expected, 'utf8'));
  });
});

describe('plugin behaviour', () => {
  it('CJK-friendly emphasis leaves no literal asterisks', async () => {
    const { html } = await typeset('cjk-emphasis');
    expect(html).not.toContain('**');
    expect(html).toContain('<strong class="lead-in">——以“北疆文化”凝聚共识。</strong>2023年');
    expect(html).toContain('<strong class="lead-in">——创新完善平台载体，</strong>优化');
    expect(html).toContain('<strong>“老菜市”</strong>街区');
  });

  it('soft breaks between Han characters vanish, between Latin words they stay', async () => {
    const { html } = await typeset('softbreak');
    expect(html).toContain('第一行的文字接着第二行，还有第三行。');
    expect(html).toMatch(/English words\s+on two lines\./);
    expect(html).toMatch(/中文结尾\s+English start\./);
  });

  it('a standalone image becomes a figure; an inline one does not', async () => {
    const { html } = await typeset('figure');
    expect(html.match(/<figure/g)).toHaveLength(2);
    expect(html).toContain('<figcaption>2023年7月15日，北京市政协与自治区政协召开座谈会。</figcaption>');
    expect(html).toContain('alt="会场全景：台上演员正在演出"');
    expect(html).toMatch(/行内图片<img src="images\/icon.png" alt="图标">不是插图/);
  });

  it('a standalone reference-style image (![caption][label] with its [label]: definition) is a figure too', async () => {
    // It was an inline image in a paragraph: no caption printed (the caption was only its alt text),
    // no photo slot, and the checks (image-missing, figure-caption …) did not look at it.
    const { html } = await typeset('figure-reference');
    expect(html.match(/<figure/g)).toHaveLength(2);
    expect(html).toContain('<figcaption>2023年7月15日，北京市政协与自治区政协召开座谈会。</figcaption>');
    expect(html).toMatch(
      /<img src="images\/b.jpg" alt="会场全景：台上演员正在演出">\n<figcaption>2023年6月30日，表彰大会现场。<\/figcaption>/,
    );
    expect(html).toMatch(/行内的引用式图片<img src="images\/icon.png" alt="图标">不是插图/);
  });

  it('only top-level images are photos, so figure N is the Nth figure among the blocks', async () => {
    const { html } = await typeset('figure-nested');
    expect(html.match(/<figure/g)).toHaveLength(1);
    expect(html).toMatch(/<blockquote data-line="3">\s*<p data-line="3">\s*<img src="images\/quote.jpg" alt="引文里的图片">/);
  });

  it('byline and credit directives; unknown directives kept as text with a warning', async () => {
    const { html, file } = await typeset('directives');
    expect(html).toContain('<p class="byline" data-line="3">（张悦）</p>');
    expect(html).toContain('<p class="credit" data-line="5">（本版图片由自治区政协办公厅提供）</p>');
    expect(html).toContain('::sidebar[未知指令]');
    expect(html).toContain('Note:see this');
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['unknown-directive', 7, 1]]);
  });

  it('a :::kicker of two paragraphs prints each on its own line, not run together', async () => {
    const { html } = await typeset('kicker-paragraphs');
    expect(html).toContain('<p class="kicker" data-line="3">第一段引题<br>第二段引题</p>');
  });

  it('the first # heading is the headline when there is no front matter', async () => {
    const { html, file } = await typeset('headline-from-h1');
    expect(file.data.matter?.headline).toBe('一篇普通的 CommonMark 稿件');
    expect(html).toMatch(/<header class="headline-block">\s*<h1 class="headline" data-line="1">一篇普通的 CommonMark 稿件<\/h1>/);
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(html).toContain('<h2 data-line="5" class="section-head">小标题</h2>');
  });

  it('front matter fills the headline block', async () => {
    const { html } = await typeset('front-matter');
    for (const cls of ['kicker', 'subheadline', 'byline-head']) expect(html).toContain(`<p class="${cls}">`);
    expect(html).toContain('<h1 class="headline">主题文字</h1>');
    expect(html).toContain('<p class="credit">（本版图片由某单位提供）</p>');
  });

  it('raw HTML from a manuscript never reaches the output', async () => {
    const { html } = await typeset('raw-html');
    expect(html).not.toMatch(/<script|<iframe|onerror/);
    expect(html).toMatch(/<p data-line="1">正文[^<]*不执行脚本。<\/p>/);
  });

  it('a value YAML reads as a number prints as the manuscript writes it (page: 08 is 第08版, not 第8版)', async () => {
    const { file, html } = await typeset('front-matter-numbers');
    const matter = file.data.matter as Record<string, unknown>;
    expect(matter.page).toBe('08');
    expect([matter.kicker, matter.headline, matter.subheadline, matter.byline, matter.credit]).toEqual([
      '1.10',
      '2024',
      '12345678901234567890',
      '0x1F',
      'true',
    ]);
    expect(html).toContain('<p class="subheadline">12345678901234567890</p>');
  });
});
