// A build writes all of its outputs or none (src/output/staging.ts): when one output cannot be
// written (here a write that fails part-way, as on a full disk), the previous set stays as it was,
// and no staging folder is left.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stageOutputs } from '../../src/output/staging.js';
import { type BuiltPage, writePage } from '../../src/page/write-page.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-staging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const built = (tag: string) =>
  ({ pdf: Buffer.from(`%PDF ${tag}`), pageFit: { tag }, rendered: { png: Buffer.from(`PNG ${tag}`) } }) as unknown as BuiltPage;

const read = (outDir: string) =>
  Object.fromEntries(
    readdirSync(outDir)
      .sort()
      .map((n) => [n, readFileSync(path.join(outDir, n), 'utf8')]),
  );

describe('outputs all or none', () => {
  it('keeps the previous page.pdf, page.fit.json and page.png when a later output fails', async () => {
    const outDir = path.join(dir, 'page');
    await writePage(built('old'), outDir, { 'findings.txt': 'old findings' });
    const before = read(outDir);
    expect(Object.keys(before)).toEqual(['findings.txt', 'page.fit.json', 'page.pdf', 'page.png']);
    // The fourth output cannot be written: nothing of the new set may land.
    await expect(writePage(built('new'), outDir, { 'findings.txt': 42 as never })).rejects.toThrow();
    expect(read(outDir)).toEqual(before);
    await writePage(built('new'), outDir, { 'findings.txt': 'new findings' });
    expect(read(outDir)['page.pdf']).toBe('%PDF new');
    expect(read(outDir)['findings.txt']).toBe('new findings');
  });

  it('removes a preview that no longer matches when the new build has none', async () => {
    const outDir = path.join(dir, 'no-preview');
    await writePage(built('old'), outDir);
    await writePage({ ...built('new'), rendered: {} } as unknown as BuiltPage, outDir);
    expect(Object.keys(read(outDir))).toEqual(['page.fit.json', 'page.pdf']);
  });

  it('stages beside the targets and leaves nothing behind on commit or abort', async () => {
    const outDir = path.join(dir, 'stage');
    const stage = await stageOutputs(outDir);
    await stage.write('a.txt', 'A');
    await stage.write('images/b.txt', 'B');
    expect(readdirSync(outDir).filter((n) => n.startsWith('.staging-')).length).toBe(1);
    expect(await stage.commit()).toEqual([path.join(outDir, 'a.txt'), path.join(outDir, 'images', 'b.txt')]);
    expect(readdirSync(outDir).sort()).toEqual(['a.txt', 'images']);
    writeFileSync(path.join(outDir, 'a.txt'), 'kept');
    const again = await stageOutputs(outDir);
    await again.write('a.txt', 'dropped');
    await again.abort();
    expect(readdirSync(outDir).sort()).toEqual(['a.txt', 'images']);
    expect(readFileSync(path.join(outDir, 'a.txt'), 'utf8')).toBe('kept');
    await expect(again.write('../escape.txt', 'x')).rejects.toThrow(/not inside/);
  });
});
