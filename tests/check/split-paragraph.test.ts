// A paragraph whose last sentence is followed by a link (tests/check/fixtures/qa/
// split-paragraph-links.md): a source set after the full stop (……召开。[详见原文](https://…)), a
// reference link or a numbered citation typed as text (……主席团。[1], [2][3]), an autolink, were
// 'Paragraph ends with “文”, without sentence-final punctuation': the link's text was taken for the
// paragraph's last words. The paragraph ends where its last sentence does; a link inside an
// unfinished sentence, and a paragraph broken in two, are still said.
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/split-paragraph-links.md');

it('a link or citation after the last full stop does not make a split paragraph; an unfinished sentence still does', () => {
  const said = checkFindings(file)
    .filter((f) => f.ruleId === 'split-paragraph')
    .map((f) => `${f.line}:${f.column} ${f.message.split(',')[0]}`);
  expect(said).toEqual(['17:13 Paragraph ends with “好”', '19:24 Paragraph ends with “进”']);
});

// A paragraph that is only a link (tests/check/fixtures/qa/link-only-paragraph.md): a source line
// ([自治区政协网站](https://…), <https://…>, a bare address, a reference, a lone [1]) set between two
// paragraphs was 'Paragraph ends with “站”, without sentence-final punctuation, and line 9 continues
// it': with the links taken off, nothing of a sentence is left to be unfinished. A paragraph broken in
// two, and one whose unfinished sentence ends in a link, are still said.
it('a paragraph that is only links or citations is no split paragraph', () => {
  const said = checkFindings(path.join(ROOT, 'tests/check/fixtures/qa/link-only-paragraph.md'))
    .filter((f) => f.ruleId === 'split-paragraph')
    .map((f) => `${f.line}:${f.column} ${f.message.split(',')[0]}`);
  expect(said).toEqual(['25:24 Paragraph ends with “进”', '27:18 Paragraph ends with “好”']);
});

// Citations in full-width brackets (tests/check/fixtures/qa/full-width-citations.md): ……主席团。［1］,
// 。〔2〕〔3〕, a paragraph that is only 〔6〕, were 'Paragraph ends with “］”': only the half-width [1]
// was taken for a citation. ［1］ and 〔1〕 are citations as [1] is; a citation after an unfinished
// sentence, and a bracket that closes nothing, are still said.
it('a numbered citation in ［］ or 〔〕 after the last full stop does not make a split paragraph', () => {
  const said = checkFindings(path.join(ROOT, 'tests/check/fixtures/qa/full-width-citations.md'))
    .filter((f) => f.ruleId === 'split-paragraph')
    .map((f) => `${f.line}:${f.column} ${f.message.split(',')[0]}`);
  expect(said).toEqual(['13:16 Paragraph ends with “］”', '15:26 Paragraph ends with “8”']);
});
