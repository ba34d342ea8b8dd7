// A passage in another language (tests/fixtures/epub/passage-lang): <span lang="en">…</span> was
// raw HTML, dropped (raw-html) with its language. :lang[…]{tag} marks the passage lang="tag" in
// every output: the page's document, article.html and the e-book's chapter (screen readers read it
// in that voice; EPUBCheck and Ace pass); a tag that is no language tag is told at its place
// (lang-tag) and the passage keeps its text unmarked.
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { afterAll, expect, it } from 'vitest';
import { loadLayout } from '../../src/config/layout.js';
import { ace, epubcheck } from '../../src/epub/validate.js';
import { pageGeometry } from '../../src/page/geometry.js';
import { pageDocument } from '../../src/page/page-html.js';
import { loadArticle } from '../../src/pipeline.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { NS, all, buildFirstVolume, parseXml, readEpub, textOf } from './read-epub.js';

const DIR = path.join(ROOT, 'tests/fixtures/epub/passage-lang');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-passage-lang-'));
afterAll(() => rm(out, { recursive: true, force: true }));

const EXPECTED = [
  ['en', 'Good morning, everyone'],
  ['mn-Cyrl', 'Сайн байна уу'],
];
/** Each span with lang= in an HTML or XHTML text, as [lang, text] */
const marked = (html: string) => Array.from(html.matchAll(/<span lang="([^"]*)">([^<]*)<\/span>/g), (m) => [m[1], m[2]]);

it('marks the passage lang= in the page, and tells a tag that is none at its place', async () => {
  const article = await loadArticle(path.join(DIR, 'chapter.md'));
  const said = article.file.messages
    .filter((m) => m.ruleId === 'lang-tag' || m.ruleId === 'raw-html')
    .map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
  expect(said).toEqual([
    '8:9 lang-tag "fr_FR" is not a language tag (BCP 47): write fr-FR; the passage keeps its text, not marked as another language',
  ]);
  // The page lays out the document pageDocument builds (browser-typeset and all).
  const layout = loadLayout();
  const page = toHtml(pageDocument(article, layout, pageGeometry(layout), []).body);
  expect(marked(page)).toEqual(EXPECTED);
  expect(page).toContain('Bonjour');
});

it('marks the passage lang= in article.html', () => {
  const r = runCli(['build:html', path.join(DIR, 'chapter.md'), '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const html = readFileSync(path.join(out, 'chapter', 'article.html'), 'utf8');
  expect(marked(html)).toEqual(EXPECTED);
  expect(html).toContain('不作标记');
});

it('marks the passage lang= in the e-book, which EPUBCheck and Ace pass', async () => {
  const result = await buildFirstVolume(path.join(DIR, 'series.yaml'), out);
  const book = await readEpub(result.epub);
  const xhtml = book.text(`${book.base}ch01-chapter.xhtml`);
  expect(marked(xhtml)).toEqual(EXPECTED);
  expect(all(parseXml(xhtml), NS.xhtml, 'p').map(textOf).join('')).toContain('Bonjour');
  const check = await epubcheck(result.epub);
  expect(check.findings.filter((f) => f.severity !== 'info').map((f) => `${f.id} ${f.message}`)).toEqual([]);
  expect((await ace(result.epub)).findings.map((f) => `${f.id} ${f.message}`)).toEqual([]);
}, 180_000);
