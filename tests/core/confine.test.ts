// The confinement rule (src/core/confine.ts) on real files: links, FIFOs, devices, sizes, and
// output paths below a base folder.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assetOutputStem,
  ConfinementError,
  ensureDirInside,
  locateConfined,
  OutputPathError,
  readConfined,
  readConfinedSync,
  resolveAsset,
  safeOutputName,
} from '../../src/core/confine.js';
import { writeAtomic } from '../../src/core/atomic.js';

let dir: string;
let root: string;
let outside: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-confine-'));
  root = path.join(dir, 'manuscript');
  outside = path.join(dir, 'outside');
  mkdirSync(path.join(root, 'images', 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(root, 'images', 'a.jpg'), 'A');
  writeFileSync(path.join(root, 'images', 'sub', 'a.jpg'), 'SUB');
  writeFileSync(path.join(root, 'big.bin'), Buffer.alloc(2048));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'images', 'link-out.jpg'));
  symlinkSync('a.jpg', path.join(root, 'images', 'link-in.jpg'));
  symlinkSync(outside, path.join(root, 'linked'));
  symlinkSync('/dev/zero', path.join(root, 'zero.jpg'));
  symlinkSync('loop.jpg', path.join(root, 'loop.jpg'));
  execFileSync('mkfifo', [path.join(root, 'pipe.jpg')]);
  linkSync(path.join(outside, 'secret.txt'), path.join(root, 'images', 'hard.jpg'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfinementError);
    return (error as ConfinementError).reason;
  }
  throw new Error('not refused');
};

describe('resolveAsset (by the name as written)', () => {
  it('resolves names inside the folder, decoding %XX and keeping a bare %', () => {
    expect(resolveAsset(root, 'images/a.jpg').file).toBe(path.join(root, 'images', 'a.jpg'));
    expect(resolveAsset(root, 'images/50%25.jpg').file).toBe(path.join(root, 'images', '50%.jpg'));
    expect(resolveAsset(root, 'images/50%.jpg').file).toBe(path.join(root, 'images', '50%.jpg'));
    expect(resolveAsset(root, 'file:images/a.jpg').file).toBe(path.join(root, 'images', 'a.jpg'));
  });
  it('refuses URLs, absolute paths, file: URLs and ../', () => {
    expect(resolveAsset(root, 'https://example.com/a.jpg').reason).toBe('remote');
    expect(resolveAsset(root, '/etc/passwd').reason).toBe('absolute');
    expect(resolveAsset(root, 'file:///etc/hostname').reason).toBe('absolute');
    expect(resolveAsset(root, '../outside/secret.txt').reason).toBe('outside');
    expect(resolveAsset(root, 'images/%2e%2e/%2e%2e/outside/secret.txt').reason).toBe('outside');
  });
});

