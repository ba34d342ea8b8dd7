// A chapter and its photo of one name (tests/fixtures/epub/id-clash: photo.md showing
// images/photo.jpg) were both ch01-photo in the manifest: EPUBCheck rejected the package (RSC-005
// duplicate id, OPF-043 the photo in the spine) and the chapter was not in the book's manifest.
// Every manifest item has its own id.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VolumeResult } from '../../src/epub/build-volume.js';
import { epubcheck } from '../../src/epub/validate.js';
import { ROOT } from '../helpers/cli.js';
import { buildFirstVolume, NS, all, readEpub } from './read-epub.js';

const SERIES_FILE = path.join(ROOT, 'tests/fixtures/epub/id-clash/series.yaml');
const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-epub-id-clash-'));
let result: VolumeResult;

beforeAll(async () => {
  result = await buildFirstVolume(SERIES_FILE, out);
});

afterAll(() => rm(out, { recursive: true, force: true }));

it('gives every manifest item its own id: the chapter in the spine, its photo beside it; Java EPUBCheck 0 errors, 0 warnings', async () => {
  const book = await readEpub(result.epub);
  const items = all(book.opf, NS.opf, 'item').map((i) => [i.getAttribute('id')!, i.getAttribute('href')!]);
  const ids = items.map(([id]) => id);
  expect(ids.filter((id, k) => ids.indexOf(id) !== k)).toEqual([]);
  const byId = new Map(items.map(([id, href]) => [id, href] as [string, string]));
  const spine = all(book.opf, NS.opf, 'itemref').map((r) => byId.get(r.getAttribute('idref')!));
  expect(spine).toEqual(['cover.xhtml', 'toc.xhtml', 'ch01-photo.xhtml']);
  expect(items.map(([, href]) => href)).toContain('images/ch01-photo.jpg');
  const check = await epubcheck(result.epub, { java: true });
  expect(check.findings.map((f) => `${f.id} ${f.where} ${f.message}`)).toEqual([]);
});
