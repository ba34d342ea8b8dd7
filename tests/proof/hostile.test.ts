// A proof of a hostile manuscript (raw HTML with file:///etc/passwd, scripts, frames, remote images
// and stylesheets, a ../ image path) is confined like the print page: every request any page of the
// browser makes is watched, and none asks for more than its document, the output folder's photos and
// the font packages (all served by Node); nothing of /etc/passwd reaches the PDF, its embedded data
// or proof.json.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { ROOT } from '../helpers/cli.js';
import { expectOnlyServed } from '../helpers/served.js';
import { launchBrowser } from '../../src/browser/launch.js';
import { loadArticle } from '../../src/pipeline.js';
import { loadLayout } from '../../src/config/layout.js';
import { buildProof, writeProof } from '../../src/proof/build-proof.js';
import { readData } from '../../src/proof/data.js';
import { openPdf, textItems } from '../page/helpers/pdf.js';

const FIXTURE = path.join(ROOT, 'tests/proof/fixtures/hostile/article.md');
let browser: Browser;
let out: string;
const requests: string[] = [];

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-hostile-'));
  browser = await launchBrowser();
  // Every request of every tab, seen from outside the page's own confinement.
  browser.on('targetcreated', async (target) => {
    const page = await target.page();
    page?.on('request', (r) => requests.push(r.url()));
  });
});
afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the proof of a hostile manuscript', () => {
  it('requests nothing outside the output folder and the fonts, and leaks nothing', async () => {
    const article = await loadArticle(FIXTURE);
    const outDir = path.join(out, 'hostile');
    const built = await buildProof(article, { layout: loadLayout('feature-8col'), outDir, browser });
    await writeProof(built, outDir);
    // Every page is served by Node at ORIGIN (src/browser/served.ts): its document, the font
    // packages' files and the output folder's scaled photos; the browser asks for nothing else.
    expectOnlyServed(requests);
    // nothing was even tried: the page asked for nothing it was refused
    expect(built.json.findings.filter((f) => f.ruleId === 'page-blocked-request')).toEqual([]);
    // the remote and ../ photos are reported, not fetched
    expect(built.json.findings.filter((f) => f.ruleId === 'page-photo-missing').length).toBeGreaterThanOrEqual(1);

    const passwd = await readFile('/etc/passwd', 'utf8').catch(() => 'root:x:0:0');
    const secret = passwd.split('\n')[0];
    const pdf = await openPdf(path.join(outDir, 'proof.pdf'));
    let text = '';
    for (let p = 1; p <= pdf.doc.numPages; p++) text += (await textItems(pdf.doc, p)).map((i) => i.str).join('');
    text = text.replace(/\s+/g, '');
    expect(text).toContain('第一段文字，后面还有文字。');
    expect(text).not.toContain(secret.replace(/\s+/g, ''));
    // the body's raw HTML is dropped, never run (front matter values print as the text they are)
    expect(text).not.toContain('fetch(');
    expect(text).not.toContain('<iframe');
    const data = await readData(pdf.bytes, 'proof.pdf');
    expect(JSON.stringify(data.units)).not.toContain(secret);
    const body = JSON.stringify(data.units.filter((u) => u.zone === 'body'));
    expect(body).not.toMatch(/<script|<img|<iframe|<link|<style/);
    expect(await readFile(path.join(outDir, 'proof.json'), 'utf8')).not.toContain(secret);
    await pdf.doc.destroy();
  });
});