describe('readConfined (by the real path)', () => {
  it('reads a regular file inside, and a link that stays inside', async () => {
    expect(String(await readConfined(root, path.join(root, 'images', 'a.jpg')))).toBe('A');
    expect(String(await readConfined(root, path.join(root, 'images', 'link-in.jpg')))).toBe('A');
    expect(String(readConfinedSync(root, path.join(root, 'images', 'link-in.jpg')))).toBe('A');
  });
  it('refuses a link leading out, a linked folder leading out, a link loop', async () => {
    expect(await refusal(readConfined(root, path.join(root, 'images', 'link-out.jpg')))).toBe('link-outside');
    expect(await refusal(readConfined(root, path.join(root, 'linked', 'secret.txt')))).toBe('link-outside');
    expect(await refusal(readConfined(root, path.join(root, 'loop.jpg')))).toBe('link-outside');
    expect(() => readConfinedSync(root, path.join(root, 'linked', 'secret.txt'))).toThrow(/leads outside the manuscript folder/);
  });
  // (A FIFO opened for reading the ordinary way blocks until a writer comes: these would never return.)
  it('refuses /dev/zero through a link without reading it, and a FIFO without waiting', async () => {
    expect(await refusal(readConfined(root, path.join(root, 'zero.jpg')))).toBe('link-outside');
    expect(await refusal(readConfined(root, path.join(root, 'pipe.jpg')))).toBe('not-file');
    expect(await refusal(locateConfined(root, path.join(root, 'pipe.jpg')))).toBe('not-file');
    expect(() => readConfinedSync(root, path.join(root, 'pipe.jpg'))).toThrow(/named pipe \(FIFO\), not a file/);
  });
  it('refuses a hard link (a second name of a file that may lie outside), unless told it may read one', async () => {
    const hard = path.join(root, 'images', 'hard.jpg');
    expect(await refusal(readConfined(root, hard))).toBe('link-outside');
    expect(await refusal(locateConfined(root, hard))).toBe('link-outside');
    expect(() => readConfinedSync(root, hard)).toThrow(/is a hard link \(the same file has 2 names/);
    // the project's own files (templates, font packages) and a file the user named may be hard links
    expect(String(await readConfined(root, hard, { hardLinks: true }))).toBe('SECRET');
    expect(String(readConfinedSync(root, hard, { hardLinks: true }))).toBe('SECRET');
  });
  it('refuses a folder, a missing file and a file over the limit', async () => {
    expect(await refusal(readConfined(root, path.join(root, 'images')))).toBe('not-file');
    expect(await refusal(readConfined(root, path.join(root, 'nothing.jpg')))).toBe('missing');
    expect(await refusal(readConfined(root, path.join(root, 'big.bin'), { maxBytes: 1024 }))).toBe('too-large');
    expect((await readConfined(root, path.join(root, 'big.bin'), { maxBytes: 2048 })).length).toBe(2048);
  });
});

describe('output names and paths', () => {
  it('never gives an empty, dot or dot-dot folder name', () => {
    expect(safeOutputName('..')).toBe('manuscript');
    expect(safeOutputName('.')).toBe('manuscript');
    expect(safeOutputName('')).toBe('manuscript');
    expect(safeOutputName('.draft')).toBe('draft');
    expect(safeOutputName('a/../b')).toBe('a-..-b');
    expect(safeOutputName('凝聚共识')).toBe('凝聚共识');
    // A bidirectional override in a folder's name reorders it where it is shown: report\u202Egpj.exe
    // was an output folder a file manager shows as reportexe.jpg.
    expect(safeOutputName('report\u202Egpj.exe')).toBe('report-gpj.exe');
    expect(safeOutputName('a\u2067b\u2069c\u0085d')).toBe('a-b-c-d');
  });
  it('names the outputs of two same-named files in different folders apart, without % or spaces', () => {
    const a = assetOutputStem(root, path.join(root, 'images', 'a.jpg'));
    const b = assetOutputStem(root, path.join(root, 'images', 'sub', 'a.jpg'));
    expect(a).not.toBe(b);
    expect(a).toMatch(/^a-[0-9a-f]{8}$/);
    expect(assetOutputStem(root, path.join(root, 'images', '50% 照片.jpg'))).toMatch(/^50-照片-[0-9a-f]{8}$/);
  });
  it('makes output folders below the base, refusing a link or a file on the way', async () => {
    const base = path.join(dir, 'out');
    await ensureDirInside(base, path.join(base, 'a', 'images'));
    expect(lstatSync(path.join(base, 'a', 'images')).isDirectory()).toBe(true);
    symlinkSync(outside, path.join(base, 'b'));
    await expect(ensureDirInside(base, path.join(base, 'b', 'images'))).rejects.toBeInstanceOf(OutputPathError);
    expect(existsSync(path.join(outside, 'images'))).toBe(false);
    writeFileSync(path.join(base, 'c'), 'x');
    await expect(ensureDirInside(base, path.join(base, 'c', 'images'))).rejects.toThrow(/is a file, not a folder/);
    await expect(writeAtomic(path.join(base, 'b', 'page.pdf'), 'PDF', base)).rejects.toBeInstanceOf(OutputPathError);
    expect(existsSync(path.join(outside, 'page.pdf'))).toBe(false);
  });
  it('replaces a link at the target instead of writing through it', async () => {
    const base = path.join(dir, 'out2');
    mkdirSync(base);
    symlinkSync(path.join(outside, 'secret.txt'), path.join(base, 'article.md.bak'));
    await writeAtomic(path.join(base, 'article.md.bak'), 'BACKUP', base);
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('SECRET');
    expect(lstatSync(path.join(base, 'article.md.bak')).isFile()).toBe(true);
    expect(readFileSync(path.join(base, 'article.md.bak'), 'utf8')).toBe('BACKUP');
  });
});
