// The build's Chromium finds no font of the machine (src/browser/font-jail.ts). Started as a build
// starts it (browserCommand: its flags and environment) on a page of Arabic and an emoji that no
// project face has, the only font files and fontconfig caches its process has mapped
// (/proc/<pid>/maps) are the project's, and the PDF it prints has only the project's face in it.
// The same browser in the caller's environment, as a control, maps and prints a font of this
// machine (DejaVu): the test can fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { FONT_JAIL_DIR, fontJailConfig, fontJailFolders } from '../../src/browser/font-jail.js';
import { browserCommand } from '../../src/browser/launch.js';
import { NODE_MODULES } from '../../src/core/paths.js';

const PAGE = `data:text/html;charset=utf-8,${encodeURIComponent('<p>会议 العربية 😀 Zoë</p>')}`;

/**
 * PAGE printed to a PDF by the build's browser, or (`jail: false`) by the same browser in the
 * caller's environment: the fonts in the PDF, and the files the browser's process has mapped by
 * then (a font file and a fontconfig cache stay mapped while in use; --single-process keeps the
 * renderer in that one process).
 */
async function print(jail: boolean): Promise<{ fonts: string[]; mapped: string[] }> {
  const { executable, args, env } = await browserCommand();
  expect(args).toContain('--single-process');
  const browser = await puppeteer.launch({
    executablePath: executable,
    headless: 'shell',
    args,
    pipe: true,
    env: jail ? env : process.env,
  });
  try {
    const page = await browser.newPage();
    await page.goto(PAGE);
    const doc = await PDFDocument.load(await page.pdf());
    const maps = readFileSync(`/proc/${browser.process()!.pid}/maps`, 'utf8');
    const mapped = [...new Set([...maps.matchAll(/ (\/\S.*)$/gm)].map((m) => m[1]))];
    const fonts: string[] = [];
    for (const [, o] of doc.context.enumerateIndirectObjects())
      if (o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('Font'))
        fonts.push(String(o.get(PDFName.of('BaseFont'))).replace(/^\/([A-Z]{6}\+)?/, ''));
    return { fonts: [...new Set(fonts)], mapped };
  } finally {
    await browser.close();
  }
}

/** Mapped files that are fonts, or fontconfig's caches of font folders. */
const fontFiles = (mapped: string[]) => mapped.filter((f) => /\.(ttf|otf|ttc|pfb|woff2?)$|fontconfig|\/fonts\//i.test(f));
const inProject = (f: string) => f.startsWith(NODE_MODULES + path.sep);

describe("the build's browser and the machine's fonts", () => {
  it('is given a fontconfig file that lists the folders of the project’s whole fonts, and nothing else', () => {
    const folders = fontJailFolders();
    expect(folders.length).toBeGreaterThan(0);
    for (const f of folders) expect(inProject(f), f).toBe(true);
    const text = fontJailConfig(folders, path.join(FONT_JAIL_DIR, 'cache'));
    expect([...text.matchAll(/<dir>(.*)<\/dir>/g)].map((m) => m[1])).toEqual(folders);
    expect(text).not.toMatch(/<include|\/etc\/fonts|\/usr\/share\/fonts|~\//);
  });

  it('reads no font file outside the project and prints no system font, where the control does both', async () => {
    const control = await print(false);
    // this machine has fonts of its own that the control reads and prints (else the test had nothing to check)
    expect(
      fontFiles(control.mapped).some((f) => !inProject(f)),
      control.mapped.join('\n'),
    ).toBe(true);
    expect(
      control.fonts.some((f) => !/^NotoSerifSC/.test(f)),
      control.fonts.join(' '),
    ).toBe(true);

    const jailed = await print(true);
    const files = fontFiles(jailed.mapped);
    expect(files.length, jailed.mapped.join('\n')).toBeGreaterThan(0);
    for (const f of files) expect(inProject(f), f).toBe(true);
    // what no face has prints as the face's .notdef box, in the project's face (press-font-notdef reports it)
    expect(jailed.fonts.length).toBeGreaterThan(0);
    for (const f of jailed.fonts) expect(f).toMatch(/^NotoSerifSC/);
  }, 180_000);
});
