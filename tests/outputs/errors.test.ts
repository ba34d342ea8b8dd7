// What stops a command is one line in words, naming what failed and what to do (exit 2, no stack
// trace): an output folder that cannot be made or is a link, a browser that stopped or timed out.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/errors.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = 'manuscript/ningju-gongshi';

function oneLine(cli: ReturnType<typeof runCli>): string {
  expect(cli.code).toBe(2);
  expect(cli.stderr).not.toMatch(/^\s+at |node:internal|ENOENT:|EPERM:/m);
  const errors = cli.stderr.split('\n').filter((l) => l.startsWith('error: '));
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe('output folders that cannot be used', () => {
  it('a folder the file system refuses (under /proc): says so, not "ENOENT … mkdir", and does not hang', () => {
    const line = oneLine(runCli(['build:html', SEED, '--out', '/proc/baoban-out']));
    expect(line).toBe(
      'error: cannot create the folder /proc/baoban-out: the file system does not allow a folder there; choose another output folder with --out, or free the space and try again',
    );
  });

  it('a file where the output folder should be', () => {
    writeFileSync(path.join(dir, 'a-file'), 'x');
    const line = oneLine(runCli(['build:html', SEED, '--out', path.join(dir, 'a-file')]));
    expect(line).toMatch(/a-file is a file, not a folder; choose another output folder/);
  });

  it("a manuscript's output folder that is a link: never written through", () => {
    const out = path.join(dir, 'out');
    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, path.join(out, 'ningju-gongshi'));
    const line = oneLine(runCli(['build:html', SEED, '--out', out]));
    expect(line).toMatch(/ningju-gongshi is a symbolic link; outputs are never written through it/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a folder where an output file goes: named, and no output of the build replaced', () => {
    // findings.txt is staged after article.html: article.html was renamed into place before the
    // rename onto the folder failed, and the message named the staging file (.staging-Xy12Ab/1).
    const out = path.join(dir, 'in-the-way');
    expect(runCli(['build:html', SEED, '--out', out]).code).toBeLessThan(2);
    const html = path.join(out, 'ningju-gongshi', 'article.html');
    const findings = path.join(out, 'ningju-gongshi', 'findings.txt');
    const before = statSync(html).ino;
    rmSync(findings);
    mkdirSync(path.join(findings, 'kept'), { recursive: true });
    const line = oneLine(runCli(['build:html', SEED, '--out', out]));
    expect(line).toBe(
      `error: ${findings} is a folder where this output file goes; nothing was written. Remove the folder (or choose another folder with --out) and build again`,
    );
    expect(statSync(html).ino).toBe(before);
    expect(readdirSync(findings)).toEqual(['kept']);
    expect(readdirSync(path.dirname(html)).filter((n) => n.startsWith('.staging-'))).toEqual([]);
  });
});

describe('failures in words', () => {
  it('a browser that stopped or timed out, a full or read-only disk', () => {
    const named = (name: string, message: string) => Object.assign(new Error(message), { name });
    expect(describeError(named('TargetCloseError', 'Protocol error (Page.printToPDF): Target closed'))).toMatch(
      /^the browser stopped unexpectedly \(Protocol error \(Page\.printToPDF\): Target closed\).*Nothing was written$/,
    );
    // a crash while the page loads: puppeteer says the tab's frame went, not the browser
    expect(describeError(new Error('Navigating frame was detached'))).toMatch(
      /^the browser stopped unexpectedly \(Navigating frame was detached\).*Nothing was written$/,
    );
    expect(describeError(named('TimeoutError', 'Navigation timeout of 30000 ms exceeded'))).toMatch(/^the browser did not finish in time/);
    const fsError = (code: string, syscall: string, p: string) =>
      Object.assign(new Error(`${code}: ${syscall} '${p}'`), { code, syscall, path: p });
    expect(describeError(fsError('ENOSPC', 'write', '/out/page.pdf'))).toMatch(
      /^cannot write \/out\/page\.pdf: the disk is full; choose another/,
    );
    expect(describeError(fsError('EROFS', 'mkdir', '/ro/x'))).toMatch(/^cannot create the folder \/ro\/x: the file system is read-only/);
    // The output folder that exists but cannot be written (a read-only mount, a folder of another
    // user's): the build's staging folder is made in it first. It said 'cannot mkdtemp
    // /ro/out/.staging-AbC123: the file system is read-only', with no advice.
    expect(describeError(fsError('EROFS', 'mkdtemp', '/ro/out/.staging-AbC123'))).toBe(
      'cannot write into the folder /ro/out: the file system is read-only; choose another output folder with --out',
    );
    expect(describeError(fsError('EACCES', 'mkdtemp', '/srv/books/.staging-AbC123'))).toBe(
      'cannot write into the folder /srv/books: permission denied; choose another output folder with --out, or make this one writable',
    );
    expect(describeError(new Error('something else'))).toBe('something else (set BAOBAN_DEBUG=1 for details)');
  });
});

describe('build:pdf flags that would be taken silently', () => {
  // Each built as if the flag were not there: one page for --pages 2, an edition without its screen copy.
  it('--pages other than auto, and --pages or --screen-copy with an edition plan: one line, exit 2, nothing written', () => {
    const out = path.join(dir, 'flags');
    expect(oneLine(runCli(['build:pdf', SEED, '--pages', '2', '--out', out]))).toBe(
      'error: --pages is "2"; it takes auto (the text runs onto as many pages as it needs), or leave it out for one page',
    );
    const plan = 'manuscript/editions/2024-01-19.yaml';
    expect(oneLine(runCli(['build:pdf', plan, '--pages', 'auto', '--out', out]))).toMatch(
      /^error: --pages does not apply to an edition plan/,
    );
    expect(oneLine(runCli(['build:pdf', plan, '--screen-copy', '--out', out]))).toMatch(
      /^error: --screen-copy does not apply to an edition plan/,
    );
    expect(() => readdirSync(out)).toThrow();
  });
});
