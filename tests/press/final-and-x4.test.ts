// Two more ways the held-out page goes to press. `--final` with a failed preflight: a plant's
// profile (here the 240 % one, named in outputIntent.profile) separates deeper than the layout's
// `inkLimit: 200%`, the preflight finds it, and the build exits 1 having written nothing; the same
// page under its own layout passes --final. And `pdfx: x4`: PDF/X-4 structure, the XMP's pdfxid,
// an output intent, no RGB anywhere and groups that blend in CMYK.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type PDFDict, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../src/press/preflight.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { fonts, openPdf } from '../page/helpers/pdf.js';
import { writeHeldOut } from './helpers/held-out.js';
import { colourOperators, colourSpacesInFile, deref, images, infoString, xmpOf } from './helpers/press.js';

const LAYOUT = path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml');

let tmp: string;
let dir: string;
const layoutWith = async (name: string, extra: string) => {
  const file = path.join(tmp, `${name}.yaml`);
  await writeFile(file, `${await readFile(LAYOUT, 'utf8')}${extra}`);
  return file;
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-final-x4-'));
  dir = path.join(tmp, 'held-out');
  await writeHeldOut(dir);
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('--final and a failed preflight', () => {
  it('writes nothing and exits 1 while a press-* error remains, saying why', async () => {
    const layout = await layoutWith('plant', 'inkLimit: 200%\noutputIntent: { profile: press/newsprint-cmyk-240.icc }\n');
    const out = path.join(tmp, 'final');
    const r = runCli(['build:pdf', dir, '--layout', layout, '--out', out, '--no-preview', '--final']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the press preflight failed \(\d+ press-\* errors?\); --final writes nothing/);
    expect(r.stdout + r.stderr).toMatch(/press-ink-limit/);
    expect(r.stdout + r.stderr).toMatch(/over the limit of 200%/);
    // Not even the folder, or the photos scaled and separated for the page that was refused.
    expect(existsSync(out), existsSync(out) ? (await readdir(out, { recursive: true })).join(', ') : '').toBe(false);
    // Where the output folder was there, it keeps what it had and nothing else: nor in its images/
    // folder, where the refused build scaled and separated its photos.
    await mkdir(path.join(out, 'held-out', 'images'), { recursive: true });
    await writeFile(path.join(out, 'held-out', 'notes.txt'), 'the editor’s own file\n');
    await writeFile(path.join(out, 'held-out', 'images', 'notes.txt'), 'another\n');
    expect(runCli(['build:pdf', dir, '--layout', layout, '--out', out, '--no-preview', '--final']).code).toBe(1);
    expect((await readdir(out, { recursive: true })).sort()).toEqual(
      ['held-out', 'held-out/images', 'held-out/images/notes.txt', 'held-out/notes.txt'].map((p) => path.join(...p.split('/'))),
    );
  });

  it('without --final writes the page and reports the same error in page.preflight.json', async () => {
    const layout = await layoutWith('plant', 'inkLimit: 200%\noutputIntent: { profile: press/newsprint-cmyk-240.icc }\n');
    const out = path.join(tmp, 'draft');
    const r = runCli(['build:pdf', dir, '--layout', layout, '--out', out, '--no-preview']);
    expect(r.code).toBe(0);
    const report: PreflightReport = JSON.parse(await readFile(path.join(out, 'held-out', 'page.preflight.json'), 'utf8'));
    const ink = report.problems.filter((p) => p.rule === 'press-ink-limit');
    expect(ink.length).toBeGreaterThan(0);
    expect(ink[0]).toMatchObject({ error: true, line: 10 }); // the colour photo's figure in the manuscript
  });

  it('passes --final under the layout whose profile keeps to its limit', () => {
    const out = path.join(tmp, 'final-ok');
    const r = runCli(['build:pdf', dir, '--layout', LAYOUT, '--out', out, '--no-preview', '--final']);
    expect(r.stderr).not.toMatch(/preflight failed/);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'held-out', 'page.pdf'))).toBe(true);
  });
});

describe('pdfx: x4', () => {
  let opened: Awaited<ReturnType<typeof openPdf>>;
  let report: PreflightReport;
  let cli: ReturnType<typeof runCli>;
  beforeAll(async () => {
    const out = path.join(tmp, 'x4');
    cli = runCli(['build:pdf', dir, '--layout', await layoutWith('x4', 'pdfx: x4\n'), '--out', out, '--no-preview']);
    opened = await openPdf(path.join(out, 'held-out', 'page.pdf'));
    report = JSON.parse(await readFile(path.join(out, 'held-out', 'page.preflight.json'), 'utf8'));
  });
  afterAll(async () => {
    await opened?.doc.destroy();
  });

  it('identifies itself as PDF/X-4: PDF 1.6 at most, Info and the XMP pdfxid, trailer ID, Trapped', () => {
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/press: PDF\/X-4, output intent CGATS TR 002, .*preflight passed/);
    const head = Buffer.from(opened.bytes.subarray(0, 8)).toString('latin1');
    expect(head).toMatch(/^%PDF-1\.[3-6]$/);
    const { lib } = opened;
    expect(infoString(lib, 'GTS_PDFXVersion')).toBe('PDF/X-4');
    expect(infoString(lib, 'GTS_PDFXConformance')).toBeUndefined();
    expect(infoString(lib, 'Trapped')).toBe('False');
    const xmp = xmpOf(lib);
    expect(xmp).toMatch(/xmlns:pdfxid="http:\/\/www\.npes\.org\/pdfx\/ns\/id\/"/);
    expect(xmp).toMatch(/<pdfxid:GTS_PDFXVersion>PDF\/X-4<\/pdfxid:GTS_PDFXVersion>/);
    expect(xmp).toMatch(/<xmpMM:DocumentID>uuid:[0-9a-f-]{36}<\/xmpMM:DocumentID>/);
    expect(xmp).toMatch(/<xmpMM:VersionID>1<\/xmpMM:VersionID>/);
    expect(lib.context.trailerInfo.ID).toBeDefined();
    expect(report.standard).toMatchObject({ target: 'PDF/X-4', gtsPdfxVersion: 'PDF/X-4', xmp: { present: true, pdfxVersion: 'PDF/X-4' } });
  });

  it('has an output intent with the CMYK profile, boxes, embedded fonts, and no RGB anywhere', () => {
    const { lib } = opened;
    const intents = deref<import('pdf-lib').PDFArray>(lib, lib.catalog.get(PDFName.of('OutputIntents')));
    const intent = deref<PDFDict>(lib, intents.get(0));
    expect(String(intent.get(PDFName.of('S')))).toBe('/GTS_PDFX');
    expect(report.outputIntent?.profile).toMatchObject({ embedded: true, components: 4 });
    for (const p of lib.getPages()) expect(p.getTrimBox().width).toBeGreaterThan(0);
    expect(fonts(lib).filter((f) => !f.embedded)).toEqual([]);
    expect(colourOperators(lib).rg ?? 0).toBe(0);
    expect(colourOperators(lib).RG ?? 0).toBe(0);
    expect(colourSpacesInFile(lib).filter((s) => /RGB|ICCBased\/N3|CalRGB|Lab/.test(s))).toEqual([]);
    for (const img of images(lib)) expect(['/DeviceCMYK', '/DeviceGray']).toContain(img.colourSpace);
    expect(report.problems.filter((p) => p.error)).toEqual([]);
  });
});
