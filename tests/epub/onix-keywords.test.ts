// Keywords typed with a full-width semicolon (tests/fixtures/epub/onix-keywords): ONIX separates
// keywords by ASCII semicolons, so the record sent 政协；履职 ；民主监督 as one keyword a retailer
// could not match. The record separates them as ONIX does; the package has a dc:subject each.
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, NS, all, dc, parseXml, readEpub, textOf } from './read-epub.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-onix-keywords-'));
afterAll(() => rm(out, { recursive: true, force: true }));

it('sends keywords typed with ； apart by ASCII semicolons, and makes each a dc:subject', async () => {
  const result = await buildFirstVolume(path.join(ROOT, 'tests/fixtures/epub/onix-keywords/series.yaml'), out);
  const onix = parseXml(await readFile(result.onix, 'utf8'));
  expect(all(onix, NS.onix, 'SubjectHeadingText').map(textOf)).toEqual(['政协;履职;民主监督']);
  const { opf } = await readEpub(result.epub);
  expect(dc(opf, 'subject').map(textOf)).toEqual(['政协', '履职', '民主监督']);
});
